package org.nn4j.trainer.model;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;

/**
 * The matrices a pass over a data set feeds the model: the examples in an order (shuffled
 * or not), cut into batches of a size, the last one short when the size does not divide.
 * Allocated once (one full and one short batch), so loading a batch allocates nothing.
 */
final class BatchBuffers {

    private final LinearAlgebra la;
    private final DataSet data;
    private final int full;
    private final int batches;
    private final int[] order;
    private final double[] xs;
    private final double[] ts;
    private final Matrix fullX;
    private final Matrix fullT;
    private final Matrix shortX;
    private final Matrix shortT;
    private int rows;

    BatchBuffers(LinearAlgebra la, DataSet data, int batchSize) {
        this.la = la;
        this.data = data;
        int n = data.size();
        this.full = Math.min(batchSize, n);
        this.batches = (n + full - 1) / full;
        int shortRows = n - (batches - 1) * full;
        int in = data.featureCount();
        int out = data.targetCount();
        order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        xs = new double[full * in];
        ts = new double[full * out];
        fullX = la.zeros(full, in);
        fullT = la.zeros(full, out);
        shortX = shortRows == full ? fullX : la.zeros(shortRows, in);
        shortT = shortRows == full ? fullT : la.zeros(shortRows, out);
    }

    /** Returns a copy of the current order of the examples. */
    int[] order() {
        return order.clone();
    }

    /** Sets the order of the examples (a checkpoint's): a permutation of the data's indices. */
    void order(int[] saved) {
        if (saved.length != order.length) {
            throw new IllegalArgumentException("the shuffle order has " + saved.length
                    + " indices; the training set has " + order.length + " examples");
        }
        System.arraycopy(saved, 0, order, 0, order.length);
    }

    /** Returns the number of batches of a pass. */
    int batches() {
        return batches;
    }

    /** Fisher–Yates, from the end: position {@code i} swaps with a uniform {@code j <= i}. */
    void shuffle(Rng rng) {
        Training.shuffle(order, rng);
    }

    /**
     * Copies a batch's examples into {@link #x()} and {@link #t()}.
     *
     * @param batch from 0
     * @return its rows
     */
    int load(int batch) {
        int from = batch * full;
        rows = Math.min(full, data.size() - from);
        data.copyRows(order, from, rows, xs, ts);
        la.copyFromRowMajor(xs, 0, x());
        la.copyFromRowMajor(ts, 0, t());
        return rows;
    }

    /** Returns the loaded batch's features, {@code rows x features}. */
    Matrix x() {
        return rows == full ? fullX : shortX;
    }

    /** Returns the loaded batch's targets, {@code rows x targets}. */
    Matrix t() {
        return rows == full ? fullT : shortT;
    }

    /** Returns the loaded batch's targets, row-major, from index 0. */
    double[] targets() {
        return ts;
    }
}
