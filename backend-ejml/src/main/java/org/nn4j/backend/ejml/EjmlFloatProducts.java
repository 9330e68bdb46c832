package org.nn4j.backend.ejml;

import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;

/**
 * The float32 product {@code c = α·op(a)·op(b) + β·c} on EJML's {@link FMatrixRMaj}, products
 * accumulated in {@code float}.
 *
 * <p><b>Why not {@code CommonOps_FDRM}.</b> EJML's float kernels live in {@code ejml-fdense},
 * whose packages ({@code org.ejml.dense.row}, ...) are also in {@code ejml-ddense}: two
 * automatic modules may not hold the same package, so this module (which has a
 * {@code module-info}) cannot read both (EJML issue #39). {@code FMatrixRMaj} itself is in
 * {@code ejml-core}.
 *
 * <p><b>Register blocks.</b> {@link EjmlBlockedProducts}' scheme in {@code float}: eight
 * elements of {@code c} (two rows by four columns) summed side by side in registers, so the
 * additions do not wait on each other, and each load of {@code a} or {@code b} serves four or
 * two of them. Without {@code transB} each element is {@code Σ_k (α·a_ik)·b_kj}; with it
 * (the layer's {@code dy·Wᵀ}) {@code α·Σ_k a_ik·b_jk}, {@code k} ascending. Measured on this
 * machine (CPU time, one thread, 128×784 by 784×256, under load): the JIT does not vectorise
 * an axpy formulation ({@code c_i += a_ik·b_k}; as fast with {@code -XX:-UseSuperWord}), which
 * ran at 4.2 to 8 GFLOP/s against 6.5 to 10.5 for these register blocks; EJML's
 * {@code CommonOps_FDRM} is of the axpy kind.
 *
 * <p><b>Threads.</b> With {@code concurrent}, the rows of {@code c} are split between EJML's
 * worker threads; each element is computed by one thread, in the same order.
 *
 * <p>Arguments are not checked: the callers have checked shapes and aliasing.
 */
final class EjmlFloatProducts {

    /** Fewest rows of the result given to one thread. */
    private static final int MIN_ROWS_PER_THREAD = 8;

    private EjmlFloatProducts() {
    }

    /**
     * {@code c = α·op(a)·op(b) + β·c}, {@code β·c} computed in {@code double} and rounded;
     * {@code β = 0} ignores {@code c} (NaN included).
     */
    static void gemm(float alpha, FMatrixRMaj a, boolean transA, FMatrixRMaj b, boolean transB,
                     double beta, FMatrixRMaj c, boolean concurrent) {
        int m = c.numRows;
        if (concurrent) {
            EjmlConcurrency.loopBlocks(0, m, MIN_ROWS_PER_THREAD,
                    (i0, i1) -> rows(alpha, a, transA, b, transB, beta, c, i0, i1));
        } else {
            rows(alpha, a, transA, b, transB, beta, c, 0, m);
        }
    }

    /** Rows {@code i0..i1} of {@link #gemm}. */
    private static void rows(float alpha, FMatrixRMaj a, boolean transA, FMatrixRMaj b,
                             boolean transB, double beta, FMatrixRMaj c, int i0, int i1) {
        int n = c.numCols;
        float[] cd = c.data;
        boolean accumulate = beta != 0.0; // beta == 0 overwrites c, NaN included
        if (accumulate && beta != 1.0) {
            for (int i = i0 * n, e = i1 * n; i < e; i++) {
                cd[i] = (float) (beta * cd[i]);
            }
        }
        // Element (i, kk) of op(a) is a[i·rowStride + kk·colStride].
        int rowStride = transA ? 1 : a.numCols;
        int colStride = transA ? a.numCols : 1;
        if (transB) {
            dotRows(alpha, a.data, rowStride, colStride, b, c, i0, i1, accumulate);
        } else {
            axpyRows(alpha, a.data, rowStride, colStride, b, c, i0, i1, accumulate);
        }
    }

