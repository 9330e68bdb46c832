package org.nn4j.backend.commons;

import java.util.Arrays;
import org.nn4j.api.spi.AbstractLinearAlgebra;
import org.nn4j.api.spi.OptimizerKernels;

/**
 * {@inheritDoc}
 *
 * <p>On Commons Math's {@code Array2DRowRealMatrix}, through kernels that write into the
 * destination's {@code double[][]} rows. Commons Math's own operations ({@code multiply},
 * {@code transpose}, {@code add}) return new matrices, and 3.6.1 has no transposed product,
 * so on the hot path they would allocate on every call; these loops do not, and they add in
 * the same order as EJML's kernels, so both backends train to the same numbers.
 */
final class CommonsLinearAlgebra extends AbstractLinearAlgebra<CommonsMatrix> {

    CommonsLinearAlgebra() {
        super(CommonsBackendProvider.NAME, CommonsMatrix.class);
    }

    @Override
    protected CommonsMatrix newZeros(int rows, int cols) {
        return CommonsMatrix.zeros(rows, cols);
    }

    @Override
    protected CommonsMatrix newFromRowMajor(int rows, int cols, double[] data) {
        CommonsMatrix m = CommonsMatrix.zeros(rows, cols);
        doCopyFromRowMajor(data, 0, m);
        return m;
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, CommonsMatrix dest) {
        int cols = dest.cols();
        double[][] d = dest.data;
        for (int i = 0; i < d.length; i++) {
            System.arraycopy(src, offset + i * cols, d[i], 0, cols);
        }
    }

    @Override
    protected void doCopyToRowMajor(CommonsMatrix src, double[] dest, int offset) {
        int cols = src.cols();
        double[][] s = src.data;
        for (int i = 0; i < s.length; i++) {
            System.arraycopy(s[i], 0, dest, offset + i * cols, cols);
        }
    }

    @Override
    protected void doCopy(CommonsMatrix src, CommonsMatrix dest) {
        double[][] s = src.data;
        double[][] d = dest.data;
        for (int i = 0; i < s.length; i++) {
            System.arraycopy(s[i], 0, d[i], 0, s[i].length);
        }
    }

    @Override
    protected void doFill(double value, CommonsMatrix dest) {
        for (double[] row : dest.data) {
            Arrays.fill(row, value);
        }
    }

    @Override
    protected void doGemm(double alpha, CommonsMatrix a, boolean transA, CommonsMatrix b,
                          boolean transB, double beta, CommonsMatrix c) {
        gemm(alpha, a.data, a.cols(), transA, b.data, b.cols(), transB, beta, c.data);
    }

