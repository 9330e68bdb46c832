package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.data.FashionMnistTestData;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.testing.Float32Backends;

/**
 * The short version of the float32 accuracy check (the full one is
 * {@code benchmarks/precision-accuracy.sh}): the default network (784-256-128-10, ReLU, He
 * normal, Adam 1e-3 decayed 0.9, batch 128) trained two epochs on the checked-in subset (2,000
 * training and 1,000 test images) from one seed in float64 and in float32, on every backend
 * that computes in float32. Float32 must reach the floor and land within {@link #BOUND} of
 * float64's test accuracy.
 */
class Float32AccuracyTest {

    /**
     * Float32 within this of float64 on 1,000 test images (10 images). Measured: see the
     * report in benchmarks/precision-accuracy.md; the full data's target is 0.003.
     */
    static final double BOUND = 0.01;

    /** The subset's one-epoch floor of FashionMnistTrainingTest, for two epochs here. */
    static final double FLOOR = 0.65;

    private static FashionMnist data;

    @BeforeAll
    static void load() throws IOException {
        data = FashionMnist.load(FashionMnistTestData.subset());
    }

    static List<String> backends() {
        return Float32Backends.names().toList();
    }

    static double accuracy(Backend backend, long seed) {
        Rng root = new Rng(seed);
        Sequential model = Sequential.builder(backend).input(FashionMnist.PIXELS)
                .dense(256).activation(Activation.relu())
                .dense(128).activation(Activation.relu())
                .dense(FashionMnist.CLASSES).softmaxCrossEntropy().build(root.split());
        TrainingHistory history = new Training(model, Adam.builder().learningRate(1e-3).build())
                .epochs(2).batchSize(128).schedule(LearningRateSchedule.exponentialDecay(0.9))
                .fit(data.train(), data.test(), root.split());
        assertTrue(history.completed(), history.message());
        return history.finalTestAccuracy();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void float32IsWithinTheBoundOfFloat64(String name) {
        Backend b64 = Float32Backends.get(name);
        double a64 = accuracy(b64, 0);
        double a32 = accuracy(b64.inPrecision(Precision.F32), 0);
        assertTrue(a32 >= FLOOR, name + " float32: test accuracy " + a32 + " below " + FLOOR);
        assertEquals(a64, a32, BOUND, name + ": float32 " + a32 + ", float64 " + a64);
    }
}
