package org.nn4j.backend.ejml;

import static org.nn4j.backend.ejml.EjmlLinearAlgebra.CONCURRENT_THRESHOLD;

import java.util.Arrays;
import org.ejml.data.FMatrixRMaj;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractLinearAlgebra;
import org.nn4j.api.spi.OptimizerKernels;

/**
 * The float32 {@link org.nn4j.api.LinearAlgebra} of the {@code ejml} backend, on EJML's
 * {@link FMatrixRMaj} with the products of {@link EjmlFloatProducts} (EJML's own float
 * kernels, in {@code ejml-fdense}, cannot be read by this module: see there); the checks and
 * messages are {@link AbstractLinearAlgebra}'s.
 *
 * <p><b>Why a second class.</b> EJML's float matrix is a separate type from its double one
 * ({@code FMatrixRMaj} holds a {@code float[]}), and Java cannot abstract over primitive
 * arrays without boxing or copying, so each precision has its own short kernels. What can be shared is: the checks (the base class),
 * the element-wise formulas of the optimizers ({@link OptimizerKernels}' {@code float[]}
 * twins) and the thresholds of {@link EjmlLinearAlgebra}.
 *
 * <p><b>Rounding.</b> Products accumulate in {@code float}, as EJML's {@code FDRM} kernels
 * do (that is where float32 gains its speed), with {@code alpha} rounded to {@code float}.
 * Sums of two elements ({@code add}, {@code subtract}, {@code multiplyElements},
 * {@code divideElements}, {@code addRowVector}) are one correctly rounded float operation.
 * Element-wise operations with a {@code double} scalar ({@code scale}, {@code axpy},
 * {@code addScalar}) compute each element in {@code double} and round once when they store;
 * every stored element is a {@code float}.
 */
final class EjmlFloatLinearAlgebra extends AbstractLinearAlgebra<EjmlFloatMatrix> {

    EjmlFloatLinearAlgebra() {
        super(EjmlBackendProvider.NAME, EjmlFloatMatrix.class, Precision.F32);
    }

    @Override
    protected EjmlFloatMatrix newZeros(int rows, int cols) {
        return new EjmlFloatMatrix(new FMatrixRMaj(rows, cols));
    }

