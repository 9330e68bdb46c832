package org.nn4j.benchmarks;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

/**
 * The training step written by hand against EJML, as a careful user of EJML would write it
 * without nn4j: {@code CommonOps_DDRM} (or its multi-threaded twin {@code CommonOps_MT_DDRM}
 * for the products), preallocated matrices, no transposes materialised.
 */
final class EjmlDirectStep {

    private final Workload workload;
    private final boolean concurrent;
    private final DMatrixRMaj w;
    private final DMatrixRMaj b;
    private final DMatrixRMaj x;
    private final DMatrixRMaj t;
    private final DMatrixRMaj y;
    private final DMatrixRMaj dy;
    private final DMatrixRMaj dw;
    private final DMatrixRMaj db;
    private final DMatrixRMaj dz;

    EjmlDirectStep(Workload workload, boolean concurrent) {
        this.workload = workload;
        this.concurrent = concurrent;
        int in = workload.inputs();
        int out = workload.outputs();
        int n = workload.batch();
        w = new DMatrixRMaj(in, out, true, workload.weights());
        b = new DMatrixRMaj(1, out);
        x = new DMatrixRMaj(n, in);
        t = new DMatrixRMaj(n, out);
        y = new DMatrixRMaj(n, out);
        dy = new DMatrixRMaj(n, out);
        dw = new DMatrixRMaj(in, out);
        db = new DMatrixRMaj(1, out);
        dz = new DMatrixRMaj(n, in);
        load(0);
    }

    void load(int start) {
        System.arraycopy(workload.features(), start * workload.inputs(), x.data, 0,
                x.getNumElements());
        System.arraycopy(workload.targets(), start * workload.outputs(), t.data, 0,
                t.getNumElements());
    }

    double step() {
        // forward
        if (concurrent) {
            CommonOps_MT_DDRM.mult(x, w, y);
        } else {
            CommonOps_DDRM.mult(x, w, y);
        }
        int rows = y.numRows;
        int cols = y.numCols;
        double[] yd = y.data;
        double[] bd = b.data;
        for (int i = 0; i < rows; i++) {
            for (int j = 0, base = i * cols; j < cols; j++) {
                yd[base + j] += bd[j];
            }
        }
        // mean squared error, 1/(2N) Σ (y − t)², and its gradient (y − t)/N
        double[] td = t.data;
        double[] gd = dy.data;
        double sum = 0.0;
        for (int i = 0, e = rows * cols; i < e; i++) {
            double d = yd[i] - td[i];
            sum += d * d;
            gd[i] = d / rows;
        }
        // backward
        if (concurrent) {
            CommonOps_MT_DDRM.multTransA(x, dy, dw);
        } else {
            CommonOps_DDRM.multTransA(x, dy, dw);
        }
        CommonOps_DDRM.sumCols(dy, db);
        if (concurrent) {
            CommonOps_MT_DDRM.multTransB(dy, w, dz);
        } else {
            CommonOps_DDRM.multTransB(dy, w, dz);
        }
        // SGD
        double lr = workload.learningRate();
        CommonOps_DDRM.addEquals(w, -lr, dw);
        CommonOps_DDRM.addEquals(b, -lr, db);
        return 0.5 * sum / rows;
    }

    double[] weights() {
        return w.data.clone();
    }
}
