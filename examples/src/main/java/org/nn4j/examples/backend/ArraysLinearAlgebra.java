package org.nn4j.examples.backend;

import java.util.Arrays;
import org.nn4j.api.spi.AbstractLinearAlgebra;

/**
 * The kernels only: {@link AbstractLinearAlgebra} checks every argument (shapes, foreign
 * matrices, aliasing) with the exact messages the kit expects, then calls these on valid
 * arguments. The fused optimizer steps keep the base class's defaults (OptimizerKernels on
 * copies); a backend with direct access to its elements may override them to save the copies.
 */
final class ArraysLinearAlgebra extends AbstractLinearAlgebra<ArraysMatrix> {

    ArraysLinearAlgebra() {
        super(ArraysBackendProvider.NAME, ArraysMatrix.class);
    }

    @Override
    protected ArraysMatrix newZeros(int rows, int cols) {
        return new ArraysMatrix(rows, cols, new double[rows * cols]);
    }

    @Override
    protected ArraysMatrix newFromRowMajor(int rows, int cols, double[] data) {
        return new ArraysMatrix(rows, cols, data.clone());
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, ArraysMatrix dest) {
        System.arraycopy(src, offset, dest.data, 0, dest.data.length);
    }

    @Override
    protected void doCopyToRowMajor(ArraysMatrix src, double[] dest, int offset) {
        System.arraycopy(src.data, 0, dest, offset, src.data.length);
    }

    @Override
    protected void doCopy(ArraysMatrix src, ArraysMatrix dest) {
        System.arraycopy(src.data, 0, dest.data, 0, src.data.length);
    }

    @Override
    protected void doFill(double value, ArraysMatrix dest) {
        Arrays.fill(dest.data, value);
    }

    /** {@code c = alpha·op(a)·op(b) + beta·c}, one dot product per element of {@code c}. */
    @Override
    protected void doGemm(double alpha, ArraysMatrix a, boolean transA, ArraysMatrix b,
                          boolean transB, double beta, ArraysMatrix c) {
        int inner = transA ? a.rows : a.cols;
        for (int i = 0; i < c.rows; i++) {
            for (int j = 0; j < c.cols; j++) {
                double dot = 0;
                for (int k = 0; k < inner; k++) {
                    dot += (transA ? a.data[k * a.cols + i] : a.data[i * a.cols + k])
                            * (transB ? b.data[j * b.cols + k] : b.data[k * b.cols + j]);
                }
                int at = i * c.cols + j;
                // beta 0 overwrites: NaN already in c must not survive (BLAS semantics)
                c.data[at] = beta == 0 ? alpha * dot : alpha * dot + beta * c.data[at];
            }
        }
    }

    @Override
    protected void doAddRowVector(ArraysMatrix a, ArraysMatrix row, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] + row.data[i % a.cols];
        }
    }

    @Override
    protected void doColumnSums(ArraysMatrix a, ArraysMatrix dest) {
        Arrays.fill(dest.data, 0);
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i % a.cols] += a.data[i];
        }
    }

    @Override
    protected double doSumOfSquares(ArraysMatrix a) {
        double sum = 0;
        for (double v : a.data) {
            sum += v * v;
        }
        return sum;
    }

    @Override
    protected void doScale(double alpha, ArraysMatrix a, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = alpha * a.data[i];
        }
    }

    @Override
    protected void doAxpy(double alpha, ArraysMatrix x, ArraysMatrix y) {
        for (int i = 0; i < x.data.length; i++) {
            y.data[i] += alpha * x.data[i];
        }
    }

    @Override
    protected void doAdd(ArraysMatrix a, ArraysMatrix b, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] + b.data[i];
        }
    }

    @Override
    protected void doSubtract(ArraysMatrix a, ArraysMatrix b, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] - b.data[i];
        }
    }

    @Override
    protected void doMultiplyElements(ArraysMatrix a, ArraysMatrix b, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] * b.data[i];
        }
    }

    @Override
    protected void doDivideElements(ArraysMatrix a, ArraysMatrix b, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] / b.data[i];
        }
    }

    @Override
    protected void doSqrt(ArraysMatrix a, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = Math.sqrt(a.data[i]);
        }
    }

    @Override
    protected void doAddScalar(double alpha, ArraysMatrix a, ArraysMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] + alpha;
        }
    }

    /** First index of each row's maximum; a NaN wins at once, as numpy's argmax. */
    @Override
    protected void doArgmaxRows(ArraysMatrix a, int[] dest) {
        for (int i = 0; i < a.rows; i++) {
            int best = 0;
            for (int j = 0; j < a.cols; j++) {
                double v = a.data[i * a.cols + j];
                if (Double.isNaN(v)) {
                    best = j;
                    break;
                }
                if (v > a.data[i * a.cols + best]) {
                    best = j;
                }
            }
            dest[i] = best;
        }
    }
}
