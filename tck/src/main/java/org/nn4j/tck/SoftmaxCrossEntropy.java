package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;

/**
 * The softmax cross-entropy of {@link Backend#softmaxCrossEntropy()} against values computed
 * by hand (Python's {@code math}), for logits {@code y = [[1, 2, 3], [1, 1, 1],
 * [0.5, −1, 2]]} and targets {@code t = [[0, 0, 1], [1, 0, 0], [0.2, 0.3, 0.5]]}:
 * <pre>
 * softmax(y)  = [[0.0900306, 0.2447285, 0.6652410], [1/3, 1/3, 1/3],
 *                [0.1752904, 0.0391126, 0.7855970]]
 * row losses  = log(1 + e^−1 + e^−2) = 0.4076060, log 3 = 1.0986123, 1.4413113
 * L           = their mean = 0.9825098
 * dL/dy       = (softmax(y) − t) / 3
 * </pre>
 * and against finite differences, logits of ±1000 (finite, no NaN, the right limit), and
 * bad input.
 */
interface SoftmaxCrossEntropy extends ConformanceChecks {

    static final double[] LOGITS = {1, 2, 3, 1, 1, 1, 0.5, -1, 2};
    static final double[] TARGETS = {0, 0, 1, 1, 0, 0, 0.2, 0.3, 0.5};
    static final double LOSS = 0.9825098499232157;
    static final double[] GRADIENT = {
        0.03001019105679349, 0.08157615701826589, -0.1115863480750594,
        -0.22222222222222224, 0.1111111111111111, 0.1111111111111111,
        -0.008236535953321106, -0.0869624755764375, 0.09519901152975863};


    private Loss loss() {
        return backendUnderTest().softmaxCrossEntropy();
    }

    @Test
    default void valueIsTheMeanOverRowsOfMinusTargetTimesLogSoftmax() {
        assertEquals("softmax-cross-entropy", loss().name(), "name");
        assertEquals(LOSS, loss().value(matrix(3, 3, LOGITS), matrix(3, 3, TARGETS)),
                Tolerances.knownAnswer());
        assertEquals(Math.log(3), loss().value(matrix(1, 3, 1, 1, 1), matrix(1, 3, 0, 1, 0)),
                Tolerances.knownAnswer(), "uniform logits cost log(classes)");
    }

    @Test
    default void gradientIsSoftmaxMinusTargetOverTheBatchSize() {
        Matrix y = matrix(3, 3, LOGITS);
        Matrix t = matrix(3, 3, TARGETS);
        Matrix g = la().zeros(3, 3);
        la().fill(Double.NaN, g); // overwritten, not added to
        assertEquals(LOSS, loss().valueAndGradient(y, t, g), Tolerances.knownAnswer(), "value");
        Expect.matrix("gradient", 3, 3, GRADIENT, g);
        Expect.matrix("logits not modified", 3, 3, LOGITS, y);
        Expect.matrix("targets not modified", 3, 3, TARGETS, t);
    }

