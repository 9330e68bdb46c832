package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.LastGoodParameters;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;

/**
 * Trains a {@link Sequential} in epochs of shuffled mini-batches:
 *
 * <pre>{@code
 * TrainingHistory history = new Training(model, Adam.builder().learningRate(1e-3).build())
 *         .epochs(15).batchSize(128)
 *         .schedule(LearningRateSchedule.exponentialDecay(0.9))
 *         .fit(train, test);   // shuffles drawn from the model's seed
 * }</pre>
 *
 * <p><b>An epoch.</b> The optimizer's rate is set from the schedule (epoch 0 runs at the
 * optimizer's rate when training starts); the examples are shuffled (Fisher–Yates, drawing
 * from the given {@link Rng}, so a seed gives the same batches on every backend); they are cut
 * into batches of {@link #batchSize(int)} rows, the last one short when the size does not
 * divide; each batch is a forward pass, the loss, a backward pass and an optimizer step. The
 * model is then evaluated on the test set, if there is one.
 *
 * <p><b>Bad input</b> is refused by {@link #fit} before anything changes (no weight, no
 * optimizer setting), with an {@link IllegalArgumentException} naming the values: a data set
 * whose features or targets do not fit the model, an empty training set, a batch size larger
 * than the training set, a schedule that gives a learning rate that is not positive and
 * finite for some epoch, parameters that are already not finite. NaN and infinities in the
 * data are refused when the {@link DataSet} is built; labels out of range by
 * {@link DataSet#oneHot}.
 *
 * <p><b>Divergence.</b> When a batch's loss is NaN or infinite its update is not applied;
 * when an update makes a parameter NaN or infinite (a finite loss does not rule that out)
 * it is undone from a copy of the last finite parameters ({@link LastGoodParameters}).
 * Either way training stops with the parameters as they were after the previous batch, and
 * the history says so ({@link StopReason#DIVERGED}), naming the epoch and the batch. The
 * optimizer's state (moments, step count) does include the step that diverged: call
 * {@link org.nn4j.trainer.optim.Optimizer#reset()} before training the model further.
 *
 * <p><b>Interruption.</b> The thread's interrupt flag is checked before every batch and
 * before each evaluation: an {@linkplain Thread#interrupt() interrupted} training stops at
 * that boundary and returns its history ({@link StopReason#INTERRUPTED}) with the parameters
 * of the last completed batch. The flag is left set, for the caller to see.
 *
 * <p>Batch buffers are allocated once per run (one full and one short batch), so a step
 * allocates nothing the backend does not.
 *
 * <p><b>Threads.</b> A {@code Training}, like the {@link Sequential} and the
 * {@link org.nn4j.trainer.optim.Optimizer} it drives, is not thread-safe: one thread at a time.
 * Separate trainings of separate models and optimizers may run on separate threads at once,
 * sharing one {@link org.nn4j.api.Backend} and one {@link DataSet}: the results are
 * bit-identical to running them one after another (tested on every backend).
 */
public final class Training {

    /** Rows per forward pass in evaluation (it changes only memory and speed). */
    public static final int EVALUATION_BATCH_SIZE = 1000;

    private final Sequential model;
    private final Optimizer optimizer;
    private int epochs = 1;
    private int batchSize = 32;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private final List<EpochListener> listeners = new ArrayList<>();

    /**
     * Prepares training.
     *
     * @param model     the model, trained in place
     * @param optimizer the optimizer, for the model's backend
     */
    public Training(Sequential model, Optimizer optimizer) {
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
    }

