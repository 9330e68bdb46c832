package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * The edges of {@link Training}'s loop, each against a case worked out in its comment: what
 * the listeners are told, where an interruption or a stop lands at the last batch or epoch,
 * which epochs' rates are checked, what is recorded on the model, and the data-set fingerprint
 * a checkpoint compares (against {@code fingerprint.py} beside this test's resources).
 */
class TrainingEdgesTest {

    private final Backend backend = Backends.get("ejml");
    private final LinearAlgebra la = backend.linearAlgebra();

    /** {@code y = x·w + b}, one input and one output, w and b set by hand. */
    private Sequential line(double w, double b) {
        Sequential model = Sequential.builder(backend).input(1).dense(1)
                .loss(backend.meanSquaredError()).build(new Rng(0));
        la.copyFromRowMajor(new double[] {w}, 0, model.parameters().get(0).value());
        la.copyFromRowMajor(new double[] {b}, 0, model.parameters().get(1).value());
        return model;
    }

    private static DataSet three() {
        return new DataSet(3, 1, 1, new double[] {1, 2, 3}, new double[] {1, 2, 3});
    }

    @Test
    void zeroEpochsAndCheckpointsEveryZeroEpochsAreRefused() {
        Training training = new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1));
        assertAll(
                () -> assertEquals("epochs must be positive, got 0", assertThrows(
                        IllegalArgumentException.class, () -> training.epochs(0)).getMessage()),
                () -> assertEquals("checkpoints must be every positive number of epochs, got 0",
                        assertThrows(IllegalArgumentException.class,
                                () -> training.checkpoints(0, c -> { })).getMessage()),
                () -> assertEquals(training, training.setting("seed", 3)));
    }

    @Test
    void aValidationSetThatDoesNotFitIsRefusedNamingIt() {
        DataSet twoFeatures = new DataSet(2, 2, 1, new double[4], new double[2]);
        Training training = new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1))
                .batchSize(1).validation(twoFeatures);
        assertEquals("the validation set has 2 features per example but the model takes 1 inputs",
                assertThrows(IllegalArgumentException.class,
                        () -> training.fit(three(), null, new Rng(1))).getMessage());
    }

    /**
     * A schedule that is fine for epochs 1 and 2 and gives NaN from epoch 3 on: two epochs
     * train, three are refused before any step, naming epoch 3.
     */
    @Test
    void onlyTheRatesOfTheEpochsThatRunAreChecked() {
        LearningRateSchedule nanFromThirdEpoch = (initial, epoch) -> epoch < 2 ? initial : Double.NaN;
        assertEquals(2, new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1))
                .epochs(2).batchSize(3).schedule(nanFromThirdEpoch).fit(three(), null, new Rng(1))
                .epochs().size());
        String message = assertThrows(IllegalArgumentException.class,
                () -> new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1))
                        .epochs(3).batchSize(3).schedule(nanFromThirdEpoch)
                        .fit(three(), null, new Rng(1))).getMessage();
        assertTrue(message.contains("gives NaN for epoch 3 of 3, from 0.1"), message);
    }

    /**
     * Three examples in batches of 2: two batches an epoch (2 rows, then 1). Step decay by 0.5
     * every epoch from 0.1: the listener hears (epoch 0, of 2, 2 batches, 0.1), then
     * (1, 2, 2, 0.05), and each batch by its number from 1.
     */
    @Test
    void listenersHearEachEpochsStartWithItsBatchesAndRate() {
        List<String> heard = new ArrayList<>();
        new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1)).epochs(2)
                .batchSize(2).schedule(LearningRateSchedule.stepDecay(0.5, 1))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochStart(int epoch, int epochs, int batches, double rate) {
                        heard.add("start " + epoch + " " + epochs + " " + batches + " " + rate);
                    }

                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        heard.add("batch " + epoch + " " + batch + "/" + batches);
                    }
                }).fit(three(), null, new Rng(1));
        assertEquals(List.of("start 0 2 2 0.1", "batch 0 1/2", "batch 0 2/2",
                "start 1 2 2 0.05", "batch 1 1/2", "batch 1 2/2"), heard);
    }

    /**
     * An interrupt during the last batch of the only epoch: with a test set the evaluation is
     * the next boundary, so training stops there with no epoch completed; without a test or
     * validation set there is no boundary left and the epoch completes.
     */
    @Test
    void anInterruptDuringTheLastBatchStopsBeforeTheEvaluationOnlyWhenThereIsOne() {
        EpochListener interruptAtLastBatch = new EpochListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                if (batch == batches) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            TrainingHistory withTest = new Training(line(0, 0),
                    StochasticGradientDescent.withLearningRate(0.1)).batchSize(2)
                    .listener(interruptAtLastBatch).fit(three(), three(), new Rng(1));
            assertTrue(Thread.interrupted(), "the flag is left set");
            assertEquals(StopReason.INTERRUPTED, withTest.stopReason());
            assertEquals(0, withTest.epochs().size());
            assertEquals("interrupted at epoch 1 of 1, after its 2 batches, before its evaluation;"
                    + " the parameters are those of the last completed batch", withTest.message());

            TrainingHistory withoutTest = new Training(line(0, 0),
                    StochasticGradientDescent.withLearningRate(0.1)).batchSize(2)
                    .listener(interruptAtLastBatch).fit(three(), null, new Rng(1));
            assertTrue(Thread.interrupted());
            assertEquals(StopReason.COMPLETED, withoutTest.stopReason());
            assertEquals(1, withoutTest.epochs().size());
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * w = 1e200, b = 0 and (x, t) = (1, 0): y = 1e200, the loss ½·y² overflows to infinity on
     * the first batch, whose update is then not applied.
     */
    @Test
    void anInfiniteLossStopsTrainingSayingSo() {
        Sequential model = line(1e200, 0);
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(0.1))
                .batchSize(1).fit(new DataSet(1, 1, 1, new double[] {1}, new double[] {0}), null,
                        new Rng(1));
        assertEquals(StopReason.DIVERGED, history.stopReason());
        assertEquals("training diverged at epoch 1 of 1, batch 1 of 1: the loss is Infinity"
                + " (learning rate 0.1); that batch's update was not applied", history.message());
        assertEquals(1e200, model.parameters().get(0).value().toRowMajor()[0]);
    }

    /**
     * The settings a model records: the schedule's (step decay's kind and parameters), early
     * stopping's, and what the run did (2 epochs completed); {@code fit(train, test)} returns
     * the same history as the record describes.
     */
    @Test
    void theModelRecordsTheTrainingWithTheScheduleAndEarlyStopping() {
        Sequential model = line(0, 0);
        LearningRateSchedule schedule = LearningRateSchedule.stepDecay(0.5, 1);
        Training training = new Training(model, StochasticGradientDescent.withLearningRate(0.1))
                .epochs(2).batchSize(3).schedule(schedule).validation(three())
                .earlyStopping(EarlyStopping.onValidationLoss(5));
        assertTrue(training.settings().entrySet().containsAll(schedule.settings().entrySet()),
                training.settings() + " has " + schedule.settings());
        TrainingHistory history = training.fit(three(), null);
        assertNotNull(history);
        assertEquals(2, history.epochs().size());
        Map<String, String> recorded = model.lastTraining().orElseThrow().hyperparameters();
        assertAll(
                () -> assertEquals("2", recorded.get("epochs_completed")),
                () -> assertEquals("5", recorded.get("early_stopping_patience")),
                () -> assertEquals("validation-loss", recorded.get("early_stopping_monitor")),
                () -> assertEquals("3", recorded.get("validation_examples")),
                () -> assertEquals("step-decay", recorded.get("lr_schedule")),
                () -> assertEquals("0.5", recorded.get("lr_decay"), recorded.toString()));
    }

    /** After fit returns the model is free: another thread may train it. */
    @Test
    void afterFitAnotherThreadMayTrainTheModel() throws Exception {
        Sequential model = line(0, 0);
        new Training(model, StochasticGradientDescent.withLearningRate(0.1)).batchSize(3)
                .fit(three(), null, new Rng(1));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            TrainingHistory second = other.submit(() -> new Training(model,
                    StochasticGradientDescent.withLearningRate(0.1)).batchSize(3)
                    .fit(three(), null, new Rng(1))).get();
            assertEquals(StopReason.COMPLETED, second.stopReason());
        } finally {
            other.shutdown();
        }
    }

    /**
     * Early stopping on the validation accuracy with a minimum delta of 0.9: no epoch after the
     * first can improve on it (an accuracy is at most 1), so patience 2 runs out after epoch 3.
     * With exactly 3 epochs asked for, every epoch ran: the run completed, and the best
     * epoch's (the first's) parameters are given back.
     */
    @Test
    void patienceRunningOutAtTheLastEpochIsACompletedRun() {
        Sequential model = line(0, 0);
        List<double[]> afterFirst = new ArrayList<>();
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(0.01))
                .epochs(3).batchSize(3).validation(three())
                .earlyStopping(EarlyStopping.onValidationAccuracy(2).minDelta(0.9))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochEnd(EpochSummary summary) {
                        if (summary.epoch() == 0) {
                            afterFirst.addAll(ResumeTest.parameters(model));
                        }
                    }
                }).fit(three(), null, new Rng(1));
        assertEquals(StopReason.COMPLETED, history.stopReason());
        assertEquals(3, history.epochs().size());
        assertTrue(history.bestRestored());
        assertEquals("completed 3 epochs; the parameters are those of the best epoch, 1",
                history.message());
        ResumeTest.assertSame(afterFirst, ResumeTest.parameters(model), "epoch 1's parameters");
    }

    /** A sink that cannot keep the checkpoint after epoch 2 stops training saying so. */
    @Test
    void aCheckpointThatCannotBeKeptStopsTrainingNamingTheEpoch() {
        Training training = new Training(line(0, 0), StochasticGradientDescent.withLearningRate(0.1))
                .epochs(3).batchSize(3).checkpoints(2, c -> {
                    throw new java.io.IOException("disk full");
                });
        assertEquals("cannot keep the checkpoint after epoch 2: disk full",
                assertThrows(java.io.UncheckedIOException.class,
                        () -> training.fit(three(), null, new Rng(1))).getMessage());
    }

    /** The fingerprints {@code fingerprint.py} computes (see its docstring). */
    @Test
    void theFingerprintIsTheDocumentedDigestOfEveryValueInOrder() {
        DataSet small = new DataSet(3, 2, 1, new double[] {0.5, -1.0, 2.0, 3.25, 0.0, 1e-3},
                new double[] {1.0, 0.0, 1.0});
        int n = 300;
        double[] x = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i * 0.5;
            t[i] = i % 3;
        }
        assertEquals("5bbc83b6a57378a7", Training.fingerprint(small));
        assertEquals("d5d36cf14573d214", Training.fingerprint(new DataSet(2, 1, 2,
                new double[] {0.25, -4.0}, new double[] {1.0, 0.0, 0.0, 1.0})), "two targets");
        assertEquals("993f93dab9e4f032", Training.fingerprint(new DataSet(n, 1, 1, x, t)),
                "two blocks, of 256 and 44 rows");
    }

    /** Adam on a small classifier: what the resume tests below checkpoint. */
    private static Training accuracyStop(Sequential model, int epochs) {
        return new Training(model, Adam.builder().learningRate(0.05).build()).epochs(epochs)
                .batchSize(10).validation(ResumeTest.blobs(30, 5))
                .earlyStopping(EarlyStopping.onValidationAccuracy(2).minDelta(0.9));
    }

    /**
     * The checkpoint after the epoch at which patience ran out (epoch 3 of 10, as above) is a
     * finished run: resuming from it trains nothing more, stops early as the run did and gives
     * back the best epoch's parameters. Resumed from the one after epoch 3 of exactly 3, the
     * run completed.
     */
    @Test
    void resumingFromTheCheckpointWherePatienceRanOutTrainsNoMore() {
        DataSet train = ResumeTest.blobs(40, 2);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = ResumeTest.model(backend);
        TrainingHistory wholeHistory = accuracyStop(whole, 10).checkpoints(1, checkpoints::add)
                .fit(train, null, new Rng(4));
        assertEquals(StopReason.EARLY_STOPPED, wholeHistory.stopReason());
        assertEquals(3, checkpoints.size());

        Sequential resumed = ResumeTest.model(backend);
        TrainingHistory history = accuracyStop(resumed, 10).resume(checkpoints.get(2), train, null);
        assertEquals(StopReason.EARLY_STOPPED, history.stopReason());
        assertEquals(3, history.epochs().size());
        assertTrue(history.bestRestored());
        assertTrue(history.message().startsWith("stopped early after epoch 3 of 10: the"
                + " validation-accuracy did not improve by more than 0.9 for 2 epochs"),
                history.message());
        assertTrue(!checkpoints.get(0).settings().containsKey("fixed_arrays_fingerprint"),
                "a model without fixed arrays records no fingerprint of them");
        ResumeTest.assertSame(ResumeTest.parameters(whole), ResumeTest.parameters(resumed),
                "the best epoch's");

        List<TrainingCheckpoint> exact = new ArrayList<>();
        accuracyStop(ResumeTest.model(backend), 3).checkpoints(3, exact::add)
                .fit(train, null, new Rng(4));
        TrainingHistory atTheEnd = accuracyStop(ResumeTest.model(backend), 3)
                .resume(exact.get(0), train, null);
        assertEquals(StopReason.COMPLETED, atTheEnd.stopReason());
        assertEquals(3, atTheEnd.epochs().size());
    }
}
