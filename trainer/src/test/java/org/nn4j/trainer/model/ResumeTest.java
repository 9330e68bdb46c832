package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.Optimizers;

/**
 * A run resumed from a checkpoint ends with the parameters of the run that was not
 * interrupted, bit for bit, on every backend, with every optimizer that has state.
 */
class ResumeTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    /**
     * Every optimizer {@link Optimizers} knows, so one added there (with state of a new kind)
     * is held to exact resume too.
     */
    static Stream<Arguments> backendsAndOptimizers() {
        return backends().flatMap(b -> Optimizers.names().stream().map(o -> Arguments.of(b, o)));
    }

    private static Supplier<Optimizer> optimizer(String name) {
        // Weight decay too where the optimizer has it: one more term in the state's update.
        Map<String, Double> settings = Optimizers.named(name, Map.of()).settings()
                .containsKey("weight_decay") ? Map.of("weight_decay", 1e-3) : Map.of();
        return () -> Optimizers.named(name, settings);
    }

    static Sequential model(Backend backend) {
        return Sequential.builder(backend).input(5).dense(8).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy().build(new Rng(1));
    }

    static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian() + (j == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 5, x, labels, 3);
    }

    static List<double[]> parameters(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value().toRowMajor());
        }
        return all;
    }

    private static Training training(Sequential model, Optimizer optimizer, int epochs) {
        // 95 examples in batches of 10: a short last batch every epoch.
        return new Training(model, optimizer).epochs(epochs).batchSize(10)
                .schedule(LearningRateSchedule.exponentialDecay(0.8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndOptimizers")
    void aRunResumedAfterEpoch2EndsBitForBitAsTheUninterruptedRun(String name, String opt) {
        Backend backend = Backends.get(name);
        DataSet train = blobs(95, 2);
        DataSet test = blobs(30, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = model(backend);
        TrainingHistory wholeHistory = training(whole, optimizer(opt).get(), 5)
                .checkpoints(2, checkpoints::add).fit(train, test, new Rng(4));
        assertEquals(2, checkpoints.size(), "after epochs 2 and 4");
        assertEquals(2, checkpoints.get(0).epochsCompleted());
        assertEquals(4, checkpoints.get(1).epochsCompleted());

        Sequential plain = model(backend);
        training(plain, optimizer(opt).get(), 5).fit(train, test, new Rng(4));
        assertSame(parameters(plain), parameters(whole), "checkpoints change nothing");

        // The resumed model starts from other weights: the checkpoint must replace them all.
        Sequential resumed = Sequential.builder(backend).input(5).dense(8)
                .activation(Activation.relu()).dense(3).softmaxCrossEntropy().build(new Rng(99));
        TrainingHistory history = training(resumed, optimizer(opt).get(), 5)
                .resume(checkpoints.get(0), train, test);
        assertSame(parameters(whole), parameters(resumed), name + " " + opt);
        assertEquals(5, history.epochs().size());
        for (int e = 0; e < 5; e++) {
            assertEquals(wholeHistory.epochs().get(e).trainLoss(), history.epochs().get(e).trainLoss(),
                    "epoch " + (e + 1) + "'s training loss");
            assertEquals(wholeHistory.epochs().get(e).testAccuracy(),
                    history.epochs().get(e).testAccuracy());
        }
    }

    /** With a validation set and early stopping, the best epoch carries over too. */
    @ParameterizedTest
    @MethodSource("backends")
    void aResumedRunWithEarlyStoppingEndsAsTheUninterruptedRun(String name) {
        Backend backend = Backends.get(name);
        ValidationSplit split = ValidationSplit.of(blobs(120, 5), 0.25, new Rng(6));
        EarlyStopping rule = EarlyStopping.onValidationLoss(2).minDelta(1e-3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = model(backend);
        TrainingHistory wholeHistory = new Training(whole, Adam.builder().learningRate(0.05)
                .build()).epochs(30).batchSize(10).validation(split.validation())
                .earlyStopping(rule).checkpoints(1, checkpoints::add)
                .fit(split.train(), null, new Rng(4));
        assertTrue(checkpoints.size() >= 3, checkpoints.size() + " checkpoints");
        for (TrainingCheckpoint checkpoint : checkpoints.subList(0, checkpoints.size() - 1)) {
            Sequential resumed = model(backend);
            TrainingHistory history = new Training(resumed, Adam.builder().learningRate(0.05)
                    .build()).epochs(30).batchSize(10).validation(split.validation())
                    .earlyStopping(rule).resume(checkpoint, split.train(), null);
            assertSame(parameters(whole), parameters(resumed),
                    "resumed after epoch " + checkpoint.epochsCompleted());
            assertEquals(wholeHistory.bestEpoch(), history.bestEpoch());
            assertEquals(wholeHistory.stopReason(), history.stopReason());
            assertEquals(wholeHistory.epochs().size(), history.epochs().size());
        }
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingTheDifferenceAndNothingChanges() {
        Backend backend = Backends.get("ejml");
        DataSet train = blobs(95, 2);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        training(model(backend), Adam.builder().learningRate(0.01).build(), 2)
                .checkpoints(2, checkpoints::add).fit(train, null, new Rng(4));
        Sequential other = model(backend);
        List<double[]> before = parameters(other);
        Training differentRate = training(other, Adam.builder().learningRate(0.02).build(), 4);
        assertEquals("the checkpoint is of another run: learning_rate is 0.01 in the checkpoint"
                + " but 0.02 here", assertThrows(IllegalArgumentException.class,
                () -> differentRate.resume(checkpoints.get(0), train, null)).getMessage());
        Training differentBatch = new Training(other, Adam.builder().learningRate(0.01).build())
                .epochs(4).batchSize(20).schedule(LearningRateSchedule.exponentialDecay(0.8));
        assertEquals("the checkpoint is of another run: batch_size is 10 in the checkpoint"
                + " but 20 here", assertThrows(IllegalArgumentException.class,
                () -> differentBatch.resume(checkpoints.get(0), train, null)).getMessage());
        Sequential wider = Sequential.builder(backend).input(5).dense(9)
                .activation(Activation.relu()).dense(3).softmaxCrossEntropy().build(new Rng(1));
        String message = assertThrows(IllegalArgumentException.class,
                () -> training(wider, Adam.builder().learningRate(0.01).build(), 4)
                        .resume(checkpoints.get(0), train, null)).getMessage();
        assertTrue(message.startsWith("the checkpoint is of another run: model is 5 -> dense 8"),
                message);
        DataSet sameExamples = blobs(95, 2).head(95);
        DataSet otherData = blobs(95, 7);
        String otherMessage = assertThrows(IllegalArgumentException.class,
                () -> training(other, Adam.builder().learningRate(0.01).build(), 4)
                        .resume(checkpoints.get(0), otherData, null)).getMessage();
        assertTrue(otherMessage.startsWith("the checkpoint is of another run: train_fingerprint is "),
                otherMessage);
        // The same examples give the same fingerprint: resuming on them is accepted.
        training(model(backend), Adam.builder().learningRate(0.01).build(), 2)
                .checkResume(checkpoints.get(0), sameExamples, null);
        Training shorter = training(other, Adam.builder().learningRate(0.01).build(), 1);
        assertEquals("the checkpoint is after epoch 2, past the 1 epochs asked for",
                assertThrows(IllegalArgumentException.class,
                        () -> shorter.resume(checkpoints.get(0), train, null)).getMessage());
        assertSame(before, parameters(other), "a refused resume leaves the model untouched");
    }

    static void assertSame(List<double[]> expected, List<double[]> actual, String what) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), what + ": parameter " + i);
        }
    }
}