    @Test
    default void gradientMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(1_999_777L);
        int n = 4;
        int d = 5;
        double[] y = new double[n * d];
        double[] t = new double[n * d];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < d; j++) {
                y[i * d + j] = random.nextDouble(-3, 3);
                t[i * d + j] = random.nextDouble();
                sum += t[i * d + j];
            }
            for (int j = 0; j < d; j++) {
                t[i * d + j] /= sum; // a probability row: the gradient is then exact
            }
        }
        Matrix target = matrix(n, d, t);
        Matrix analytic = la().zeros(n, d);
        loss().valueAndGradient(matrix(n, d, y), target, analytic);
        double[] numeric = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double original = y[i];
            double up = Tolerances.round(original + Tolerances.finiteDifferenceStep());
            y[i] = up;
            double plus = loss().value(matrix(n, d, y), target);
            double down = Tolerances.round(original - Tolerances.finiteDifferenceStep());
            y[i] = down;
            double minus = loss().value(matrix(n, d, y), target);
            y[i] = original;
            numeric[i] = (plus - minus) / (up - down);
        }
        Activations.compareWithFiniteDifferences("softmax cross-entropy dL/dy",
                analytic.toRowMajor(), numeric);
    }

    @Test
    default void logitsOfPlusMinusAThousandGiveFiniteValuesAndTheRightLimits() {
        // Row 1 is confidently right (loss e^−1000 ≈ 0), row 2 confidently wrong (loss 2000,
        // the gap between the logits), rows 3 and 4 tie at 1000 and −1000 (loss log 2 and
        // log 3).
        Matrix y = matrix(4, 3, 1000, -1000, 0, -1000, 1000, 0, 1000, 1000, -1000,
                -1000, -1000, -1000);
        Matrix t = matrix(4, 3, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0, 1);
        double expected = (0 + 2000 + Math.log(2) + Math.log(3)) / 4;
        double value = loss().value(y, t);
        assertTrue(Double.isFinite(value), "the value must be finite, got " + value);
        // 64 roundings of terms of magnitude 2,000.
        double tolerance = Tolerances.formula() * 2000;
        assertEquals(expected, value, tolerance, "value");
        Matrix g = la().zeros(4, 3);
        assertEquals(expected, loss().valueAndGradient(y, t, g), tolerance, "valueAndGradient");
        Expect.matrix("gradient", 4, 3, new double[] {
            0, 0, 0,
            -0.25, 0.25, 0,
            -0.125, 0.125, 0,
            1.0 / 12, 1.0 / 12, -1.0 / 6}, g);
    }

    @Test
    default void softmaxRowsSumToOneAndGradientRowsToZero() {
        SplittableRandom random = new SplittableRandom(42L);
        int n = 5;
        int d = 7;
        double[] y = new double[n * d];
        double[] t = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                y[i * d + j] = random.nextDouble(-50, 50);
            }
            t[i * d + random.nextInt(d)] = 1; // one-hot
        }
        Matrix g = la().zeros(n, d);
        loss().valueAndGradient(matrix(n, d, y), matrix(n, d, t), g);
        double[] gradient = g.toRowMajor();
        for (int i = 0; i < n; i++) {
            double gradientSum = 0;
            double softmaxSum = 0;
            for (int j = 0; j < d; j++) {
                double softmax = n * gradient[i * d + j] + t[i * d + j];
                assertTrue(softmax >= -Tolerances.roundings(8)
                        && softmax <= 1 + Tolerances.roundings(8),
                        "softmax[" + i + "][" + j + "] = " + softmax + " is not in [0, 1]");
                softmaxSum += softmax;
                gradientSum += gradient[i * d + j];
            }
            assertEquals(1.0, softmaxSum, Tolerances.knownAnswer(), "row " + i + " of softmax = N·gradient + t");
            assertEquals(0.0, gradientSum, Tolerances.knownAnswer(), "row " + i + " of the gradient");
        }
    }

    @Test
    default void shiftingARowOfLogitsChangesNothing() {
        Matrix t = matrix(2, 3, 0, 1, 0, 0.5, 0, 0.5);
        Matrix g = la().zeros(2, 3);
        double value = loss().valueAndGradient(matrix(2, 3, 0.3, -1.2, 2.2, 4, 1, -2), t, g);
        Matrix shifted = la().zeros(2, 3);
        double shiftedValue = loss().valueAndGradient(
                matrix(2, 3, 500.3, 498.8, 502.2, -696, -699, -702), t, shifted);
        assertEquals(value, shiftedValue, Tolerances.knownAnswer(), "value");
        Expect.values("gradient", g.toRowMajor(), shifted.toRowMajor(), Tolerances.knownAnswer());
    }

    @Test
    default void softmaxCrossEntropyShapeMismatchesUseTheSharedWording() {
        ShapeMismatchException value = assertThrows(ShapeMismatchException.class,
                () -> loss().value(la().zeros(2, 3), la().zeros(2, 2)));
        assertEquals("softmax-ce.value: target is 2x2 but expected 2x3", value.getMessage());
        ShapeMismatchException target = assertThrows(ShapeMismatchException.class,
                () -> loss().valueAndGradient(la().zeros(2, 3), la().zeros(3, 3), la().zeros(2, 3)));
        assertEquals("softmax-ce.gradient: target is 3x3 but expected 2x3", target.getMessage());
        ShapeMismatchException gradient = assertThrows(ShapeMismatchException.class,
                () -> loss().valueAndGradient(la().zeros(2, 3), la().zeros(2, 3), la().zeros(2, 2)));
        assertEquals("softmax-ce.gradient: gradient is 2x2 but expected 2x3",
                gradient.getMessage());
    }

    @Test
    default void softmaxCrossEntropyBadArgumentsAreRejected() {
        Matrix y = matrix(1, 2, 1, 2);
        Matrix t = matrix(1, 2, 0, 1);
        assertThrows(IllegalArgumentException.class, () -> loss().valueAndGradient(y, t, y),
                "gradient == prediction");
        assertThrows(IllegalArgumentException.class, () -> loss().valueAndGradient(y, t, t),
                "gradient == target");
        assertThrows(IllegalArgumentException.class,
                () -> loss().value(la().zeros(0, 3), la().zeros(0, 3)), "an empty batch");
        assertThrows(IllegalArgumentException.class,
                () -> loss().valueAndGradient(la().zeros(0, 3), la().zeros(0, 3),
                        la().zeros(0, 3)), "an empty batch");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss().value(y, new ForeignMatrix(1, 2)));
        assertTrue(String.valueOf(e.getMessage()).contains(ForeignMatrix.BACKEND),
                "a foreign target is rejected naming its backend: " + e.getMessage());
    }

    @Test
    default void nanLogitsGiveANanValue() {
        double value = loss().value(matrix(2, 2, 0, Double.NaN, 1, 2), matrix(2, 2, 1, 0, 0, 1));
        assertTrue(Double.isNaN(value), "a NaN logit gives a NaN loss, got " + value);
    }
}
