package org.nn4j.trainer.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.ModelSpec;

/**
 * {@code treeAggregate}'s per-partition step of synchronous SGD: the gradient of this step's
 * slice of a block, weighted by its rows, added to the partial sum.
 *
 * <p>The partial sum holds {@code P + 2} values: {@code Σ rows·gradient} (P values), then
 * {@code Σ rows·loss}, then {@code Σ rows}. The driver divides by the total rows, so the
 * result is the mean over the global batch, exactly as one machine computes it on the union
 * of the slices.
 *
 * <p>Its fields are all it ships: the spec, the backend's name and precision, the broadcast parameters and
 * which slice to take. Nothing else is captured.
 */
final class GradientSum implements Function2<double[], DataBlock, double[]> {

    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final String backend;
    private final Precision precision;
    private final Broadcast<double[]> parameters;
    private final long seed;
    private final int epoch;
    private final int step;
    private final int steps;

    /**
     * @param spec       the model
     * @param backend    the backend's name, looked up on the executor
     * @param precision  the model's precision, the executor's backend's too
     * @param parameters the parameters of this step
     * @param seed       the run's seed, for the blocks' shuffles
     * @param epoch      the epoch, which chooses the shuffle
     * @param step       the step in the epoch, from 0
     * @param steps      the steps of the epoch: each block's rows are cut into that many
     *                   slices; 1 takes every row (a full-batch gradient)
     */
    GradientSum(ModelSpec spec, String backend, Precision precision,
                Broadcast<double[]> parameters, long seed,
                int epoch, int step, int steps) {
        this.spec = spec;
        this.backend = backend;
        this.precision = precision;
        this.parameters = parameters;
        this.seed = seed;
        this.epoch = epoch;
        this.step = step;
        this.steps = steps;
    }

    @Override
    public double[] call(double[] sum, DataBlock block) {
        int p = ParameterVector.length(spec);
        if (sum.length == 0) {
            sum = new double[p + 2];
        }
        int from = slice(block.rows(), step, steps);
        int rows = slice(block.rows(), step + 1, steps) - from;
        if (rows == 0) {
            return sum;
        }
        // One slice: no need to shuffle the rows whose order does not matter to a sum.
        int[] order = steps == 1 ? identity(block.rows()) : block.order(seed, epoch);
        PartitionWorker worker = PartitionWorker.borrow(spec, backend, precision);
        try {
            worker.setParameters(parameters.value());
            double loss = worker.computeGradients(block, order, from, rows, seed, epoch);
            worker.addGradients(rows, sum);
            sum[p] += loss * rows;
            sum[p + 1] += rows;
        } finally {
            worker.release();
        }
        return sum;
    }

    /** Where slice {@code k} of {@code slices} of {@code rows} rows starts: rows spread evenly. */
    static int slice(int rows, int k, int slices) {
        return (int) ((long) k * rows / slices);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
