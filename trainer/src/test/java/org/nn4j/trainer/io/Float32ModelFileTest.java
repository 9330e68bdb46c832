package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.testing.Float32Backends;

/**
 * A float32 model's file: {@code '<f4'} arrays and {@code "precision": "float32"}, read back in
 * float32, bit for bit; a backend without float32 is refused naming the file, the backend and
 * the precision, with the way out; hostile float32 files are refused like float64 ones.
 */
class Float32ModelFileTest {

    static List<String> backends() {
        return Float32Backends.names().toList();
    }

    static Sequential classifier32(String name, long seed) {
        return ModelFileTest.classifier(Float32Backends.get(name).inPrecision(Precision.F32),
                seed);
    }

    /** The entries of a zip file, by name. */
    static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> map = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                map.put(e.getName(), in.readAllBytes());
            }
        }
        return map;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFloat32ModelIsSavedAsF4ArraysAndLoadsInFloat32BitForBit(String name, @TempDir Path dir)
            throws IOException {
        Sequential model = classifier32(name, 5);
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, ModelFileTest.PROVENANCE, file);
        Map<String, byte[]> entries = entries(Files.readAllBytes(file));
        String description = new String(entries.get("model.json"), StandardCharsets.UTF_8);
        assertTrue(description.contains("\n  \"precision\": \"float32\",\n"), description);
        SavedModel saved = SavedModel.of(model, ModelFileTest.PROVENANCE);
        for (ModelSpec.ArrayShape shape : saved.spec().parameterShapes()) {
            byte[] npy = entries.get(shape.name() + ".npy");
            String header = new String(npy, 10, 118, StandardCharsets.US_ASCII);
            assertTrue(header.startsWith("{'descr': '<f4', "), header);
            assertEquals(128 + 4 * shape.elements(), npy.length, shape.name());
        }

        SavedModel loaded = ModelFile.load(file);
        assertEquals(Precision.F32, loaded.precision());
        for (int k = 0; k < saved.parameters().size(); k++) {
            assertArrayEquals(saved.parameters().get(k), loaded.parameters().get(k));
        }
        // Given the backend in float64, the model comes back in its own precision.
        Backend b64 = Float32Backends.get(name);
        Predictor predictor = loaded.predictor(b64);
        assertEquals(Precision.F32, predictor.backend().precision());
        assertEquals(Precision.F32, ModelFile.load(file, b64).precision());
        double[] x = ModelFileTest.inputs(30, 7, 3);
        assertArrayEquals(model.predictor().predict(x, 30), predictor.predict(x, 30));
    }

    @Test
    void aFloat64FileHasNoPrecisionKeyAndF8Arrays(@TempDir Path dir) throws IOException {
        Sequential model = ModelFileTest.classifier(Float32Backends.get(backends().get(0)), 5);
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, ModelFileTest.PROVENANCE, file);
        Map<String, byte[]> entries = entries(Files.readAllBytes(file));
        assertFalse(new String(entries.get("model.json"), StandardCharsets.UTF_8)
                .contains("precision"));
        assertTrue(new String(entries.get("dense0.weights.npy"), 10, 20,
                StandardCharsets.US_ASCII).startsWith("{'descr': '<f8', "));
        assertEquals(Precision.F64, ModelFile.load(file).precision());
    }

    @Test
    void aBackendWithoutFloat32IsRefusedNamingTheFileTheBackendAndTheWayOut(@TempDir Path dir)
            throws IOException {
        Sequential model = classifier32(backends().get(0), 5);
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, ModelFileTest.PROVENANCE, file);
        Backend commons = Float32Backends.float64Only();
        String message = assertThrows(UnsupportedOperationException.class,
                () -> ModelFile.load(file, commons)).getMessage();
        assertEquals(file + ": the model is stored in float32 but backend 'commons' does not"
                + " compute in float32; it supports float64 only. Use a backend that computes in"
                + " float32, or convert the model explicitly with inPrecision(Precision.F64),"
                + " which widens every value exactly", message);

        // The way out: widened exactly, the same weights run in float64.
        SavedModel saved = ModelFile.load(file);
        SavedModel wide = saved.inPrecision(Precision.F64);
        assertSame(saved, saved.inPrecision(Precision.F32));
        assertEquals(Precision.F64, wide.precision());
        Sequential onCommons = wide.toSequential(commons);
        assertEquals(Precision.F64, onCommons.precision());
        for (int k = 0; k < model.parameters().size(); k++) {
            assertArrayEquals(model.parameters().get(k).value().toRowMajor(),
                    onCommons.parameters().get(k).value().toRowMajor());
        }
    }

    @Test
    void aFloat32ModelRefusesValuesThatAreNotFloats() {
        SavedModel saved = SavedModel.of(ModelFileTest.classifier(
                Float32Backends.get(backends().get(0)), 5), ModelFileTest.PROVENANCE);
        String message = assertThrows(IllegalArgumentException.class,
                () -> new SavedModel(saved.spec(), saved.provenance(), saved.parameters(),
                        Precision.F32)).getMessage();
        assertTrue(message.startsWith("dense0.weights[0] = ") && message.contains(
                "is not a float32 value; round the parameters (Precision.round) or keep the"
                        + " model in float64"), message);
        // Narrowing explicitly rounds.
        SavedModel narrow = saved.inPrecision(Precision.F32);
        assertEquals((float) saved.parameters().get(0)[0], narrow.parameters().get(0)[0], 0.0);
    }

    @Test
    void aFloat32FileWrittenByNumpyLoads() throws IOException {
        // The fuzz test's valid float32 seed: make_seed_inputs.py writes its arrays with numpy.
        SavedModel m;
        try (var in = getClass().getResourceAsStream(
                "ModelFileFuzzTestInputs/load/valid-float32-linear-regression.npz")) {
            m = ModelFile.read(in, "seed", ModelFile.DEFAULT_MAX_PARAMETERS);
        }
        assertEquals(Precision.F32, m.precision());
        assertArrayEquals(new double[] {3, 7, 4, 5, 2, 6}, m.parameter("dense0.weights"));
        assertArrayEquals(new double[] {2, 9, 3}, m.parameter("dense0.bias"));
    }

    // ------------------------------------------------------------ hostile float32 files

    private static byte[] validFloat32File(Path dir) throws IOException {
        Path file = dir.resolve("model.npz");
        ModelFile.save(classifier32(backends().get(0), 5), ModelFileTest.PROVENANCE, file);
        return Files.readAllBytes(file);
    }

    private static String failure(byte[] bytes) {
        return assertThrows(ModelFormatException.class,
                () -> ModelFileSafetyTest.read(bytes)).getMessage();
    }

    @Test
    void everyTruncationOfAFloat32FileIsAClearError(@TempDir Path dir) throws IOException {
        byte[] valid = validFloat32File(dir);
        for (int length = 0; length < valid.length; length += 2) {
            String message = failure(Arrays.copyOf(valid, length));
            assertTrue(message.startsWith("model.npz: "), message);
        }
    }

    @Test
    void anArrayOfTheOtherDtypeIsRefusedNamingBoth(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = entries(validFloat32File(dir));
        Map<String, byte[]> f8 = new LinkedHashMap<>(entries);
        f8.put("dense0.bias.npy", Npy.encode(new long[] {6}, new double[6]));
        assertEquals("model.npz: dense0.bias.npy: dtype '<f8' does not match the file's"
                + " precision, float32, whose arrays are '<f4'",
                failure(ModelFileSafetyTest.zip(f8, false)));

        Map<String, byte[]> f4InF64 = new LinkedHashMap<>(entries);
        String description = new String(entries.get("model.json"), StandardCharsets.UTF_8)
                .replace("\n  \"precision\": \"float32\",", "");
        f4InF64.put("model.json", description.getBytes(StandardCharsets.UTF_8));
        assertEquals("model.npz: dense0.weights.npy: dtype '<f4' does not match the file's"
                + " precision, float64, whose arrays are '<f8'",
                failure(ModelFileSafetyTest.zip(f4InF64, true)));
        // Stored, the zip's declared size already gives it away: 4 bytes a value, not 8.
        assertTrue(failure(ModelFileSafetyTest.zip(f4InF64, false)).startsWith("model.npz:"
                + " dense0.weights.npy: declared size 296 bytes does not fit shape (7, 6)"));
    }

    @Test
    void anUnknownPrecisionIsRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = entries(validFloat32File(dir));
        for (String bad : List.of("\"float16\"", "\"f32\"", "32", "null")) {
            Map<String, byte[]> e = new LinkedHashMap<>(entries);
            e.put("model.json", new String(entries.get("model.json"), StandardCharsets.UTF_8)
                    .replace("\"precision\": \"float32\"", "\"precision\": " + bad)
                    .getBytes(StandardCharsets.UTF_8));
            String message = failure(ModelFileSafetyTest.zip(e, false));
            assertTrue(message.startsWith("model.npz: model.json: precision is "), message);
            assertTrue(message.endsWith(": expected \"float32\" or \"float64\""), message);
        }
    }

    @Test
    void aDeclaredSizeThatDoesNotFitFloat32DataIsRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = entries(validFloat32File(dir));
        // A float64-sized entry in a float32 file: 8 bytes a value is more than the shape holds.
        Map<String, byte[]> e = new LinkedHashMap<>(entries);
        byte[] npy = entries.get("dense0.weights.npy");
        e.put("dense0.weights.npy", Arrays.copyOf(npy, npy.length + 4 * 42 + 2000));
        String message = failure(ModelFileSafetyTest.zip(e, false));
        assertTrue(message.startsWith("model.npz: dense0.weights.npy: declared size "), message);
        assertTrue(message.contains("(168 bytes of data and a header of at most 1034)"), message);
        // Short data: truncated, counted in float32's 4 bytes.
        e.put("dense0.weights.npy", Arrays.copyOf(npy, npy.length - 6));
        assertEquals("model.npz: dense0.weights.npy: truncated data: shape needs 168 bytes, the"
                + " entry holds 162", failure(ModelFileSafetyTest.zip(e, true)));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void numpyReadsAFloat32ModelAsFloat32WithTheSameValues(String name, @TempDir Path dir)
            throws Exception {
        Sequential model = classifier32(name, 4);
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, ModelFileTest.PROVENANCE, file);
        String out = NumpyReadsModelTest.run(file);
        SavedModel saved = SavedModel.of(model, ModelFileTest.PROVENANCE);
        List<String> lines = new ArrayList<>();
        for (ModelSpec.ArrayShape shape : saved.spec().parameterShapes()) {
            StringBuilder sb = new StringBuilder(shape.name()).append(" <f4 ")
                    .append(shape.numpyShape()).append(" True");
            for (double v : saved.parameter(shape.name())) {
                sb.append(' ').append(NumpyReadsModelTest.pythonHex(v));
            }
            lines.add(sb.toString());
        }
        lines.sort(null);
        String[] printed = out.strip().split("\n");
        assertEquals("nn4j-model 1", printed[1]);
        assertEquals(String.join("\n", lines),
                String.join("\n", Arrays.asList(printed).subList(2, printed.length)));
    }
}
