package org.nn4j.benchmarks;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.BlockRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The training step written by hand against Apache Commons Math 3, the way its API is meant
 * to be used: {@code multiply}, {@code transpose}, {@code subtract}, {@code scalarMultiply}.
 * Commons Math has no destination-passing product, so each operation returns a new matrix;
 * the batch copy writes into preallocated matrices.
 */
final class CommonsDirectStep {

    private final Workload workload;
    private final boolean block;
    private RealMatrix w;
    private RealMatrix b;
    private final RealMatrix x;
    private final RealMatrix t;
    private final RealMatrix ones;
    /** The last input gradient, kept so that no product can be optimised away. */
    RealMatrix lastInputGradient;

    CommonsDirectStep(Workload workload, boolean block) {
        this.workload = workload;
        this.block = block;
        int in = workload.inputs();
        int out = workload.outputs();
        int n = workload.batch();
        double[][] w0 = new double[in][out];
        for (int i = 0; i < in; i++) {
            System.arraycopy(workload.weights(), i * out, w0[i], 0, out);
        }
        w = create(w0);
        b = create(new double[1][out]);
        x = create(new double[n][in]);
        t = create(new double[n][out]);
        double[][] o = new double[n][1];
        for (double[] row : o) {
            row[0] = 1.0;
        }
        ones = create(o);
        load(0);
    }

    private RealMatrix create(double[][] data) {
        return block ? new BlockRealMatrix(data) : new Array2DRowRealMatrix(data, false);
    }

    void load(int start) {
        int in = workload.inputs();
        int out = workload.outputs();
        double[] f = workload.features();
        double[] g = workload.targets();
        for (int i = 0, n = workload.batch(); i < n; i++) {
            for (int j = 0; j < in; j++) {
                x.setEntry(i, j, f[(start + i) * in + j]);
            }
            for (int j = 0; j < out; j++) {
                t.setEntry(i, j, g[(start + i) * out + j]);
            }
        }
    }

    double step() {
        int n = workload.batch();
        // forward: y = x·W + 1·b (the bias broadcast as an outer product with a column of ones)
        RealMatrix y = x.multiply(w).add(ones.multiply(b));
        // mean squared error and its gradient (y − t)/N
        RealMatrix d = y.subtract(t);
        double norm = d.getFrobeniusNorm();
        RealMatrix dy = d.scalarMultiply(1.0 / n);
        // backward
        RealMatrix dw = x.transpose().multiply(dy);
        RealMatrix db = ones.transpose().multiply(dy);
        RealMatrix dz = dy.multiply(w.transpose());
        // SGD
        double lr = workload.learningRate();
        w = w.subtract(dw.scalarMultiply(lr));
        b = b.subtract(db.scalarMultiply(lr));
        lastInputGradient = dz;
        return 0.5 * norm * norm / n;
    }
}
