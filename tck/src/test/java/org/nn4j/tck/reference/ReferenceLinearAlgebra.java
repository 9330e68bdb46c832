package org.nn4j.tck.reference;

import java.util.Arrays;
import java.util.List;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;
import org.nn4j.api.spi.AbstractLinearAlgebra;

/**
 * Plain loops over row-major arrays; checks come from {@link AbstractLinearAlgebra}. Every
 * kernel computes in double; in float32 each result is rounded to the nearest float when it
 * is stored ({@link #store}), as an F32 kernel that computes in double may do.
 */
final class ReferenceLinearAlgebra extends AbstractLinearAlgebra<ReferenceMatrix> {

    private final Breakage breakage;
    /** The shared scratch of {@link Breakage#SHARED_SCRATCH_IN_GEMM}. */
    private double[] scratch = new double[0];

    ReferenceLinearAlgebra(Breakage breakage, Precision precision) {
        super(ReferenceBackendProvider.NAME, ReferenceMatrix.class, precision);
        this.breakage = breakage;
    }

    @Override
    protected ReferenceMatrix newZeros(int rows, int cols) {
        return new ReferenceMatrix(rows, cols, new double[rows * cols], precision());
    }

    @Override
    protected ReferenceMatrix newFromRowMajor(int rows, int cols, double[] data) {
        return store(new ReferenceMatrix(rows, cols, data.clone(), precision()));
    }

    /**
     * Rounds every element of a matrix this linear algebra wrote to its precision: the
     * nearest float in float32 (ties to even), nothing in float64; unless a breakage stores
     * doubles unrounded or truncates.
     */
    ReferenceMatrix store(ReferenceMatrix m) {
        if (precision() != Precision.F32 || breakage == Breakage.FLOAT32_STORES_DOUBLES) {
            return m;
        }
        double[] d = m.data;
        for (int i = 0; i < d.length; i++) {
            float f = (float) d[i];
            if (breakage == Breakage.FLOAT32_ROUNDS_TOWARD_ZERO && Math.abs(f) > Math.abs(d[i])) {
                f = Math.nextAfter(f, 0.0);
            }
            d[i] = f;
        }
        return m;
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, ReferenceMatrix dest) {
        if (breakage == Breakage.COPY_FROM_ROW_MAJOR_MISSES_A_RANGE_ENDING_THE_ARRAY && offset > 0
                && offset + dest.data.length == src.length) {
            return;
        }
        System.arraycopy(src, offset, dest.data, 0, dest.data.length);
        store(dest);
    }

    @Override
    protected void doCopyToRowMajor(ReferenceMatrix src, double[] dest, int offset) {
        System.arraycopy(src.data, 0, dest, offset, src.data.length);
    }

    @Override
    protected void doCopy(ReferenceMatrix src, ReferenceMatrix dest) {
        System.arraycopy(src.data, 0, dest.data, 0, src.data.length);
    }

    @Override
    protected void doFill(double value, ReferenceMatrix dest) {
        Arrays.fill(dest.data, value);
        store(dest);
    }

