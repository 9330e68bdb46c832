package org.nn4j.trainer.spark;

import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.optim.Optimizer;

/**
 * {@code treeAggregate}'s per-partition step of parameter averaging: from the broadcast
 * parameters, some local mini-batch steps on a block's rows with a fresh local optimizer,
 * then the local parameters weighted by the rows trained on, added to the partial sum.
 *
 * <p>The partial sum holds {@code P + 2} values: {@code Σ rows·parameters}, then
 * {@code Σ rows·loss} (each local batch's loss before its update), then {@code Σ rows}. The
 * driver divides by the total rows: the average of the partitions' parameters, weighted by
 * the data each saw.
 *
 * <p>If a local loss is not finite the partition stops and reports a NaN loss, which stops
 * the training on the driver.
 */
final class LocalStepsSum implements Function2<double[], DataBlock, double[]> {

    private static final long serialVersionUID = 1L;

    private final ModelSpec spec;
    private final String backend;
    private final Precision precision;
    private final Broadcast<double[]> parameters;
    private final Optimizer optimizer;
    private final double learningRate;
    private final long seed;
    private final int epoch;
    private final int round;
    private final int localSteps;
    private final int batchSize;

    /**
     * @param spec         the model
     * @param backend      the backend's name, looked up on the executor
     * @param precision  the model's precision, the executor's backend's too
     * @param parameters   the parameters this round starts from
     * @param optimizer    the local optimizer's settings, copied afresh for each block
     * @param learningRate the local optimizer's rate in this epoch
     * @param seed         the run's seed, for the blocks' shuffles
     * @param epoch        the epoch, which chooses the shuffle
     * @param round        the averaging round in the epoch, from 0
     * @param localSteps   local steps per round
     * @param batchSize    rows per local step
     */
    LocalStepsSum(ModelSpec spec, String backend, Precision precision,
                Broadcast<double[]> parameters,
                  Optimizer optimizer, double learningRate, long seed, int epoch,
                  int round, int localSteps, int batchSize) {
        this.spec = spec;
        this.backend = backend;
        this.precision = precision;
        this.parameters = parameters;
        this.optimizer = optimizer;
        this.learningRate = learningRate;
        this.seed = seed;
        this.epoch = epoch;
        this.round = round;
        this.localSteps = localSteps;
        this.batchSize = batchSize;
    }

    @Override
    public double[] call(double[] sum, DataBlock block) {
        int p = ParameterVector.length(spec);
        if (sum.length == 0) {
            sum = new double[p + 2];
        }
        long first = (long) round * localSteps * batchSize;
        if (first >= block.rows()) {
            return sum;
        }
        int[] order = block.order(seed, epoch);
        PartitionWorker worker = PartitionWorker.borrow(spec, backend, precision);
        try {
            worker.setParameters(parameters.value());
            Optimizer local = optimizer.copy();
            local.setLearningRate(learningRate);
            double lossSum = 0.0;
            int trained = 0;
            for (int s = 0; s < localSteps; s++) {
                int from = (int) first + s * batchSize;
                if (from >= block.rows()) {
                    break;
                }
                int rows = Math.min(batchSize, block.rows() - from);
                double loss = worker.computeGradients(block, order, from, rows, seed, epoch);
                if (!Double.isFinite(loss)) {
                    sum[p] = Double.NaN;
                    return sum;
                }
                local.step(worker.la, worker.model.parameters());
                lossSum += loss * rows;
                trained += rows;
            }
            worker.addValues(trained, sum);
            sum[p] += lossSum;
            sum[p + 1] += trained;
        } finally {
            worker.release();
        }
        return sum;
    }
}
