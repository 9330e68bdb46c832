package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.Standardization;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.optim.Optimizers;

/** The standardization layer: its arithmetic, untouched by training, carried by the model file. */
class StandardizeModelFileTest {

    static final double[] MEAN = {1, -2};
    static final double[] SCALE = {2, 0.25};

    @TempDir
    Path dir;

    static Sequential model(Backend b) {
        return Sequential.builder(b).input(2)
                .layer(LayerSpec.standardize(new Standardization(MEAN, SCALE)))
                .dense(3).activation(Activation.tanh()).dense(2).meanSquaredError()
                .build(new Rng(5));
    }

    @Test
    void computesXMinusMeanOverScaleOnEveryBackend() {
        for (String name : List.of("ejml", "commons", "nd4j")) {
            Backend b = Backends.get(name);
            LinearAlgebra la = b.linearAlgebra();
            Sequential only = Sequential.builder(b).input(2)
                    .layer(LayerSpec.standardize(new Standardization(MEAN, SCALE)))
                    .meanSquaredError().build(new Rng(0));
            // (3 − 1) / 2 = 1, (−1 − (−2)) / 0.25 = 4; (−1 − 1) / 2 = −1, (−2.5 + 2) / 0.25 = −2.
            assertArrayEquals(new double[] {1, 4, -1, -2},
                    only.forward(la.fromRowMajor(2, 2, 3, -1, -1, -2.5)).toRowMajor(), 0.0, name);
            assertTrue(only.parameters().isEmpty(), name);
        }
    }

    @Test
    void trainingLeavesItAloneAndTheFileCarriesIt() throws IOException {
        Backend ejml = Backends.get("ejml");
        Sequential model = model(ejml);
        double[] x = new Rng(1).gaussians(40);
        DataSet data = new DataSet(20, 2, 2, x, new Rng(2).gaussians(40));
        // Weight decay shrinks every parameter an optimizer is given, gradient or not.
        new Training(model, Optimizers.named("momentum", Map.of("learning_rate", 0.05,
                "momentum", 0.9, "weight_decay", 0.1))).epochs(5).batchSize(5)
                .fit(data, null, new Rng(3));
        Path file = dir.resolve("m.npz");
        ModelFile.save(model, file);
        SavedModel saved = ModelFile.load(file);
        assertArrayEquals(MEAN, saved.parameter("standardize0.mean"), 0.0);
        assertArrayEquals(SCALE, saved.parameter("standardize0.scale"), 0.0);
        assertEquals(model.spec(), saved.spec());
        for (String name : List.of("commons", "nd4j")) {
            Backend b = Backends.get(name);
            Sequential loaded = saved.toSequential(b);
            assertArrayEquals(model.forward(ejml.linearAlgebra().fromRowMajor(20, 2, x))
                    .toRowMajor(), loaded.forward(b.linearAlgebra().fromRowMajor(20, 2, x))
                    .toRowMajor(), 1e-12, name);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String json = new String(zip.getInputStream(zip.getEntry("model.json")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(json.contains("{\"type\": \"standardize\", \"features\": 2}"), json);
            assertTrue(json.contains("\"standardize0.scale.npy\": [2]"), json);
        }
    }

    @Test
    void sparkShipsItInTheSpecification() throws Exception {
        ModelSpec spec = model(Backends.get("ejml")).spec();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        try (ObjectInputStream in = new ObjectInputStream(new java.io.ByteArrayInputStream(
                bytes.toByteArray()))) {
            ModelSpec copy = (ModelSpec) in.readObject();
            assertEquals(spec, copy);
            assertArrayEquals(SCALE, ((LayerSpec.Standardize) copy.layers().get(0)).scale(), 0.0);
        }
    }

    @Test
    void refusesAHostileStandardization() throws IOException {
        Path good = dir.resolve("good.npz");
        ModelFile.save(model(Backends.get("ejml")), good);
        Path zero = rewrite(good, "zero.npz", (name, b) -> name.equals("standardize0.scale.npy")
                ? Npy.encode(new long[] {2}, new double[] {1, 0}) : b);
        String m = assertThrows(ModelFormatException.class, () -> ModelFile.load(zero))
                .getMessage();
        assertTrue(m.endsWith("zero.npz: the scale of column 1 is 0.0; it must be positive and"
                + " finite"), m);
        Path nan = rewrite(good, "nan.npz", (name, b) -> name.equals("standardize0.mean.npy")
                ? Npy.encode(new long[] {2}, new double[] {Double.NaN, 0}) : b);
        assertThrows(ModelFormatException.class, () -> ModelFile.load(nan));
        Path wide = rewrite(good, "wide.npz", (name, b) -> name.equals("model.json")
                ? new String(b, StandardCharsets.UTF_8).replace("\"features\": 2",
                "\"features\": 2147483647").getBytes(StandardCharsets.UTF_8) : b);
        m = assertThrows(ModelFormatException.class, () -> ModelFile.load(wide)).getMessage();
        assertTrue(m.contains("a standardization of 2147483647 features follows an input of"
                + " width 2"), m);
    }

    /** Copies a model file, entry by entry, through a function of each entry's bytes. */
    private Path rewrite(Path from, String name, BiFunction<String, byte[], byte[]> change)
            throws IOException {
        Path to = dir.resolve(name);
        try (ZipFile zip = new ZipFile(from.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(change.apply(e.getName(), zip.getInputStream(e).readAllBytes()));
                out.closeEntry();
            }
        }
        return to;
    }
}
