package org.nn4j.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.trainer.data.Standardization;

/**
 * The documented {@code equals}, {@code hashCode} and {@code toString} of the metrics and of
 * {@link Standardization}, on small cases whose counts and values are worked out by hand in
 * the comments.
 */
class ValueSemanticsTest {

    /** True 0, 0, 1, 1 against predicted 0, 1, 1, 1: rows are the true class. */
    private static final int[] TRUE = {0, 0, 1, 1};
    private static final int[] PREDICTED = {0, 1, 1, 1};

    @Test
    void confusionMatricesAreEqualWhenTheirCountsAre() {
        ConfusionMatrix m = ConfusionMatrix.of(TRUE, PREDICTED, 2);
        // Class 0: one right, one taken for 1; class 1: both right.
        assertEquals("[[1, 1], [0, 2]]", m.toString());
        ConfusionMatrix same = ConfusionMatrix.of(new int[] {1, 0, 1, 0}, new int[] {1, 1, 1, 0}, 2);
        assertEquals(m, same, "the same pairs in another order");
        assertEquals(m.hashCode(), same.hashCode());
        assertNotEquals(m, ConfusionMatrix.of(TRUE, new int[] {0, 0, 1, 1}, 2), "[[2, 0], [0, 2]]");
        // One example right, counted in a 2×2 and in a 3×3 matrix: not the same matrix.
        assertNotEquals(ConfusionMatrix.of(new int[] {0}, new int[] {0}, 2),
                ConfusionMatrix.of(new int[] {0}, new int[] {0}, 3));
        assertNotEquals(m, "[[1, 1], [0, 2]]");
    }

    /** A field of a one-line summary, such as {@code accuracy}, as a number. */
    private static double field(String summary, String name) {
        Map<String, String> fields = new LinkedHashMap<>();
        String inner = summary.substring(summary.indexOf('[') + 1, summary.length() - 1);
        for (String part : inner.split(", ")) {
            String[] kv = part.split("=");
            fields.put(kv[0], kv[1]);
        }
        return Double.parseDouble(fields.get(name));
    }

    @Test
    void summariesNameTheirNumbers() {
        String c = ClassificationMetrics.of(TRUE, PREDICTED, 2).toString();
        assertEquals(0, c.indexOf("ClassificationMetrics[examples=4, classes=2, "), c);
        assertEquals(0.75, field(c, "accuracy"), 1e-15, "3 of 4");
        // F1 of class 0: precision 1/1, recall 1/2, so 2/3; of class 1: precision 2/3,
        // recall 1, so 4/5; their mean is 11/15.
        assertEquals(11.0 / 15, field(c, "macroF1"), 1e-15);

        // Truth 1, 2, 3 against 1, 2, 5: errors 0, 0, 2; MAE 2/3, RMSE √(4/3); R² = 1 − 4/2.
        String r = RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 5}).toString();
        assertEquals(0, r.indexOf("RegressionMetrics[examples=3, outputs=1, "), r);
        assertEquals(2.0 / 3, field(r, "mae"), 1e-15);
        assertEquals(Math.sqrt(4.0 / 3), field(r, "rmse"), 1e-15);
        assertEquals(-1, field(r, "r2"), 1e-15);
    }

    @Test
    void standardizationsAreEqualWhenTheirMeansAndScalesAre() {
        Standardization s = new Standardization(new double[] {1, 2}, new double[] {3, 4});
        Standardization same = new Standardization(new double[] {1, 2}, new double[] {3, 4});
        assertEquals(s, same);
        assertEquals(s.hashCode(), same.hashCode());
        assertNotEquals(s, new Standardization(new double[] {1, 2.5}, new double[] {3, 4}));
        assertNotEquals(s, new Standardization(new double[] {1, 2}, new double[] {3, 5}));
        assertNotEquals(s, "Standardization");
        assertEquals("Standardization[mean=[1.0, 2.0], scale=[3.0, 4.0]]", s.toString());
    }
}
