package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    /** An IDX file written by hand: zero bytes, type, rank, big-endian dimensions, data. */
    static byte[] idx(int type, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }

    static IdxArray read(byte[] b) throws IOException {
        return Idx.read(new ByteArrayInputStream(b), "test.idx");
    }

    static String failure(byte[] b) {
        return assertThrows(IdxFormatException.class, () -> read(b)).getMessage();
    }

    @Test
    void readsRawAndGzipAlike() throws IOException {
        byte[] raw = idx(0x08, new int[] {2, 3}, new byte[] {0, 1, 2, (byte) 200, (byte) 255, 7});
        for (byte[] file : new byte[][] {raw, gzip(raw)}) {
            IdxArray a = read(file);
            assertArrayEquals(new int[] {2, 3}, a.dimensions());
            assertEquals(6, a.size());
            assertEquals(200, a.unsigned(3));
            assertEquals(255, a.unsigned(4));
        }
    }

    @Test
    void corruptHeadersAreNamed() throws IOException {
        assertEquals("test.idx: not an IDX file (first bytes 50 4b, expected 00 00)",
                failure(new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 0}));
        assertEquals("test.idx: IDX element type 0x0d is not supported; nn4j reads unsigned bytes"
                + " (0x08)", failure(idx(0x0d, new int[] {1}, new byte[4])));
        assertEquals("test.idx: IDX rank 0 is out of range 1..4",
                failure(idx(0x08, new int[0], new byte[0])));
        assertEquals("test.idx: dimension 1 is negative (-3)",
                failure(idx(0x08, new int[] {2, -3}, new byte[0])));
        assertEquals("test.idx: declared size exceeds 2147483639 elements",
                failure(idx(0x08, new int[] {65536, 65536}, new byte[0])));
        assertEquals("test.idx: truncated IDX header", failure(new byte[] {0, 0, 8, 2, 0, 0}));
    }

    @Test
    void aHeaderThatDeclaresMoreThanThereIsIsTruncatedAndCostsNoMemory() throws IOException {
        byte[] liar = idx(0x08, new int[] {60000, 28, 28}, new byte[10]);
        assertEquals("test.idx: truncated: the header declares 47040000 elements, the file holds"
                + " 10", failure(liar));
        byte[] hugeLiar = gzip(idx(0x08, new int[] {2_000_000_000}, new byte[100]));
        long before = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> failure(hugeLiar));
        long after = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        assertEquals(true, after - before < 500_000_000L, "allocated " + (after - before));
    }

    @Test
    void trailingBytesAndBrokenGzipAreErrors() throws IOException {
        byte[] extra = idx(0x08, new int[] {2}, new byte[3]);
        assertEquals("test.idx: trailing bytes after the 2 declared elements", failure(extra));
        byte[] gz = gzip(idx(0x08, new int[] {100}, new byte[100]));
        gz[gz.length / 2] ^= 0x5a;
        gz[gz.length / 2 + 1] ^= 0x5a;
        String message = failure(gz);
        assertEquals(true, message.startsWith("test.idx: "), message);
    }

    @Test
    void fashionMnistNamesTheMissingFileAndHowToInstallIt(@TempDir Path empty) {
        NoSuchFileException e = assertThrows(NoSuchFileException.class,
                () -> FashionMnist.load(empty));
        assertEquals(true, e.getMessage().contains("apt-get install dataset-fashion-mnist"),
                e.getMessage());
        assertEquals(true, e.getMessage().contains("train-images-idx3-ubyte[.gz] not found in "
                + empty), e.getMessage());
    }

    @Test
    void fashionMnistChecksCountsAndLabels(@TempDir Path dir) throws IOException {
        byte[] pixels = new byte[2 * 784];
        pixels[0] = (byte) 255;
        Files.write(dir.resolve("train-images-idx3-ubyte"), idx(8, new int[] {2, 28, 28}, pixels));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"),
                gzip(idx(8, new int[] {2}, new byte[] {3, 9})));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), idx(8, new int[] {2, 28, 28}, pixels));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(8, new int[] {1}, new byte[] {0}));
        IdxFormatException count = assertThrows(IdxFormatException.class,
                () -> FashionMnist.load(dir));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + " holds 1 labels but "
                + dir.resolve("t10k-images-idx3-ubyte") + " holds 2 images", count.getMessage());

        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(8, new int[] {2}, new byte[] {0, 10}));
        assertEquals(dir.resolve("t10k-labels-idx1-ubyte") + ": label 10 of example 1 is out of"
                + " range 0..9", assertThrows(IdxFormatException.class,
                        () -> FashionMnist.load(dir)).getMessage());

        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), idx(8, new int[] {2}, new byte[] {0, 1}));
        FashionMnist data = FashionMnist.load(dir);
        DataSet train = data.train();
        assertEquals(2, train.size());
        assertEquals(1.0, train.copyOfFeatures()[0]);
        assertEquals(1.0, train.copyOfTargets()[3]);
        assertEquals(1.0, train.copyOfTargets()[10 + 9]);
    }

    @Test
    void readsTheRealFashionMnistWhenInstalled() throws IOException {
        FashionMnist data = FashionMnist.load(FashionMnistTestData.requireFull());
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertArrayEquals(new int[] {6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000, 6000},
                perClass(data.train()), "Fashion-MNIST's training set is balanced");
    }

    /**
     * The checked-in subset, through the same reader: its sizes, and its labels counted by
     * Python from the gzipped bytes (make_subset.py's output, read with gzip and
     * collections.Counter, not with this reader).
     */
    @Test
    void readsTheCheckedInSubset() throws IOException {
        FashionMnist data = FashionMnist.load(FashionMnistTestData.subset());
        assertEquals(FashionMnistTestData.SUBSET_TRAIN, data.train().size());
        assertEquals(FashionMnistTestData.SUBSET_TEST, data.test().size());
        assertArrayEquals(new int[] {194, 216, 202, 195, 186, 200, 194, 215, 198, 200},
                perClass(data.train()));
        assertArrayEquals(new int[] {107, 105, 111, 93, 115, 87, 97, 95, 95, 95},
                perClass(data.test()));
        double firstImage = 0;
        double[] x = data.train().copyOfFeatures();
        for (int i = 0; i < FashionMnist.PIXELS; i++) {
            firstImage += x[i];
        }
        assertEquals(76247 / 255.0, firstImage, 1e-9, "the first image's grey levels, scaled");
    }

    /** When both are here: the subset is the full data set's first examples, bit for bit. */
    @Test
    void theSubsetIsTheFullDataSetsBeginning() throws IOException {
        FashionMnist full = FashionMnist.load(FashionMnistTestData.requireFull());
        FashionMnist subset = FashionMnist.load(FashionMnistTestData.subset());
        assertArrayEquals(full.train().head(FashionMnistTestData.SUBSET_TRAIN).copyOfFeatures(),
                subset.train().copyOfFeatures());
        assertArrayEquals(full.train().head(FashionMnistTestData.SUBSET_TRAIN).copyOfTargets(),
                subset.train().copyOfTargets());
        assertArrayEquals(full.test().head(FashionMnistTestData.SUBSET_TEST).copyOfFeatures(),
                subset.test().copyOfFeatures());
        assertArrayEquals(full.test().head(FashionMnistTestData.SUBSET_TEST).copyOfTargets(),
                subset.test().copyOfTargets());
    }

    private static int[] perClass(DataSet data) {
        double[] t = data.copyOfTargets();
        int[] perClass = new int[10];
        for (int i = 0; i < data.size(); i++) {
            for (int c = 0; c < 10; c++) {
                perClass[c] += (int) t[i * 10 + c];
            }
        }
        return perClass;
    }
}