    /**
     * Sets the number of epochs (default 1).
     *
     * @param epochs positive
     * @return this
     */
    public Training epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Sets the rows per mini-batch (default 32).
     *
     * @param batchSize positive
     * @return this
     */
    public Training batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Sets the learning-rate schedule (default constant).
     *
     * @param schedule the schedule
     * @return this
     */
    public Training schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this
     */
    public Training listener(EpochListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Returns the training's settings, each reported by its owner, for a model's provenance:
     * {@code optimizer} (its name) and the optimizer's {@code settings()}, the schedule's
     * {@code settings()}, then {@code epochs} and {@code batch_size}.
     *
     * @return the settings, in order
     */
    public Map<String, Object> settings() {
        return settings(optimizer, schedule, epochs, batchSize);
    }

    /**
     * Returns the settings of a training in epochs of mini-batches, as {@link #settings()}
     * reports them; for trainers that report the same (Spark's), which add their own.
     *
     * @param optimizer the optimizer, as training starts
     * @param schedule  the learning-rate schedule
     * @param epochs    the epochs
     * @param batchSize the rows per mini-batch
     * @return {@code optimizer}, the optimizer's and the schedule's settings, {@code epochs}
     *         and {@code batch_size}, in that order; modifiable
     */
    public static Map<String, Object> settings(Optimizer optimizer, LearningRateSchedule schedule,
                                               int epochs, int batchSize) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("optimizer", optimizer.name());
        settings.putAll(optimizer.settings());
        settings.putAll(schedule.settings());
        settings.put("epochs", epochs);
        settings.put("batch_size", batchSize);
        return settings;
    }

    /**
     * Makes every check {@link #fit} makes before its first step, without training: a caller
     * can refuse a run before it prints or starts anything.
     *
     * @param train the training set
     * @param test  the evaluation set, or {@code null} for none
     * @throws IllegalArgumentException as {@link #fit} does
     */
    public void check(DataSet train, DataSet test) {
        checkData(train, test);
        checkSchedule(optimizer.learningRate());
    }

    /**
     * Trains, and records on the model how ({@link Sequential#lastTraining()}): the
     * {@linkplain #settings() settings} as they were when training started, the training
     * set's name and size, the epochs completed, the final test accuracy and the model's
     * specification's settings.
     *
     * @param train the training set: the model's inputs and outputs, at least one example and
     *              at least {@link #batchSize(int)} of them
     * @param test  the evaluation set, or {@code null} for none
     * @param rng   the generator the shuffles draw from
     * @return the history: completed, diverged or interrupted
     * @throws IllegalArgumentException naming the problem if a data set does not fit the model
     *                                  or is empty, the batch is larger than the training set,
     *                                  the schedule gives a rate that is not positive and
     *                                  finite, or a parameter is not finite; the model and the
     *                                  optimizer are then left untouched
     */
    public TrainingHistory fit(DataSet train, DataSet test, Rng rng) {
        // The model is this thread's until fit returns: another thread's call is refused.
        boolean entered = model.enter("Training.fit");
        try {
            return fitOwned(train, test, rng);
        } finally {
            model.exit(entered);
        }
    }

    /**
     * Trains, as {@link #fit(DataSet, DataSet, Rng)} does, with the shuffles drawn from the
     * model's seed ({@link Sequential#seed()}, the second {@link Rng#split()} of its
     * generator): the seed given once to {@link Sequential.Builder#seed(long)} decides the
     * whole run, and the run is the one {@code nn4j fashion-mnist --seed S} makes.
     *
     * @param train the training set
     * @param test  the evaluation set, or {@code null} for none
     * @return the history: completed, diverged or interrupted
     * @throws IllegalArgumentException as {@link #fit(DataSet, DataSet, Rng)}
     */
    public TrainingHistory fit(DataSet train, DataSet test) {
        return fit(train, test, SeedStreams.shuffles(model.seed()));
    }

    private TrainingHistory fitOwned(DataSet train, DataSet test, Rng rng) {
        check(train, test);
        Objects.requireNonNull(rng, "rng");
        double initialRate = optimizer.learningRate();
        Map<String, Object> settings = settings();
        Run run = new Run(train, test, rng);
        TrainingHistory result = null;
        for (int epoch = 0; epoch < epochs && result == null; epoch++) {
            result = fitEpoch(run, epoch, schedule.rate(initialRate, epoch));
        }
        if (result == null) {
            result = new TrainingHistory(run.history, true, "completed " + epochs
                    + (epochs == 1 ? " epoch" : " epochs"), StopReason.COMPLETED);
        }
        model.recordTraining(record(settings, train, result));
        return result;
    }

    private TrainingRecord record(Map<String, Object> settings, DataSet train,
                                  TrainingHistory history) {
        return TrainingRecord.builder(model, settings, train, history).build(train.name());
    }

