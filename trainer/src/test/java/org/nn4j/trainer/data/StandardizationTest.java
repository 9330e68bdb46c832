package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StandardizationTest {

    @Test
    void fitsMeanAndPopulationStandardDeviation() {
        // Column 0: 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
        // Column 1: 10, 10, 10, 30: mean 15, variance (25 · 3 + 225) / 4 = 75.
        DataSet d = new DataSet(4, 2, 1, new double[] {1, 10, 2, 10, 3, 10, 4, 30},
                new double[4]);
        Standardization s = Standardization.fit(d);
        assertArrayEquals(new double[] {2.5, 15}, s.mean(), 0.0);
        assertArrayEquals(new double[] {Math.sqrt(1.25), Math.sqrt(75)}, s.scale(), 1e-15);
    }

    @Test
    void aConstantColumnHasScaleOne() {
        // 0.1 three times: the mean is not exactly 0.1 in binary, the deviations not exactly 0.
        DataSet d = new DataSet(3, 1, 1, new double[] {0.1, 0.1, 0.1}, new double[3]);
        assertArrayEquals(new double[] {1.0}, Standardization.fit(d).scale(), 0.0);
    }

    @Test
    void theInverseUndoesIt() {
        Standardization s = new Standardization(new double[] {3, -2}, new double[] {2, 0.5});
        Standardization inverse = s.inverse();
        double[] x = {7, 1};
        for (int j = 0; j < 2; j++) {
            double z = (x[j] - s.mean()[j]) / s.scale()[j];
            assertEquals(x[j], (z - inverse.mean()[j]) / inverse.scale()[j], 1e-12);
        }
    }

    @Test
    void refusesValuesOutOfRange() {
        assertEquals("the scale of column 1 is 0.0; it must be positive and finite",
                assertThrows(IllegalArgumentException.class, () -> new Standardization(
                        new double[] {0, 0}, new double[] {1, 0})).getMessage());
        assertEquals("the mean of column 0 is NaN; it must be finite",
                assertThrows(IllegalArgumentException.class, () -> new Standardization(
                        new double[] {Double.NaN}, new double[] {1})).getMessage());
    }
}
