package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refusals of {@link ModelFile#read} that a reader could drop without another check noticing:
 * directory entries, an end record counting other entries than the model's, a limit on the
 * parameters that is not positive. The files are the valid model of
 * {@link ModelFileSafetyTest} (five dense layers: eleven entries) changed here by hand.
 */
class ModelFileRefusalsTest {

    @BeforeAll
    static void saveOne(@TempDir Path dir) throws IOException {
        ModelFileSafetyTest.saveOne(dir);
    }

    private static String failure(byte[] bytes) {
        return ModelFileSafetyTest.failure(bytes);
    }

    @Test
    void aDirectoryEntryIsRefusedAsSuch() throws IOException {
        Map<String, byte[]> withDirectory = new LinkedHashMap<>();
        Map<String, byte[]> entries = ModelFileSafetyTest.entries(
                ModelFileSafetyTest.description(), Map.of());
        withDirectory.put("model.json", entries.remove("model.json"));
        withDirectory.put("dense0.weights.npy/", new byte[0]);
        withDirectory.putAll(entries);
        assertEquals("model.npz: unexpected directory entry 'dense0.weights.npy/'",
                failure(ModelFileSafetyTest.zip(withDirectory, false)));

        Map<String, byte[]> first = new LinkedHashMap<>();
        first.put("model.json/", new byte[0]);
        first.putAll(ModelFileSafetyTest.entries(ModelFileSafetyTest.description(), Map.of()));
        assertEquals("model.npz: unexpected directory entry 'model.json/'",
                failure(ModelFileSafetyTest.zip(first, false)));
    }

    /**
     * The end record's two entry counts (this disk's, at offset 8, and the total, at 10) say
     * 10 where the model has 11 entries: everything before it reads, so only the count can
     * tell the file is not the one written.
     */
    @Test
    void anEndRecordCountingOtherEntriesIsRefused() throws IOException {
        byte[] valid = ModelFileSafetyTest.valid;
        ByteBuffer end = ByteBuffer.wrap(valid, valid.length - 22, 22).slice()
                .order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x06054b50, end.getInt(0), "the end record is the file's last 22 bytes");
        assertEquals(11, end.getShort(10), "model.json and two arrays for each of five layers");
        for (int count : new int[] {10, 12}) {
            byte[] bytes = valid.clone();
            ByteBuffer patched = ByteBuffer.wrap(bytes, bytes.length - 22, 22).slice()
                    .order(ByteOrder.LITTLE_ENDIAN);
            patched.putShort(8, (short) count).putShort(10, (short) count);
            String message = failure(bytes);
            assertTrue(message.startsWith("model.npz: corrupt zip end record: " + count
                    + " entries (the model has 11)"), message);
        }
        ModelFileSafetyTest.read(valid); // and the unpatched bytes read
    }

    @Test
    void aLimitOnTheParametersThatIsNotPositiveIsAnArgumentError() throws IOException {
        byte[] valid = ModelFileSafetyTest.valid;
        for (long limit : new long[] {0, -1, Long.MIN_VALUE}) {
            assertEquals("maxParameters must be positive, got " + limit,
                    assertThrows(IllegalArgumentException.class, () -> ModelFile.read(
                            new ByteArrayInputStream(valid), "model.npz", limit)).getMessage());
        }
        // A positive limit below the model's size is the file's fault, not the argument's.
        String tooSmall = assertThrows(ModelFormatException.class, () -> ModelFile.read(
                new ByteArrayInputStream(valid), "model.npz", 1)).getMessage();
        assertTrue(tooSmall.contains("more than the limit of 1 "), tooSmall);
    }
}