    /**
     * The kernel, shared with the dense layer: {@code c = alpha·op(a)·op(b) + beta·c},
     * arguments already checked. Column counts are passed because a matrix without rows
     * cannot tell them.
     */
    static void gemm(double alpha, double[][] a, int aCols, boolean transA, double[][] b,
                     int bCols, boolean transB, double beta, double[][] c) {
        if (!transB) {
            // Both forms run along rows of b and c (i-k-j order), the cache-friendly way.
            scaleRows(beta, c);
            if (!transA) {
                for (int i = 0; i < c.length; i++) {
                    double[] ai = a[i];
                    double[] ci = c[i];
                    for (int k = 0; k < aCols; k++) {
                        axpyRow(alpha * ai[k], b[k], ci);
                    }
                }
            } else {
                for (int k = 0; k < a.length; k++) {
                    double[] ak = a[k];
                    double[] bk = b[k];
                    for (int i = 0; i < c.length; i++) {
                        axpyRow(alpha * ak[i], bk, c[i]);
                    }
                }
            }
            return;
        }
        int k = transA ? a.length : aCols;
        for (int i = 0; i < c.length; i++) {
            double[] ci = c[i];
            int j = 0;
            // Four dot products at once share each load of a's row and run as independent
            // chains of additions; each still adds its terms in order p = 0, 1, ..., k - 1, so
            // the result is bit for bit that of one dot product at a time (the tail below).
            for (; j + 4 <= ci.length; j += 4) {
                double[] b0 = b[j];
                double[] b1 = b[j + 1];
                double[] b2 = b[j + 2];
                double[] b3 = b[j + 3];
                double s0 = 0.0;
                double s1 = 0.0;
                double s2 = 0.0;
                double s3 = 0.0;
                if (!transA) {
                    double[] ai = a[i];
                    for (int p = 0; p < k; p++) {
                        double x = ai[p];
                        s0 += x * b0[p];
                        s1 += x * b1[p];
                        s2 += x * b2[p];
                        s3 += x * b3[p];
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        double x = a[p][i];
                        s0 += x * b0[p];
                        s1 += x * b1[p];
                        s2 += x * b2[p];
                        s3 += x * b3[p];
                    }
                }
                ci[j] = beta == 0.0 ? alpha * s0 : beta * ci[j] + alpha * s0;
                ci[j + 1] = beta == 0.0 ? alpha * s1 : beta * ci[j + 1] + alpha * s1;
                ci[j + 2] = beta == 0.0 ? alpha * s2 : beta * ci[j + 2] + alpha * s2;
                ci[j + 3] = beta == 0.0 ? alpha * s3 : beta * ci[j + 3] + alpha * s3;
            }
            for (; j < ci.length; j++) {
                double[] bj = b[j];
                double sum = 0.0;
                if (!transA) {
                    double[] ai = a[i];
                    for (int p = 0; p < k; p++) {
                        sum += ai[p] * bj[p];
                    }
                } else {
                    for (int p = 0; p < k; p++) {
                        sum += a[p][i] * bj[p];
                    }
                }
                ci[j] = beta == 0.0 ? alpha * sum : beta * ci[j] + alpha * sum;
            }
        }
    }

    /** {@code y += s·x} over one row. */
    private static void axpyRow(double s, double[] x, double[] y) {
        for (int j = 0; j < y.length; j++) {
            y[j] += s * x[j];
        }
    }

