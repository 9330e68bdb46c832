package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Adam;
import org.nn4j.trainer.DataSet;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StochasticGradientDescent;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;

/**
 * Fashion-MNIST on {@code local[2]}, on a subset for time: the first 4,000 training images
 * (two blocks of 2,000), a 784-64-10 ReLU network, evaluated on the first 2,000 test images.
 * Needs Debian's dataset-fashion-mnist (.ci/run installs it).
 */
class FashionMnistOnSparkTest {

    /**
     * Synchronous SGD with Adam 1e-3 on the driver, batch 100, 2 epochs (80 Spark jobs).
     * Measured 2026-11-26 on EJML, seed 0: 0.7865 (0.7150 after the first epoch). The floor
     * leaves about 0.045 below; chance is 0.10.
     */
    static final double SYNCHRONOUS_FLOOR = 0.74;

    /**
     * Parameter averaging, local SGD 0.05 on batches of 50, 10 local steps per job, 2 epochs
     * (8 Spark jobs). Measured 2026-11-26 on EJML, seed 0: 0.7140 (0.6395 after the first
     * epoch). The floor leaves about 0.045 below.
     */
    static final double AVERAGING_FLOOR = 0.67;

    private static final ModelSpec SPEC = Sequential.builder(Backends.get("ejml")).input(FashionMnist.PIXELS)
            .dense(64).activation(Activation.relu()).dense(FashionMnist.CLASSES)
            .softmaxCrossEntropy().spec();

    private static JavaSparkContext sc;
    private static Backend backend;
    private static DataSet test;
    private static JavaRDD<DataBlock> train;

    @BeforeAll
    static void load() throws IOException {
        sc = LocalSpark.context();
        backend = Backends.get("ejml");
        FashionMnist data = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY);
        test = data.test().head(2000);
        train = DataBlocks.fromDataSet(sc, data.train().head(4000), 2);
    }

    @AfterAll
    static void release() {
        train.unpersist(false);
    }

    @Test
    void synchronousAdamReachesTheFloor() {
        Rng root = new Rng(0);
        Sequential model = SPEC.build(backend, root.split());
        TrainingHistory history = SparkTraining.synchronous(sc, model,
                        Adam.builder().learningRate(1e-3).build())
                .batchSize(100).epochs(2).fit(train, test, root.split());
        assertTrue(history.completed(), history.message());
        double accuracy = history.finalTestAccuracy();
        assertTrue(accuracy >= SYNCHRONOUS_FLOOR, "test accuracy " + accuracy
                + " is below the floor " + SYNCHRONOUS_FLOOR);
    }

    @Test
    void parameterAveragingReachesTheFloor() {
        Rng root = new Rng(0);
        Sequential model = SPEC.build(backend, root.split());
        TrainingHistory history = SparkTraining.parameterAveraging(sc, model,
                        StochasticGradientDescent.withLearningRate(0.05), 10)
                .batchSize(50).epochs(2).fit(train, test, root.split());
        assertTrue(history.completed(), history.message());
        double accuracy = history.finalTestAccuracy();
        assertTrue(accuracy >= AVERAGING_FLOOR, "test accuracy " + accuracy
                + " is below the floor " + AVERAGING_FLOOR);
    }
}
