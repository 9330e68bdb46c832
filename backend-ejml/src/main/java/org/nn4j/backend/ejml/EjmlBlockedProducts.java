package org.nn4j.backend.ejml;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.DMatrixRMaj;

/**
 * Cache- and register-blocked versions of EJML's product kernels for large matrices, on
 * EJML's own {@link DMatrixRMaj}.
 *
 * <p><b>Same numbers as EJML.</b> Every element is computed with exactly the operations and
 * the order of addition of the EJML kernel it replaces, so the results are identical to the
 * last bit:
 * <ul>
 *   <li>{@link #mult} and {@link #multTransA}, like {@code MatrixMatrixMult_DDRM.mult_reorder}
 *       and {@code multTransA_reorder}: {@code c[i][j] = (α·a_i0)·b_0j}, then
 *       {@code += (α·a_ik)·b_kj} for {@code k} ascending;</li>
 *   <li>{@link #multTransB}, like {@code MatrixMatrixMult_DDRM.multTransB}:
 *       {@code c[i][j] = α·(0 + Σ_k a_ik·b_jk)}, {@code k} ascending.</li>
 * </ul>
 * Only the order in which <em>different</em> elements are worked on changes: blocks of
 * {@code B} small enough to stay in the level-2 cache are reused by several rows of the
 * result at once (EJML streams all of {@code B} through the cache once per row), and
 * {@code multTransB} runs eight dot products side by side, where EJML's single running sum
 * waits on the latency of each addition.
 *
 * <p><b>Threads.</b> With {@code concurrent} the rows of the result are split between EJML's
 * worker threads ({@code EjmlConcurrency}); each element is still computed by one thread in
 * the order above.
 *
 * <p>Arguments are not checked: the callers have checked shapes and aliasing.
 */
final class EjmlBlockedProducts {

    /** Doubles of {@code B} per cache block: 256 KiB, a quarter of a typical 1 MiB L2. */
    private static final int BLOCK_DOUBLES = 32 * 1024;

    /** Fewest rows of the result given to one thread. */
    private static final int MIN_ROWS_PER_THREAD = 8;

    private EjmlBlockedProducts() {
    }

    /** {@code c = α·a·b}: {@code a} m×k, {@code b} k×n, {@code c} m×n, {@code k >= 1}. */
    static void mult(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                     boolean concurrent) {
        int m = c.numRows;
        if (concurrent) {
            EjmlConcurrency.loopBlocks(0, m, MIN_ROWS_PER_THREAD,
                    (i0, i1) -> axpyRows(alpha, a.data, a.numCols, 1, b, c, i0, i1));
        } else {
            axpyRows(alpha, a.data, a.numCols, 1, b, c, 0, m);
        }
    }

    /** {@code c = α·aᵀ·b}: {@code a} k×m, {@code b} k×n, {@code c} m×n, {@code k >= 1}. */
    static void multTransA(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                           boolean concurrent) {
        int m = c.numRows;
        if (concurrent) {
            EjmlConcurrency.loopBlocks(0, m, MIN_ROWS_PER_THREAD,
                    (i0, i1) -> axpyRows(alpha, a.data, 1, a.numCols, b, c, i0, i1));
        } else {
            axpyRows(alpha, a.data, 1, a.numCols, b, c, 0, m);
        }
    }

    /** {@code c = α·a·bᵀ}: {@code a} m×k, {@code b} n×k, {@code c} m×n. */
    static void multTransB(double alpha, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c,
                           boolean concurrent) {
        int m = c.numRows;
        if (concurrent) {
            EjmlConcurrency.loopBlocks(0, m, MIN_ROWS_PER_THREAD,
                    (i0, i1) -> dotRows(alpha, a, b, c, i0, i1));
        } else {
            dotRows(alpha, a, b, c, 0, m);
        }
    }

