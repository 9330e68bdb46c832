package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.regression.LinearRegressionTraining.Config;
import org.nn4j.trainer.regression.LinearRegressionTraining.Result;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * An interrupted training thread stops at a step boundary, returns the state of its last
 * completed step, and leaves its interrupt flag set.
 */
class InterruptionTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    @AfterEach
    void clearTheFlag() {
        Thread.interrupted(); // a failed test must not leave the JUnit thread interrupted
    }

    private static Sequential model(Backend backend) {
        return Sequential.builder(backend).input(5).dense(8).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy().build(new Rng(1));
    }

    private static DataSet blobs(int n) {
        Rng rng = new Rng(2);
        double[] x = new double[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian() + (j == labels[i] ? 2.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 5, x, labels, 3);
    }

    private static List<double[]> snapshot(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value().toRowMajor());
        }
        return all;
    }

    /** Interrupted from inside, by a listener at step 500: it is exactly step 500's state. */
    @ParameterizedTest
    @MethodSource("backends")
    void linearRegressionInterruptedAtStep500HasStep500sWeights(String name) {
        Backend backend = Backends.get(name);
        Config config = Config.tutorial().withLearningRate(0.001);
        Result r = new LinearRegressionTraining(backend, config)
                .listener(p -> Thread.currentThread().interrupt(), 500).run();
        assertTrue(Thread.interrupted(), "the flag is still set, and cleared here");
        assertEquals(StopReason.INTERRUPTED, r.stopReason());
        assertEquals(500, r.steps());
        assertEquals("interrupted after step 500; the parameters are those of step 500",
                r.message());
        Result replay = new LinearRegressionTraining(backend, config.withMaxSteps(500)).run();
        assertArrayEquals(replay.weights(), r.weights(), "W of step 500, bit for bit");
        assertArrayEquals(replay.bias(), r.bias(), "b of step 500, bit for bit");
    }

    /** Interrupted from another thread while it runs. */
    @Test
    void linearRegressionInterruptedFromAnotherThreadStopsPromptly() throws Exception {
        Backend backend = Backends.get("ejml");
        // lr 0.001 and no step cap: it would run for about 100,000 steps.
        Config config = Config.tutorial().withLearningRate(0.001).withMaxSteps(Long.MAX_VALUE);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Result> result = new AtomicReference<>();
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(new LinearRegressionTraining(backend, config)
                    .listener(p -> running.countDown(), 100).run());
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        }, "training");
        worker.start();
        assertTrue(running.await(30, TimeUnit.SECONDS), "training started");
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive(), "training stopped within 10 s of the interrupt");
        Result r = result.get();
        assertNotNull(r);
        assertEquals(StopReason.INTERRUPTED, r.stopReason(), r.message());
        assertTrue(flagAfterwards.get(), "the interrupt flag is left set");
        assertTrue(r.steps() >= 100, r.steps() + " steps");
        Result replay = new LinearRegressionTraining(backend, config.withMaxSteps(r.steps())).run();
        assertArrayEquals(replay.weights(), r.weights(), "W of step " + r.steps());
        assertArrayEquals(replay.bias(), r.bias(), "b of step " + r.steps());
    }

    /** A model interrupted by a listener after batch 7 keeps batch 7's parameters. */
    @ParameterizedTest
    @MethodSource("backends")
    void aModelInterruptedAfterBatch7HasBatch7sParameters(String name) {
        Backend backend = Backends.get(name);
        Sequential model = model(backend);
        List<List<double[]>> atSeven = new ArrayList<>();
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(3).batchSize(10)
                .listener(new EpochListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        if (epoch == 1 && batch == 7) {
                            atSeven.add(snapshot(model));
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .fit(blobs(100), blobs(20), new Rng(3));
        assertTrue(Thread.interrupted(), "the flag is still set, and cleared here");
        assertEquals(StopReason.INTERRUPTED, history.stopReason());
        assertFalse(history.completed());
        assertEquals("interrupted at epoch 2 of 3, before batch 8 of 10; the parameters are those"
                + " of the last completed batch", history.message());
        assertEquals(1, history.epochs().size(), "the first epoch's summary is kept");
        List<double[]> now = snapshot(model);
        for (int i = 0; i < now.size(); i++) {
            assertArrayEquals(atSeven.get(0).get(i), now.get(i), "parameter " + i);
        }
    }

    /** From another thread, during an endless-looking fit. */
    @Test
    void aModelInterruptedFromAnotherThreadStopsPromptly() throws Exception {
        Backend backend = Backends.get("ejml");
        Sequential model = model(backend);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<TrainingHistory> result = new AtomicReference<>();
        AtomicReference<List<double[]>> lastHeard = new AtomicReference<>();
        AtomicBoolean flagAfterwards = new AtomicBoolean();
        Thread worker = new Thread(() -> {
            result.set(new Training(model, Adam.builder().learningRate(0.01).build())
                    .epochs(1_000_000).batchSize(10)
                    .listener(new EpochListener() {
                        @Override
                        public void onBatch(int epoch, int batch, int batches, double loss) {
                            lastHeard.set(snapshot(model));
                            running.countDown();
                        }
                    })
                    .fit(blobs(100), null, new Rng(3)));
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        }, "training");
        worker.start();
        assertTrue(running.await(30, TimeUnit.SECONDS), "training started");
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(worker.isAlive(), "training stopped within 10 s of the interrupt");
        TrainingHistory history = result.get();
        assertEquals(StopReason.INTERRUPTED, history.stopReason(), history.message());
        assertTrue(flagAfterwards.get(), "the interrupt flag is left set");
        List<double[]> now = snapshot(model);
        for (int i = 0; i < now.size(); i++) {
            assertArrayEquals(lastHeard.get().get(i), now.get(i), "parameter " + i
                    + " is the last completed batch's");
            for (double v : now.get(i)) {
                assertTrue(Double.isFinite(v));
            }
        }
    }
}
