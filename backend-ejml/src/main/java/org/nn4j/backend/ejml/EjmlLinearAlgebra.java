package org.nn4j.backend.ejml;

import java.util.Arrays;
import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_DDRM;
import org.ejml.dense.row.mult.MatrixMatrixMult_MT_DDRM;
import org.nn4j.api.spi.AbstractLinearAlgebra;
import org.nn4j.api.spi.OptimizerKernels;

/**
 * The {@link org.nn4j.api.LinearAlgebra} of the {@code ejml} backend: the kernels, on EJML's
 * {@code CommonOps_DDRM}, whose transposed products need no copy; the checks and messages are
 * {@link AbstractLinearAlgebra}'s.
 */
final class EjmlLinearAlgebra extends AbstractLinearAlgebra<EjmlMatrix> {

    EjmlLinearAlgebra() {
        super(EjmlBackendProvider.NAME, EjmlMatrix.class);
    }

    @Override
    protected EjmlMatrix newZeros(int rows, int cols) {
        return new EjmlMatrix(new DMatrixRMaj(rows, cols));
    }

    @Override
    protected EjmlMatrix newFromRowMajor(int rows, int cols, double[] data) {
        return new EjmlMatrix(new DMatrixRMaj(rows, cols, true, data));
    }

    /** DMatrixRMaj's own row-major array: the image operations' defaults work in place. */
    @Override
    protected double[] rowMajorElements(EjmlMatrix matrix) {
        return matrix.data.data;
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, EjmlMatrix dest) {
        System.arraycopy(src, offset, dest.data.data, 0, dest.data.getNumElements());
    }

    @Override
    protected void doCopyToRowMajor(EjmlMatrix src, double[] dest, int offset) {
        System.arraycopy(src.data.data, 0, dest, offset, src.data.getNumElements());
    }

    @Override
    protected void doCopy(EjmlMatrix src, EjmlMatrix dest) {
        System.arraycopy(src.data.data, 0, dest.data.data, 0, src.data.getNumElements());
    }

    @Override
    protected void doFill(double value, EjmlMatrix dest) {
        CommonOps_DDRM.fill(dest.data, value);
    }

    @Override
    protected void doGemm(double alpha, EjmlMatrix a, boolean transA, EjmlMatrix b,
                          boolean transB, double beta, EjmlMatrix c) {
        gemm(alpha, a.data, transA, b.data, transB, beta, c.data);
    }

    /**
     * Products of at least this many multiply-adds ({@code m·n·k}) run on two or more threads
     * (EJML's worker pool), smaller ones on one. Measured on this project's 2-core machine
     * (busy with other builds at the time): handing work to a second thread costs about
     * 10 µs, and up to 128³ (2.1 million) two threads did not reliably beat one (128³
     * products: 0.43–0.57 ms on two, 0.30–0.46 ms on one), so the split starts at 4 million
     * (a 160³ product; the 784→256, batch-64 layer's products are 12.8 million). The system
     * property {@code nn4j.ejml.concurrentThreshold} overrides it ({@code 0}: always; a huge
     * value: never); on a one-processor machine the products always run on one thread.
     */
    static final long CONCURRENT_THRESHOLD = concurrentThreshold();

    /**
     * Products of at least this many multiply-adds use {@link EjmlBlockedProducts}, smaller
     * ones EJML's kernels as they are (the tutorial's 2×3 step is far below).
     */
    static final long BLOCKED_THRESHOLD = 4096;

    /**
     * The row-update kernels of {@link EjmlBlockedProducts} keep a block of four columns of
     * {@code b} over all {@code k} rows in cache; once the matrices they walk exceed about
     * 2 MiB ({@code 262,144} doubles) the strided walk loses to EJML's own loop (measured: a
     * 1024³ product 4.3 against 5.4 GFLOP/s on one thread), so larger ones run on EJML's
     * kernels, concurrent above {@link #CONCURRENT_THRESHOLD}.
     */
    static final long BLOCKED_MAX_ELEMENTS = 262_144;

