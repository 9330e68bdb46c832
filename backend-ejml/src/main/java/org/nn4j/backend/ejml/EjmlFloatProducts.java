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
 * <p><b>Two loops.</b> Without {@code transB}, each row of {@code c} gets {@code α·a_ik} times
 * row {@code k} of {@code b} added for {@code k} ascending (EJML's "reorder" order): the inner
 * loop is an axpy over contiguous floats, which the JIT vectorises, and {@code b} is walked in
 * blocks of rows small enough to stay in the level-2 cache while every row of {@code c} uses
 * them. With {@code transB} (the layer's {@code dy·Wᵀ}) each element is a dot product of two
 * contiguous rows, eight at a time (two rows by four columns) so the additions do not wait on
 * each other.
 *
 * <p><b>Threads.</b> With {@code concurrent}, the rows of {@code c} are split between EJML's
 * worker threads; each element is computed by one thread, in the same order.
 *
 * <p>Arguments are not checked: the callers have checked shapes and aliasing.
 */
final class EjmlFloatProducts {

    /** Floats of {@code b} per cache block: 256 KiB, a quarter of a typical 1 MiB L2. */
    private static final int BLOCK_FLOATS = 64 * 1024;

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
        if (beta == 0.0) {
            java.util.Arrays.fill(cd, i0 * n, i1 * n, 0.0f);
        } else if (beta != 1.0) {
            for (int i = i0 * n, e = i1 * n; i < e; i++) {
                cd[i] = (float) (beta * cd[i]);
            }
        }
        // Element (i, kk) of op(a) is a[i·rowStride + kk·colStride].
        int rowStride = transA ? 1 : a.numCols;
        int colStride = transA ? a.numCols : 1;
        if (transB) {
            dotRows(alpha, a.data, rowStride, colStride, b, c, i0, i1);
        } else {
            axpyRows(alpha, a.data, rowStride, colStride, b, c, i0, i1);
        }
    }

    /** {@code c_i += Σ_k (α·a_ik)·b_k}, rows of {@code b} in cache-sized blocks. */
    private static void axpyRows(float alpha, float[] a, int rowStride, int colStride,
                                 FMatrixRMaj bm, FMatrixRMaj cm, int i0, int i1) {
        float[] b = bm.data;
        float[] c = cm.data;
        int k = bm.numRows;
        int n = bm.numCols;
        int kBlock = Math.max(1, BLOCK_FLOATS / Math.max(1, n));
        for (int kb = 0; kb < k; kb += kBlock) {
            int ke = Math.min(k, kb + kBlock);
            for (int i = i0; i < i1; i++) {
                int ci = i * n;
                int ai = i * rowStride;
                for (int kk = kb; kk < ke; kk++) {
                    float x = alpha * a[ai + kk * colStride];
                    int bo = kk * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += x * b[bo + j];
                    }
                }
            }
        }
    }

    /** {@code c_ij += α·Σ_k op(a)_ik·b_jk}: eight dot products at a time. */
    private static void dotRows(float alpha, float[] a, int rowStride, int colStride,
                                FMatrixRMaj bm, FMatrixRMaj cm, int i0, int i1) {
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
                c[ci] += alpha * t00;
                c[ci + 1] += alpha * t01;
                c[ci + 2] += alpha * t02;
                c[ci + 3] += alpha * t03;
                c[ci + n] += alpha * t10;
                c[ci + n + 1] += alpha * t11;
                c[ci + n + 2] += alpha * t12;
                c[ci + n + 3] += alpha * t13;
            }
            for (; j < n; j++) {
                c[i * n + j] += alpha * dot(a, a0, colStride, b, j * k, k);
                c[(i + 1) * n + j] += alpha * dot(a, a1, colStride, b, j * k, k);
            }
        }
        for (; i < i1; i++) {
            for (int j = 0; j < n; j++) {
                c[i * n + j] += alpha * dot(a, i * rowStride, colStride, b, j * k, k);
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
}
