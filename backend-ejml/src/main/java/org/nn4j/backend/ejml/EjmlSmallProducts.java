package org.nn4j.backend.ejml;

import org.ejml.data.DMatrixRMaj;

/**
 * The product kernel for small matrices, such as the tutorial's 2×3 layer and its 500-row
 * training set, on EJML's {@link DMatrixRMaj}.
 *
 * <p><b>Same numbers as EJML.</b> Every element is {@code α·(0 + Σ_k op(a)_ik·op(b)_kj)}, the
 * products added for {@code k} ascending: exactly what EJML's {@code mult_small},
 * {@code multTransA_small} and {@code multTransB} compute, so the results are identical to
 * the last bit. What differs is the cost around the arithmetic: one kernel for every
 * transpose case, with the short inner dimensions of small layers (one to four) written out
 * instead of looped over.
 *
 * <p>Arguments are not checked: the callers have checked shapes and aliasing.
 */
final class EjmlSmallProducts {

    private EjmlSmallProducts() {
    }

    /**
     * {@code c = α·op(a)·op(b)}, where {@code op(a)} is {@code m×k} and {@code op(b)} is
     * {@code k×n}.
     */
    static void multiply(double alpha, DMatrixRMaj am, boolean transA, DMatrixRMaj bm,
                         boolean transB, DMatrixRMaj cm) {
        double[] a = am.data;
        double[] b = bm.data;
        double[] c = cm.data;
        int m = cm.numRows;
        int n = cm.numCols;
        int k = transA ? am.numRows : am.numCols;
        // Element (i, kk) of op(a) is a[i·ai + kk·ak]; element (kk, j) of op(b) is b[kk·bk + j·bj].
        int ai = transA ? 1 : am.numCols;
        int ak = transA ? am.numCols : 1;
        int bk = transB ? 1 : bm.numCols;
        int bj = transB ? bm.numCols : 1;
        switch (k) {
            case 1 -> {
                for (int i = 0; i < m; i++) {
                    double a0 = a[i * ai];
                    for (int j = 0, ci = i * n; j < n; j++) {
                        double total = 0.0;
                        total += a0 * b[j * bj];
                        c[ci + j] = alpha * total;
                    }
                }
            }
            case 2 -> {
                for (int i = 0; i < m; i++) {
                    double a0 = a[i * ai];
                    double a1 = a[i * ai + ak];
                    for (int j = 0, ci = i * n; j < n; j++) {
                        int o = j * bj;
                        double total = 0.0;
                        total += a0 * b[o];
                        total += a1 * b[o + bk];
                        c[ci + j] = alpha * total;
                    }
                }
            }
            case 3 -> {
                for (int i = 0; i < m; i++) {
                    double a0 = a[i * ai];
                    double a1 = a[i * ai + ak];
                    double a2 = a[i * ai + 2 * ak];
                    for (int j = 0, ci = i * n; j < n; j++) {
                        int o = j * bj;
                        double total = 0.0;
                        total += a0 * b[o];
                        total += a1 * b[o + bk];
                        total += a2 * b[o + 2 * bk];
                        c[ci + j] = alpha * total;
                    }
                }
            }
            default -> {
                for (int i = 0; i < m; i++) {
                    for (int j = 0, ci = i * n; j < n; j++) {
                        double total = 0.0;
                        for (int kk = 0; kk < k; kk++) {
                            total += a[i * ai + kk * ak] * b[kk * bk + j * bj];
                        }
                        c[ci + j] = alpha * total;
                    }
                }
            }
        }
    }

    /**
     * The dense layer's forward pass for small layers, {@code c = a·b + 1·row}: each element
     * is {@code (0 + Σ_k a_ik·b_kj) + row_j}, exactly {@link #multiply} with {@code α = 1}
     * followed by the row-vector add, in one pass.
     */
    static void multiplyAddRow(DMatrixRMaj am, DMatrixRMaj bm, DMatrixRMaj rowm,
                               DMatrixRMaj cm) {
        double[] a = am.data;
        double[] b = bm.data;
        double[] r = rowm.data;
        double[] c = cm.data;
        int m = cm.numRows;
        int n = cm.numCols;
        int k = am.numCols;
        if (k == 2) {
            for (int i = 0; i < m; i++) {
                double a0 = a[2 * i];
                double a1 = a[2 * i + 1];
                for (int j = 0, ci = i * n; j < n; j++) {
                    double total = 0.0;
                    total += a0 * b[j];
                    total += a1 * b[n + j];
                    c[ci + j] = total + r[j];
                }
            }
            return;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0, ci = i * n; j < n; j++) {
                double total = 0.0;
                for (int kk = 0; kk < k; kk++) {
                    total += a[i * k + kk] * b[kk * n + j];
                }
                c[ci + j] = total + r[j];
            }
        }
    }
}