    /**
     * Rows {@code i0..i1} of {@code c (+)= α·op(a)·b}: eight elements of {@code c} (two rows,
     * four columns) at a time, each summed in a register, {@code k} ascending.
     */
    private static void axpyRows(float alpha, float[] a, int rowStride, int colStride,
                                 FMatrixRMaj bm, FMatrixRMaj cm, int i0, int i1,
                                 boolean accumulate) {
        float[] b = bm.data;
        float[] c = cm.data;
        int k = bm.numRows;
        int n = bm.numCols;
        boolean scaled = alpha != 1.0f; // α·x == x exactly when α is 1
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int i = i0;
            for (; i + 2 <= i1; i += 2) {
                int r0 = i * rowStride;
                int r1 = r0 + rowStride;
                float t00 = 0;
                float t01 = 0;
                float t02 = 0;
                float t03 = 0;
                float t10 = 0;
                float t11 = 0;
                float t12 = 0;
                float t13 = 0;
                for (int kk = 0; kk < k; kk++) {
                    float x0 = a[r0 + kk * colStride];
                    float x1 = a[r1 + kk * colStride];
                    if (scaled) {
                        x0 *= alpha;
                        x1 *= alpha;
                    }
                    int bo = kk * n + j;
                    float y0 = b[bo];
                    float y1 = b[bo + 1];
                    float y2 = b[bo + 2];
                    float y3 = b[bo + 3];
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
                store(c, ci, t00, accumulate);
                store(c, ci + 1, t01, accumulate);
                store(c, ci + 2, t02, accumulate);
                store(c, ci + 3, t03, accumulate);
                store(c, ci + n, t10, accumulate);
                store(c, ci + n + 1, t11, accumulate);
                store(c, ci + n + 2, t12, accumulate);
                store(c, ci + n + 3, t13, accumulate);
            }
            for (; i < i1; i++) {
                for (int jj = j; jj < j + 4; jj++) {
                    store(c, i * n + jj, axpyElement(alpha, a, i * rowStride, colStride, b, jj,
                            k, n), accumulate);
                }
            }
        }
        for (; j < n; j++) {
            for (int i = i0; i < i1; i++) {
                store(c, i * n + j, axpyElement(alpha, a, i * rowStride, colStride, b, j, k, n),
                        accumulate);
            }
        }
    }

    /** One element of {@link #axpyRows}, in the same order. */
    private static float axpyElement(float alpha, float[] a, int ai, int colStride, float[] b,
                                     int j, int k, int n) {
        float total = 0;
        for (int kk = 0; kk < k; kk++) {
            total += (alpha * a[ai + kk * colStride]) * b[kk * n + j];
        }
        return total;
    }

    /** {@code c_ij (+)= α·Σ_k op(a)_ik·b_jk}: eight dot products at a time. */
    private static void dotRows(float alpha, float[] a, int rowStride, int colStride,
                                FMatrixRMaj bm, FMatrixRMaj cm, int i0, int i1,
                                boolean accumulate) {
        float[] b = bm.data;
        float[] c = cm.data;
        int k = bm.numCols;
        int n = bm.numRows;
        int i = i0;
        for (; i + 2 <= i1; i += 2) {
            int a0 = i * rowStride;
            int a1 = a0 + rowStride;
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                int b0 = j * k;
                int b1 = b0 + k;
                int b2 = b1 + k;
                int b3 = b2 + k;
                float t00 = 0;
                float t01 = 0;
                float t02 = 0;
                float t03 = 0;
                float t10 = 0;
                float t11 = 0;
                float t12 = 0;
                float t13 = 0;
                for (int kk = 0; kk < k; kk++) {
                    float x0 = a[a0 + kk * colStride];
                    float x1 = a[a1 + kk * colStride];
                    float y0 = b[b0 + kk];
                    float y1 = b[b1 + kk];
                    float y2 = b[b2 + kk];
                    float y3 = b[b3 + kk];
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
                store(c, ci, alpha * t00, accumulate);
                store(c, ci + 1, alpha * t01, accumulate);
                store(c, ci + 2, alpha * t02, accumulate);
                store(c, ci + 3, alpha * t03, accumulate);
                store(c, ci + n, alpha * t10, accumulate);
                store(c, ci + n + 1, alpha * t11, accumulate);
                store(c, ci + n + 2, alpha * t12, accumulate);
                store(c, ci + n + 3, alpha * t13, accumulate);
            }
            for (; j < n; j++) {
                store(c, i * n + j, alpha * dot(a, a0, colStride, b, j * k, k), accumulate);
                store(c, (i + 1) * n + j, alpha * dot(a, a1, colStride, b, j * k, k),
                        accumulate);
            }
        }
        for (; i < i1; i++) {
            for (int j = 0; j < n; j++) {
                store(c, i * n + j, alpha * dot(a, i * rowStride, colStride, b, j * k, k),
                        accumulate);
            }
        }
    }

    private static float dot(float[] a, int ai, int colStride, float[] b, int bi, int k) {
        float total = 0;
        for (int kk = 0; kk < k; kk++) {
            total += a[ai + kk * colStride] * b[bi + kk];
        }
        return total;
    }

    /** {@code c[index] = value}, or {@code += value} onto the already scaled {@code β·c}. */
    private static void store(float[] c, int index, float value, boolean accumulate) {
        c[index] = accumulate ? c[index] + value : value;
    }
}
