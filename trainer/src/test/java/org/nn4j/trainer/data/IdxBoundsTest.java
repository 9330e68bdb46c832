package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nn4j.trainer.data.IdxTest.failure;
import static org.nn4j.trainer.data.IdxTest.gzip;
import static org.nn4j.trainer.data.IdxTest.idx;
import static org.nn4j.trainer.data.IdxTest.read;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IDX files at the ends of what is read: rank 1 and 4, empty dimensions, the largest declared
 * size, a first item count cut by a limit, more data than one read chunk (64 KiB), and gzip
 * data cut or followed by more. The files are built byte by byte with {@link IdxTest#idx}.
 */
class IdxBoundsTest {

    @TempDir
    Path dir;

    private Path file(byte[] bytes) throws IOException {
        Path f = dir.resolve("f.idx");
        Files.write(f, bytes);
        return f;
    }

    @Test
    void ranksOneToFourAreReadAndFiveIsNot() throws IOException {
        assertArrayEquals(new int[] {3}, read(idx(8, new int[] {3}, new byte[3])).dimensions());
        byte[] sixteen = new byte[16];
        sixteen[15] = (byte) 129;
        IdxArray four = read(idx(8, new int[] {2, 2, 2, 2}, sixteen));
        assertEquals(4, four.rank());
        assertEquals(129, four.unsigned(15));
        assertEquals("test.idx: IDX rank 5 is out of range 1..4",
                failure(idx(8, new int[] {1, 1, 1, 1, 1}, new byte[1])));
        assertEquals("test.idx: not an IDX file (first bytes 00 01, expected 00 00)",
                failure(new byte[] {0, 1, 8, 1, 0, 0, 0, 0}));
    }

    @Test
    void emptyDimensionsHoldNoElements() throws IOException {
        IdxArray none = read(idx(8, new int[] {0, 28}, new byte[0]));
        assertArrayEquals(new int[] {0, 28}, none.dimensions());
        assertEquals(0, none.size());
        assertEquals(0, read(idx(8, new int[] {5, 0}, new byte[0])).size());
        assertEquals("test.idx: trailing bytes after the 0 declared elements",
                failure(idx(8, new int[] {0}, new byte[1])));
    }

    /** 2^31 - 9 elements is the most declared (a Java array's bound); one more is refused. */
    @Test
    void theLargestDeclaredSizeIsAJavaArrays() throws IOException {
        assertArrayEquals(new int[] {Integer.MAX_VALUE - 8},
                Idx.dimensions(file(idx(8, new int[] {Integer.MAX_VALUE - 8}, new byte[0]))));
        assertEquals("test.idx: declared size exceeds 2147483639 elements",
                failure(idx(8, new int[] {Integer.MAX_VALUE - 7}, new byte[0])));
        // 46341² = 2147488281 > 2^31 - 9: the product is checked, not each dimension.
        assertEquals("test.idx: declared size exceeds 2147483639 elements",
                failure(idx(8, new int[] {46341, 46341}, new byte[0])));
    }

    /** A limit keeps the first items and reads no further; at or over the count, all is read. */
    @Test
    void aLimitKeepsTheFirstItems() throws IOException {
        byte[] six = {1, 2, 3, 4, 5, 6};
        // Three items of two; trailing bytes after them are not read under a limit.
        byte[] withExtra = idx(8, new int[] {3, 2}, Arrays.copyOf(six, 7));
        IdxArray two = Idx.read(file(withExtra), 2);
        assertArrayEquals(new int[] {2, 2}, two.dimensions());
        assertEquals(4, two.size());
        assertEquals(4, two.unsigned(3));
        assertEquals(file(withExtra) + ": trailing bytes after the 6 declared elements",
                assertThrows(IdxFormatException.class, () -> Idx.read(file(withExtra), 3))
                        .getMessage());
        IdxArray all = Idx.read(file(idx(8, new int[] {3, 2}, six)), 4);
        assertArrayEquals(new int[] {3, 2}, all.dimensions());
        assertEquals(6, all.unsigned(5));
        assertArrayEquals(new int[] {3, 2}, Idx.dimensions(file(withExtra)));
    }

    /** 200,000 elements: more than three of the reader's 64 KiB chunks, raw and gzip. */
    @Test
    void manyElementsAreReadAcrossChunks() throws IOException {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + i / 256);
        }
        byte[] raw = idx(8, new int[] {200_000}, data);
        for (byte[] f : new byte[][] {raw, gzip(raw)}) {
            IdxArray a = read(f);
            for (int i : new int[] {0, 65_535, 65_536, 131_072, 199_999}) {
                assertEquals(data[i] & 0xFF, a.unsigned(i), "element " + i);
            }
        }
        // The header of rank 1 is 8 bytes; 150,000 elements follow.
        assertEquals("test.idx: truncated: the header declares 200000 elements, the file holds"
                + " 150000", failure(Arrays.copyOf(raw, 8 + 150_000)));
    }

    @Test
    void gzipDataCutOrLongerThanDeclaredAreRefused() throws IOException {
        byte[] raw = idx(8, new int[] {4}, new byte[] {1, 2, 3, 4});
        byte[] longer = idx(8, new int[] {4}, new byte[] {1, 2, 3, 4, 5});
        assertEquals("test.idx: the gzip data inflate to more than the 4 elements the header"
                + " declares (trailing bytes, or corrupt gzip data)", failure(gzip(longer)));
        byte[] gz = gzip(raw);
        // The gzip header alone (10 bytes): the IDX header is cut inside the deflated data.
        String cut = failure(Arrays.copyOf(gz, 10));
        assertEquals(true, cut.startsWith("test.idx: truncated"), cut);
        assertEquals("test.idx: truncated gzip header", failure(Arrays.copyOf(gz, 5)));
    }
}
