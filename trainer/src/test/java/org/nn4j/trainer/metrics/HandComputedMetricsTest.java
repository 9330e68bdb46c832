package org.nn4j.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Classification and regression metrics of small cases whose answers are worked out by hand
 * in the comments, as fractions; the code under test computes none of the expected values.
 */
class HandComputedMetricsTest {

    private static final double EXACT = 1e-15;

    /** Ten examples of three classes. */
    private static final int[] TRUE = {0, 0, 0, 0, 1, 1, 1, 2, 2, 2};
    private static final int[] PREDICTED = {0, 0, 1, 2, 1, 1, 0, 2, 2, 1};
    /**
     * Scores whose largest is PREDICTED; the true class ranks 0, 0, 1, 2, 0, 0, 1, 0, 0, 1, so
     * top-1 = 6/10, top-2 = 9/10, top-3 = 10/10.
     */
    private static final double[] SCORES = {
        3, 2, 1,  3, 1, 2,  2, 3, 1,  1, 2, 3,  1, 3, 2,
        2, 3, 1,  3, 2, 1,  1, 2, 3,  2, 1, 3,  1, 3, 2};

    /*
     * Confusion matrix (rows true):  [2 1 1] [1 2 0] [0 1 2]
     * Supports (row sums) 4, 3, 3; predicted (column sums) 3, 4, 3; diagonal 2, 2, 2.
     * precision 2/3, 1/2, 2/3;  recall 1/2, 2/3, 2/3;
     * F1 = 2pr/(p+r): class 0 (2/3)/(7/6) = 4/7, class 1 4/7, class 2 2/3.
     * macro: precision (2/3+1/2+2/3)/3 = 11/18, recall 11/18, F1 (4/7+4/7+2/3)/3 = 38/63.
     * weighted: precision (4·2/3 + 3·1/2 + 3·2/3)/10 = (37/6)/10 = 37/60,
     *           recall (4·1/2 + 3·2/3 + 3·2/3)/10 = 6/10, F1 (4·4/7 + 3·4/7 + 3·2/3)/10 = 6/10.
     * accuracy 6/10.
     */
    private static void assertTheHandComputation(ClassificationMetrics m) {
        assertAll(
                () -> assertArrayEquals(new long[][] {{2, 1, 1}, {1, 2, 0}, {0, 1, 2}},
                        m.confusionMatrix().toArray()),
                () -> assertEquals(10, m.examples()),
                () -> assertEquals(3, m.classes()),
                () -> assertEquals(0.6, m.accuracy(), EXACT),
                () -> assertClass(m.perClass().get(0), 0, 2.0 / 3, 1.0 / 2, 4.0 / 7, 4),
                () -> assertClass(m.perClass().get(1), 1, 1.0 / 2, 2.0 / 3, 4.0 / 7, 3),
                () -> assertClass(m.perClass().get(2), 2, 2.0 / 3, 2.0 / 3, 2.0 / 3, 3),
                () -> assertAverage(m.macroAverage(), 11.0 / 18, 11.0 / 18, 38.0 / 63),
                () -> assertAverage(m.weightedAverage(), 37.0 / 60, 0.6, 0.6),
                () -> assertEquals(List.of(), m.undefinedPrecision()),
                () -> assertEquals(List.of(), m.undefinedRecall()));
    }

    private static void assertClass(ClassMetrics m, int index, double precision, double recall,
                                    double f1, long support) {
        assertEquals(index, m.classIndex());
        assertEquals(precision, m.precision(), EXACT, "precision of class " + index);
        assertEquals(recall, m.recall(), EXACT, "recall of class " + index);
        assertEquals(f1, m.f1(), EXACT, "F1 of class " + index);
        assertEquals(support, m.support(), "support of class " + index);
    }

    private static void assertAverage(AveragedMetrics a, double precision, double recall,
                                      double f1) {
        assertEquals(precision, a.precision(), EXACT, "precision");
        assertEquals(recall, a.recall(), EXACT, "recall");
        assertEquals(f1, a.f1(), EXACT, "F1");
    }

