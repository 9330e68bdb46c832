package org.nn4j.trainer.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.nn4j.trainer.data.DataSet;

/**
 * Makes the {@code JavaRDD<DataBlock>} that {@link SparkTraining} trains on: one block per
 * partition.
 */
public final class DataBlocks {

    private DataBlocks() {
    }

    /**
     * Distributes a data set held by the driver, dealing its rows round-robin into
     * {@code partitions} blocks (so a data set sorted by class still gives every partition
     * every class), and keeps the blocks in the executors' memory.
     *
     * <p>The RDD is locally checkpointed ({@code localCheckpoint()}): without that,
     * every task of every job would ship its rows again inside the task, as
     * {@code parallelize} keeps the data in the partitions. The price: if an executor is
     * lost, its blocks are lost and the job fails; for data that large, read it on the
     * executors and use {@link #fromExamples}.
     *
     * @param sc         the context
     * @param data       the examples, at least one
     * @param partitions how many blocks, positive
     * @return the blocks, cached and materialised; {@code unpersist()} them when done
     * @throws IllegalArgumentException if the data set is empty or the count is not positive
     */
    public static JavaRDD<DataBlock> fromDataSet(JavaSparkContext sc, DataSet data,
                                                 int partitions) {
        if (partitions <= 0) {
            throw new IllegalArgumentException("partitions must be positive, got " + partitions);
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot distribute an empty data set");
        }
        int n = data.size();
        int in = data.featureCount();
        int out = data.targetCount();
        List<DataBlock> blocks = new ArrayList<>(partitions);
        for (int b = 0; b < partitions; b++) {
            int rows = (n - b + partitions - 1) / partitions;
            int[] order = new int[rows];
            for (int r = 0; r < rows; r++) {
                order[r] = b + r * partitions;
            }
            double[] xs = new double[rows * in];
            double[] ts = new double[rows * out];
            data.copyRows(order, 0, rows, xs, ts);
            blocks.add(new DataBlock(b, rows, in, out, xs, ts));
        }
        JavaRDD<DataBlock> rdd = sc.parallelize(blocks, partitions);
        rdd.rdd().localCheckpoint();
        rdd.count();
        return rdd;
    }

    /**
     * Packs each partition of examples into one block, keeping the partitioning, and caches
     * the blocks in memory (spilling to disk).
     *
     * @param examples     the examples; every one with the given counts
     * @param featureCount features per example, positive
     * @param targetCount  targets per example, positive
     * @return the blocks, cached (lazily, on first use)
     */
    public static JavaRDD<DataBlock> fromExamples(JavaRDD<Example> examples, int featureCount,
                                                  int targetCount) {
        return examples.mapPartitionsWithIndex(new Packer(featureCount, targetCount), true)
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** Packs one partition's examples; a named class, so it captures only the two counts. */
    private static final class Packer implements
            org.apache.spark.api.java.function.Function2<Integer, Iterator<Example>,
                    Iterator<DataBlock>> {

        private static final long serialVersionUID = 1L;
        private final int featureCount;
        private final int targetCount;

        Packer(int featureCount, int targetCount) {
            if (featureCount <= 0 || targetCount <= 0) {
                throw new IllegalArgumentException("feature and target counts must be positive,"
                        + " got " + featureCount + " and " + targetCount);
            }
            this.featureCount = featureCount;
            this.targetCount = targetCount;
        }

        @Override
        public Iterator<DataBlock> call(Integer partition, Iterator<Example> examples) {
            List<Example> all = new ArrayList<>();
            examples.forEachRemaining(all::add);
            int rows = all.size();
            double[] xs = new double[Math.multiplyExact(rows, featureCount)];
            double[] ts = new double[Math.multiplyExact(rows, targetCount)];
            for (int r = 0; r < rows; r++) {
                Example e = all.get(r);
                if (e.features().length != featureCount || e.targets().length != targetCount) {
                    throw new IllegalArgumentException("example " + r + " of partition "
                            + partition + " has " + e.features().length + " features and "
                            + e.targets().length + " targets; expected " + featureCount
                            + " and " + targetCount);
                }
                System.arraycopy(e.features(), 0, xs, r * featureCount, featureCount);
                System.arraycopy(e.targets(), 0, ts, r * targetCount, targetCount);
            }
            return List.of(new DataBlock(partition, rows, featureCount, targetCount, xs, ts))
                    .iterator();
        }
    }
}