    private static long concurrentThreshold() {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Long.MAX_VALUE;
        }
        String value = System.getProperty("nn4j.ejml.concurrentThreshold");
        if (value == null) {
            return 4_000_000;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("nn4j.ejml.concurrentThreshold must be a whole"
                    + " number of multiply-adds, got '" + value + "'", e);
        }
    }

    /**
     * The kernel, shared with the dense layer: arguments already checked.
     *
     * <p>Products ({@code beta == 0}) follow {@code CommonOps_DDRM}'s choice of kernel without
     * repeating the checks nn4j has made: where EJML would run {@code mult_small},
     * {@code multTransA_small} or {@code multTransB}, small products run on
     * {@link EjmlSmallProducts}; where it would run a {@code reorder} kernel, products of at
     * least {@link #BLOCKED_THRESHOLD} run on {@link EjmlBlockedProducts}, cache-blocked and
     * multi-threaded above {@link #CONCURRENT_THRESHOLD}. Both compute every element with
     * EJML's operations in EJML's order, so the results are EJML's to the last bit.
     */
    static void gemm(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b, boolean transB,
                     double beta, DMatrixRMaj c) {
        // Kept small, and each case in a method of its own, so that the JIT inlines it into
        // the layer (a method over 325 bytes of bytecode is never inlined).
        int k = transA ? a.numRows : a.numCols;
        if (k == 0) {
            // An empty inner dimension leaves beta * c; EJML would not scale c.
            scaleInPlace(beta, c);
        } else if (beta != 0.0) {
            multAdd(alpha, a, transA, b, transB, beta, c);
        } else if (transB) {
            if (transA) {
                CommonOps_DDRM.multTransAB(alpha, a, b, c);
            } else {
                multTransB(alpha, a, b, c, (long) c.numRows * c.numCols * k);
            }
        } else if (transA) {
            multTransA(alpha, a, b, c, (long) c.numRows * c.numCols * k);
        } else {
            mult(alpha, a, b, c, (long) c.numRows * c.numCols * k);
        }
    }

    /**
     * The dense layer's forward pass {@code y = x·W + 1·bias}, arguments checked: one fused
     * pass where the product would run on {@link EjmlSmallProducts}, else {@link #gemm} and
     * {@link #addRowVector}. The same numbers either way.
     */
    static void forward(DMatrixRMaj x, DMatrixRMaj w, DMatrixRMaj bias, DMatrixRMaj y) {
        long work = (long) y.numRows * y.numCols * x.numCols;
        if (x.numCols > 0 && w.numCols < EjmlParameters.MULT_COLUMN_SWITCH
                && work < CONCURRENT_THRESHOLD) {
            EjmlSmallProducts.multiplyAddRow(x, w, bias, y);
        } else {
            gemm(1.0, x, false, w, false, 0.0, y);
            addRowVector(y, bias, y);
        }
    }

    /** {@code c = alpha·a·b}, with {@code work = m·n·k} multiply-adds. */
    private static void mult(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                             long work) {
        if (b.numCols < EjmlParameters.MULT_COLUMN_SWITCH) {
            if (work >= CONCURRENT_THRESHOLD) {
                MatrixMatrixMult_MT_DDRM.mult_small(alpha, a, b, c);
            } else {
                EjmlSmallProducts.multiply(alpha, a, false, b, false, c);
            }
        } else if (work >= BLOCKED_THRESHOLD
                && (long) b.numRows * b.numCols <= BLOCKED_MAX_ELEMENTS) {
            EjmlBlockedProducts.mult(alpha, a, b, c, work >= CONCURRENT_THRESHOLD);
        } else if (work >= CONCURRENT_THRESHOLD) {
            MatrixMatrixMult_MT_DDRM.mult_reorder(alpha, a, b, c);
        } else {
            MatrixMatrixMult_DDRM.mult_reorder(alpha, a, b, c);
        }
    }

    /** {@code c = alpha·aᵀ·b}, with {@code work = m·n·k} multiply-adds. */
    private static void multTransA(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                                   long work) {
        if (a.numCols < EjmlParameters.MULT_COLUMN_SWITCH
                && b.numCols < EjmlParameters.MULT_COLUMN_SWITCH) {
            if (work >= CONCURRENT_THRESHOLD) {
                MatrixMatrixMult_MT_DDRM.multTransA_small(alpha, a, b, c);
            } else {
                EjmlSmallProducts.multiply(alpha, a, true, b, false, c);
            }
        } else if (work >= BLOCKED_THRESHOLD
                && (long) b.numRows * b.numCols <= BLOCKED_MAX_ELEMENTS
                && (long) a.numRows * a.numCols <= BLOCKED_MAX_ELEMENTS) {
            EjmlBlockedProducts.multTransA(alpha, a, b, c, work >= CONCURRENT_THRESHOLD);
        } else if (work >= CONCURRENT_THRESHOLD) {
            MatrixMatrixMult_MT_DDRM.multTransA_reorder(alpha, a, b, c);
        } else {
            MatrixMatrixMult_DDRM.multTransA_reorder(alpha, a, b, c);
        }
    }

    /** {@code c = alpha·a·bᵀ}, with {@code work = m·n·k} multiply-adds. */
    private static void multTransB(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                                   long work) {
        if (work >= BLOCKED_THRESHOLD) {
            EjmlBlockedProducts.multTransB(alpha, a, b, c, work >= CONCURRENT_THRESHOLD);
        } else {
            EjmlSmallProducts.multiply(alpha, a, false, b, true, c);
        }
    }

    /** {@code c = alpha·op(a)·op(b) + beta·c}, {@code beta != 0}: EJML's {@code multAdd}s. */
    private static void multAdd(double alpha, DMatrixRMaj a, boolean transA, DMatrixRMaj b,
                                boolean transB, double beta, DMatrixRMaj c) {
        if (beta != 1.0) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (!transA && !transB) {
            CommonOps_DDRM.multAdd(alpha, a, b, c);
        } else if (transA && !transB) {
            CommonOps_DDRM.multAddTransA(alpha, a, b, c);
        } else if (!transA) {
            CommonOps_DDRM.multAddTransB(alpha, a, b, c);
        } else {
            CommonOps_DDRM.multAddTransAB(alpha, a, b, c);
        }
    }

    private static void scaleInPlace(double beta, DMatrixRMaj c) {
        if (beta == 0.0) {
            CommonOps_DDRM.fill(c, 0.0); // BLAS: beta == 0 ignores c, NaN included
        } else {
            CommonOps_DDRM.scale(beta, c);
        }
    }

    @Override
    protected void doAddRowVector(EjmlMatrix a, EjmlMatrix row, EjmlMatrix dest) {
        addRowVector(a.data, row.data, dest.data);
    }

    /** The kernel, shared with the dense layer: {@code dest[i][j] = a[i][j] + row[j]}. */
    static void addRowVector(DMatrixRMaj a, DMatrixRMaj row, DMatrixRMaj dest) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] x = a.data;
        double[] r = row.data;
        double[] d = dest.data;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d[base + j] = x[base + j] + r[j];
            }
        }
    }

    @Override
    protected void doColumnSums(EjmlMatrix a, EjmlMatrix dest) {
        columnSums(a.data, dest.data);
    }

    /** The kernel, shared with the dense layer: {@code dest[j] = Σ_i a[i][j]}. */
    static void columnSums(DMatrixRMaj a, DMatrixRMaj dest) {
        int rows = a.numRows;
        int cols = a.numCols;
        double[] x = a.data;
        double[] d = dest.data;
        // Row by row, the order numpy's np.sum(axis=0) adds in.
        Arrays.fill(d, 0, cols, 0.0);
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d[j] += x[base + j];
            }
        }
    }

    @Override
    protected double doSumOfSquares(EjmlMatrix a) {
        double[] x = a.data.data;
        int n = a.data.getNumElements();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += x[i] * x[i];
        }
        return sum;
    }

    @Override
    protected void doScale(double alpha, EjmlMatrix a, EjmlMatrix dest) {
        CommonOps_DDRM.scale(alpha, a.data, dest.data);
    }

    @Override
    protected void doAxpy(double alpha, EjmlMatrix x, EjmlMatrix y) {
        CommonOps_DDRM.addEquals(y.data, alpha, x.data);
    }

    @Override
    protected void doAdd(EjmlMatrix a, EjmlMatrix b, EjmlMatrix dest) {
        CommonOps_DDRM.add(a.data, b.data, dest.data);
    }

    @Override
    protected void doSubtract(EjmlMatrix a, EjmlMatrix b, EjmlMatrix dest) {
        CommonOps_DDRM.subtract(a.data, b.data, dest.data);
    }

    @Override
    protected void doMultiplyElements(EjmlMatrix a, EjmlMatrix b, EjmlMatrix dest) {
        CommonOps_DDRM.elementMult(a.data, b.data, dest.data);
    }

    @Override
    protected void doDivideElements(EjmlMatrix a, EjmlMatrix b, EjmlMatrix dest) {
        double[] x = a.data.data;
        double[] y = b.data.data;
        double[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = x[i] / y[i];
        }
    }

    @Override
    protected void doSqrt(EjmlMatrix a, EjmlMatrix dest) {
        double[] x = a.data.data;
        double[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(x[i]);
        }
    }

    @Override
    protected void doAddScalar(double alpha, EjmlMatrix a, EjmlMatrix dest) {
        double[] x = a.data.data;
        double[] d = dest.data.data;
        int n = a.data.getNumElements();
        for (int i = 0; i < n; i++) {
            d[i] = x[i] + alpha;
        }
    }

    @Override
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  EjmlMatrix gradient, EjmlMatrix velocity, EjmlMatrix parameter) {
        OptimizerKernels.momentum(learningRate, momentum, weightDecay, gradient.data.data,
                velocity.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doAdaGradStep(double learningRate, double epsilon, EjmlMatrix gradient,
                                 EjmlMatrix sumOfSquares, EjmlMatrix parameter) {
        OptimizerKernels.adaGrad(learningRate, epsilon, gradient.data.data,
                sumOfSquares.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doRmsPropStep(double learningRate, double decay, double epsilon,
                                 EjmlMatrix gradient, EjmlMatrix meanSquare,
                                 EjmlMatrix parameter) {
        OptimizerKernels.rmsProp(learningRate, decay, epsilon, gradient.data.data,
                meanSquare.data.data, parameter.data.data, parameter.data.getNumElements());
    }

    @Override
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, EjmlMatrix gradient, EjmlMatrix firstMoment,
                              EjmlMatrix secondMoment, EjmlMatrix parameter) {
        OptimizerKernels.adam(learningRate, beta1, beta2, epsilon, step, gradient.data.data,
                firstMoment.data.data, secondMoment.data.data, parameter.data.data,
                parameter.data.getNumElements());
    }

    @Override
    protected void doArgmaxRows(EjmlMatrix a, int[] dest) {
        argmaxRows(a.data.data, a.data.numRows, a.data.numCols, dest);
    }

    /** Row-major argmax: first index on ties, a row's first NaN wins (numpy's rule). */
    static void argmaxRows(double[] x, int rows, int cols, int[] dest) {
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int best = 0;
            double max = x[base];
            if (max == max) {
                for (int j = 1; j < cols; j++) {
                    double v = x[base + j];
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