    /** {@code c = beta·c}; {@code beta == 0} clears c, NaN included, as BLAS does. */
    private static void scaleRows(double beta, double[][] c) {
        if (beta == 1.0) {
            return;
        }
        for (double[] row : c) {
            if (beta == 0.0) {
                Arrays.fill(row, 0.0);
            } else {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= beta;
                }
            }
        }
    }

    @Override
    protected void doAddRowVector(CommonsMatrix a, CommonsMatrix row, CommonsMatrix dest) {
        addRowVector(a.data, row.data[0], dest.data);
    }

    /** The kernel, shared with the dense layer: {@code dest[i][j] = a[i][j] + row[j]}. */
    static void addRowVector(double[][] a, double[] row, double[][] dest) {
        for (int i = 0; i < a.length; i++) {
            double[] ai = a[i];
            double[] di = dest[i];
            for (int j = 0; j < row.length; j++) {
                di[j] = ai[j] + row[j];
            }
        }
    }

    @Override
    protected void doColumnSums(CommonsMatrix a, CommonsMatrix dest) {
        columnSums(a.data, dest.data[0]);
    }

    /** The kernel, shared with the dense layer: {@code dest[j] = Σ_i a[i][j]}, row by row. */
    static void columnSums(double[][] a, double[] dest) {
        Arrays.fill(dest, 0.0);
        for (double[] ai : a) {
            for (int j = 0; j < dest.length; j++) {
                dest[j] += ai[j];
            }
        }
    }

    @Override
    protected double doSumOfSquares(CommonsMatrix a) {
        double sum = 0.0;
        for (double[] row : a.data) {
            for (double v : row) {
                sum += v * v;
            }
        }
        return sum;
    }

    @Override
    protected void doScale(double alpha, CommonsMatrix a, CommonsMatrix dest) {
        double[][] s = a.data;
        double[][] d = dest.data;
        for (int i = 0; i < s.length; i++) {
            double[] si = s[i];
            double[] di = d[i];
            for (int j = 0; j < si.length; j++) {
                di[j] = alpha * si[j];
            }
        }
    }

    @Override
    protected void doAxpy(double alpha, CommonsMatrix x, CommonsMatrix y) {
        double[][] xs = x.data;
        double[][] ys = y.data;
        for (int i = 0; i < xs.length; i++) {
            axpyRow(alpha, xs[i], ys[i]);
        }
    }

    @Override
    protected void doAdd(CommonsMatrix a, CommonsMatrix b, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] bs = b.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] bi = bs[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = ai[j] + bi[j];
            }
        }
    }

    @Override
    protected void doSubtract(CommonsMatrix a, CommonsMatrix b, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] bs = b.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] bi = bs[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = ai[j] - bi[j];
            }
        }
    }

    @Override
    protected void doMultiplyElements(CommonsMatrix a, CommonsMatrix b, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] bs = b.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] bi = bs[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = ai[j] * bi[j];
            }
        }
    }

    @Override
    protected void doDivideElements(CommonsMatrix a, CommonsMatrix b, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] bs = b.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] bi = bs[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = ai[j] / bi[j];
            }
        }
    }

    @Override
    protected void doSqrt(CommonsMatrix a, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = Math.sqrt(ai[j]);
            }
        }
    }

    @Override
    protected void doAddScalar(double alpha, CommonsMatrix a, CommonsMatrix dest) {
        double[][] as = a.data;
        double[][] ds = dest.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            double[] di = ds[i];
            for (int j = 0; j < ai.length; j++) {
                di[j] = ai[j] + alpha;
            }
        }
    }

    @Override
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  CommonsMatrix gradient, CommonsMatrix velocity,
                                  CommonsMatrix parameter) {
        for (int i = 0; i < parameter.data.length; i++) {
            OptimizerKernels.momentum(learningRate, momentum, weightDecay, gradient.data[i],
                    velocity.data[i], parameter.data[i], parameter.cols());
        }
    }

    @Override
    protected void doAdaGradStep(double learningRate, double epsilon, CommonsMatrix gradient,
                                 CommonsMatrix sumOfSquares, CommonsMatrix parameter) {
        for (int i = 0; i < parameter.data.length; i++) {
            OptimizerKernels.adaGrad(learningRate, epsilon, gradient.data[i],
                    sumOfSquares.data[i], parameter.data[i], parameter.cols());
        }
    }

    @Override
    protected void doRmsPropStep(double learningRate, double decay, double epsilon,
                                 CommonsMatrix gradient, CommonsMatrix meanSquare,
                                 CommonsMatrix parameter) {
        for (int i = 0; i < parameter.data.length; i++) {
            OptimizerKernels.rmsProp(learningRate, decay, epsilon, gradient.data[i],
                    meanSquare.data[i], parameter.data[i], parameter.cols());
        }
    }

    @Override
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, CommonsMatrix gradient, CommonsMatrix firstMoment,
                              CommonsMatrix secondMoment, CommonsMatrix parameter) {
        for (int i = 0; i < parameter.data.length; i++) {
            OptimizerKernels.adam(learningRate, beta1, beta2, epsilon, step, gradient.data[i],
                    firstMoment.data[i], secondMoment.data[i], parameter.data[i],
                    parameter.cols());
        }
    }

    @Override
    protected void doArgmaxRows(CommonsMatrix a, int[] dest) {
        double[][] as = a.data;
        for (int i = 0; i < as.length; i++) {
            double[] ai = as[i];
            int best = 0;
            double max = ai[0];
            if (max == max) {
                for (int j = 1; j < ai.length; j++) {
                    double v = ai[j];
                    if (v > max) {
                        max = v;
                        best = j;
                    } else if (v != v) {
                        best = j; // numpy's rule: a row's first NaN wins
                        break;
                    }
                }
            }
            dest[i] = best;
        }
    }
}
