package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Parameter;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.data.FashionMnistTestData;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;

/**
 * Spark's trainer accepts a CNN: a small convolutional network with dropout on
 * {@code local[2]}, two blocks of the checked-in Fashion-MNIST subset, one epoch of
 * synchronous Adam. Every executor draws the same dropout values for a batch (seeded by the
 * run, the epoch, the block and the batch), so two runs end with the same weights.
 */
class CnnOnSparkTest {

    private static final ModelSpec SPEC = Sequential.builder(Backends.get("ejml"))
            .input(new ImageShape(28, 28, 1))
            .conv2d(4, 3, 1, Window.Padding.SAME).activation(Activation.relu()).maxPool(2)
            .flatten().dropout(0.2).dense(FashionMnist.CLASSES).softmaxCrossEntropy().spec();

    /**
     * Measured 2026-12-02 on EJML, seed 0, one epoch of 20 jobs: 0.566. The floor leaves
     * about 0.065 below; chance is 0.10.
     */
    static final double FLOOR = 0.50;

    private static JavaSparkContext sc;
    private static Backend backend;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        backend = Backends.get("ejml");
    }

    private static Sequential train(JavaRDD<DataBlock> blocks, FashionMnist data) {
        Rng root = new Rng(0);
        Sequential model = SPEC.build(backend, root.split());
        TrainingHistory history = SparkTraining.synchronous(sc, model,
                        Adam.builder().learningRate(2e-3).build())
                .batchSize(100).epochs(1).fit(blocks, data.test(), root.split());
        assertTrue(history.completed(), history.message());
        double accuracy = history.finalTestAccuracy();
        assertTrue(accuracy >= FLOOR, "test accuracy " + accuracy + " is below " + FLOOR);
        return model;
    }

    @Test
    void aCnnWithDropoutTrainsOnLocal2AndTwoRunsAgree() throws IOException {
        FashionMnist data = FashionMnist.load(FashionMnistTestData.subset());
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data.train(), 2);
        try {
            Sequential first = train(blocks, data);
            Sequential second = train(blocks, data);
            List<Parameter> a = first.parameters();
            List<Parameter> b = second.parameters();
            for (int k = 0; k < a.size(); k++) {
                assertArrayEquals(a.get(k).value().toRowMajor(), b.get(k).value().toRowMajor(),
                        "parameter " + k);
            }
        } finally {
            blocks.unpersist(false);
        }
    }

    @Test
    void batchNormalisationIsRefusedNamingWhy() {
        Sequential model = Sequential.builder(backend).input(new ImageShape(4, 4, 1))
                .conv2d(2, 3, Window.Padding.SAME).batchNorm().flatten().dense(2)
                .softmaxCrossEntropy().build();
        String message = assertThrows(IllegalArgumentException.class,
                () -> SparkTraining.synchronous(sc, model, Adam.builder().build())).getMessage();
        assertEquals("Spark training does not carry a layer's state (batch normalisation's"
                + " running statistics) between executors yet; the model " + model.describe()
                + " has 2 state arrays. Train it with Training instead, or leave out batch-norm",
                message);
    }
}
