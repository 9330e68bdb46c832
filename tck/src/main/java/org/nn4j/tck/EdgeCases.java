package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * Shapes at the edges: a batch of one, the tutorial's short last batch between full ones,
 * 1×1, wide and tall operands (against a plain triple loop), and zero-size matrices.
 */
interface EdgeCases extends ConformanceChecks {

    /** Long sums may be added in another order; a few ulps of the largest term. */


    /**
     * z = [[1,2]] with the hand-computed layer of {@link LayerAndLoss}: y = [5.5,1,1],
     * t = [5,2,1], y − t = [0.5,−1,0], L = 1.25/2 = 0.625, dy = [0.5,−1,0],
     * dW = zᵀ·dy = [[0.5,−1,0],[1,−2,0]], db = [0.5,−1,0], dz = dy·Wᵀ = [0.5,0].
     */
    @Test
    default void batchOfOneForwardLossAndBackward() {
        Layer layer = backendUnderTest().dense(matrix(2, 3, LayerAndLoss.W),
                matrix(1, 3, LayerAndLoss.B));
        checkBatchOfOne(layer);
    }

    private void checkBatchOfOne(Layer layer) {
        Loss mse = backendUnderTest().meanSquaredError();
        Matrix y = layer.forward(matrix(1, 2, 1, 2));
        Expect.matrix("forward of one row", 1, 3, new double[] {5.5, 1, 1}, y);
        Matrix dy = la().zeros(1, 3);
        assertEquals(0.625, mse.valueAndGradient(y, matrix(1, 3, 5, 2, 1), dy), Tolerances.knownAnswer(),
                "loss of one row");
        Expect.matrix("dy of one row", 1, 3, new double[] {0.5, -1, 0}, dy);
        Matrix dz = layer.backward(dy);
        Expect.matrix("dz of one row", 1, 2, new double[] {0.5, 0}, dz);
        Expect.matrix("dW of one row", 2, 3, new double[] {0.5, -1, 0, 1, -2, 0},
                layer.parameters().get(0).gradient());
        Expect.matrix("db of one row", 1, 3, new double[] {0.5, -1, 0},
                layer.parameters().get(1).gradient());
    }

    /** The tutorial's batch starting at row 499 has one row: buffers must follow the batch. */
    @Test
    default void shortLastBatchBetweenFullBatches() {
        Layer layer = backendUnderTest().dense(matrix(2, 3, LayerAndLoss.W),
                matrix(1, 3, LayerAndLoss.B));
        fullBatch(layer);
        checkBatchOfOne(layer);
        fullBatch(layer);
    }

    private void fullBatch(Layer layer) {
        Expect.matrix("forward of two rows", 2, 3, LayerAndLoss.Y,
                layer.forward(matrix(2, 2, LayerAndLoss.Z)));
        Expect.matrix("dz of two rows", 2, 2, LayerAndLoss.DZ,
                layer.backward(matrix(2, 3, LayerAndLoss.DY)));
        Expect.matrix("dW of two rows", 2, 3, LayerAndLoss.DW,
                layer.parameters().get(0).gradient());
        Expect.matrix("db of two rows", 1, 3, LayerAndLoss.DB,
                layer.parameters().get(1).gradient());
    }

    /** W = [[2]], b = [1], z = [[3]], t = [[4]]: y = 7, L = 9/2, dy = 3, dW = 9, db = 3, dz = 6. */
    @Test
    default void oneByOneMatricesAndLayer() {
        Matrix c = matrix(1, 1, 1);
        la().gemm(2, matrix(1, 1, 3), true, matrix(1, 1, 4), true, 1, c);
        Expect.matrix("gemm of 1x1", 1, 1, new double[] {25}, c);
        Layer layer = backendUnderTest().dense(matrix(1, 1, 2), matrix(1, 1, 1));
        Matrix y = layer.forward(matrix(1, 1, 3));
        Expect.matrix("forward", 1, 1, new double[] {7}, y);
        Matrix dy = la().zeros(1, 1);
        assertEquals(4.5, backendUnderTest().meanSquaredError().valueAndGradient(y, matrix(1, 1, 4), dy),
                Tolerances.knownAnswer(), "loss");
        Expect.matrix("dz", 1, 1, new double[] {6}, layer.backward(dy));
        Expect.matrix("dW", 1, 1, new double[] {9}, layer.parameters().get(0).gradient());
        Expect.matrix("db", 1, 1, new double[] {3}, layer.parameters().get(1).gradient());
    }

