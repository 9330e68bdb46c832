package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractLinearAlgebra;
import org.nn4j.api.spi.OptimizerKernels;

/**
 * {@inheritDoc}
 *
 * <p>On ND4J's native CPU backend: products by {@code Nd4j.gemm} with transpose flags (no
 * transposed view is made), {@code axpy} by BLAS, the rest by ND4J operations that write
 * into the destination. Every ND4J call crosses into native code, which costs microseconds
 * however small the matrices, so small products, broadcasts and sums are computed in Java
 * on the arrays' memory instead ({@link Nd4jJavaKernels}).
 *
 * <p>ND4J rejects operations on empty arrays, which nn4j allows; the kernels handle a zero
 * dimension here, without calling ND4J.
 *
 * <p><b>Precision.</b> One class for both precisions: in float64 its matrices hold
 * {@code DOUBLE} arrays and the kernels are the ones below; in float32 they hold {@code FLOAT}
 * arrays, products go to OpenBLAS {@code sgemm} and the Java kernels are
 * {@link Nd4jFloatKernels}'. A kernel picks its path from its destination's precision, which
 * the checks of {@link AbstractLinearAlgebra#own} have made every operand's.
 */
final class Nd4jLinearAlgebra extends AbstractLinearAlgebra<Nd4jMatrix> {

    /**
     * Elements per chunk of the Java kernels ({@code scale}, {@code multiplyElements},
     * {@code divideElements}, {@code sqrt}, {@code addScalar}): they copy a chunk out of
     * native memory, compute in Java and copy it back. Measured on 128×256 with one OpenMP thread, that beat libnd4j's own operations,
     * whose fixed cost per call is tens of microseconds (its {@code Sqrt} took 167 µs).
     */
    private static final int CHUNK = 2048;

    /** Four chunks per thread (Adam reads four matrices), so the kernels allocate nothing and
     *  stay thread-safe. */
    private static final ThreadLocal<double[][]> CHUNKS =
            ThreadLocal.withInitial(() -> new double[4][CHUNK]);

    /** The optimizer steps with one state matrix, for {@link #stepInChunks}. */
    private static final int MOMENTUM = Nd4jFloatKernels.MOMENTUM;
    private static final int ADAGRAD = Nd4jFloatKernels.ADAGRAD;
    private static final int RMSPROP = Nd4jFloatKernels.RMSPROP;

    Nd4jLinearAlgebra(Precision precision) {
        super(Nd4jBackendProvider.NAME, Nd4jMatrix.class, precision);
    }

    @Override
    protected Nd4jMatrix newZeros(int rows, int cols) {
        return Nd4jMatrix.zeros(precision(), rows, cols);
    }

    @Override
    protected Nd4jMatrix newFromRowMajor(int rows, int cols, double[] data) {
        Nd4jMatrix m = newZeros(rows, cols);
        doCopyFromRowMajor(data, 0, m);
        return m;
    }

    @Override
    protected void doCopyFromRowMajor(double[] src, int offset, Nd4jMatrix dest) {
        if (dest.isFloat()) {
            // Each element rounded to the nearest float (Precision.round), as the api says.
            FloatBuffer d = dest.floats();
            for (int i = 0, n = dest.size(); i < n; i++) {
                d.put(i, (float) src[offset + i]);
            }
        } else {
            dest.elements().put(0, src, offset, dest.size());
        }
    }

    @Override
    protected void doCopyToRowMajor(Nd4jMatrix src, double[] dest, int offset) {
        if (src.isFloat()) {
            FloatBuffer s = src.floats();
            for (int i = 0, n = src.size(); i < n; i++) {
                dest[offset + i] = s.get(i);
            }
        } else {
            src.elements().get(0, dest, offset, src.size());
        }
    }

    @Override
    protected void doCopy(Nd4jMatrix src, Nd4jMatrix dest) {
        if (src.size() > 0) {
            dest.array.assign(src.array);
        }
    }

