package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.api.Backends;

/**
 * The acceptance tests of a hostile or damaged model file: each gives a
 * {@link ModelFormatException} naming the fault, never another exception, and loading
 * allocates within the documented bound (measured with the thread's allocation counter).
 */
class ModelFileSafetyTest {

    static byte[] valid;
    static SavedModel original;

    @BeforeAll
    static void saveOne(@TempDir Path dir) throws IOException {
        original = SavedModel.of(ModelFileTest.classifier(Backends.get("ejml"), 1),
                ModelFileTest.PROVENANCE);
        Path file = dir.resolve("model.npz");
        ModelFile.save(original, file);
        valid = Files.readAllBytes(file);
    }

    static SavedModel read(byte[] bytes) throws IOException {
        return ModelFile.read(new ByteArrayInputStream(bytes), "model.npz",
                ModelFile.DEFAULT_MAX_PARAMETERS);
    }

    static String failure(byte[] bytes) {
        return assertThrows(ModelFormatException.class, () -> read(bytes)).getMessage();
    }

    /** The description of the valid file, as text. */
    static String description() {
        return ModelJson.write(original.spec(), original.precision(), original.provenance());
    }

    /** A zip of the given entries, in order, stored or deflated. */
    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** The valid model's entries, with some replaced. */
    static Map<String, byte[]> entries(String description, Map<String, byte[]> replaced) {
        Map<String, byte[]> map = new LinkedHashMap<>();
        map.put("model.json", description.getBytes(StandardCharsets.UTF_8));
        List<ModelSpec.ArrayShape> shapes = original.spec().parameterShapes();
        for (int k = 0; k < shapes.size(); k++) {
            map.put(shapes.get(k).name() + ".npy", Npy.encode(shapes.get(k).dimensions(),
                    original.parameters().get(k)));
        }
        map.putAll(replaced);
        return map;
    }

