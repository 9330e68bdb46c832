package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.trainer.Rng;

/**
 * A validation split at the ends of its range (one example held out, or all but one), its
 * refusals, and the documented order: each part keeps the examples in their original order.
 * Example i's one feature is i, so a part's features are the indices it holds.
 */
class ValidationSplitTest {

    private static DataSet indices(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return new DataSet(n, 1, 1, x, x.clone()).named("d");
    }

    private static String refusal(double fraction) {
        return assertThrows(IllegalArgumentException.class,
                () -> ValidationSplit.of(indices(100), fraction, new Rng(1))).getMessage();
    }

    /** Both parts ascending and together every index once: the original order, split. */
    private static void assertOrderedPartition(ValidationSplit s, int n) {
        double[] train = s.train().copyOfFeatures();
        double[] validation = s.validation().copyOfFeatures();
        boolean[] seen = new boolean[n];
        for (double[] part : new double[][] {train, validation}) {
            for (int k = 0; k < part.length; k++) {
                assertTrue(k == 0 || part[k - 1] < part[k], "ascending at " + k);
                assertTrue(!seen[(int) part[k]], "once: " + part[k]);
                seen[(int) part[k]] = true;
            }
        }
        assertEquals(n, train.length + validation.length);
        assertArrayEquals(train, s.train().copyOfTargets(), "targets move with their features");
    }

    @Test
    void oneExampleOrAllButOneCanBeHeldOut() {
        // round(0.01 · 100) = 1 and round(0.99 · 100) = 99.
        ValidationSplit one = ValidationSplit.of(indices(100), 0.01, new Rng(1));
        assertEquals(1, one.validation().size());
        assertEquals(99, one.train().size());
        assertOrderedPartition(one, 100);
        ValidationSplit most = ValidationSplit.of(indices(100), 0.99, new Rng(1));
        assertEquals(99, most.validation().size());
        assertEquals(1, most.train().size());
        assertOrderedPartition(most, 100);
        ValidationSplit third = ValidationSplit.of(indices(30), 1.0 / 3, new Rng(5));
        assertEquals(10, third.validation().size());
        assertOrderedPartition(third, 30);
        assertEquals("d (training part)", third.train().name());
        assertEquals("d (validation part)", third.validation().name());
    }

    @Test
    void aSplitThatEmptiesAPartIsRefusedWithItsCounts() {
        // round(0.995 · 100) = round(99.5) = 100: nothing left to train on.
        assertEquals("a validation fraction of 0.995 of 100 examples holds out 100, leaving 0 to"
                + " train on; both parts need at least one example", refusal(0.995));
        // round(0.004 · 100) = 0.
        assertEquals("a validation fraction of 0.004 of 100 examples holds out 0, leaving 100 to"
                + " train on; both parts need at least one example", refusal(0.004));
    }

    @Test
    void aFractionOutsideZeroToOneIsRefused() {
        for (double f : new double[] {0.0, 1.0, -0.5, 1.5, Double.NaN}) {
            assertEquals("the validation fraction must be in (0, 1), got " + f, refusal(f));
        }
    }
}
