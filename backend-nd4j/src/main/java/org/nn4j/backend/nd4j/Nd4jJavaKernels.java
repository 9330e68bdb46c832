package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;

/**
 * Kernels computed in Java on the ND4J arrays' own memory ({@link Nd4jMatrix#elements()}),
 * without crossing into native code: products below a size, and the bias broadcast, column
 * sums and squared errors at every size.
 *
 * <p><b>Why.</b> Every ND4J operation costs microseconds before any arithmetic: measured on
 * this project's 2-core machine with ND4J 1.0.0-M2.1, a product of 2×2 by 2×3 took 15–25 µs
 * through {@code Nd4j.gemm}, a row-vector add 25 µs, a column sum 17 µs, a squared norm
 * 27 µs (best of many calls, one thread), so the tutorial's 2×3 training step, about ten
 * such calls, took 300–450 µs. Java does about one multiply-add a nanosecond, so below
 * {@link #PRODUCT_THRESHOLD} multiply-adds products are computed here; above, OpenBLAS does
 * them. The element-wise kernels and reductions stay here at every size: they used to hand
 * over to ND4J from 16,384 elements, and keeping the 64×256 ones of the 784→256 dense step in
 * Java took that step from 1.42 to 1.10 ms and from 25 KB to 0.7 KB allocated (JMH, quick
 * mode, one run each); one pass over memory gains nothing from a native call with one
 * OpenMP thread. BLAS level-1 calls ({@code axpy}) cost well under a microsecond and stay
 * native.
 *
 * <p><b>Numbers.</b> Every element is computed in the plain order: products
 * {@code α·(0 + Σ_k op(a)_ik·op(b)_kj)}, {@code k} ascending (plus {@code β·c} when
 * {@code β != 0}); sums over rows, row by row. These are the EJML backend's numbers; ND4J's
 * native kernels may round differently in the last bits.
 *
 * <p>Arguments are not checked: the callers have checked shapes and aliasing.
 */
final class Nd4jJavaKernels {

    /** Products of fewer multiply-adds ({@code m·n·k}) are computed here. */
    static final long PRODUCT_THRESHOLD = 16_384;

    private Nd4jJavaKernels() {
    }

    /** Whether a product of this size is computed here. */
    static boolean isSmallProduct(Nd4jMatrix a, boolean transA, Nd4jMatrix c) {
        long k = transA ? a.rows() : a.cols();
        return (long) c.rows() * c.cols() * k < PRODUCT_THRESHOLD;
    }

    /** {@code c = α·op(a)·op(b) + β·c}; {@code β == 0} ignores {@code c}, NaN included. */
    static void gemm(double alpha, Nd4jMatrix am, boolean transA, Nd4jMatrix bm,
                     boolean transB, double beta, Nd4jMatrix cm) {
        DoubleBuffer a = am.elements();
        DoubleBuffer b = bm.elements();
        DoubleBuffer c = cm.elements();
        int m = cm.rows();
        int n = cm.cols();
        int k = transA ? am.rows() : am.cols();
        // Element (i, kk) of op(a) is a[i·ai + kk·ak]; element (kk, j) of op(b) is b[kk·bk + j·bj].
        int ai = transA ? 1 : am.cols();
        int ak = transA ? am.cols() : 1;
        int bk = transB ? 1 : bm.cols();
        int bj = transB ? bm.cols() : 1;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double total = 0.0;
                for (int kk = 0; kk < k; kk++) {
                    total += a.get(i * ai + kk * ak) * b.get(kk * bk + j * bj);
                }
                int ci = i * n + j;
                c.put(ci, beta == 0.0 ? alpha * total : alpha * total + beta * c.get(ci));
            }
        }
    }

    /** {@code dest[i][j] = a[i][j] + row[j]}; {@code dest} may be {@code a}. */
    static void addRowVector(Nd4jMatrix am, Nd4jMatrix rowm, Nd4jMatrix destm) {
        DoubleBuffer a = am.elements();
        DoubleBuffer r = rowm.elements();
        DoubleBuffer d = destm.elements();
        int rows = am.rows();
        int cols = am.cols();
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d.put(base + j, a.get(base + j) + r.get(j));
            }
        }
    }

    /** {@code dest[j] = Σ_i a[i][j]}, row by row. */
    static void columnSums(Nd4jMatrix am, Nd4jMatrix destm) {
        DoubleBuffer a = am.elements();
        DoubleBuffer d = destm.elements();
        int rows = am.rows();
        int cols = am.cols();
        for (int j = 0; j < cols; j++) {
            d.put(j, 0.0);
        }
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            for (int j = 0; j < cols; j++) {
                d.put(j, d.get(j) + a.get(base + j));
            }
        }
    }

    /**
     * Returns {@code Σ (y − t)²} and, unless {@code gradient} is null, writes
     * {@code (y − t) / divisor} into it.
     */
    static double squaredError(Nd4jMatrix ym, Nd4jMatrix tm, Nd4jMatrix gradient,
                               double divisor) {
        DoubleBuffer y = ym.elements();
        DoubleBuffer t = tm.elements();
        DoubleBuffer g = gradient == null ? null : gradient.elements();
        int size = ym.size();
        double sum = 0.0;
        for (int i = 0; i < size; i++) {
            double d = y.get(i) - t.get(i);
            sum += d * d;
            if (g != null) {
                g.put(i, d / divisor);
            }
        }
        return sum;
    }
}