    /** op(a) is m×k and op(b) k×n; each transposed operand is stored transposed. */
    @ParameterizedTest(name = "{0}x{1} times {1}x{2}, transA={3}, transB={4}")
    @CsvSource({
        "1, 64, 1, false, false", "1, 64, 1, true, true",
        "64, 1, 64, false, false", "64, 1, 64, true, false",
        "3, 200, 2, false, true", "2, 3, 300, true, true",
        "300, 3, 2, true, false", "2, 300, 3, false, true"})
    default void wideAndTallProductsMatchAPlainTripleLoop(int m, int k, int n, boolean transA,
                                                   boolean transB) {
        SplittableRandom random = new SplittableRandom(m * 1_000_003L + k * 1009L + n);
        double[] a = uniform(random, m * k);
        double[] b = uniform(random, k * n);
        double[] c0 = uniform(random, m * n);
        Matrix ma = transA ? matrix(k, m, transpose(a, m, k)) : matrix(m, k, a);
        Matrix mb = transB ? matrix(n, k, transpose(b, k, n)) : matrix(k, n, b);
        Matrix c = matrix(m, n, c0);
        la().gemm(-1.5, ma, transA, mb, transB, 0.25, c);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                expected[i * n + j] = -1.5 * s + 0.25 * c0[i * n + j];
            }
        }
        // Σ|terms| <= 1.5·k + 0.25 for elements in [−1, 1), so Tolerances' bound for gemm.
        Expect.matrix("gemm", m, n, expected, c, 2 * Tolerances.gamma(k + 2L) * (1.5 * k + 0.25));
    }

    /** A layer of 1 input and 40 outputs, and one of 40 inputs and 1 output, on 7 rows. */
    @ParameterizedTest(name = "{0} inputs, {1} outputs")
    @CsvSource({"1, 40", "40, 1"})
    default void wideAndTallLayersMatchAPlainComputation(int in, int out) {
        int rows = 7;
        SplittableRandom random = new SplittableRandom(in * 100L + out);
        double[] z = uniform(random, rows * in);
        double[] w = uniform(random, in * out);
        double[] b = uniform(random, out);
        double[] dy = uniform(random, rows * out);
        Layer layer = backendUnderTest().dense(matrix(in, out, w), matrix(1, out, b));
        double[] y = new double[rows * out];
        double[] dw = new double[in * out];
        double[] db = new double[out];
        double[] dz = new double[rows * in];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < out; j++) {
                double s = b[j];
                for (int i = 0; i < in; i++) {
                    s += z[r * in + i] * w[i * out + j];
                    dw[i * out + j] += z[r * in + i] * dy[r * out + j];
                    dz[r * in + i] += dy[r * out + j] * w[i * out + j];
                }
                y[r * out + j] = s;
                db[j] += dy[r * out + j];
            }
        }
        // Sums of at most max(in, out, rows) + 1 terms, each at most 1 in magnitude.
        int terms = Math.max(rows, Math.max(in, out)) + 1;
        double tolerance = 2 * Tolerances.gamma(terms + 2L) * terms;
        Expect.matrix("forward", rows, out, y, layer.forward(matrix(rows, in, z)), tolerance);
        Expect.matrix("dz", rows, in, dz, layer.backward(matrix(rows, out, dy)), tolerance);
        Expect.matrix("dW", in, out, dw, layer.parameters().get(0).gradient(), tolerance);
        Expect.matrix("db", 1, out, db, layer.parameters().get(1).gradient(), tolerance);
    }

    /** BLAS: with an empty inner dimension the product is empty and c becomes beta·c. */
    @Test
    default void gemmWithAnEmptyInnerDimensionGivesBetaTimesC() {
        Matrix c = matrix(2, 3, 2, 4, 6, 8, 10, 12);
        la().gemm(1, la().zeros(2, 0), false, la().zeros(0, 3), false, 0.5, c);
        Expect.matrix("gemm with k = 0, beta = 0.5", 2, 3, new double[] {1, 2, 3, 4, 5, 6}, c);
        la().gemm(1, la().zeros(0, 2), true, la().zeros(3, 0), true, 0, c);
        Expect.matrix("gemm with k = 0, beta = 0", 2, 3, new double[6], c);
    }

    @Test
    default void zeroSizeMatricesAreAllowedWhereTheApiAllowsThem() {
        Matrix empty = la().fromRowMajor(0, 3);
        assertEquals(0, empty.rows(), "rows");
        assertEquals(3, empty.cols(), "cols");
        assertEquals(0, empty.toRowMajor().length, "toRowMajor's length");
        assertEquals(0, la().zeros(3, 0).toRowMajor().length, "3x0 toRowMajor's length");
        Matrix product = la().zeros(0, 3);
        la().gemm(1, la().zeros(0, 2), false, matrix(2, 3, 1, 2, 3, 4, 5, 6), false, 0, product);
        assertEquals(0, product.rows(), "0x2 times 2x3");
        Matrix sums = matrix(1, 3, 9, 9, 9);
        la().columnSums(empty, sums);
        Expect.matrix("column sums of no rows", 1, 3, new double[3], sums);
        Matrix dest = la().zeros(0, 3);
        la().addRowVector(empty, matrix(1, 3, 1, 2, 3), dest);
        la().add(empty, empty, dest);
        la().axpy(2, empty, dest);
        la().scale(2, empty, dest);
        la().copy(empty, dest);
        la().fill(1, dest);
        assertEquals(0.0, la().sumOfSquares(empty), "sum of squares of nothing");
        double[] array = {7};
        la().copyToRowMajor(empty, array, 1);
        la().copyFromRowMajor(array, 1, dest);
        assertEquals(7.0, array[0], "copyToRowMajor of nothing");
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Tolerances.round(random.nextDouble(-1.0, 1.0));
        }
        return a;
    }

    /** The row-major transpose of a rows×cols array. */
    private static double[] transpose(double[] x, int rows, int cols) {
        double[] t = new double[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}
