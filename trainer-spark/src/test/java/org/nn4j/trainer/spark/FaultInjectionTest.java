package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;

/**
 * Synchronous training is deterministic: tasks that fail on their first attempt, and are run
 * again by Spark ({@code local[2,4]}: up to four attempts), leave the weights bit for bit
 * those of a run without failures.
 */
class FaultInjectionTest {

    static final ModelSpec SPEC = Sequential.builder(Backends.get("ejml")).input(5).dense(16)
            .activation(Activation.tanh()).dense(3).softmaxCrossEntropy().spec();

    /** 1,200 rows of 5 Gaussian features, the class the sign pattern of two of them gives. */
    static DataSet data() {
        Rng rng = new Rng(3);
        int rows = 1200;
        double[] x = new double[rows * 5];
        double[] t = new double[rows * 3];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian();
            }
            int c = x[i * 5] > 0 ? (x[i * 5 + 1] > 0 ? 0 : 1) : 2;
            t[i * 3 + c] = 1.0;
        }
        return new DataSet(rows, 5, 3, x, t);
    }

    /** Trains a fresh model, 2 epochs of batch 100 with Adam, and returns its weights. */
    static List<double[]> train(JavaSparkContext sc, JavaRDD<DataBlock> blocks) {
        Sequential model = SPEC.build(Backends.get("ejml"), new Rng(5));
        TrainingHistory history = SparkTraining.synchronous(sc, model,
                        Adam.builder().learningRate(0.01).build())
                .batchSize(100).epochs(2).fit(blocks, null, new Rng(9));
        assertTrue(history.completed(), history.message());
        List<double[]> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            weights.add(p.value().toRowMajor());
        }
        return weights;
    }

    /**
     * Four partitions: the partial sums are added on the driver; nine: first in groups on
     * the executors (the tree's second level).
     */
    @ParameterizedTest(name = "{0} partitions")
    @ValueSource(ints = {4, 9})
    void failedTasksDoNotChangeTheWeights(int partitions) {
        JavaSparkContext sc = LocalSpark.context();
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data(), partitions);
        try {
            List<double[]> clean = train(sc, blocks);
            FailFirstAttempt.FAILURES.set(0);
            List<double[]> faulty = train(sc, blocks.mapPartitionsWithIndex(
                    new FailFirstAttempt(1, 3), true));
            int failures = FailFirstAttempt.FAILURES.get();
            assertTrue(failures >= 3, "only " + failures + " tasks failed");
            for (int i = 0; i < clean.size(); i++) {
                assertArrayEquals(clean.get(i), faulty.get(i), "parameter " + i + " after "
                        + failures + " failed tasks");
            }
        } finally {
            blocks.unpersist(false);
        }
    }

    /** The grouped sum of nine partitions is the sum: the full-batch gradient of one partition. */
    @Test
    void groupedSumIsTheSum() {
        JavaSparkContext sc = LocalSpark.context();
        JavaRDD<DataBlock> one = DataBlocks.fromDataSet(sc, data(), 1);
        JavaRDD<DataBlock> nine = DataBlocks.fromDataSet(sc, data(), 9);
        try {
            Sequential model = SPEC.build(Backends.get("ejml"), new Rng(5));
            SparkTraining training = SparkTraining.synchronous(sc, model,
                    Adam.builder().learningRate(0.01).build());
            SparkTraining.Gradient expected = training.gradient(one);
            SparkTraining.Gradient actual = training.gradient(nine);
            assertEquals(expected.rows(), actual.rows());
            assertEquals(expected.loss(), actual.loss(), 1e-12);
            for (int i = 0; i < expected.gradient().length; i++) {
                assertEquals(expected.gradient()[i], actual.gradient()[i], 1e-12, "value " + i);
            }
        } finally {
            one.unpersist(false);
            nine.unpersist(false);
        }
    }

    /**
     * Passes a partition's blocks through, but throws in the first attempt of the tasks of
     * one partition in every {@code every}-th stage; Spark then runs them again.
     */
    static final class FailFirstAttempt implements
            Function2<Integer, Iterator<DataBlock>, Iterator<DataBlock>> {
        private static final long serialVersionUID = 1L;
        /** Failures thrown in this JVM (local mode: the executors' threads are the driver's). */
        static final AtomicInteger FAILURES = new AtomicInteger();
        private final int partition;
        private final int every;

        FailFirstAttempt(int partition, int every) {
            this.partition = partition;
            this.every = every;
        }

        @Override
        public Iterator<DataBlock> call(Integer index, Iterator<DataBlock> blocks) {
            TaskContext task = TaskContext.get();
            if (index == partition && task.attemptNumber() == 0 && task.stageId() % every == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("injected failure: stage " + task.stageId()
                        + ", partition " + index + ", attempt 0");
            }
            return blocks;
        }
    }
}
