package org.nn4j.trainer.spark;

import org.nn4j.trainer.model.ModelSpec;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;

/**
 * What an executor computes with: a model rebuilt from its {@link ModelSpec} on the backend
 * found by name through {@link Backends} (so through {@code ServiceLoader}, in the executor's
 * own class path), in the driver's model's precision, with its batch buffers.
 *
 * <p>Models are not thread-safe and an executor runs several tasks at once, so workers are
 * pooled per executor JVM: a task {@linkplain #borrow borrows} one and
 * {@linkplain #release() releases} it, and the next job's task reuses it instead of building
 * the model again.
 */
final class PartitionWorker {

    private record Key(ModelSpec spec, String backend, Precision precision) {
    }

    private static final ConcurrentHashMap<Key, Queue<PartitionWorker>> POOL =
            new ConcurrentHashMap<>();

    private final Key key;
    final Sequential model;
    final LinearAlgebra la;
    private final double[] scratch;
    private final boolean noise;
    private double[] xs = new double[0];
    private double[] ts = new double[0];
    private Matrix x;
    private Matrix t;

    private PartitionWorker(Key key) {
        this.key = key;
        // The driver's model's precision: the executor computes in it, or says why it cannot.
        Backend backend = Backends.get(key.backend()).inPrecision(key.precision());
        // The initial weights are overwritten by the broadcast ones before any use.
        this.model = key.spec().build(backend, new Rng(0));
        this.la = backend.linearAlgebra();
        this.scratch = new double[ParameterVector.largest(model.parameters())];
        this.noise = key.spec().usesNoise();
    }

    /**
     * Takes a worker for a model, backend and precision from this JVM's pool, building one if
     * none is free.
     *
     * @throws org.nn4j.api.BackendException if the backend is not on this executor's class path
     * @throws UnsupportedOperationException if the executor's backend does not compute in the
     *                                       precision
     */
    static PartitionWorker borrow(ModelSpec spec, String backend, Precision precision) {
        Key key = new Key(spec, backend, precision);
        PartitionWorker w = POOL.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return w != null ? w : new PartitionWorker(key);
    }

    /** Returns this worker to the pool. */
    void release() {
        POOL.get(key).add(this);
    }

    /** Sets the model's parameters from a vector. */
    void setParameters(double[] values) {
        ParameterVector.setValues(la, values, 0, model.parameters());
    }

    /**
     * Computes the mean loss and, into the model's parameters, the mean gradient of some of a
     * block's rows.
     *
     * @return the loss, a mean over the rows
     */
    double computeGradients(DataBlock block, int[] order, int from, int rows, long seed,
                            int epoch) {
        if (noise) {
            model.reseedNoise(new Rng(block.noiseSeed(seed, epoch, from)));
        }
        int in = block.featureCount();
        int out = block.targetCount();
        if (xs.length < rows * in) {
            xs = new double[rows * in];
        }
        if (ts.length < rows * out) {
            ts = new double[rows * out];
        }
        if (x == null || x.rows() != rows) {
            x = la.zeros(rows, in);
            t = la.zeros(rows, out);
        }
        block.copyRows(order, from, rows, xs, ts);
        la.copyFromRowMajor(xs, 0, x);
        la.copyFromRowMajor(ts, 0, t);
        return model.computeGradients(x, t);
    }

    /** Adds {@code alpha} times the model's gradients to {@code dest[0 .. P)}. */
    void addGradients(double alpha, double[] dest) {
        ParameterVector.addGradients(la, model.parameters(), alpha, dest, scratch);
    }

    /** Adds {@code alpha} times the model's parameter values to {@code dest[0 .. P)}. */
    void addValues(double alpha, double[] dest) {
        int n = dest.length;
        double[] values = ParameterVector.values(la, model.parameters());
        for (int i = 0; i < values.length && i < n; i++) {
            dest[i] += alpha * values[i];
        }
    }
}
