package org.nn4j.backend.nd4j;

import java.nio.FloatBuffer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nn4j.api.spi.OptimizerKernels;

/**
 * The float32 kernels of the ND4J backend, the counterparts of {@link Nd4jJavaKernels} and of
 * {@link Nd4jLinearAlgebra}'s chunked element-wise operations for matrices whose arrays are
 * {@code FLOAT}: large products by OpenBLAS {@code sgemm}, small ones, broadcasts, sums and
 * element-wise operations in Java on the arrays' memory through {@link Nd4jMatrix#floats()}.
 *
 * <p><b>Numbers.</b> Every stored element is a float32 value; nothing is widened into a
 * double array. A single operation on an element ({@code α·x}, {@code x + α}, {@code √x}, a
 * product's dot product) is computed in double registers and rounded once when it is stored,
 * which is at least as accurate as float arithmetic throughout (and, for one operation,
 * exactly the correctly rounded float32 result). Sums that return a {@code double}
 * ({@code sumOfSquares}, the losses) accumulate in double.
 *
 * <p>Arguments are not checked: the callers have checked shapes, precisions and aliasing.
 */
final class Nd4jFloatKernels {

    /** Elements per chunk of the element-wise kernels, as {@link Nd4jLinearAlgebra}'s. */
    private static final int CHUNK = 2048;

    /** Four chunks per thread (Adam reads four matrices): no allocation, thread-safe. */
    private static final ThreadLocal<float[][]> CHUNKS =
            ThreadLocal.withInitial(() -> new float[4][CHUNK]);

    /** The optimizer steps with one state matrix, for {@link #stepInChunks}. */
    static final int MOMENTUM = 0;
    static final int ADAGRAD = 1;
    static final int RMSPROP = 2;

    private Nd4jFloatKernels() {
    }

