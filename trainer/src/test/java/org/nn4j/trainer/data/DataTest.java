package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.regression.AllClose;
import org.nn4j.trainer.regression.LinearRegressionProblem;

class DataTest {

    @Test
    void theTutorialsDataAreIntegersZeroToNineWithExactTargets() {
        DataSet d = LinearRegressionProblem.generate(new Rng(3));
        assertEquals(500, d.size());
        boolean[] seen = new boolean[10];
        for (double x : d.features()) {
            assertTrue(x >= 0 && x <= 9 && x == Math.rint(x), "feature " + x);
            seen[(int) x] = true;
        }
        for (boolean s : seen) {
            assertTrue(s, "every integer 0..9 occurs");
        }
        // Row 0 by hand: y = x·W + b with W = [[3,7,4],[5,2,6]], b = [2,9,3].
        double x0 = d.features()[0];
        double x1 = d.features()[1];
        assertArrayEquals(new double[] {3 * x0 + 5 * x1 + 2, 7 * x0 + 2 * x1 + 9,
                4 * x0 + 6 * x1 + 3}, java.util.Arrays.copyOf(d.targets(), 3));
    }

    @Test
    void randomStartsCoverEveryRowIncludingTheLast() {
        BatchSampler s = BatchSampler.randomStart(500, new Rng(0));
        boolean[] seen = new boolean[500];
        for (int i = 0; i < 20_000; i++) {
            seen[s.nextStart()] = true;
        }
        for (int i = 0; i < 500; i++) {
            assertTrue(seen[i], "start " + i);
        }
    }

    @Test
    void allCloseIsNumpys() {
        assertTrue(AllClose.allClose(new double[] {9.00009}, new double[] {9}));
        assertFalse(AllClose.allClose(new double[] {9.0001}, new double[] {9}));
        assertTrue(AllClose.allClose(new double[] {1e-8}, new double[] {0}));
        assertFalse(AllClose.allClose(new double[] {2e-8}, new double[] {0}));
        assertFalse(AllClose.allClose(new double[] {Double.NaN}, new double[] {Double.NaN}));
    }

    @Test
    void aDataSetChecksItsArrays() {
        assertEquals("3 examples of 2 features need 6 values, got 5", assertThrows(
                IllegalArgumentException.class,
                () -> new DataSet(3, 2, 1, new double[5], new double[3])).getMessage());
        assertEquals("cannot sample batches from 0 rows", assertThrows(
                IllegalArgumentException.class, () -> BatchSampler.randomStart(0, new Rng(0)))
                .getMessage());
    }
}