    /**
     * Rows {@code i0..i1} of {@code c = α·op(a)·b}, where element {@code (i, k)} of
     * {@code op(a)} is {@code a[i·rowStride + k·colStride]}: eight elements of {@code c} (two
     * rows, four columns) at a time, each summed in a register in EJML's order.
     */
    private static void axpyRows(double alpha, double[] a, int rowStride, int colStride,
                                 DMatrixRMaj bm, DMatrixRMaj cm, int i0, int i1) {
        double[] b = bm.data;
        double[] c = cm.data;
        int k = bm.numRows;
        int n = bm.numCols;
        boolean scaled = alpha != 1.0; // α·x == x exactly when α is 1
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int i = i0;
            for (; i + 2 <= i1; i += 2) {
                int r0 = i * rowStride;
                int r1 = r0 + rowStride;
                double x0 = a[r0];
                double x1 = a[r1];
                if (scaled) {
                    x0 *= alpha;
                    x1 *= alpha;
                }
                double t00 = x0 * b[j];
                double t01 = x0 * b[j + 1];
                double t02 = x0 * b[j + 2];
                double t03 = x0 * b[j + 3];
                double t10 = x1 * b[j];
                double t11 = x1 * b[j + 1];
                double t12 = x1 * b[j + 2];
                double t13 = x1 * b[j + 3];
                for (int kk = 1; kk < k; kk++) {
                    x0 = a[r0 + kk * colStride];
                    x1 = a[r1 + kk * colStride];
                    if (scaled) {
                        x0 *= alpha;
                        x1 *= alpha;
                    }
                    int bo = kk * n + j;
                    double y0 = b[bo];
                    double y1 = b[bo + 1];
                    double y2 = b[bo + 2];
                    double y3 = b[bo + 3];
                    t00 += x0 * y0;
                    t01 += x0 * y1;
                    t02 += x0 * y2;
                    t03 += x0 * y3;
                    t10 += x1 * y0;
                    t11 += x1 * y1;
                    t12 += x1 * y2;
                    t13 += x1 * y3;
                }
                int ci = i * n + j;
                c[ci] = t00;
                c[ci + 1] = t01;
                c[ci + 2] = t02;
                c[ci + 3] = t03;
                c[ci + n] = t10;
                c[ci + n + 1] = t11;
                c[ci + n + 2] = t12;
                c[ci + n + 3] = t13;
            }
            for (; i < i1; i++) {
                for (int jj = j; jj < j + 4; jj++) {
                    c[i * n + jj] = axpyElement(alpha, a, i * rowStride, colStride, b, jj, k, n);
                }
            }
        }
        for (; j < n; j++) {
            for (int i = i0; i < i1; i++) {
                c[i * n + j] = axpyElement(alpha, a, i * rowStride, colStride, b, j, k, n);
            }
        }
    }

    /** One element of {@link #axpyRows}, in EJML's order. */
    private static double axpyElement(double alpha, double[] a, int ai, int colStride,
                                      double[] b, int j, int k, int n) {
        double total = alpha * a[ai] * b[j];
        for (int kk = 1; kk < k; kk++) {
            total += alpha * a[ai + kk * colStride] * b[kk * n + j];
        }
        return total;
    }

    /** Rows {@code i0..i1} of {@code c = α·a·bᵀ}, eight dot products at a time. */
    private static void dotRows(double alpha, DMatrixRMaj am, DMatrixRMaj bm, DMatrixRMaj cm,
                                int i0, int i1) {
        double[] a = am.data;
        double[] b = bm.data;
        double[] c = cm.data;
        int k = am.numCols;
        int n = bm.numRows;
        int jBlock = Math.max(4, BLOCK_DOUBLES / Math.max(1, k));
        for (int jb = 0; jb < n; jb += jBlock) {
            int je = Math.min(n, jb + jBlock);
            int i = i0;
            for (; i + 2 <= i1; i += 2) {
                int a0 = i * k;
                int a1 = a0 + k;
                int j = jb;
                for (; j + 4 <= je; j += 4) {
                    int b0 = j * k;
                    int b1 = b0 + k;
                    int b2 = b1 + k;
                    int b3 = b2 + k;
                    double t00 = 0;
                    double t01 = 0;
                    double t02 = 0;
                    double t03 = 0;
                    double t10 = 0;
                    double t11 = 0;
                    double t12 = 0;
                    double t13 = 0;
                    for (int kk = 0; kk < k; kk++) {
                        double x0 = a[a0 + kk];
                        double x1 = a[a1 + kk];
                        double y0 = b[b0 + kk];
                        double y1 = b[b1 + kk];
                        double y2 = b[b2 + kk];
                        double y3 = b[b3 + kk];
                        t00 += x0 * y0;
                        t01 += x0 * y1;
                        t02 += x0 * y2;
                        t03 += x0 * y3;
                        t10 += x1 * y0;
                        t11 += x1 * y1;
                        t12 += x1 * y2;
                        t13 += x1 * y3;
                    }
                    int ci = i * n + j;
                    c[ci] = alpha * t00;
                    c[ci + 1] = alpha * t01;
                    c[ci + 2] = alpha * t02;
                    c[ci + 3] = alpha * t03;
                    c[ci + n] = alpha * t10;
                    c[ci + n + 1] = alpha * t11;
                    c[ci + n + 2] = alpha * t12;
                    c[ci + n + 3] = alpha * t13;
                }
                for (; j < je; j++) {
                    c[i * n + j] = alpha * dot(a, a0, b, j * k, k);
                    c[(i + 1) * n + j] = alpha * dot(a, a1, b, j * k, k);
                }
            }
            for (; i < i1; i++) {
                for (int j = jb; j < je; j++) {
                    c[i * n + j] = alpha * dot(a, i * k, b, j * k, k);
                }
            }
        }
    }

    private static double dot(double[] a, int ai, double[] b, int bi, int k) {
        double total = 0;
        for (int kk = 0; kk < k; kk++) {
            total += a[ai + kk] * b[bi + kk];
        }
        return total;
    }
}
