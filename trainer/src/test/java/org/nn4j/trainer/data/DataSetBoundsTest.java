package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A data set's ranges at their ends: zero counts are allowed and negative ones refused, the
 * whole set is a valid head, the last rows of an order can be gathered, and each refusal
 * names what is out of range. The data are three examples written out here, so each expected
 * row is read off the arrays below.
 */
class DataSetBoundsTest {

    /** Example i has features (10i, 10i + 1) and target i. */
    private static DataSet three() {
        return new DataSet(3, 2, 1, new double[] {0, 1, 10, 11, 20, 21}, new double[] {0, 1, 2})
                .named("three");
    }

    @Test
    void zeroCountsAreAllowedAndNegativeOnesRefused() {
        assertEquals(0, new DataSet(0, 2, 1, new double[0], new double[0]).size());
        assertEquals(0, new DataSet(2, 0, 1, new double[0], new double[2]).featureCount());
        assertEquals(0, new DataSet(2, 1, 0, new double[2], new double[0]).targetCount());
        assertEquals("counts must be non-negative, got size -1, features 1, targets 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(-1, 1, 1, new double[0], new double[0])).getMessage());
        assertEquals("counts must be non-negative, got size 1, features -1, targets 1",
                assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(1, -1, 1, new double[0], new double[1])).getMessage());
        assertEquals("counts must be non-negative, got size 1, features 1, targets -1",
                assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(1, 1, -1, new double[1], new double[0])).getMessage());
    }

    @Test
    void targetsThatDoNotFitAreRefusedWithTheCountNeeded() {
        // 2 examples of 3 targets: 6 values, given 5.
        assertEquals("2 examples of 3 targets need 6 values, got 5",
                assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(2, 1, 3, new double[2], new double[5])).getMessage());
    }

    @Test
    void zeroClassesAreRefusedAsSuch() {
        assertEquals("the number of classes must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> DataSet.oneHot(0, 1,
                        new double[0], new int[0], 0)).getMessage());
    }

    @Test
    void theWholeSetIsAValidHeadAndOneMoreIsNot() {
        DataSet all = three().head(3);
        assertEquals(3, all.size());
        assertEquals("three", all.name(), "the whole set keeps its name");
        assertArrayEquals(new double[] {0, 1, 10, 11, 20, 21}, all.copyOfFeatures());
        assertEquals("three (first 2)", three().head(2).name());
        assertEquals("cannot take the first 4 of 3 examples",
                assertThrows(IllegalArgumentException.class, () -> three().head(4)).getMessage());
    }

    @Test
    void theLastRowsOfAnOrderAreGathered() {
        int[] order = {2, 0, 1};
        double[] x = new double[4];
        double[] t = new double[2];
        // Positions 1 and 2 of the order: examples 0 and 1.
        three().copyRows(order, 1, 2, x, t);
        assertArrayEquals(new double[] {0, 1, 10, 11}, x);
        assertArrayEquals(new double[] {0, 1}, t);
        assertArrayEquals(new double[] {20, 21}, three().rows(order, 0, 1).copyOfFeatures());
        // Positions 2 and 3: the order has no position 3.
        assertEquals("rows 2..3 of an order of 3", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(order, 2, 2, x, t)).getMessage());
        assertEquals("rows -1..-1 of an order of 3", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(order, -1, 1, x, t)).getMessage());
    }

    @Test
    void buffersTooSmallAreRefusedBeforeAnyRowIsCopied() {
        int[] order = {0, 1, 2};
        double[] x = new double[3];
        double[] t = new double[2];
        assertEquals("buffers of 3 and 2 values cannot hold 2 examples of 2 features and 1"
                + " targets", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(order, 0, 2, x, t)).getMessage());
        assertArrayEquals(new double[3], x, "nothing copied");
        assertEquals("buffers of 4 and 1 values cannot hold 2 examples of 2 features and 1"
                + " targets", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(order, 0, 2, new double[4], new double[1])).getMessage());
        // Two targets an example: 2 examples need 4 target values, 3 given.
        DataSet twoTargets = new DataSet(2, 1, 2, new double[] {5, 6}, new double[] {1, 2, 3, 4});
        double[] t3 = new double[3];
        assertEquals("buffers of 2 and 3 values cannot hold 2 examples of 1 features and 2"
                + " targets", assertThrows(IndexOutOfBoundsException.class,
                () -> twoTargets.copyRows(new int[] {0, 1}, 0, 2, new double[2], t3)).getMessage());
        assertArrayEquals(new double[3], t3, "nothing copied");
    }

    @Test
    void anExampleIndexOutOfTheSetIsRefusedNamingIt() {
        assertEquals("example 3 of 3", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(new int[] {3}, 0, 1, new double[2], new double[1]))
                .getMessage());
        assertEquals("example -1 of 3", assertThrows(IndexOutOfBoundsException.class,
                () -> three().copyRows(new int[] {-1}, 0, 1, new double[2], new double[1]))
                .getMessage());
    }
}