    @Override
    protected void doGemm(double alpha, ReferenceMatrix a, boolean transA, ReferenceMatrix b,
                          boolean transB, double beta, ReferenceMatrix c) {
        if (breakage == Breakage.SHARED_SCRATCH_IN_GEMM) {
            if (scratch.length < c.data.length) {
                scratch = new double[c.data.length];
            }
            double[] s = scratch;
            System.arraycopy(c.data, 0, s, 0, c.data.length);
            gemm(alpha, a.data, a.cols, transA, b.data, b.cols, transB, beta, s, c.rows, c.cols,
                    transA ? a.rows : a.cols);
            System.arraycopy(s, 0, c.data, 0, c.data.length);
            store(c);
            return;
        }
        gemm(alpha, a.data, a.cols, transA, b.data, b.cols, transB, beta, c.data, c.rows, c.cols,
                transA ? a.rows : a.cols);
        store(c);
    }

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c} on row-major arrays with their column counts, in
     * double (in float with {@link Breakage#FLOAT64_GEMM_ACCUMULATES_IN_FLOAT}); not rounded.
     */
    void gemm(double alpha, double[] a, int aCols, boolean transA, double[] b, int bCols,
              boolean transB, double beta, double[] c, int m, int n, int k) {
        boolean inFloat = breakage == Breakage.FLOAT64_GEMM_ACCUMULATES_IN_FLOAT
                && precision() == Precision.F64;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a[p * aCols + i] : a[i * aCols + p];
                    double y = transB ? b[j * bCols + p] : b[p * bCols + j];
                    s = inFloat ? (float) s + (float) x * (float) y : s + x * y;
                }
                c[i * n + j] = beta == 0 ? alpha * s : alpha * s + beta * c[i * n + j];
            }
        }
    }

    @Override
    protected void doAddRowVector(ReferenceMatrix a, ReferenceMatrix row, ReferenceMatrix dest) {
        for (int i = 0; i < a.rows; i++) {
            for (int j = 0; j < a.cols; j++) {
                dest.data[i * a.cols + j] = a.data[i * a.cols + j] + row.data[j];
            }
        }
        store(dest);
    }

    @Override
    protected void doColumnSums(ReferenceMatrix a, ReferenceMatrix dest) {
        if (breakage == Breakage.FLOAT_ACCUMULATION_IN_COLUMN_SUMS) {
            for (int j = 0; j < a.cols; j++) {
                float s = 0;
                for (int i = 0; i < a.rows; i++) {
                    s += (float) a.data[i * a.cols + j];
                }
                dest.data[j] = s;
            }
            store(dest);
            return;
        }
        columnSums(a.data, a.rows, a.cols, dest.data);
        store(dest);
    }

    static void columnSums(double[] a, int rows, int cols, double[] dest) {
        Arrays.fill(dest, 0, cols, 0.0);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                dest[j] += a[i * cols + j];
            }
        }
    }

    @Override
    protected double doSumOfSquares(ReferenceMatrix a) {
        double s = 0;
        for (double v : a.data) {
            s += v * v;
        }
        return s;
    }

    @Override
    protected void doScale(double alpha, ReferenceMatrix a, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = alpha * a.data[i];
        }
        store(dest);
    }

    @Override
    protected void doAxpy(double alpha, ReferenceMatrix x, ReferenceMatrix y) {
        if (breakage == Breakage.DROPPED_UPDATE) {
            return;
        }
        for (int i = 0; i < x.data.length; i++) {
            y.data[i] += alpha * x.data[i];
        }
        store(y);
    }

    @Override
    protected void doAdd(ReferenceMatrix a, ReferenceMatrix b, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] + b.data[i];
        }
        store(dest);
    }

    @Override
    protected void doSubtract(ReferenceMatrix a, ReferenceMatrix b, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] - b.data[i];
        }
        store(dest);
    }

    @Override
    protected void doMultiplyElements(ReferenceMatrix a, ReferenceMatrix b, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] * b.data[i];
        }
        store(dest);
    }

    @Override
    protected void doDivideElements(ReferenceMatrix a, ReferenceMatrix b, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = a.data[i] / b.data[i];
        }
        store(dest);
    }

    @Override
    protected void doSqrt(ReferenceMatrix a, ReferenceMatrix dest) {
        for (int i = 0; i < a.data.length; i++) {
            dest.data[i] = Math.sqrt(a.data[i]);
        }
        store(dest);
    }

    @Override
    protected void doAddScalar(double alpha, ReferenceMatrix a, ReferenceMatrix dest) {
        int n = a.data.length;
        if (breakage == Breakage.ADD_SCALAR_DROPS_THE_PARTIAL_LAST_CHUNK && n > 4096) {
            n -= n % 4096;
        }
        for (int i = 0; i < n; i++) {
            dest.data[i] = a.data[i] + alpha;
        }
        store(dest);
    }

    @Override
    protected void doArgmaxRows(ReferenceMatrix a, int[] dest) {
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

    /* The optimizer steps are AbstractLinearAlgebra's defaults unless a breakage says otherwise. */

    @Override
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  ReferenceMatrix gradient, ReferenceMatrix velocity,
                                  ReferenceMatrix parameter) {
        if (breakage != Breakage.MOMENTUM_VELOCITY_NOT_KEPT) {
            super.doMomentumStep(learningRate, momentum, weightDecay, gradient, velocity,
                    parameter);
            return;
        }
        for (int i = 0; i < parameter.data.length; i++) {
            double v = momentum * velocity.data[i] + gradient.data[i]
                    + weightDecay * parameter.data[i];
            parameter.data[i] -= learningRate * v; // v is never stored
        }
        store(parameter);
    }

    @Override
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, ReferenceMatrix gradient, ReferenceMatrix firstMoment,
                              ReferenceMatrix secondMoment, ReferenceMatrix parameter) {
        if (breakage != Breakage.ADAM_WITHOUT_BIAS_CORRECTION) {
            super.doAdamStep(learningRate, beta1, beta2, epsilon, step, gradient, firstMoment,
                    secondMoment, parameter);
            return;
        }
        for (int i = 0; i < parameter.data.length; i++) {
            double g = gradient.data[i];
            double m = beta1 * firstMoment.data[i] + (1 - beta1) * g;
            double v = beta2 * secondMoment.data[i] + (1 - beta2) * g * g;
            firstMoment.data[i] = m;
            secondMoment.data[i] = v;
            parameter.data[i] -= learningRate * m / (Math.sqrt(v) + epsilon);
        }
        store(firstMoment);
        store(secondMoment);
        store(parameter);
    }

    @Override
    protected void doAdamWStep(double learningRate, double beta1, double beta2, double epsilon,
                               double weightDecay, long step, ReferenceMatrix gradient,
                               ReferenceMatrix firstMoment, ReferenceMatrix secondMoment,
                               ReferenceMatrix parameter) {
        if (breakage == Breakage.ADAMW_COUPLED_L2) {
            ReferenceMatrix coupled = newZeros(gradient.rows, gradient.cols);
            for (int i = 0; i < coupled.data.length; i++) {
                coupled.data[i] = gradient.data[i] + weightDecay * parameter.data[i];
            }
            store(coupled);
            doAdamStep(learningRate, beta1, beta2, epsilon, step, coupled, firstMoment,
                    secondMoment, parameter);
        } else if (breakage == Breakage.ADAMW_DECAY_AFTER_THE_UPDATE) {
            doAdamStep(learningRate, beta1, beta2, epsilon, step, gradient, firstMoment,
                    secondMoment, parameter);
            doScale(1 - learningRate * weightDecay, parameter, parameter);
        } else {
            super.doAdamWStep(learningRate, beta1, beta2, epsilon, weightDecay, step, gradient,
                    firstMoment, secondMoment, parameter);
        }
    }

    @Override
    protected double doClipGlobalNorm(double maxNorm, List<ReferenceMatrix> gradients) {
        if (breakage == Breakage.CLIP_PER_TENSOR) {
            double sum = 0;
            for (ReferenceMatrix g : gradients) {
                double own = doSumOfSquares(g);
                sum += own;
                double c = Math.min(1.0, maxNorm / (Math.sqrt(own) + CLIP_EPSILON));
                doScale(c, g, g);
            }
            return Math.sqrt(sum);
        }
        if (breakage == Breakage.CLIP_SCALES_UP_SMALL_GRADIENTS) {
            double sum = 0;
            for (ReferenceMatrix g : gradients) {
                sum += doSumOfSquares(g);
            }
            double norm = Math.sqrt(sum);
            for (ReferenceMatrix g : gradients) {
                doScale(maxNorm / (norm + CLIP_EPSILON), g, g);
            }
            return norm;
        }
        return super.doClipGlobalNorm(maxNorm, gradients);
    }

    // ---------------------------------------------------------------- images (round five)

    @Override
    protected void doIm2col(ReferenceMatrix images, Window window, ReferenceMatrix dest) {
        boolean transposed = breakage == Breakage.IM2COL_TRANSPOSED_PATCH;
        boolean padBefore = breakage == Breakage.SAME_PADDING_LARGER_HALF_BEFORE;
        if (!transposed && !padBefore) {
            super.doIm2col(images, window, dest);
            return;
        }
        BrokenImageKernels.im2col(images.data, images.rows, window, dest.data, transposed,
                padBefore);
        store(dest);
    }

    @Override
    protected void doCol2im(ReferenceMatrix columns, Window window, ReferenceMatrix dest) {
        double[] before = dest.data.clone();
        super.doCol2im(columns, window, dest);
        if (breakage == Breakage.COL2IM_ADDS_INSTEAD_OF_OVERWRITING) {
            for (int i = 0; i < before.length; i++) {
                dest.data[i] += before[i];
            }
            store(dest);
        }
    }

    @Override
    protected void doMaxPool(ReferenceMatrix images, Window window, ReferenceMatrix dest) {
        if (breakage != Breakage.MAX_POOL_SKIPS_NAN) {
            super.doMaxPool(images, window, dest);
            return;
        }
        BrokenImageKernels.pool(images.data, images.rows, window, null, dest.data, false, false,
                true, false);
    }

    @Override
    protected void doMaxPoolBackward(ReferenceMatrix images, Window window,
                                     ReferenceMatrix outputGradient, ReferenceMatrix dest) {
        if (breakage != Breakage.MAX_POOL_GRADIENT_TO_THE_LAST_MAXIMUM) {
            super.doMaxPoolBackward(images, window, outputGradient, dest);
            return;
        }
        BrokenImageKernels.pool(images.data, images.rows, window, outputGradient.data,
                dest.data, false, false, false, true);
        store(dest);
    }

    @Override
    protected void doAveragePool(ReferenceMatrix images, Window window, ReferenceMatrix dest) {
        if (breakage != Breakage.AVERAGE_POOL_COUNTS_PADDING) {
            super.doAveragePool(images, window, dest);
            return;
        }
        BrokenImageKernels.pool(images.data, images.rows, window, null, dest.data, true, true,
                false, false);
        store(dest);
    }

    @Override
    protected void doAveragePoolBackward(Window window, ReferenceMatrix outputGradient,
                                         ReferenceMatrix dest) {
        if (breakage != Breakage.AVERAGE_POOL_COUNTS_PADDING) {
            super.doAveragePoolBackward(window, outputGradient, dest);
            return;
        }
        BrokenImageKernels.pool(null, dest.rows, window, outputGradient.data, dest.data, true,
                true, false, false);
        store(dest);
    }
}
