package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;

class ModelFileTest {

    static final Provenance PROVENANCE = new Provenance("ejml", 42, "blobs",
            hyper("optimizer", "adam", "learning_rate", "0.001"), "test",
            Instant.parse("2026-01-31T12:00:00Z"));

    static Map<String, String> hyper(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static List<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name).toList();
    }

    /** Every activation kind, three dense layers, softmax cross-entropy. */
    static Sequential classifier(Backend backend, long seed) {
        return Sequential.builder(backend)
                .input(7)
                .dense(6).activation(Activation.tanh())
                .dense(5).activation(Activation.leakyRelu(0.125))
                .dense(5).activation(Activation.sigmoid())
                .dense(4).activation(Activation.relu()).activation(Activation.identity())
                .dense(3)
                .softmaxCrossEntropy()
                .build(new Rng(seed));
    }

    static double[] inputs(int rows, int cols, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = 2.0 * rng.nextGaussian();
        }
        return x;
    }

    @Test
    void savedOnEachBackendLoadsOnEveryOtherAndPredictsTheSame(@TempDir Path dir) throws IOException {
        List<String> names = backends();
        assertTrue(names.containsAll(List.of("ejml", "commons", "nd4j")), "backends: " + names);
        double[] x = inputs(50, 7, 3);
        double worst = 0.0;
        for (String from : names) {
            Backend source = Backends.get(from);
            Sequential original = classifier(source, 11);
            Path file = dir.resolve(from + ".npz");
            ModelFile.save(original, PROVENANCE, file);
            double[] expected = original.forward(source.linearAlgebra().fromRowMajor(50, 7, x))
                    .toRowMajor();
            int[] expectedClasses = original.predict(x, 50);
            for (String to : names) {
                Backend target = Backends.get(to);
                Sequential loaded = ModelFile.load(file, target);
                assertEquals(to, loaded.backend().name());
                assertEquals(original.describe(), loaded.describe());
                for (int k = 0; k < original.parameters().size(); k++) {
                    assertArrayEquals(original.parameters().get(k).value().toRowMajor(),
                            loaded.parameters().get(k).value().toRowMajor(),
                            from + " -> " + to + ": parameter " + k + " is bit for bit the same");
                }
                double[] actual = loaded.forward(target.linearAlgebra().fromRowMajor(50, 7, x))
                        .toRowMajor();
                for (int i = 0; i < actual.length; i++) {
                    worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
                }
                assertArrayEquals(expected, actual, 1e-12, from + " -> " + to);
                assertArrayEquals(expectedClasses, loaded.predict(x, 50), from + " -> " + to);
            }
        }
        // Reported by the build, for docs/model-files.md: the largest output difference across backends.
        System.err.println("ModelFileTest: largest output difference over "
                + names.size() * names.size() + " backend pairs: " + worst);
    }

    @Test
    void keepsArchitectureAndProvenance(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("m.npz");
        Sequential model = classifier(Backends.get("ejml"), 5);
        ModelFile.save(model, PROVENANCE, file);
        SavedModel loaded = ModelFile.load(file);
        assertEquals(PROVENANCE, loaded.provenance());
        assertEquals(model.spec(), loaded.spec());
        assertEquals(List.of(LayerSpec.dense(6), LayerSpec.activation(Activation.tanh()),
                LayerSpec.dense(5), LayerSpec.activation(Activation.leakyRelu(0.125)),
                LayerSpec.dense(5), LayerSpec.activation(Activation.sigmoid()),
                LayerSpec.dense(4), LayerSpec.activation(Activation.relu()),
                LayerSpec.activation(Activation.identity()), LayerSpec.dense(3)),
                loaded.spec().layers());
        assertEquals("softmax-cross-entropy", loaded.spec().loss());
        assertArrayEquals(model.parameters().get(2).value().toRowMajor(),
                loaded.parameter("dense1.weights"));
    }

    @Test
    void linearRegressionModelIsOneDenseLayerWithMeanSquaredError(@TempDir Path dir)
            throws IOException {
        double[] w = {3, 7, 4, 5, 2, 6};
        double[] b = {2, 9, 3};
        ModelSpec arch = new ModelSpec(2, List.of(LayerSpec.dense(3)),
                ModelSpec.MEAN_SQUARED_ERROR);
        Path file = dir.resolve("lr.npz");
        ModelFile.save(new SavedModel(arch, PROVENANCE, List.of(w, b)), file);
        for (String name : backends()) {
            Backend backend = Backends.get(name);
            Sequential model = ModelFile.load(file, backend);
            assertEquals("mean-squared-error", model.loss().name());
            LinearAlgebra la = backend.linearAlgebra();
            // x·W + b for x = [1, 10]: [3 + 50 + 2, 7 + 20 + 9, 4 + 60 + 3].
            assertArrayEquals(new double[] {55, 36, 67},
                    model.forward(la.fromRowMajor(1, 2, 1, 10)).toRowMajor(), name);
        }
    }

    @Test
    void npyHeaderIsNumpysVersionOneLayout() {
        byte[] bytes = Npy.encode(new long[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6});
        String header = new String(bytes, 10, 118, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
                + " ".repeat(58) + "\n", header);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0},
                java.util.Arrays.copyOf(bytes, 10));
        assertEquals(128 + 48, bytes.length);
        // 1.0 little-endian: 00 00 00 00 00 00 f0 3f
        assertEquals((byte) 0xf0, bytes[128 + 6]);
        assertEquals((byte) 0x3f, bytes[128 + 7]);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
                new String(Npy.encode(new long[] {3}, new double[3]), 10, 118,
                        StandardCharsets.US_ASCII).trim());
    }

    /** A stream that fails after a number of bytes, as a full disk or a killed process would. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long left) {
            super(out);
            this.left = left;
        }

        @Override
        public void write(int b) throws IOException {
            if (left-- <= 0) {
                throw new IOException("disk full (simulated)");
            }
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int i = 0; i < len; i++) {
                write(b[off + i]);
            }
        }
    }

    @Test
    void aSaveThatFailsMidwayLeavesThePreviousFileAndNoTemporary(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("model.npz");
        Sequential first = classifier(Backends.get("ejml"), 1);
        ModelFile.save(first, PROVENANCE, file);
        byte[] before = Files.readAllBytes(file);
        SavedModel second = SavedModel.of(classifier(Backends.get("ejml"), 2), PROVENANCE);
        for (long failAfter : new long[] {0, 1, 100, 1000, before.length / 2, before.length - 30}) {
            IOException e = assertThrows(IOException.class, () -> ModelFile.save(second, file,
                    out -> new FailingStream(out, failAfter)));
            assertEquals("disk full (simulated)", e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(file), "after failing at " + failAfter);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file is left");
            }
        }
        ModelFile.save(second, file);
        assertArrayEquals(second.parameters().get(0), ModelFile.load(file).parameters().get(0));
    }

    @Test
    void savingReplacesAnExistingFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.npz");
        Files.writeString(file, "old contents");
        Sequential model = classifier(Backends.get("ejml"), 3);
        ModelFile.save(model, PROVENANCE, file);
        assertArrayEquals(model.parameters().get(0).value().toRowMajor(),
                ModelFile.load(file).parameters().get(0));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theNumbersInTheFileAreTheModels(@TempDir Path dir) throws IOException {
        Backend backend = Backends.get("ejml");
        Sequential model = classifier(backend, 9);
        List<double[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(p.value().toRowMajor());
        }
        Path file = dir.resolve("m.npz");
        ModelFile.save(model, PROVENANCE, file);
        SavedModel loaded = ModelFile.load(file);
        for (int k = 0; k < values.size(); k++) {
            assertArrayEquals(values.get(k), loaded.parameters().get(k));
        }
        Matrix bias = model.parameters().get(1).value();
        assertEquals(1, bias.rows());
        assertArrayEquals(new long[] {6}, loaded.spec().parameterShapes().get(1).dimensions());
    }

    static Path seedInput(String name) {
        try {
            return Path.of(ModelFileTest.class.getResource("ModelFileFuzzTestInputs/load/" + name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void filesWrittenByPythonAndNumpyLoad() throws IOException {
        // make_seed_inputs.py: Python's zipfile, deflated; numpy's write_array with zip64 extras.
        for (String name : List.of("python-zipfile-deflated.npz", "numpy-written.npz",
                "valid-linear-regression.npz")) {
            SavedModel m = ModelFile.load(seedInput(name));
            assertArrayEquals(new double[] {3, 7, 4, 5, 2, 6}, m.parameter("dense0.weights"), name);
            assertArrayEquals(new double[] {2, 9, 3}, m.parameter("dense0.bias"), name);
            assertEquals("linear-regression", m.provenance().dataSet(), name);
        }
    }

    @Test
    void brokenSeedInputsGiveTheirErrors() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("truncated.npz", ": truncated");
        expected.put("bit-flipped.npz", "dense0.weights.npy: the .npy header has a byte 0x1a");
        expected.put("version-7.npz", "nn4j-model version 7 is not supported; this nn4j reads"
                + " version 1");
        expected.put("npy-header-65535.npz", ".npy header length 65535 exceeds the limit of 1024");
        expected.put("npy-shape-2pow31.npz", "shape dimension 2147483648 exceeds 2147483647");
        expected.put("npy-float32.npz", "dtype '<f4' does not match the file's precision, float64");
        expected.put("numpy-savez-without-description.npz", "the first entry is 'w.npy', not"
                + " model.json");
        expected.forEach((name, fragment) -> {
            String message = assertThrows(ModelFormatException.class,
                    () -> ModelFile.load(seedInput(name)), name).getMessage();
            assertTrue(message.contains(fragment), name + ": " + message);
        });
    }
}
