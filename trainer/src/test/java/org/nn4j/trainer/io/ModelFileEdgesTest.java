package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;

/**
 * A model file at the edges of saving and loading: a re-save keeps the replaced file's
 * permissions, a limit equal to the parameter count loads, a file read from a stream that
 * gives one byte at a time (a pipe) loads, and every entry carries the provenance's time.
 * The model is input 2, dense 3, softmax cross-entropy: 2·3 + 3 = 9 parameters.
 */
class ModelFileEdgesTest {

    @TempDir
    Path dir;

    private Path saved() throws IOException {
        Sequential model = Sequential.builder(Backends.get("ejml")).input(2).dense(3)
                .softmaxCrossEntropy().build(new Rng(1));
        Path file = dir.resolve("m.npz");
        ModelFile.save(model, file);
        return file;
    }

    @Test
    void aResaveKeepsTheReplacedFilesPermissions() throws IOException {
        Path file = saved();
        assumeTrue(Files.getFileStore(file).supportsFileAttributeView(PosixFileAttributeView.class));
        for (String mode : new String[] {"rw-r-----", "rw-------", "rwxr-xr--"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            ModelFile.save(ModelFile.load(file), file);
            assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    void aLimitEqualToTheParameterCountLoads() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        assertEquals(9, ModelFile.read(new ByteArrayInputStream(bytes), "m", 9).spec()
                .parameterCount());
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class,
                () -> ModelFile.read(new ByteArrayInputStream(bytes), "m", 8));
        assertEquals("m: model.json: the architecture 2 -> dense 3 -> softmax-cross-entropy has"
                + " 9 parameters, more than the limit of 8 (ModelFile.load(file, maxParameters)"
                + " raises it)", e.getMessage());
    }

    /** A stream that gives one byte a read and says none are available, as a pipe may. */
    private static final class Trickle extends InputStream {
        private final byte[] bytes;
        private int at;

        Trickle(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            int c = read();
            if (c < 0) {
                return -1;
            }
            b[off] = (byte) c;
            return 1;
        }

        @Override
        public int available() {
            return 0;
        }
    }

    @Test
    void aFileGivenOneByteAtATimeLoads() throws IOException {
        byte[] bytes = Files.readAllBytes(saved());
        SavedModel whole = ModelFile.read(new ByteArrayInputStream(bytes), "m", 100);
        SavedModel trickled = ModelFile.read(new Trickle(bytes), "m", 100);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(whole.parameters().get(k), trickled.parameters().get(k));
        }
    }

    /**
     * Each entry's time is the provenance's, here 2020-01-02T03:04:06Z (zip times have a
     * resolution of 2 seconds and are read back in the local time zone, as written).
     */
    @Test
    void everyEntryCarriesTheProvenancesTime() throws IOException {
        SavedModel model = ModelFile.load(saved());
        java.time.Instant created = java.time.Instant.parse("2020-01-02T03:04:06Z");
        Provenance p = model.provenance();
        Path file = dir.resolve("dated.npz");
        ModelFile.save(new SavedModel(model.spec(), new Provenance(p.backend(), p.seed(),
                p.dataSet(), p.hyperparameters(), p.nn4jVersion(), created),
                model.parameters(), model.precision()), file);
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; entries++) {
                assertEquals(created.toEpochMilli(), e.getTime(), e.getName());
            }
        }
        assertEquals(3, entries);
    }

    /** A saved model's arrays must be the architecture's: 2 of them, of 6 and 3 values. */
    @Test
    void aSavedModelsArraysMustFitItsArchitecture() throws IOException {
        SavedModel model = ModelFile.load(saved());
        assertEquals("the architecture 2 -> dense 3 -> softmax-cross-entropy has 2 arrays, got 1",
                assertThrows(IllegalArgumentException.class, () -> new SavedModel(model.spec(),
                        model.provenance(), java.util.List.of(new double[6]))).getMessage());
        assertEquals("dense0.weights has shape (2, 3), 6 values, got 5",
                assertThrows(IllegalArgumentException.class, () -> new SavedModel(model.spec(),
                        model.provenance(), java.util.List.of(new double[5], new double[3])))
                        .getMessage());
        assertEquals(3, model.parameter("dense0.bias").length);
        String m = assertThrows(IllegalArgumentException.class, () -> model.parameter("nope"))
                .getMessage();
        assertEquals(true, m.startsWith("no array 'nope' in ["), m);
    }

    /** The entries of a saved model, in order, each as stored. */
    private java.util.Map<String, byte[]> entries() throws IOException {
        java.util.Map<String, byte[]> map = new java.util.LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(saved()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                map.put(e.getName(), zip.readAllBytes());
            }
        }
        return map;
    }

    private static byte[] zip(java.util.Map<String, byte[]> entries) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
                ModelFile.putStored(zip, e.getKey(), e.getValue(), 0);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The bias (shape (3,), 24 bytes of data) with the longest header allowed, 1024 bytes: its
     * stored size, 10 + 1024 + 24, is the most an entry of that shape may declare.
     */
    @Test
    void anEntryWithTheLongestHeaderLoads() throws IOException {
        java.util.Map<String, byte[]> entries = entries();
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }";
        String header = dict + " ".repeat(1023 - dict.length()) + "\n";
        java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
        npy.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0, 4});
        npy.writeBytes(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        java.nio.ByteBuffer data = java.nio.ByteBuffer.allocate(24)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(-2).putDouble(4);
        npy.writeBytes(data.array());
        assertEquals(10 + 1024 + 24, npy.size());
        entries.put("dense0.bias.npy", npy.toByteArray());
        SavedModel read = ModelFile.read(new ByteArrayInputStream(zip(entries)), "m", 100);
        assertArrayEquals(new double[] {1, -2, 4}, read.parameter("dense0.bias"));
    }

    /** An entry of the architecture twice is named as such (the name is patched in the bytes). */
    @Test
    void anEntryTwiceIsNamedAsSuch() throws IOException {
        java.util.Map<String, byte[]> entries = entries();
        entries.put("dense0.bias.npX", entries.get("dense0.bias.npy"));
        String text = new String(zip(entries), java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("dense0.bias.npX", "dense0.bias.npy");
        byte[] twice = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("m: entry 'dense0.bias.npy' appears twice", assertThrows(
                ModelFormatException.class, () -> ModelFile.read(new ByteArrayInputStream(twice),
                        "m", 100)).getMessage());
    }

    @Test
    void aMissingFileIsNotAFormatError() {
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> ModelFile.load(dir.resolve("absent.npz")));
    }
}