    @Test
    void fromLabels() {
        ClassificationMetrics m = ClassificationMetrics.of(TRUE, PREDICTED, 3);
        assertTheHandComputation(m);
        assertEquals(0.6, m.topKAccuracy(1), EXACT);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.topKAccuracy(2));
        assertTrue(e.getMessage().contains("top-2 accuracy needs scores"), e.getMessage());
    }

    @Test
    void fromScores() {
        ClassificationMetrics m = ClassificationMetrics.fromScores(TRUE, SCORES, 3);
        assertTheHandComputation(m);
        assertEquals(0.6, m.topKAccuracy(1), EXACT);
        assertEquals(0.9, m.topKAccuracy(2), EXACT);
        assertEquals(1.0, m.topKAccuracy(3), EXACT);
        assertThrows(IllegalArgumentException.class, () -> m.topKAccuracy(0));
        assertThrows(IllegalArgumentException.class, () -> m.topKAccuracy(4));
    }

    /**
     * Equal scores rank the lower class first, as the argmax does: scores (5, 5, 0, 0) predict
     * class 0, and true class 1 ranks second (a top-1 miss, a top-2 hit), true class 0 first;
     * scores (5, 5, 5, 0) with true class 2 rank it third (a top-2 miss, a top-3 hit).
     * Top-1 = 1/3, top-2 = 2/3, top-3 = 3/3. scikit-learn ranks the higher index first and
     * would give top-2 = 3/3.
     */
    @Test
    void tiesRankTheLowerClassFirst() {
        ClassificationMetrics m = ClassificationMetrics.fromScores(new int[] {1, 0, 2},
                new double[] {5, 5, 0, 0, 5, 5, 0, 0, 5, 5, 5, 0}, 4);
        assertArrayEquals(new long[][] {{1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}},
                m.confusionMatrix().toArray());
        assertEquals(1.0 / 3, m.topKAccuracy(1), EXACT);
        assertEquals(2.0 / 3, m.topKAccuracy(2), EXACT);
        assertEquals(1.0, m.topKAccuracy(3), EXACT);
    }

    /*
     * true 0 0 1 1, predicted 0 0 0 0, 3 classes: class 1 and 2 never predicted (precision
     * 0/0 -> 0), class 2 has no examples (recall 0/0 -> 0), F1 of both 0.
     * Class 0: precision 2/4, recall 2/2, F1 2·(1/2)·1/(3/2) = 2/3. Class 1: recall 0/2 = 0.
     * macro: precision (1/2)/3 = 1/6, recall 1/3, F1 (2/3)/3 = 2/9.
     * weighted by 2, 2, 0: precision (2·1/2)/4 = 1/4, recall 2/4 = 1/2, F1 (2·2/3)/4 = 1/3.
     */
    @Test
    void zeroDenominatorsGiveZeroAndAreNamed() {
        ClassificationMetrics m = ClassificationMetrics.of(new int[] {0, 0, 1, 1},
                new int[] {0, 0, 0, 0}, 3);
        assertAll(
                () -> assertClass(m.perClass().get(0), 0, 0.5, 1.0, 2.0 / 3, 2),
                () -> assertClass(m.perClass().get(1), 1, 0.0, 0.0, 0.0, 2),
                () -> assertClass(m.perClass().get(2), 2, 0.0, 0.0, 0.0, 0),
                () -> assertAverage(m.macroAverage(), 1.0 / 6, 1.0 / 3, 2.0 / 9),
                () -> assertAverage(m.weightedAverage(), 0.25, 0.5, 1.0 / 3),
                () -> assertEquals(List.of(1, 2), m.undefinedPrecision()),
                () -> assertEquals(List.of(2), m.undefinedRecall()));
    }

    @Test
    void badClassificationInputsAreRefusedByName() {
        assertMessage("no examples", () -> ClassificationMetrics.of(new int[0], new int[0], 2));
        assertMessage("no examples",
                () -> ClassificationMetrics.fromScores(new int[0], new double[0], 2));
        assertMessage("2 true labels but 3 predicted labels",
                () -> ClassificationMetrics.of(new int[2], new int[3], 2));
        assertMessage("predicted label 2 of example 1 is out of range 0..1",
                () -> ClassificationMetrics.of(new int[2], new int[] {0, 2}, 2));
        assertMessage("true label -1 of example 0 is out of range 0..1",
                () -> ClassificationMetrics.of(new int[] {-1}, new int[] {0}, 2));
        assertMessage("number of classes must be positive, got 0",
                () -> ClassificationMetrics.of(new int[1], new int[1], 0));
        assertMessage("2 examples of 3 classes need 6 scores, got 5",
                () -> ClassificationMetrics.fromScores(new int[2], new double[5], 3));
        assertMessage("score 1 of example 1 is NaN",
                () -> ClassificationMetrics.fromScores(new int[2], new double[] {0, 1, 0, Double.NaN}, 2));
    }

    /*
     * truth 1 2 3 4, predicted 1 3 2 6: errors 0 −1 1 −2. MAE 4/4 = 1; MSE 6/4 = 3/2, so
     * RMSE √1.5; mean 2.5, Σ (y − ȳ)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, R² = 1 − 6/5 = −0.2.
     */
    @Test
    void regressionOfOneOutput() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 2, 3, 4},
                new double[] {1, 3, 2, 6});
        assertEquals(4, m.examples());
        assertEquals(1, m.outputs());
        assertEquals(1.0, m.meanAbsoluteError(), EXACT);
        assertEquals(Math.sqrt(1.5), m.rootMeanSquaredError(), EXACT);
        assertEquals(-0.2, m.r2(), EXACT);
    }

    /*
     * Output 0 as above; output 1 truth 0 1 0 1 predicted exactly: MAE 0, RMSE 0, R² 1.
     * Averaged over the outputs: MAE 1/2, RMSE √1.5 / 2, R² (−0.2 + 1)/2 = 0.4.
     */
    @Test
    void regressionAveragesItsOutputsUniformly() {
        RegressionMetrics m = RegressionMetrics.of(new double[] {1, 0, 2, 1, 3, 0, 4, 1},
                new double[] {1, 0, 3, 1, 2, 0, 6, 1}, 2);
        assertEquals(4, m.examples());
        assertArrayEquals(new double[] {1, 0}, m.meanAbsoluteErrorPerOutput(), EXACT);
        assertArrayEquals(new double[] {Math.sqrt(1.5), 0}, m.rootMeanSquaredErrorPerOutput(), EXACT);
        assertArrayEquals(new double[] {-0.2, 1}, m.r2PerOutput(), EXACT);
        assertEquals(0.5, m.meanAbsoluteError(), EXACT);
        assertEquals(Math.sqrt(1.5) / 2, m.rootMeanSquaredError(), EXACT);
        assertEquals(0.4, m.r2(), EXACT);
    }

    /** A constant target: R² 1 when predicted exactly, 0 otherwise; one example: NaN. */
    @Test
    void regressionEdgeCases() {
        assertEquals(1.0, RegressionMetrics.of(new double[] {2, 2, 2}, new double[] {2, 2, 2}).r2());
        assertEquals(0.0, RegressionMetrics.of(new double[] {2, 2, 2}, new double[] {2, 2, 3}).r2());
        RegressionMetrics one = RegressionMetrics.of(new double[] {2}, new double[] {5});
        assertTrue(Double.isNaN(one.r2()));
        assertEquals(3.0, one.meanAbsoluteError());
        assertEquals(3.0, one.rootMeanSquaredError());
    }

    @Test
    void badRegressionInputsAreRefusedByName() {
        assertMessage("no examples", () -> RegressionMetrics.of(new double[0], new double[0]));
        assertMessage("3 true values but 2 predicted values",
                () -> RegressionMetrics.of(new double[3], new double[2]));
        assertMessage("3 values are not a whole number of examples of 2 outputs",
                () -> RegressionMetrics.of(new double[3], new double[3], 2));
        assertMessage("predicted value Infinity of example 1, output 0 is not finite",
                () -> RegressionMetrics.of(new double[4], new double[] {0, 0, Double.POSITIVE_INFINITY, 0}, 2));
        assertMessage("true value NaN of example 0, output 1 is not finite",
                () -> RegressionMetrics.of(new double[] {0, Double.NaN}, new double[2], 2));
        assertMessage("number of outputs must be positive, got 0",
                () -> RegressionMetrics.of(new double[1], new double[1], 0));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should say '" + part + "'");
    }
}