    /** {@code c = α·op(a)·op(b) + β·c} by OpenBLAS {@code sgemm}; nothing empty. */
    static void sgemm(double alpha, Nd4jMatrix a, boolean transA, Nd4jMatrix b, boolean transB,
                      double beta, Nd4jMatrix c) {
        int k = transA ? a.rows() : a.cols();
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                c.rows(), c.cols(), k, (float) alpha, a.floatPointer(), a.cols(),
                b.floatPointer(), b.cols(), (float) beta, c.floatPointer(), c.cols());
    }

    /**
     * {@code c = α·op(a)·op(b) + β·c} in Java, for small products; each element's dot
     * product accumulated in double, {@code k} ascending, and rounded once.
     */
    static void gemm(double alpha, Nd4jMatrix am, boolean transA, Nd4jMatrix bm,
                     boolean transB, double beta, Nd4jMatrix cm) {
        FloatBuffer a = am.floats();
        FloatBuffer b = bm.floats();
        FloatBuffer c = cm.floats();
        int m = cm.rows();
        int n = cm.cols();
        int k = transA ? am.rows() : am.cols();
        int ai = transA ? 1 : am.cols();
        int ak = transA ? am.cols() : 1;
        int bk = transB ? 1 : bm.cols();
        int bj = transB ? bm.cols() : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double total = 0.0;
                for (int kk = 0; kk < k; kk++) {
                    total += (double) a.get(i * ai + kk * ak) * b.get(kk * bk + j * bj);
                }
                int ci = i * n + j;
                c.put(ci, (float) (beta == 0.0 ? alpha * total
                        : alpha * total + beta * c.get(ci)));
            }
        }
    }

    /** {@code dest[i][j] = a[i][j] + row[j]}; {@code dest} may be {@code a}. */
    static void addRowVector(Nd4jMatrix am, Nd4jMatrix rowm, Nd4jMatrix destm) {
        FloatBuffer a = am.floats();
        FloatBuffer r = rowm.floats();
        FloatBuffer d = destm.floats();
        int rows = am.rows();
        int cols = am.cols();
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d.put(base + j, a.get(base + j) + r.get(j));
            }
        }
    }

    /** {@code dest[j] = Σ_i a[i][j]}, row by row, each sum in float. */
    static void columnSums(Nd4jMatrix am, Nd4jMatrix destm) {
        FloatBuffer a = am.floats();
        FloatBuffer d = destm.floats();
        int rows = am.rows();
        int cols = am.cols();
        for (int j = 0; j < cols; j++) {
            d.put(j, 0.0f);
        }
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d.put(j, d.get(j) + a.get(base + j));
            }
        }
    }

    /** Returns {@code Σ a²}, accumulated in double. */
    static double sumOfSquares(Nd4jMatrix am) {
        FloatBuffer x = am.floats();
        double sum = 0.0;
        for (int i = 0, n = am.size(); i < n; i++) {
            double v = x.get(i);
            sum += v * v;
        }
        return sum;
    }

    /**
     * Returns {@code Σ (y − t)²}, accumulated in double, and, unless {@code gradient} is null,
     * writes {@code (y − t) / divisor} into it.
     */
    static double squaredError(Nd4jMatrix ym, Nd4jMatrix tm, Nd4jMatrix gradient,
                               double divisor) {
        FloatBuffer y = ym.floats();
        FloatBuffer t = tm.floats();
        FloatBuffer g = gradient == null ? null : gradient.floats();
        double sum = 0.0;
        for (int i = 0, size = ym.size(); i < size; i++) {
            double d = (double) y.get(i) - t.get(i);
            sum += d * d;
            if (g != null) {
                g.put(i, (float) (d / divisor));
            }
        }
        return sum;
    }

    /**
     * Softmax cross-entropy by log-sum-exp row by row, as {@code Nd4jSoftmaxCrossEntropy}
     * computes it in float64: returns the mean loss and, when {@code gm} is not null, writes
     * the gradient {@code (softmax(y) − t)/N}, each element rounded once to float.
     */
    static double softmaxCrossEntropy(Nd4jMatrix ym, Nd4jMatrix tm, Nd4jMatrix gm) {
        int rows = ym.rows();
        int cols = ym.cols();
        if (cols == 0) {
            return 0.0;
        }
        FloatBuffer y = ym.floats();
        FloatBuffer t = tm.floats();
        FloatBuffer g = gm == null ? null : gm.floats();
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int end = base + cols;
            double max = y.get(base);
            for (int k = base + 1; k < end; k++) {
                if (y.get(k) > max) {
                    max = y.get(k);
                }
            }
            double sum = 0.0;
            for (int k = base; k < end; k++) {
                sum += Math.exp(y.get(k) - max);
            }
            double logSum = Math.log(sum);
            double row = 0.0;
            for (int k = base; k < end; k++) {
                row += t.get(k) * (logSum - (y.get(k) - max));
            }
            total += row;
            if (g != null) {
                for (int k = base; k < end; k++) {
                    // exp again rather than a double buffer: ten classes, and g holds floats.
                    g.put(k, (float) ((Math.exp(y.get(k) - max) / sum - t.get(k)) / rows));
                }
            }
        }
        return total / rows;
    }

    /** {@code dest = α·a}, element by element. */
    static void scale(double alpha, Nd4jMatrix a, Nd4jMatrix dest) {
        int n = a.size();
        FloatBuffer x = a.floats();
        FloatBuffer d = dest.floats();
        float[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] = (float) (alpha * p[i]);
            }
            d.put(off, p, 0, len);
        }
    }

    /** {@code dest = a + α}, element by element. */
    static void addScalar(double alpha, Nd4jMatrix a, Nd4jMatrix dest) {
        int n = a.size();
        FloatBuffer x = a.floats();
        FloatBuffer d = dest.floats();
        float[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] = (float) (p[i] + alpha);
            }
            d.put(off, p, 0, len);
        }
    }

    /** {@code dest = √a}, element by element (correctly rounded: √ of a float in double, rounded). */
    static void sqrt(Nd4jMatrix a, Nd4jMatrix dest) {
        int n = a.size();
        FloatBuffer x = a.floats();
        FloatBuffer d = dest.floats();
        float[] p = CHUNKS.get()[0];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            for (int i = 0; i < len; i++) {
                p[i] = (float) Math.sqrt(p[i]);
            }
            d.put(off, p, 0, len);
        }
    }

    /** {@code dest = a ∘ b} ({@code divide} false) or {@code a / b} (true), element by element. */
    static void multiplyOrDivide(boolean divide, Nd4jMatrix a, Nd4jMatrix b, Nd4jMatrix dest) {
        int n = a.size();
        FloatBuffer x = a.floats();
        FloatBuffer y = b.floats();
        FloatBuffer d = dest.floats();
        float[][] chunks = CHUNKS.get();
        float[] p = chunks[0];
        float[] q = chunks[1];
        for (int off = 0; off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            x.get(off, p, 0, len);
            y.get(off, q, 0, len);
            if (divide) {
                for (int i = 0; i < len; i++) {
                    p[i] /= q[i];
                }
            } else {
                for (int i = 0; i < len; i++) {
                    p[i] *= q[i];
                }
            }
            d.put(off, p, 0, len);
        }
    }

    /** A step with one state matrix, chunk by chunk; {@code h1}, {@code h2} as the kernel's. */
    static void stepInChunks(int kind, double learningRate, double h1, double h2,
                             Nd4jMatrix gradient, Nd4jMatrix state, Nd4jMatrix parameter) {
        FloatBuffer g = gradient.floats();
        FloatBuffer s = state.floats();
        FloatBuffer p = parameter.floats();
        float[][] c = CHUNKS.get();
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

    /** Adam's step {@code step}, chunk by chunk. */
    static void adam(double learningRate, double beta1, double beta2, double epsilon, long step,
                     Nd4jMatrix gradient, Nd4jMatrix firstMoment, Nd4jMatrix secondMoment,
                     Nd4jMatrix parameter) {
        FloatBuffer g = gradient.floats();
        FloatBuffer m = firstMoment.floats();
        FloatBuffer v = secondMoment.floats();
        FloatBuffer p = parameter.floats();
        float[][] c = CHUNKS.get();
        for (int off = 0, n = parameter.size(); off < n; off += CHUNK) {
            int len = Math.min(CHUNK, n - off);
            g.get(off, c[0], 0, len);
            m.get(off, c[1], 0, len);
            v.get(off, c[2], 0, len);
            p.get(off, c[3], 0, len);
            adam(learningRate, beta1, beta2, epsilon, step, c[0], c[1], c[2], c[3], len);
            m.put(off, c[1], 0, len);
            v.put(off, c[2], 0, len);
            p.put(off, c[3], 0, len);
        }
    }

    /**
     * Adam's step in float arithmetic: the formula of {@link OptimizerKernels#adam} with
     * {@code β₁}, {@code β₂}, {@code ε}, the step size and the bias correction rounded to
     * float once, and every operation on floats. Measured on 235,146 elements (the default
     * perceptron's parameters; A/B in one JVM, best of 200): 46 µs, against 776 µs for the
     * shared float[] kernel, which widens each element to double, and 121 µs for the double[]
     * kernel in float64: on JDK 17, C2 vectorizes float and double loops but not the
     * conversions between them. Each stored element is within a few float32 ulps of the
     * float64 step rounded once (Nd4jFloat32Test).
     */
    static void adam(double learningRate, double beta1, double beta2, double epsilon, long step,
                     float[] g, float[] m, float[] v, float[] p, int n) {
        float stepSize = (float) (learningRate / (1.0 - Math.pow(beta1, step)));
        float correction = (float) (1.0 / (1.0 - Math.pow(beta2, step)));
        float b1 = (float) beta1;
        float b2 = (float) beta2;
        float keep1 = (float) (1.0 - beta1);
        float keep2 = (float) (1.0 - beta2);
        float eps = (float) epsilon;
        for (int i = 0; i < n; i++) {
            float gi = g[i];
            float mi = b1 * m[i] + keep1 * gi;
            float vi = b2 * v[i] + keep2 * (gi * gi);
            m[i] = mi;
            v[i] = vi;
            p[i] -= stepSize * (mi / ((float) Math.sqrt(vi * correction) + eps));
        }
    }

    /**
     * ReLU forward in float, {@code y = max(x, 0)}: exact, the same bits as the shared kernel
     * (NaN stays NaN, −0 becomes 0), 1.4 µs against 94 µs for the shared float[] kernel on
     * 128×256 (A/B in one JVM), which widens to double and is not vectorized on JDK 17.
     */
    static void reluForward(float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = Math.max(x[i], 0f);
        }
    }

    /**
     * ReLU backward in float, {@code dx = dy · relu'(x)}, without a branch: {@code max(x, 0)}
     * scaled by 2²⁵² (which takes the smallest positive float above 1) and capped at 1 is 1
     * for {@code x > 0}, 0 for {@code x <= 0} and NaN for NaN, as the shared kernel's
     * derivative; exact. 3.8 µs against 194 µs for the shared float[] kernel on 128×256.
     */
    static void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) {
            dx[i] = dy[i] * Math.min(Math.max(x[i], 0f) * 0x1p126f * 0x1p126f, 1f);
        }
    }

    /** The index of each row's largest element, a row's first NaN winning (numpy's rule). */
    static void argmaxRows(Nd4jMatrix a, int[] dest) {
        FloatBuffer x = a.floats();
        int cols = a.cols();
        for (int i = 0; i < dest.length; i++) {
            int base = i * cols;
            int best = 0;
            float max = x.get(base);
            if (max == max) {
                for (int j = 1; j < cols; j++) {
                    float v = x.get(base + j);
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