    @Override
    protected EjmlFloatMatrix newFromRowMajor(int rows, int cols, double[] data) {
        EjmlFloatMatrix m = newZeros(rows, cols);
        doCopyFromRowMajor(data, 0, m);
        return m;
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, EjmlFloatMatrix dest) {
        float[] d = dest.data.data;
        int n = dest.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = (float) src[offset + i]; // round to nearest: Precision.F32.round
        }
    }

    @Override
    protected void doCopyToRowMajor(EjmlFloatMatrix src, double[] dest, int offset) {
        float[] x = src.data.data;
        int n = src.data.getNumElements();
        for (int i = 0; i < n; i++) {
            dest[offset + i] = x[i];
        }
    }

    @Override
    protected void doCopy(EjmlFloatMatrix src, EjmlFloatMatrix dest) {
        System.arraycopy(src.data.data, 0, dest.data.data, 0, src.data.getNumElements());
    }

    @Override
    protected void doFill(double value, EjmlFloatMatrix dest) {
        Arrays.fill(dest.data.data, 0, dest.data.getNumElements(), (float) value);
    }

    @Override
    protected void doGemm(double alpha, EjmlFloatMatrix a, boolean transA, EjmlFloatMatrix b,
                          boolean transB, double beta, EjmlFloatMatrix c) {
        gemm(alpha, a.data, transA, b.data, transB, beta, c.data);
    }

    /**
     * The kernel, shared with the dense layer: arguments already checked. Products of at least
     * {@link EjmlLinearAlgebra#CONCURRENT_THRESHOLD} multiply-adds run on two threads.
     */
    static void gemm(double alpha, FMatrixRMaj a, boolean transA, FMatrixRMaj b, boolean transB,
                     double beta, FMatrixRMaj c) {
        long work = (long) c.numRows * c.numCols * (transA ? a.numRows : a.numCols);
        EjmlFloatProducts.gemm((float) alpha, a, transA, b, transB, beta, c,
                work >= CONCURRENT_THRESHOLD);
    }

    /** The dense layer's forward pass {@code y = x·W + 1·bias}, arguments checked. */
    static void forward(FMatrixRMaj x, FMatrixRMaj w, FMatrixRMaj bias, FMatrixRMaj y) {
        gemm(1.0, x, false, w, false, 0.0, y);
        addRowVector(y, bias, y);
    }

    @Override
    protected void doAddRowVector(EjmlFloatMatrix a, EjmlFloatMatrix row, EjmlFloatMatrix dest) {
        addRowVector(a.data, row.data, dest.data);
    }

    /** {@code dest[i][j] = a[i][j] + row[j]}: one rounding, as in double. */
    static void addRowVector(FMatrixRMaj a, FMatrixRMaj row, FMatrixRMaj dest) {
        int rows = a.numRows;
        int cols = a.numCols;
        float[] x = a.data;
        float[] r = row.data;
        float[] d = dest.data;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d[base + j] = x[base + j] + r[j];
            }
        }
    }

    @Override
    protected void doColumnSums(EjmlFloatMatrix a, EjmlFloatMatrix dest) {
        columnSums(a.data, dest.data);
    }

    /**
     * {@code dest[j] = Σ_i a[i][j]}, row by row (numpy's order), summed in {@code double} and
     * rounded once: a batch's bias gradient adds up to a few thousand rows.
     */
    static void columnSums(FMatrixRMaj a, FMatrixRMaj dest, double[] sums) {
        int rows = a.numRows;
        int cols = a.numCols;
        float[] x = a.data;
        Arrays.fill(sums, 0, cols, 0.0);
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                sums[j] += x[base + j];
            }
        }
        float[] d = dest.data;
        for (int j = 0; j < cols; j++) {
            d[j] = (float) sums[j];
        }
    }

    private static void columnSums(FMatrixRMaj a, FMatrixRMaj dest) {
        columnSums(a, dest, new double[a.numCols]);
    }

    @Override
    protected double doSumOfSquares(EjmlFloatMatrix a) {
        float[] x = a.data.data;
        int n = a.data.getNumElements();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double v = x[i];
            sum += v * v;
        }
        return sum;
    }

    @Override
    protected void doScale(double alpha, EjmlFloatMatrix a, EjmlFloatMatrix dest) {
        scale(alpha, a.data, dest.data);
    }

    private static void scale(double alpha, FMatrixRMaj a, FMatrixRMaj dest) {
        float[] x = a.data;
        float[] d = dest.data;
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = (float) (alpha * x[i]);
        }
    }

    @Override
    protected void doAxpy(double alpha, EjmlFloatMatrix x, EjmlFloatMatrix y) {
        float[] a = x.data.data;
        float[] d = y.data.data;
        int n = x.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = (float) (d[i] + alpha * a[i]);
        }
    }

    @Override
    protected void doAdd(EjmlFloatMatrix a, EjmlFloatMatrix b, EjmlFloatMatrix dest) {
        elementWise(a, b, dest, (x, y) -> x + y);
    }

    @Override
    protected void doSubtract(EjmlFloatMatrix a, EjmlFloatMatrix b, EjmlFloatMatrix dest) {
        elementWise(a, b, dest, (x, y) -> x - y);
    }

    @Override
    protected void doMultiplyElements(EjmlFloatMatrix a, EjmlFloatMatrix b,
                                      EjmlFloatMatrix dest) {
        elementWise(a, b, dest, (x, y) -> x * y);
    }

    @Override
    protected void doDivideElements(EjmlFloatMatrix a, EjmlFloatMatrix b, EjmlFloatMatrix dest) {
        elementWise(a, b, dest, (x, y) -> x / y);
    }

    /** One float operation per element: {@code dest = op(a, b)}. */
    private interface FloatOperation {
        float apply(float x, float y);
    }

    private static void elementWise(EjmlFloatMatrix a, EjmlFloatMatrix b, EjmlFloatMatrix dest,
                                    FloatOperation op) {
        float[] x = a.data.data;
        float[] y = b.data.data;
        float[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = op.apply(x[i], y[i]);
        }
    }

    @Override
    protected void doSqrt(EjmlFloatMatrix a, EjmlFloatMatrix dest) {
        float[] x = a.data.data;
        float[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = (float) Math.sqrt(x[i]); // correctly rounded: sqrt in double, then float
        }
    }

    @Override
    protected void doAddScalar(double alpha, EjmlFloatMatrix a, EjmlFloatMatrix dest) {
        float[] x = a.data.data;
        float[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = (float) (x[i] + alpha);
        }
    }

    @Override
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  EjmlFloatMatrix gradient, EjmlFloatMatrix velocity,
                                  EjmlFloatMatrix parameter) {
        OptimizerKernels.momentum(learningRate, momentum, weightDecay, gradient.data.data,
                velocity.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doAdaGradStep(double learningRate, double epsilon, EjmlFloatMatrix gradient,
                                 EjmlFloatMatrix sumOfSquares, EjmlFloatMatrix parameter) {
        OptimizerKernels.adaGrad(learningRate, epsilon, gradient.data.data,
                sumOfSquares.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doRmsPropStep(double learningRate, double decay, double epsilon,
                                 EjmlFloatMatrix gradient, EjmlFloatMatrix meanSquare,
                                 EjmlFloatMatrix parameter) {
        OptimizerKernels.rmsProp(learningRate, decay, epsilon, gradient.data.data,
                meanSquare.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, EjmlFloatMatrix gradient, EjmlFloatMatrix firstMoment,
                              EjmlFloatMatrix secondMoment, EjmlFloatMatrix parameter) {
        OptimizerKernels.adam(learningRate, beta1, beta2, epsilon, step, gradient.data.data,
                firstMoment.data.data, secondMoment.data.data, parameter.data.data,
                parameter.data.getNumElements());
    }

    @Override
    protected void doArgmaxRows(EjmlFloatMatrix a, int[] dest) {
        float[] x = a.data.data;
        int rows = a.data.numRows;
        int cols = a.data.numCols;
        // Row-major argmax: first index on ties, a row's first NaN wins (numpy's rule).
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int best = 0;
            float max = x[base];
            if (max == max) {
                for (int j = 1; j < cols; j++) {
                    float v = x[base + j];
                    if (v > max) {
                        max = v;
                        best = j;
                    } else if (v != v) {
                        best = j;
                        break;
                    }
                }
            }
            dest[i] = best;
        }
    }
}
