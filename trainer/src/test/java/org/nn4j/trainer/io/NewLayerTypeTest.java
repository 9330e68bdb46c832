package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;

/**
 * A layer type added in one place: the record {@link Scale} below (and the one line that
 * registers its reader). The builder, the model, the model file and Java serialization (what
 * Spark ships) take it with no change anywhere else.
 */
class NewLayerTypeTest {

    /** {@code y = factor · x}: a layer type nn4j does not have. */
    record Scale(double factor) implements LayerSpec {
        static {
            LayerSpec.register("scale", s -> new Scale(s.fraction("factor")));
        }

        @Override
        public String type() {
            return "scale";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("factor", factor);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }

        @Override
        public Layer create(Backend backend, int inputWidth, Rng rng) {
            return new ScaleLayer(backend.linearAlgebra(), inputWidth, factor);
        }

        @Override
        public String describe() {
            return "scale " + factor;
        }
    }

    @TempDir
    Path dir;

    @Test
    void aLayerTypeAddedInOnePlaceIsBuiltSavedLoadedAndShipped() throws Exception {
        Backend backend = Backends.get("ejml");
        Sequential model = Sequential.builder(backend).input(3).dense(4).layer(new Scale(0.25))
                .dense(2).meanSquaredError().build(new Rng(1));
        assertEquals("3 -> dense 4 -> scale 0.25 -> dense 2 -> mean-squared-error",
                model.describe());
        LinearAlgebra la = backend.linearAlgebra();
        Matrix x = la.fromRowMajor(2, 3, 1, 2, 3, -1, 0.5, 2);
        double[] expected = model.forward(x).toRowMajor();

        Path file = dir.resolve("scaled.npz");
        ModelFile.save(model, file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(json.contains("{\"type\": \"scale\", \"factor\": 0.25}"), json);
        }
        Sequential loaded = ModelFile.load(file, Backends.get("commons"));
        assertEquals(model.spec(), loaded.spec());
        assertArrayEquals(expected, loaded.forward(Backends.get("commons").linearAlgebra()
                .fromRowMajor(2, 3, 1, 2, 3, -1, 0.5, 2)).toRowMajor(), 1e-12);

        ModelSpec shipped = roundTrip(model.spec());
        assertEquals(model.spec(), shipped);
        Sequential rebuilt = shipped.build(backend, new Rng(1));
        assertArrayEquals(expected, rebuilt.forward(x).toRowMajor(), 0.0);

        // Back-propagation goes through it: with a zero target the loss is quadratic in the
        // factor, so halving the factor quarters the first dense layer's gradient.
        double[] quarter = firstGradient(backend, 0.25);
        double[] whole = firstGradient(backend, 0.5);
        for (int i = 0; i < quarter.length; i++) {
            assertEquals(whole[i] / 4, quarter[i], 1e-12);
        }
    }

    private static double[] firstGradient(Backend backend, double factor) {
        Sequential m = Sequential.builder(backend).input(3).dense(2).layer(new Scale(factor))
                .meanSquaredError().build(new Rng(2));
        LinearAlgebra la = backend.linearAlgebra();
        m.computeGradients(la.fromRowMajor(1, 3, 1, 2, 3), la.zeros(1, 2));
        return m.parameters().get(0).gradient().toRowMajor();
    }

    private static ModelSpec roundTrip(ModelSpec spec) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ModelSpec) in.readObject();
        }
    }

    /** The layer itself, written against the api's {@link Layer} and {@link LinearAlgebra}. */
    private static final class ScaleLayer implements Layer {
        private final LinearAlgebra la;
        private final int width;
        private final double factor;

        ScaleLayer(LinearAlgebra la, int width, double factor) {
            this.la = la;
            this.width = width;
            this.factor = factor;
        }

        @Override
        public int inputSize() {
            return width;
        }

        @Override
        public int outputSize() {
            return width;
        }

        @Override
        public Matrix forward(Matrix input) {
            Matrix out = la.zeros(input.rows(), width);
            la.scale(factor, input, out);
            return out;
        }

        @Override
        public Matrix backward(Matrix outputGradient) {
            Matrix in = la.zeros(outputGradient.rows(), width);
            la.scale(factor, outputGradient, in);
            return in;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of();
        }
    }
}
