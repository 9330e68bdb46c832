package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * Checkpoints of {@link SparkTraining} every two epochs, in the trainer's file format, and a
 * resume after the driver "died" in epoch 3: a fresh model (other weights), a fresh optimizer
 * and a fresh {@code SparkTraining}, reading only the file, end with the weights of the
 * uninterrupted run, bit for bit.
 */
class SparkCheckpointTest {

    private static JavaSparkContext sc;
    private static JavaRDD<DataBlock> blocks;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        blocks = DataBlocks.fromDataSet(sc, FaultInjectionTest.data(), 2);
    }

    @AfterAll
    static void release() {
        blocks.unpersist(false);
    }

    /** Synchronous with Adam (driver state), or averaging of local SGD (no driver state). */
    private static SparkTraining training(boolean synchronous, Sequential model) {
        SparkTraining training = synchronous
                ? SparkTraining.synchronous(sc, model, Adam.builder().learningRate(0.01).build())
                        .batchSize(300)
                : SparkTraining.parameterAveraging(sc, model,
                        StochasticGradientDescent.withLearningRate(0.05), 3).batchSize(50);
        return training.epochs(4);
    }

    private static Sequential model(int seed) {
        return FaultInjectionTest.SPEC.build(Backends.get("ejml"), new Rng(seed));
    }

    private static List<double[]> weights(Sequential model) {
        List<double[]> weights = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            weights.add(p.value().toRowMajor());
        }
        return weights;
    }

    /** The driver dies at the end of this epoch (from 0), after the listeners. */
    private static EpochListener dieAfter(int epoch) {
        return new EpochListener() {
            @Override
            public void onEpochEnd(EpochSummary summary) {
                if (summary.epoch() == epoch) {
                    throw new IllegalStateException("the driver died");
                }
            }
        };
    }

    @ParameterizedTest(name = "synchronous {0}")
    @ValueSource(booleans = {true, false})
    void resumingAfterADriverRestartGivesTheUninterruptedWeights(boolean synchronous,
                                                                @TempDir Path dir) throws IOException {
        Sequential uninterrupted = model(5);
        TrainingHistory full = training(synchronous, uninterrupted).fit(blocks, null, new Rng(9));
        assertTrue(full.completed(), full.message());

        Sequential first = model(5);
        SparkTraining dying = training(synchronous, first).checkpoints(2, dir)
                .listener(dieAfter(2));
        assertThrows(IllegalStateException.class, () -> dying.fit(blocks, null, new Rng(9)));
        assertTrue(Files.exists(dir.resolve("epoch-0002.nn4j.npz")));
        assertTrue(!Files.exists(dir.resolve("epoch-0004.nn4j.npz")));

        Sequential restarted = model(77);   // other weights: the checkpoint's replace them
        TrainingCheckpoint checkpoint = CheckpointFile.load(dir.resolve("epoch-0002.nn4j.npz"))
                .checkpoint();
        TrainingHistory resumed = training(synchronous, restarted).checkpoints(2, dir)
                .resume(checkpoint, blocks, null);
        assertTrue(resumed.completed(), resumed.message());
        assertEquals(4, resumed.epochs().size());
        assertTrue(Files.exists(dir.resolve("epoch-0004.nn4j.npz")));
        List<double[]> expected = weights(uninterrupted);
        List<double[]> actual = weights(restarted);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), "parameter " + i);
        }
        for (int e = 0; e < 4; e++) {
            assertEquals(full.epochs().get(e).trainLoss(), resumed.epochs().get(e).trainLoss(),
                    "epoch " + e + "'s training loss");
        }
    }

    @Test
    void aRunThatWouldReplaceACheckpointIsRefusedBeforeTraining(@TempDir Path dir)
            throws IOException {
        Path mine = dir.resolve("epoch-0004.nn4j.npz");
        Files.writeString(mine, "the user's file");
        Sequential model = model(5);
        List<double[]> before = weights(model);
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> training(true, model).checkpoints(2, dir).fit(blocks, null, new Rng(9)));
        assertTrue(e.getMessage().contains("epoch-0004.nn4j.npz exists already"), e.getMessage());
        assertEquals("the user's file", Files.readString(mine));
        assertArrayEquals(before.get(0), weights(model).get(0), "trained anyway");
        assertTrue(!Files.exists(dir.resolve("epoch-0002.nn4j.npz")));
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
        Sequential model = model(5);
        training(true, model).epochs(2).checkpoints(2, dir).fit(blocks, null, new Rng(9));
        TrainingCheckpoint checkpoint = CheckpointFile.load(dir.resolve("epoch-0002.nn4j.npz"))
                .checkpoint();
        Sequential other = model(5);
        List<double[]> before = weights(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> training(true, other).batchSize(200).resume(checkpoint, blocks, null));
        assertTrue(e.getMessage().contains("batch_size is 300 in the checkpoint but 200 here"),
                e.getMessage());
        assertArrayEquals(before.get(0), weights(other).get(0), "changed anyway");
        JavaRDD<DataBlock> three = DataBlocks.fromDataSet(sc, FaultInjectionTest.data(), 3);
        try {
            IllegalArgumentException blocksDiffer = assertThrows(IllegalArgumentException.class,
                    () -> training(true, model(5)).resume(checkpoint, three, null));
            assertTrue(blocksDiffer.getMessage().contains("train_blocks is 2 in the checkpoint but 3"
                    + " here"), blocksDiffer.getMessage());
        } finally {
            three.unpersist(false);
        }
    }
}
