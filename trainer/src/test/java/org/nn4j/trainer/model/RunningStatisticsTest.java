package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * Batch normalisation's running statistics ({@link Sequential#state()}) go where the
 * parameters go: early stopping gives back the best epoch's, a checkpoint carries the best
 * epoch's, and a diverged batch leaves none of its own behind. Each expected value is a copy
 * taken by a listener at the time, never what the code under test kept.
 */
public class RunningStatisticsTest {

    private static final int SIDE = 6;

    /**
     * A CNN with batch normalisation for {@value #SIDE}x{@value #SIDE}x1 images and 3 classes.
     *
     * @param backend the backend
     * @param seed    the model's seed
     * @return the model
     */
    public static Sequential cnn(Backend backend, long seed) {
        return Sequential.builder(backend).input(new ImageShape(SIDE, SIDE, 1))
                .conv2d(4, 3, Window.Padding.SAME).batchNorm().activation(Activation.relu())
                .maxPool(2).flatten().dense(16).activation(Activation.relu()).dense(3)
                .softmaxCrossEntropy().seed(seed).build();
    }

    /**
     * Tiny images whose labels are noise: the network memorises them, validation gets worse.
     *
     * @param n    examples
     * @param seed their seed
     * @return the data
     */
    public static DataSet noise(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * SIDE * SIDE];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < SIDE * SIDE; j++) {
                x[i * SIDE * SIDE + j] = rng.nextGaussian();
            }
        }
        return DataSet.oneHot(n, SIDE * SIDE, x, labels, 3);
    }

    /**
     * Training with early stopping (patience 3) on a validation set.
     *
     * @param model      the model
     * @param validation the validation set
     * @return the training
     */
    public static Training earlyStopping(Sequential model, DataSet validation) {
        return new Training(model, Adam.builder().learningRate(0.02).build()).epochs(40)
                .batchSize(8).validation(validation)
                .earlyStopping(EarlyStopping.onValidationLoss(3));
    }

    static List<double[]> state(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Layer.State s : model.state()) {
            all.add(s.value().toRowMajor());
        }
        return all;
    }

    /**
     * Copies every parameter, then every state array, of a model.
     *
     * @param model the model
     * @return the copies, row-major
     */
    public static List<double[]> everything(Sequential model) {
        List<double[]> all = new ArrayList<>(ResumeTest.parameters(model));
        all.addAll(state(model));
        return all;
    }

    /**
     * Copies every array of the model as it is before training, after each batch training
     * keeps, and after each epoch: the values the model had then, taken then.
     */
    private static final class Recorder implements EpochListener {
        private final Sequential model;
        /** Before training, then after each batch. */
        final List<List<double[]>> afterBatch = new ArrayList<>();
        final List<List<double[]>> afterEpoch = new ArrayList<>();

        Recorder(Sequential model) {
            this.model = model;
            afterBatch.add(everything(model));
        }

        @Override
        public void onBatch(int epoch, int batch, int batches, double loss) {
            afterBatch.add(everything(model));
        }

        @Override
        public void onEpochEnd(EpochSummary summary) {
            afterEpoch.add(everything(model));
        }
    }

    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.ResumeTest#backends")
    void earlyStoppingGivesBackTheBestEpochsRunningStatisticsWithItsParameters(String name) {
        Sequential model = cnn(Backends.get(name), 1);
        DataSet validation = noise(24, 3);
        Recorder recorder = new Recorder(model);
        List<List<double[]>> afterEpoch = recorder.afterEpoch;
        TrainingHistory history = earlyStopping(model, validation).listener(recorder)
                .fit(noise(40, 2), null, new Rng(4));
        int best = history.bestEpoch();
        int last = history.epochs().size() - 1;
        assertEquals(StopReason.EARLY_STOPPED, history.stopReason(), history.message());
        assertTrue(history.bestRestored());
        assertEquals(2, model.state().size(), "the running mean and variance");
        assertFalse(java.util.Arrays.equals(afterEpoch.get(best).get(4),
                afterEpoch.get(last).get(4)), "the statistics moved after the best epoch");
        ResumeTest.assertSame(afterEpoch.get(best), everything(model),
                "parameters and running statistics of the best epoch, " + (best + 1));
        // Inference uses the running statistics: the restored model is the best epoch's model.
        assertEquals(history.epochs().get(best).validationLoss(),
                model.evaluate(validation, 1000).loss(), 0.0, "the restored model's loss");
    }

    /**
     * Resumed after the best epoch, its statistics can only come from the checkpoint: the run
     * still ends as the uninterrupted one, bit for bit.
     */
    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.ResumeTest#backends")
    void aCheckpointCarriesTheBestEpochsRunningStatistics(String name) {
        Backend backend = Backends.get(name);
        DataSet train = noise(40, 2);
        DataSet validation = noise(24, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = cnn(backend, 1);
        TrainingHistory wholeHistory = earlyStopping(whole, validation)
                .checkpoints(1, checkpoints::add).fit(train, null, new Rng(4));
        int best = wholeHistory.bestEpoch();
        assertTrue(best + 2 < wholeHistory.epochs().size(), wholeHistory.message());
        for (TrainingCheckpoint checkpoint : checkpoints.subList(best + 1,
                checkpoints.size() - 1)) {
            Sequential resumed = cnn(backend, 77);
            TrainingHistory history = earlyStopping(resumed, validation)
                    .resume(checkpoint, train, null);
            ResumeTest.assertSame(everything(whole), everything(resumed),
                    "resumed after epoch " + checkpoint.epochsCompleted());
            assertEquals(best, history.bestEpoch());
            assertTrue(history.bestRestored());
        }
    }

    @Test
    void aCheckpointWhoseBestEpochsStateDoesNotFitIsRefusedNamingTheArray() {
        Backend backend = Backends.get("ejml");
        DataSet train = noise(40, 2);
        DataSet validation = noise(24, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        earlyStopping(cnn(backend, 1), validation).checkpoints(1, checkpoints::add)
                .fit(train, null, new Rng(4));
        TrainingCheckpoint c = checkpoints.get(1);
        TrainingCheckpoint.Best b = c.best();
        List<double[]> shortMean = new ArrayList<>(b.state());
        shortMean.set(0, new double[3]);
        assertEquals("the checkpoint has 3 values in its best epoch's state (running statistics)"
                + " for batch-norm0.running_mean (1x4)",
                refusal(c, new TrainingCheckpoint.Best(b.epoch(), b.value(),
                        b.epochsWithoutImprovement(), b.parameters(), shortMean)));
        assertEquals("the checkpoint has 1 arrays in its best epoch's state (running statistics);"
                + " the model has 2 state arrays (batch-norm0.running_mean,"
                + " batch-norm0.running_variance)",
                refusal(c, new TrainingCheckpoint.Best(b.epoch(), b.value(),
                        b.epochsWithoutImprovement(), b.parameters(), b.state().subList(0, 1))));
        // As a checkpoint from before the best epoch kept its statistics would be.
        String message = refusal(c, new TrainingCheckpoint.Best(b.epoch(), b.value(),
                b.epochsWithoutImprovement(), b.parameters()));
        assertTrue(message.startsWith("the checkpoint keeps its best epoch's (" + (b.epoch() + 1)
                + ") parameters but not its state arrays, and the model has 2"
                + " (batch-norm0.running_mean, batch-norm0.running_variance)"), message);
        List<double[]> nan = new ArrayList<>(b.state());
        nan.set(1, new double[] {1, Double.NaN, 1, 1});
        assertEquals("the checkpoint's best epoch's state arrays hold NaN",
                refusal(c, new TrainingCheckpoint.Best(b.epoch(), b.value(),
                        b.epochsWithoutImprovement(), b.parameters(), nan)));
    }

    /**
     * The checkpoint's own state arrays (not its best epoch's) and its parameters are checked
     * as the best epoch's are: a wrong count, a wrong length, a NaN or an infinity is refused
     * before the model changes, naming the array. Without these checks the arrays would be
     * copied into the model (a NaN running variance, or an index out of range halfway through).
     */
    @Test
    void aCheckpointWhoseOwnStateOrParametersDoNotFitOrAreNotFiniteIsRefused() {
        DataSet validation = noise(24, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        earlyStopping(cnn(Backends.get("ejml"), 1), validation).checkpoints(1, checkpoints::add)
                .fit(noise(40, 2), null, new Rng(4));
        TrainingCheckpoint c = checkpoints.get(1);
        assertEquals(2, c.state().size(), "the running mean and variance, 4 each");
        assertEquals("the checkpoint has 1 arrays in its state (running statistics); the model"
                + " has 2 state arrays (batch-norm0.running_mean, batch-norm0.running_variance)",
                refusal(c, c.parameters(), c.state().subList(0, 1), c.best()));
        List<double[]> shortVariance = new ArrayList<>(c.state());
        shortVariance.set(1, new double[3]);
        assertEquals("the checkpoint has 3 values in its state (running statistics) for"
                + " batch-norm0.running_variance (1x4)",
                refusal(c, c.parameters(), shortVariance, c.best()));
        List<double[]> nanVariance = new ArrayList<>(c.state());
        nanVariance.set(1, new double[] {1, 1, Double.NaN, 1});
        assertEquals("the checkpoint's state arrays hold NaN",
                refusal(c, c.parameters(), nanVariance, c.best()));
        List<double[]> infiniteWeight = new ArrayList<>(c.parameters());
        double[] w = c.parameters().get(0).clone();
        w[w.length - 1] = Double.POSITIVE_INFINITY;
        infiniteWeight.set(0, w);
        assertEquals("the checkpoint's parameters hold Infinity",
                refusal(c, infiniteWeight, c.state(), c.best()));
        TrainingCheckpoint.Best b = c.best();
        List<double[]> nanBest = new ArrayList<>(b.parameters());
        double[] bw = b.parameters().get(0).clone();
        bw[0] = Double.NaN;
        nanBest.set(0, bw);
        assertEquals("the checkpoint's best epoch's parameters hold NaN",
                refusal(c, c.parameters(), c.state(), new TrainingCheckpoint.Best(b.epoch(),
                        b.value(), b.epochsWithoutImprovement(), nanBest, b.state())));
    }

    /** The message of the refusal to resume, after checking the model was left untouched. */
    private static String refusal(TrainingCheckpoint c, TrainingCheckpoint.Best best) {
        return refusal(c, c.parameters(), c.state(), best);
    }

    /** The same, with the checkpoint's parameters and state arrays replaced too. */
    private static String refusal(TrainingCheckpoint c, List<double[]> parameters,
                                  List<double[]> state, TrainingCheckpoint.Best best) {
        TrainingCheckpoint edited = new TrainingCheckpoint(c.epochsCompleted(), c.settings(),
                parameters, c.optimizer(), c.rng(), c.shuffleOrder(), c.history(), best,
                state);
        Sequential model = cnn(Backends.get("ejml"), 1);
        List<double[]> before = everything(model);
        String message = assertThrows(IllegalArgumentException.class,
                () -> earlyStopping(model, noise(24, 3)).resume(edited, noise(40, 2), null))
                .getMessage();
        ResumeTest.assertSame(before, everything(model), "a refused resume changes nothing");
        return message;
    }

    /**
     * One example of values near the largest double overflows the convolution: the batch that
     * holds it has a NaN loss, and its forward pass had already moved the running statistics.
     */
    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.DivergenceTest#backends")
    void aBatchWithANonFiniteLossLeavesTheRunningStatisticsOfTheBatchBefore(String name) {
        Sequential model = cnn(Backends.get(name), 1);
        DataSet clean = noise(40, 2);
        // The example the first epoch's shuffle puts at position 20, in its third batch.
        int[] order = new int[40];
        java.util.Arrays.setAll(order, i -> i);
        Training.shuffle(order, new Rng(4));
        double[] x = clean.copyOfFeatures();
        for (int j = 0; j < SIDE * SIDE; j++) {
            x[order[20] * SIDE * SIDE + j] = (j % 2 == 0 ? 1 : -1) * Double.MAX_VALUE;
        }
        DataSet train = new DataSet(40, SIDE * SIDE, 3, x, clean.copyOfTargets());
        Recorder recorder = new Recorder(model);
        List<List<double[]>> heard = recorder.afterBatch;
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(2).batchSize(8).listener(recorder).fit(train, null, new Rng(4));
        assertEquals(StopReason.DIVERGED, history.stopReason(), history.message());
        assertTrue(history.message().startsWith("training diverged at epoch 1 of 2, batch 3 of 5:"
                + " the loss is NaN"), history.message());
        assertEquals(3, heard.size(), "before training and after batches 1 and 2");
        ResumeTest.assertSame(heard.get(2), everything(model),
                "parameters and running statistics after batch 2");
    }

    /** SGD at the largest rate overflows the first update, after its forward pass. */
    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.DivergenceTest#backends")
    void anUndoneUpdateLeavesTheRunningStatisticsOfTheBatchBefore(String name) {
        Sequential model = cnn(Backends.get(name), 1);
        Recorder recorder = new Recorder(model);
        List<List<double[]>> heard = recorder.afterBatch;
        TrainingHistory history = new Training(model,
                StochasticGradientDescent.withLearningRate(Double.MAX_VALUE)).epochs(1)
                .batchSize(8).listener(recorder).fit(noise(40, 2), null, new Rng(4));
        assertEquals(StopReason.DIVERGED, history.stopReason(), history.message());
        assertTrue(history.message().contains("that update was undone"), history.message());
        ResumeTest.assertSame(heard.get(heard.size() - 1), everything(model),
                "parameters and running statistics after batch " + (heard.size() - 1));
    }
}