    static byte[] npyWithHeader(int major, int headerLength, String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0})
                .putShort((short) headerLength).put(h);
        return b.array();
    }

    /** Bytes allocated by this thread while running the action (HotSpot's counter). */
    static long allocated(ThrowingRunnable action) throws Exception {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        action.run();
        return bean.getCurrentThreadAllocatedBytes() - before;
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void theValidFileLoads() throws IOException {
        SavedModel m = read(valid);
        for (int k = 0; k < m.parameters().size(); k++) {
            assertArrayEquals(original.parameters().get(k), m.parameters().get(k));
        }
    }

    @Test
    void everyTruncationIsAClearError() {
        // Every length near the start and the end (the zip directory), every third between.
        for (int length = 0; length < valid.length; length += length < 128
                || length > valid.length - 128 ? 1 : 3) {
            byte[] cut = Arrays.copyOf(valid, length);
            String message = failure(cut);
            assertTrue(message.startsWith("model.npz: "), message);
        }
        assertEquals("model.npz: not a model file: no zip entries (an nn4j model is a .npz zip"
                + " archive starting with model.json)", failure(new byte[0]));
        assertTrue(failure(Arrays.copyOf(valid, valid.length - 1)).contains("end-of-central-directory"));
    }

    @Test
    void everySingleBitFlipIsAnErrorOrChangesNothing() throws IOException {
        int errors = 0;
        for (int i = 0; i < valid.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = valid.clone();
                flipped[i] ^= (byte) (1 << bit);
                SavedModel m;
                try {
                    m = read(flipped);
                } catch (ModelFormatException e) {
                    errors++;
                    continue;
                } catch (RuntimeException | IOException e) {
                    throw new AssertionError("byte " + i + " bit " + bit + ": " + e, e);
                }
                // Bits no reader uses (a file time, the zip directory's copies) may flip harmlessly.
                assertEquals(original.spec(), m.spec(), "byte " + i + " bit " + bit);
                assertEquals(original.provenance(), m.provenance(), "byte " + i + " bit " + bit);
                for (int k = 0; k < m.parameters().size(); k++) {
                    assertArrayEquals(original.parameters().get(k), m.parameters().get(k),
                            "byte " + i + " bit " + bit);
                }
            }
        }
        assertTrue(errors > valid.length * 8 / 2, errors + " of " + valid.length * 8
                + " flips were caught: CRCs guard every entry");
    }

    @Test
    void anUnknownVersionIsRefusedByName() throws IOException {
        String v7 = description().replace("\"version\": 1,", "\"version\": 7,");
        assertEquals("model.npz: model.json: nn4j-model version 7 is not supported; this nn4j"
                + " reads version 1", failure(zip(entries(v7, Map.of()), false)));
        String other = description().replace("\"nn4j-model\"", "\"keras\"");
        assertEquals("model.npz: model.json: format is \"keras\": this is not an nn4j model; the"
                + " format must be \"nn4j-model\"", failure(zip(entries(other, Map.of()), false)));
    }

    @Test
    void anOversizedNpyHeaderIsRefusedBeforeItIsRead() throws Exception {
        byte[] huge = npyWithHeader(1, 65535, "", 400);
        byte[] file = zip(entries(description(), Map.of("dense0.weights.npy", huge)), false);
        long bytes = allocated(() -> assertEquals("model.npz: dense0.weights.npy: .npy header"
                + " length 65535 exceeds the limit of 1024 bytes", failure(file)));
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated");
    }

    @Test
    void anAstronomicalShapeIsRefusedWithoutAllocatingIt() throws Exception {
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2147483648, 2147483648), }\n";
        byte[] npy = npyWithHeader(1, header.length(), header, 336);
        byte[] file = zip(entries(description(), Map.of("dense0.weights.npy", npy)), false);
        long bytes = allocated(() -> assertEquals("model.npz: dense0.weights.npy: shape dimension"
                + " 2147483648 exceeds 2147483647", failure(file)));
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated");

        String wrong = "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 5), }\n";
        assertEquals("model.npz: dense0.weights.npy: shape (7, 5) does not match the"
                + " architecture, which needs (7, 6)", failure(zip(entries(description(),
                Map.of("dense0.weights.npy", npyWithHeader(1, wrong.length(), wrong, 280))), false)));
    }

    @Test
    void aHugeArchitectureIsRefusedBeforeAnyArrayIsRead() throws Exception {
        String big = description().replace("\"input\": 7", "\"input\": 2000000000")
                .replace("\"dense0.weights.npy\": [7, 6]", "\"dense0.weights.npy\": [2000000000, 6]");
        byte[] file = zip(entries(big, Map.of()), false);
        long bytes = allocated(() -> assertTrue(failure(file).contains("has 12000000110 parameters,"
                + " more than the limit of 16777216"), failure(file)));
        assertTrue(bytes < 4 << 20, bytes + " bytes allocated");
    }

    @Test
    void aZipBombInflatesNoFurtherThanTheShape() throws Exception {
        // 64 MiB of zeros deflate to about 64 KiB; the shape needs 7·6·8 = 336 bytes.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries(description(), Map.of()).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                if (e.getKey().equals("dense0.weights.npy")) {
                    byte[] zeros = new byte[1 << 20];
                    for (int i = 0; i < 64; i++) {
                        zip.write(zeros);
                    }
                }
                zip.closeEntry();
            }
        }
        byte[] file = bomb.toByteArray();
        assertTrue(file.length < 1 << 20, file.length + " bytes");
        long bytes = allocated(() -> assertEquals("model.npz: dense0.weights.npy: trailing bytes"
                + " after the 42 elements of shape (7, 6)", failure(file)));
        assertTrue(bytes < 1 << 20, bytes + " bytes allocated for a 64 MiB bomb");
    }

    @Test
    void aLyingZipSizeIsRefused() throws IOException {
        byte[] file = zip(entries(description(), Map.of()), false);
        // Patch the uncompressed size of dense0.weights.npy's local header to 2^31 - 1.
        int at = localHeader(file, "dense0.weights.npy");
        assertEquals(0x04034b50, ByteBuffer.wrap(file, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(at + 22, Integer.MAX_VALUE);
        assertEquals("model.npz: dense0.weights.npy: declared size 2147483647 bytes does not fit"
                + " shape (7, 6) (336 bytes of data and a header of at most 1034)", failure(file));

        byte[] desc = zip(entries(description(), Map.of()), false);
        ByteBuffer.wrap(desc).order(ByteOrder.LITTLE_ENDIAN).putInt(22, 1 << 30);
        assertEquals("model.npz: model.json: declared size 1073741824 bytes exceeds the limit of"
                + " 65536", failure(desc));
    }

    @Test
    void npyHeadersAreCheckedField()  throws IOException {
        String f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (7, 6), }\n";
        assertEquals("model.npz: dense0.weights.npy: dtype '<f4' does not match the file's"
                + " precision, float64, whose arrays are '<f8'", failure(npyEntry(1, f4)));
        String f2 = "{'descr': '<f2', 'fortran_order': False, 'shape': (7, 6), }\n";
        assertEquals("model.npz: dense0.weights.npy: dtype '<f2' is not supported; nn4j reads"
                + " '<f8' (little-endian float64) and '<f4' (little-endian float32)",
                failure(npyEntry(1, f2)));
        String big = "{'descr': '>f8', 'fortran_order': False, 'shape': (7, 6), }\n";
        assertTrue(failure(npyEntry(1, big)).contains("dtype '>f8' is not supported"));
        String fortran = "{'descr': '<f8', 'fortran_order': True, 'shape': (7, 6), }\n";
        assertEquals("model.npz: dense0.weights.npy: fortran_order is True; nn4j reads C order"
                + " (False) only", failure(npyEntry(1, fortran)));
        String good = "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 6), }\n";
        assertEquals("model.npz: dense0.weights.npy: .npy format version 2.0 is not supported;"
                + " nn4j reads version 1.0", failure(npyEntry(2, good)));
        String extra = "{'descr': '<f8', 'fortran_order': False, 'shape': (7, 6), 'x': 'y'}\n";
        assertTrue(failure(npyEntry(1, extra)).contains("must have exactly the keys"));
        byte[] noMagic = Npy.encode(new long[] {7, 6}, new double[42]);
        noMagic[1] = 'X';
        assertEquals("model.npz: dense0.weights.npy: not a .npy array (the magic \\x93NUMPY is"
                + " missing; first bytes 93 58 55 4d 50 59)", failure(zip(entries(description(),
                Map.of("dense0.weights.npy", noMagic)), false)));
    }

    private static byte[] npyEntry(int major, String header) throws IOException {
        return zip(entries(description(), Map.of("dense0.weights.npy",
                npyWithHeader(major, header.length(), header, 336))), false);
    }

    @Test
    void entriesMustBeTheArchitecturesOnce() throws IOException {
        Map<String, byte[]> missing = entries(description(), Map.of());
        missing.remove("dense4.bias.npy");
        assertEquals("model.npz: missing entry dense4.bias.npy of the architecture 7 -> dense 6"
                + " -> tanh -> dense 5 -> leaky-relu(0.125) -> dense 5 -> sigmoid -> dense 4 -> relu"
                + " -> identity -> dense 3 -> softmax-cross-entropy", failure(zip(missing, false)));
        Map<String, byte[]> extra = entries(description(), Map.of("evil.npy", new byte[10]));
        assertTrue(failure(zip(extra, false)).startsWith("model.npz: unexpected entry 'evil.npy'"));
        Map<String, byte[]> late = new LinkedHashMap<>(entries(description(), Map.of()));
        byte[] json = late.remove("model.json");
        late.put("model.json", json);
        assertEquals("model.npz: the first entry is 'dense0.weights.npy', not model.json; this is"
                + " not an nn4j model file", failure(zip(late, false)));
    }

    @Test
    void theDescriptionIsReadStrictly() throws IOException {
        assertEquals("model.npz: model.json: architecture.layers[2].units is 0: expected an integer"
                + " from 1 to 2147483647", failure(zip(entries(description().replaceFirst(
                "\"units\": 5}", "\"units\": 0}"), Map.of()), false)));
        assertEquals("model.npz: model.json: architecture.layers[1].function is \"swish\": expected"
                + " identity, relu, leaky-relu, sigmoid or tanh", failure(zip(entries(description()
                .replace("\"tanh\"", "\"swish\""), Map.of()), false)));
        assertTrue(failure(zip(entries(description().replace("\"seed\": 42", "\"seed\": 42,"
                + " \"seed\": 43"), Map.of()), false)).contains("key \"seed\" appears twice"));
        assertTrue(failure(zip(entries(description().replace("\"seed\": 42", "\"seed\": 42,"
                + " \"colour\": \"red\""), Map.of()), false)).contains("unknown key \"colour\""));
        assertTrue(failure(zip(entries(description().replace("\"seed\": 42", "\"seed\": NaN"),
                Map.of()), false)).contains("malformed JSON"));
        assertEquals("model.npz: model.json: architecture.layers[3].negative_slope is 1.5: expected"
                + " a number in [0, 1)", failure(zip(entries(description().replace("0.125", "1.5"),
                Map.of()), false)));
        assertEquals("model.npz: model.json: provenance.created is \"yesterday\": expected an"
                + " ISO-8601 instant such as 2026-01-31T12:00:00Z", failure(zip(entries(description()
                .replace("2026-01-31T12:00:00Z", "yesterday"), Map.of()), false)));
    }

    @Test
    void loadingAFileThatIsNotAZipNamesIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "hello");
        String message = assertThrows(ModelFormatException.class, () -> ModelFile.load(file))
                .getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        Path idx = dir.resolve("x.npz");
        try (OutputStream out = Files.newOutputStream(idx)) {
            out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 42});
        }
        assertThrows(ModelFormatException.class, () -> ModelFile.load(idx));
    }

    /** The offset of an entry's local header: its signature, 26 bytes, then its name. */
    static int localHeader(byte[] zip, String name) {
        byte[] needle = name.getBytes(StandardCharsets.US_ASCII);
        for (int from = 0; ; ) {
            int i = indexOf(Arrays.copyOfRange(zip, from, zip.length), needle) + from;
            if (i >= 30 && zip[i - 30] == 'P' && zip[i - 29] == 'K' && zip[i - 28] == 3
                    && zip[i - 27] == 4) {
                return i - 30;
            }
            from = i + 1;
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        fail("not found");
        return -1;
    }
}