    @Override
    protected void doFill(double value, Nd4jMatrix dest) {
        if (dest.size() > 0) {
            dest.array.assign(value);
        }
    }

    @Override
    protected void doGemm(double alpha, Nd4jMatrix a, boolean transA, Nd4jMatrix b,
                          boolean transB, double beta, Nd4jMatrix c) {
        gemm(alpha, a, transA, b, transB, beta, c);
    }

    /** The kernel, shared with the dense layer: arguments already checked. */
    static void gemm(double alpha, Nd4jMatrix a, boolean transA, Nd4jMatrix b, boolean transB,
                     double beta, Nd4jMatrix c) {
        if (c.size() == 0) {
            return;
        }
        if (a.size() == 0) {
            // An empty inner dimension leaves beta·c; beta == 0 ignores c, NaN included.
            if (beta == 0.0) {
                c.array.assign(0.0);
            } else if (beta != 1.0) {
                c.array.muli(beta);
            }
            return;
        }
        if (Nd4jJavaKernels.isSmallProduct(a, transA, c)) {
            if (c.isFloat()) {
                Nd4jFloatKernels.gemm(alpha, a, transA, b, transB, beta, c);
            } else {
                Nd4jJavaKernels.gemm(alpha, a, transA, b, transB, beta, c);
            }
            return;
        }
        if (c.isFloat()) {
            Nd4jFloatKernels.sgemm(alpha, a, transA, b, transB, beta, c);
            return;
        }
        // OpenBLAS straight on the arrays' memory (all ours: row-major, contiguous, offset 0)
        // rather than Nd4j.gemm, whose Mmul operation cost 15-20 % more on the 784->256
        // layer's three products (A/B in one JVM, best of 34 rounds, same bits).
        int k = transA ? a.rows() : a.cols();
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                c.rows(), c.cols(), k, alpha, a.pointer(), a.cols(), b.pointer(), b.cols(),
                beta, c.pointer(), c.cols());
    }

    @Override
    protected void doAddRowVector(Nd4jMatrix a, Nd4jMatrix row, Nd4jMatrix dest) {
        addRowVector(a, row, dest);
    }

    /** The kernel, shared with the dense layer: {@code dest[i][j] = a[i][j] + row[j]}. */
    static void addRowVector(Nd4jMatrix a, Nd4jMatrix row, Nd4jMatrix dest) {
        if (a.size() == 0) {
            return;
        }
        if (dest.isFloat()) {
            Nd4jFloatKernels.addRowVector(a, row, dest);
        } else {
            Nd4jJavaKernels.addRowVector(a, row, dest);
        }
    }

    @Override
    protected void doColumnSums(Nd4jMatrix a, Nd4jMatrix dest) {
        columnSums(a, dest);
    }

    /** The kernel, shared with the dense layer: {@code dest[j] = Σ_i a[i][j]}. */
    static void columnSums(Nd4jMatrix a, Nd4jMatrix dest) {
        if (dest.size() == 0) {
            return;
        }
        if (a.size() == 0) {
            dest.array.assign(0.0);
            return;
        }
        if (dest.isFloat()) {
            Nd4jFloatKernels.columnSums(a, dest);
        } else {
            Nd4jJavaKernels.columnSums(a, dest);
        }
    }

    @Override
    protected double doSumOfSquares(Nd4jMatrix a) {
        if (a.isFloat()) {
            return Nd4jFloatKernels.sumOfSquares(a);
        }
        DoubleBuffer x = a.elements();
        double sum = 0.0;
        for (int i = 0, n = a.size(); i < n; i++) {
            double v = x.get(i);
            sum += v * v;
        }
        return sum;
    }

    @Override
    protected void doScale(double alpha, Nd4jMatrix a, Nd4jMatrix dest) {
        // In Java by chunks, like sqrt: 5.5 µs against 28 µs for ND4J's mul on 128x256,
        // 0.05 against 22 µs on a 16x10 bias, 47 against 64 µs on 784x256.
        if (dest.isFloat()) {
            Nd4jFloatKernels.scale(alpha, a, dest);
            return;
        }
        int n = a.size();
        DoubleBuffer x = a.elements();
        DoubleBuffer d = dest.elements();
        double[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] *= alpha;
            }
            d.put(off, p, 0, len);
        }
    }

    @Override
    protected void doAxpy(double alpha, Nd4jMatrix x, Nd4jMatrix y) {
        axpy(alpha, x, y);
    }

    /** {@code y += alpha·x} by BLAS {@code daxpy}, shared with the optimizer's path. */
    static void axpy(double alpha, Nd4jMatrix x, Nd4jMatrix y) {
        if (x.size() > 0 && y.isFloat()) {
            openblas_nolapack.cblas_saxpy(x.size(), (float) alpha, x.floatPointer(), 1,
                    y.floatPointer(), 1);
        } else if (x.size() > 0) {
            Nd4j.getBlasWrapper().level1().axpy(x.size(), alpha, x.array, y.array);
        }
    }

    @Override
    protected void doAdd(Nd4jMatrix a, Nd4jMatrix b, Nd4jMatrix dest) {
        if (a.size() > 0) {
            a.array.add(b.array, dest.array);
        }
    }

    @Override
    protected void doSubtract(Nd4jMatrix a, Nd4jMatrix b, Nd4jMatrix dest) {
        if (a.size() > 0) {
            a.array.sub(b.array, dest.array);
        }
    }

    @Override
    protected void doMultiplyElements(Nd4jMatrix a, Nd4jMatrix b, Nd4jMatrix dest) {
        // In Java by chunks, like divideElements: 11 µs against 27 µs for ND4J's mul on
        // 128x256, 0.1 against 22 µs on 16x10, about the same (90-98 µs) on 784x256.
        if (dest.isFloat()) {
            Nd4jFloatKernels.multiplyOrDivide(false, a, b, dest);
            return;
        }
        int n = a.size();
        DoubleBuffer x = a.elements();
        DoubleBuffer y = b.elements();
        DoubleBuffer d = dest.elements();
        double[][] chunks = CHUNKS.get();
        double[] p = chunks[0];
        double[] q = chunks[1];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            y.get(off, q, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] *= q[i];
            }
            d.put(off, p, 0, len);
        }
    }

    @Override
    protected void doDivideElements(Nd4jMatrix a, Nd4jMatrix b, Nd4jMatrix dest) {
        if (dest.isFloat()) {
            Nd4jFloatKernels.multiplyOrDivide(true, a, b, dest);
            return;
        }
        int n = a.size();
        DoubleBuffer x = a.elements();
        DoubleBuffer y = b.elements();
        DoubleBuffer d = dest.elements();
        double[][] chunks = CHUNKS.get();
        double[] p = chunks[0];
        double[] q = chunks[1];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            y.get(off, q, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] /= q[i];
            }
            d.put(off, p, 0, len);
        }
    }

    @Override
    protected void doSqrt(Nd4jMatrix a, Nd4jMatrix dest) {
        if (dest.isFloat()) {
            Nd4jFloatKernels.sqrt(a, dest);
            return;
        }
        int n = a.size();
        DoubleBuffer x = a.elements();
        DoubleBuffer d = dest.elements();
        double[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] = Math.sqrt(p[i]);
            }
            d.put(off, p, 0, len);
        }
    }

    @Override
    protected void doAddScalar(double alpha, Nd4jMatrix a, Nd4jMatrix dest) {
        if (dest.isFloat()) {
            Nd4jFloatKernels.addScalar(alpha, a, dest);
            return;
        }
        int n = a.size();
        DoubleBuffer x = a.elements();
        DoubleBuffer d = dest.elements();
        double[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] += alpha;
            }
            d.put(off, p, 0, len);
        }
    }

    /*
     * The fused optimizer steps: chunk by chunk, copy the gradient, the state and the
     * parameter out of native memory, run the shared kernel, copy the state and the parameter
     * back. One pass where the unfused step made about ten native calls.
     */

    @Override
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  Nd4jMatrix gradient, Nd4jMatrix velocity, Nd4jMatrix parameter) {
        stepInChunks(MOMENTUM, learningRate, momentum, weightDecay, gradient, velocity, parameter);
    }

    @Override
    protected void doAdaGradStep(double learningRate, double epsilon, Nd4jMatrix gradient,
                                 Nd4jMatrix sumOfSquares, Nd4jMatrix parameter) {
        stepInChunks(ADAGRAD, learningRate, epsilon, 0.0, gradient, sumOfSquares, parameter);
    }

    @Override
    protected void doRmsPropStep(double learningRate, double decay, double epsilon,
                                 Nd4jMatrix gradient, Nd4jMatrix meanSquare,
                                 Nd4jMatrix parameter) {
        stepInChunks(RMSPROP, learningRate, decay, epsilon, gradient, meanSquare, parameter);
    }

    /** A step with one state matrix, chunk by chunk; {@code h1}, {@code h2} as the kernel's. */
    private static void stepInChunks(int kind, double learningRate, double h1, double h2,
                                     Nd4jMatrix gradient, Nd4jMatrix state, Nd4jMatrix parameter) {
        if (parameter.isFloat()) {
            Nd4jFloatKernels.stepInChunks(kind, learningRate, h1, h2, gradient, state, parameter);
            return;
        }
        DoubleBuffer g = gradient.elements();
        DoubleBuffer s = state.elements();
        DoubleBuffer p = parameter.elements();
        double[][] c = CHUNKS.get();
        for (int off = 0, n = parameter.size(); off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, c[0], 0, len);
            s.get(off, c[1], 0, len);
            p.get(off, c[2], 0, len);
            switch (kind) {
                case MOMENTUM -> OptimizerKernels.momentum(learningRate, h1, h2, c[0], c[1], c[2],
                        len);
                case ADAGRAD -> OptimizerKernels.adaGrad(learningRate, h1, c[0], c[1], c[2], len);
                default -> OptimizerKernels.rmsProp(learningRate, h1, h2, c[0], c[1], c[2], len);
            }
            s.put(off, c[1], 0, len);
            p.put(off, c[2], 0, len);
        }
    }

    @Override
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, Nd4jMatrix gradient, Nd4jMatrix firstMoment,
                              Nd4jMatrix secondMoment, Nd4jMatrix parameter) {
        if (parameter.isFloat()) {
            Nd4jFloatKernels.adam(learningRate, beta1, beta2, epsilon, step, gradient, firstMoment,
                    secondMoment, parameter);
            return;
        }
        DoubleBuffer g = gradient.elements();
        DoubleBuffer m = firstMoment.elements();
        DoubleBuffer v = secondMoment.elements();
        DoubleBuffer p = parameter.elements();
        double[][] c = CHUNKS.get();
        for (int off = 0, n = parameter.size(); off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, c[0], 0, len);
            m.get(off, c[1], 0, len);
            v.get(off, c[2], 0, len);
            p.get(off, c[3], 0, len);
            OptimizerKernels.adam(learningRate, beta1, beta2, epsilon, step, c[0], c[1], c[2],
                    c[3], len);
            m.put(off, c[1], 0, len);
            v.put(off, c[2], 0, len);
            p.put(off, c[3], 0, len);
        }
    }

    @Override
    protected void doArgmaxRows(Nd4jMatrix a, int[] dest) {
        if (a.isFloat()) {
            Nd4jFloatKernels.argmaxRows(a, dest);
            return;
        }
        DoubleBuffer x = a.elements();
        int cols = a.cols();
        for (int i = 0; i < dest.length; i++) {
            int base = i * cols;
            int best = 0;
            double max = x.get(base);
            if (max == max) {
                for (int j = 1; j < cols; j++) {
                    double v = x.get(base + j);
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
