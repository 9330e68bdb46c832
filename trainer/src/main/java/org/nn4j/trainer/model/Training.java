package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.DataSet;
import org.nn4j.trainer.LastGoodParameters;
import org.nn4j.trainer.LearningRateSchedule;
import org.nn4j.trainer.Optimizer;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;

/**
 * Trains a {@link Sequential} in epochs of shuffled mini-batches:
 *
 * <pre>{@code
 * TrainingHistory history = new Training(model, new Adam(backend.linearAlgebra()))
 *         .epochs(15).batchSize(128)
 *         .schedule(LearningRateSchedule.exponentialDecay(0.9))
 *         .fit(train, test, new Rng(seed));
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
 * {@link org.nn4j.trainer.Optimizer#reset()} before training the model further.
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
 * {@link org.nn4j.trainer.Optimizer} it drives, is not thread-safe: one thread at a time.
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
     * Makes every check {@link #fit} makes before its first step, without training: a caller
     * can refuse a run before it prints or starts anything.
     *
     * @param train the training set
     * @param test  the evaluation set, or {@code null} for none
     * @throws IllegalArgumentException as {@link #fit} does
     */
    public void check(DataSet train, DataSet test) {
        model.checkFits(train, "training set");
        if (test != null) {
            model.checkFits(test, "test set");
        }
        int n = train.size();
        if (batchSize > n) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the"
                    + " training set's " + n + " examples");
        }
        double initialRate = optimizer.learningRate();
        // Every epoch's rate is checked before the first step; a schedule is a function of its
        // arguments, so the loop in fit gets the same rates again.
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

    /**
     * Trains.
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
        check(train, test);
        Objects.requireNonNull(rng, "rng");
        int n = train.size();
        double initialRate = optimizer.learningRate();
        LinearAlgebra la = model.backend().linearAlgebra();
        List<Parameter> parameters = model.parameters();
        LastGoodParameters lastGood = new LastGoodParameters(la, parameters);
        int in = model.inputSize();
        int out = model.outputSize();
        int full = batchSize;
        int batches = (n + full - 1) / full;
        int shortRows = n - (batches - 1) * full;
        double[] xs = new double[full * in];
        double[] ts = new double[full * out];
        Matrix fullX = la.zeros(full, in);
        Matrix fullT = la.zeros(full, out);
        Matrix shortX = shortRows == full ? fullX : la.zeros(shortRows, in);
        Matrix shortT = shortRows == full ? fullT : la.zeros(shortRows, out);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<EpochSummary> history = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            double rate = schedule.rate(initialRate, epoch);
            optimizer.setLearningRate(rate);
            shuffle(order, rng);
            for (EpochListener l : listeners) {
                l.onEpochStart(epoch, epochs, batches, rate);
            }
            EpochClock clock = new EpochClock();
            double lossSum = 0.0;
            for (int batch = 0; batch < batches; batch++) {
                if (Thread.currentThread().isInterrupted()) {
                    return interrupted(history, epoch, "before batch " + (batch + 1) + " of "
                            + batches);
                }
                int from = batch * full;
                int rows = Math.min(full, n - from);
                Matrix x = rows == full ? fullX : shortX;
                Matrix t = rows == full ? fullT : shortT;
                train.copyRows(order, from, rows, xs, ts);
                la.copyFromRowMajor(xs, 0, x);
                la.copyFromRowMajor(ts, 0, t);
                double loss = model.computeGradients(x, t);
                if (!Double.isFinite(loss)) {
                    return new TrainingHistory(history, false, "training diverged at epoch "
                            + (epoch + 1) + " of " + epochs + ", batch " + (batch + 1) + " of "
                            + batches + ": the loss is " + loss + " (learning rate " + rate
                            + "); that batch's update was not applied", StopReason.DIVERGED);
                }
                optimizer.step(parameters);
                String nonFinite = lastGood.accept();
                if (nonFinite != null) {
                    return new TrainingHistory(history, false, "training diverged at epoch "
                            + (epoch + 1) + " of " + epochs + ", batch " + (batch + 1) + " of "
                            + batches + ": after its update " + nonFinite + " (learning rate "
                            + rate + "); that update was undone", StopReason.DIVERGED);
                }
                lossSum += loss * rows;
                for (EpochListener l : listeners) {
                    l.onBatch(epoch, batch + 1, batches, loss);
                }
            }
            clock.trainingDone();
            if (test != null && Thread.currentThread().isInterrupted()) {
                return interrupted(history, epoch, "after its " + batches + " batches, before"
                        + " its evaluation");
            }
            EpochSummary summary = clock.summarize(epoch, rate, lossSum / n, model, test);
            history.add(summary);
            for (EpochListener l : listeners) {
                l.onEpochEnd(summary);
            }
        }
        return new TrainingHistory(history, true, "completed " + epochs
                + (epochs == 1 ? " epoch" : " epochs"), StopReason.COMPLETED);
    }

    private TrainingHistory interrupted(List<EpochSummary> history, int epoch, String where) {
        return new TrainingHistory(history, false, "interrupted at epoch " + (epoch + 1) + " of "
                + epochs + ", " + where + "; the parameters are those of the last completed"
                + " batch", StopReason.INTERRUPTED);
    }

    /** The current thread's CPU time in nanoseconds, or -1 where it cannot be measured. */


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
