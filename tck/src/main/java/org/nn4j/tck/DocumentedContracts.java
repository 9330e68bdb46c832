package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * The cases the javadoc allows beyond the common one: soft targets for softmax cross-entropy
 * (any probability distribution per row, not only one-hot), targets the loss does not check,
 * inputs that are the same matrix where only the destination must differ, and the zero-size
 * cases the javadoc allows. Answers and tolerances are {@link Oracle}'s.
 */
interface DocumentedContracts extends ConformanceChecks {


    private void crossEntropy(String what, int rows, int cols, double[] logits, double[] targets) {
        Oracle.Expected[] e = Oracle.softmaxCrossEntropy(logits, targets, rows, cols);
        Loss loss = backendUnderTest().softmaxCrossEntropy();
        Matrix y = matrix(rows, cols, logits);
        Matrix t = matrix(rows, cols, targets);
        Oracle.check(what + ": value", e[0], loss.value(y, t));
        Matrix g = la().zeros(rows, cols);
        Oracle.check(what + ": valueAndGradient's value", e[0], loss.valueAndGradient(y, t, g));
        Oracle.check(what + ": gradient (softmax − t)/N", e[1], g.toRowMajor());
    }

    @Test
    default void softmaxCrossEntropyTakesSoftTargets() {
        crossEntropy("label smoothing (0.9, 0.05, 0.05)", 2, 3,
                new double[] {2.5, -0.3, 0.7, -1.1, 0.2, 3.3},
                new double[] {0.9, 0.05, 0.05, 0.05, 0.05, 0.9});
        crossEntropy("uniform targets", 1, 4, new double[] {0.1, -2, 5, 1.5},
                new double[] {0.25, 0.25, 0.25, 0.25});
        crossEntropy("random soft targets", 5, 7, Oracle.random(3, 35, -4, 4),
                Operations.softTargets(4, 5, 7));
    }

    @Test
    default void softmaxCrossEntropyValueHoldsForTargetsItDoesNotCheck() {
        // "targets are not checked": the value is −(1/N) Σ t·log softmax(y) whatever t is.
        double[] logits = {0.5, -1.5, 2, 1, 0, -1};
        double[] targets = {2, 0, 0.5, 0, 0, 0};
        Oracle.Expected[] e = Oracle.softmaxCrossEntropy(logits, targets, 2, 3);
        Oracle.check("value with rows summing to 2.5 and 0", e[0],
                backendUnderTest().softmaxCrossEntropy().value(matrix(2, 3, logits), matrix(2, 3, targets)));
    }

    @Test
    default void lossesOfRowsWithoutColumnsAreZero() {
        for (Loss loss : new Loss[] {backendUnderTest().meanSquaredError(), backendUnderTest().softmaxCrossEntropy()}) {
            assertEquals(0.0, loss.value(la().zeros(3, 0), la().zeros(3, 0)),
                    loss.name() + " of 3x0");
            Matrix g = la().zeros(3, 0);
            assertEquals(0.0, loss.valueAndGradient(la().zeros(3, 0), la().zeros(3, 0), g),
                    loss.name() + " valueAndGradient of 3x0");
            assertEquals(3, g.rows(), loss.name() + ": the gradient keeps its shape");
        }
    }

    @Test
    default void gemmAcceptsTheSameMatrixAsBothOperands() {
        double[] a = Oracle.random(5, 12);
        Matrix x = matrix(4, 3, a);
        Matrix c = la().zeros(3, 3);
        la().gemm(1, x, true, x, false, 0, c);
        Oracle.check("aᵀ·a with a passed twice", Oracle.gemm(1, a, 3, true, a, 3, false, 0, null,
                3, 3, 4), c.toRowMajor());
        Matrix outer = la().zeros(4, 4);
        la().gemm(2, x, false, x, true, 0, outer);
        Oracle.check("2·a·aᵀ with a passed twice", Oracle.gemm(2, a, 3, false, a, 3, true, 0, null,
                4, 4, 3), outer.toRowMajor());
        Oracle.check("a afterwards", Oracle.Expected.exact(a), x.toRowMajor());
    }

    @Test
    default void zeroSizeProductsReductionsAndArgmax() {
        Matrix c = la().zeros(3, 0);
        la().gemm(1, matrix(3, 2, 1, 2, 3, 4, 5, 6), false, la().zeros(2, 0), false, 0, c);
        assertEquals("3x0", c.rows() + "x" + c.cols(), "(3x2)·(2x0)");
        Matrix sums = la().zeros(1, 0);
        la().columnSums(la().zeros(4, 0), sums);
        assertEquals(0, sums.toRowMajor().length, "columnSums of 4x0");
        assertEquals(0, la().argmaxRows(la().zeros(0, 3)).length, "argmaxRows of 0x3");
        assertEquals(0, la().argmaxRows(la().zeros(0, 0)).length, "argmaxRows of 0x0");
        assertEquals(0.0, la().sumOfSquares(la().zeros(0, 5)), "sumOfSquares of 0x5");
        Matrix e = la().zeros(0, 4);
        la().divideElements(e, e, e);
        la().sqrt(e, e);
        la().addScalar(1, e, e);
        la().multiplyElements(e, la().zeros(0, 4), la().zeros(0, 4));
        la().subtract(e, la().zeros(0, 4), la().zeros(0, 4));
        assertEquals(0, e.toRowMajor().length, "element-wise operations on 0x4");
    }
}