    private void checkData(DataSet train, DataSet test) {
        model.checkFits(train, "training set");
        if (test != null) {
            model.checkFits(test, "test set");
        }
        if (batchSize > train.size()) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the"
                    + " training set's " + train.size() + " examples");
        }
    }

    /**
     * Checks every epoch's rate before the first step; a schedule is a function of its
     * arguments, so the epochs get the same rates again.
     */
    private void checkSchedule(double initialRate) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            double rate = schedule.rate(initialRate, epoch);
            if (!(rate > 0.0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException("the learning-rate schedule (" + schedule
                        + ") gives " + rate + " for epoch " + (epoch + 1) + " of " + epochs
                        + ", from " + initialRate + "; a learning rate must be positive and"
                        + " finite");
            }
        }
    }

    /** What one call of {@link #fit} works with: data, buffers, generator and history so far. */
    private final class Run {
        final DataSet test;
        final Rng rng;
        final BatchBuffers batches;
        final LastGoodParameters lastGood;
        final List<EpochSummary> history = new ArrayList<>();
        final int examples;
        double lastLoss;
        int lastRows;

        Run(DataSet train, DataSet test, Rng rng) {
            LinearAlgebra la = model.backend().linearAlgebra();
            this.test = test;
            this.rng = rng;
            this.batches = new BatchBuffers(la, train, batchSize);
            this.lastGood = new LastGoodParameters(la, model.parameters());
            this.examples = train.size();
        }
    }

    /**
     * Trains one epoch and evaluates the model after it.
     *
     * @return {@code null} when the epoch completed (its summary is in the run's history), else
     *         the history of a training that stopped in it
     */
    private TrainingHistory fitEpoch(Run run, int epoch, double rate) {
        optimizer.setLearningRate(rate);
        run.batches.shuffle(run.rng);
        int batches = run.batches.batches();
        for (EpochListener l : listeners) {
            l.onEpochStart(epoch, epochs, batches, rate);
        }
        EpochClock clock = new EpochClock();
        double lossSum = 0.0;
        for (int batch = 0; batch < batches; batch++) {
            if (Thread.currentThread().isInterrupted()) {
                return interrupted(run.history, epoch, "before batch " + (batch + 1) + " of "
                        + batches);
            }
            String diverged = trainBatch(run, batch, rate);
            if (diverged != null) {
                return new TrainingHistory(run.history, false, "training diverged at epoch "
                        + (epoch + 1) + " of " + epochs + ", batch " + (batch + 1) + " of "
                        + batches + ": " + diverged, StopReason.DIVERGED);
            }
            lossSum += run.lastLoss * run.lastRows;
            for (EpochListener l : listeners) {
                l.onBatch(epoch, batch + 1, batches, run.lastLoss);
            }
        }
        clock.trainingDone();
        if (run.test != null && Thread.currentThread().isInterrupted()) {
            return interrupted(run.history, epoch, "after its " + batches + " batches, before"
                    + " its evaluation");
        }
        EpochSummary summary = clock.summarize(epoch, rate, lossSum / run.examples, model,
                run.test);
        run.history.add(summary);
        for (EpochListener l : listeners) {
            l.onEpochEnd(summary);
        }
        return null;
    }

    /**
     * Trains one batch: a forward pass, the loss, a backward pass and an optimizer step.
     *
     * @return {@code null} when the update was applied (the loss and rows are in the run),
     *         else why training must stop
     */
    private String trainBatch(Run run, int batch, double rate) {
        run.lastRows = run.batches.load(batch);
        double loss = model.computeGradients(run.batches.x(), run.batches.t());
        if (!Double.isFinite(loss)) {
            return "the loss is " + loss + " (learning rate " + rate
                    + "); that batch's update was not applied";
        }
        optimizer.step(model.backend().linearAlgebra(), model.parameters());
        String nonFinite = run.lastGood.accept();
        if (nonFinite != null) {
            return "after its update " + nonFinite + " (learning rate " + rate
                    + "); that update was undone";
        }
        run.lastLoss = loss;
        return null;
    }

    private TrainingHistory interrupted(List<EpochSummary> history, int epoch, String where) {
        return new TrainingHistory(history, false, "interrupted at epoch " + (epoch + 1) + " of "
                + epochs + ", " + where + "; the parameters are those of the last completed"
                + " batch", StopReason.INTERRUPTED);
    }

    /** Fisher–Yates, from the end: position {@code i} swaps with a uniform {@code j <= i}. */
    static void shuffle(int[] order, Rng rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }
}
