package org.nn4j.trainer.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
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
 * the {@linkplain Sequential#state() state arrays} too (batch normalisation's running
 * statistics, which the diverged batch's forward pass had already moved), and the history
 * says so ({@link StopReason#DIVERGED}), naming the epoch and the batch. The
 * optimizer's state (moments, step count) does include the step that diverged: call
 * {@link org.nn4j.trainer.optim.Optimizer#reset()} before training the model further.
 *
 * <p><b>Interruption.</b> The thread's interrupt flag is checked before every batch and
 * before each evaluation: an {@linkplain Thread#interrupt() interrupted} training stops at
 * that boundary and returns its history ({@link StopReason#INTERRUPTED}) with the parameters
 * of the last completed batch. The flag is left set, for the caller to see.
 *
 * <p><b>Validation and early stopping.</b> With a {@linkplain #validation(DataSet) validation
 * set} (held out from the training data, for example by
 * {@link org.nn4j.trainer.data.ValidationSplit}, and separate from the test set) each epoch is
 * also evaluated on it, and the history names the best epoch by validation loss. With
 * {@linkplain #earlyStopping(EarlyStopping) early stopping} training stops once the monitored
 * metric has not improved for its patience ({@link StopReason#EARLY_STOPPED}), and the model is
 * given back the best epoch's parameters, also when every epoch ran, with the best epoch's
 * {@linkplain Sequential#state() state arrays} (batch normalisation's running statistics):
 * never the best weights with the last epoch's statistics.
 *
 * <p><b>Checkpoints and exact resume.</b> With {@link #checkpoints(int, TrainingCheckpoint.CheckpointSink)}
 * every N epochs a {@link TrainingCheckpoint} is handed over: parameters, state arrays,
 * optimizer state, generator state and shuffle order, history and best epoch (with its
 * parameters and state arrays, under early stopping). {@link #resume} continues from
 * one, and the parameters it ends with are bit for bit those of the run that was not
 * interrupted, on every backend: each epoch's work depends only on that state.
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

    /**
     * The checkpoint setting that records the model's precision, {@code "float32"} or
     * {@code "float64"}: a run resumes only in the precision it was checkpointed in (a
     * checkpoint without it is of a float64 run).
     */
    public static final String PRECISION_SETTING = "precision";

    private final Sequential model;
    private final Optimizer optimizer;
    private int epochs = 1;
    private int batchSize = 32;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private final List<EpochListener> listeners = new ArrayList<>();
    private DataSet validation;
    private EarlyStopping earlyStopping;
    private int checkpointEvery;
    private TrainingCheckpoint.CheckpointSink checkpointSink;
    private final Map<String, Object> runSettings = new LinkedHashMap<>();

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
     * Sets a validation set, evaluated after every epoch ({@link EpochSummary#validationLoss()},
     * {@link EpochSummary#validationAccuracy()}); the history names the best epoch by its loss
     * (or by early stopping's metric).
     *
     * @param validation examples held out from training, or {@code null} for none
     * @return this
     */
    public Training validation(DataSet validation) {
        this.validation = validation;
        return this;
    }

    /**
     * Stops training when the validation metric stops improving, and restores the best
     * epoch's parameters and state arrays (batch normalisation's running statistics) at the
     * end; needs a {@link #validation(DataSet)} set.
     *
     * @param rule the metric, patience and minimum delta, or {@code null} for none
     * @return this
     */
    public Training earlyStopping(EarlyStopping rule) {
        this.earlyStopping = rule;
        return this;
    }

    /**
     * Hands a checkpoint to the sink after every {@code every}-th epoch (epochs
     * {@code every}, {@code 2·every}, ..., counted from the first epoch of the run, resumed or
     * not). An {@link IOException} from the sink stops training with an
     * {@link UncheckedIOException}.
     *
     * @param every epochs between checkpoints, positive
     * @param sink  receives each checkpoint
     * @return this
     */
    public Training checkpoints(int every, TrainingCheckpoint.CheckpointSink sink) {
        if (every <= 0) {
            throw new IllegalArgumentException("checkpoints must be every positive number of"
                    + " epochs, got " + every);
        }
        this.checkpointEvery = every;
        this.checkpointSink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    /**
     * Adds a setting of the caller's (a seed, how the data were split) to those a checkpoint
     * records and {@link #resume} compares: a checkpoint made with another value is refused.
     *
     * @param name  its name
     * @param value its value, compared as text
     * @return this
     */
    public Training setting(String name, Object value) {
        runSettings.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
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
     * Continues a run from a checkpoint: puts its parameters and state arrays in the model and
     * its state in the optimizer, and trains the remaining epochs with its generator and shuffle
     * order. The parameters and state arrays it ends with are bit for bit those the run would
     * have ended with had it not stopped at the checkpoint. The history returned (and recorded on the model) includes the
     * checkpoint's epochs.
     *
     * <p>The training must be set up as the run was: the same model architecture, optimizer
     * and settings (a fresh optimizer, at the initial learning rate), schedule, batch size,
     * training set, validation set, early stopping and {@link #setting settings}; only the
     * number of epochs may be larger. Everything is checked before anything changes.
     *
     * @param checkpoint a checkpoint of a run set up like this one
     * @param train      the training set, the run's
     * @param test       the evaluation set, or {@code null} for none
     * @return the history of the whole run
     * @throws IllegalArgumentException naming the first setting that differs from the
     *                                  checkpoint's (with both values), or anything {@link #fit}
     *                                  refuses; the model and the optimizer are then untouched
     */
    public TrainingHistory resume(TrainingCheckpoint checkpoint, DataSet train, DataSet test) {
        Map<String, String> now = checkResume(checkpoint, train, test);
        LinearAlgebra la = model.backend().linearAlgebra();
        Run run = new Run(train, test, Rng.restore(checkpoint.rng()), now);
        if (run.best != null) {
            run.best.restore(checkpoint.best());
        }
        // Everything checked: now the model and the optimizer change.
        for (int i = 0; i < model.parameters().size(); i++) {
            la.copyFromRowMajor(checkpoint.parameters().get(i), 0,
                    model.parameters().get(i).value());
        }
        for (int i = 0; i < model.state().size(); i++) {
            la.copyFromRowMajor(checkpoint.state().get(i), 0, model.state().get(i).value());
        }
        optimizer.restoreState(la, model.parameters(), checkpoint.optimizer());
        run.lastGood.accept();
        run.batches.order(checkpoint.shuffleOrder());
        run.history.addAll(checkpoint.history());
        return train(run, checkpoint.epochsCompleted());
    }

    /**
     * Makes every check {@link #resume} makes before it changes anything, without training.
     *
     * @param checkpoint a checkpoint
     * @param train      the training set
     * @param test       the evaluation set, or {@code null}
     * @return the settings of this training, as a checkpoint records them
     * @throws IllegalArgumentException as {@link #resume} does
     */
    public Map<String, String> checkResume(TrainingCheckpoint checkpoint, DataSet train,
                                           DataSet test) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        check(train, test);
        Map<String, String> now = checkpointSettings(train);
        List<String> differences = new ArrayList<>();
        for (String key : union(now.keySet(), checkpoint.settings().keySet())) {
            String was = checkpoint.settings().get(key);
            if (was == null && key.equals(PRECISION_SETTING)) {
                // A checkpoint from before float32: its run was float64.
                was = Precision.F64.label();
            }
            String is = now.get(key);
            if (!key.equals("epochs") && !Objects.equals(was, is)) {
                differences.add(key + " is " + (was == null ? "not set" : was) + " in the"
                        + " checkpoint but " + (is == null ? "not set" : is) + " here");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint is of another run: "
                    + String.join("; ", differences));
        }
        if (checkpoint.epochsCompleted() > epochs) {
            throw new IllegalArgumentException("the checkpoint is after epoch "
                    + checkpoint.epochsCompleted() + ", past the " + epochs + " epochs asked for");
        }
        if (checkpoint.shuffleOrder().length != train.size()) {
            throw new IllegalArgumentException("the checkpoint's shuffle order is of "
                    + checkpoint.shuffleOrder().length + " examples; the training set has "
                    + train.size());
        }
        if ((checkpoint.best() != null) != (validation != null)) {
            throw new IllegalArgumentException("the checkpoint was made " + (validation == null
                    ? "with" : "without") + " a validation set, this training has "
                    + (validation == null ? "none" : "one"));
        }
        checkShapes(checkpoint.parameters(), model.parameters(), "its parameters");
        checkStateShapes(checkpoint.state(), "its state (running statistics)");
        checkFinite(checkpoint.parameters(), "parameters");
        checkFinite(checkpoint.state(), "state arrays");
        if (validation != null && earlyStopping != null && checkpoint.best().epoch() >= 0) {
            TrainingCheckpoint.Best best = checkpoint.best();
            checkShapes(best.parameters(), model.parameters(), "its best epoch's parameters");
            if (best.state().isEmpty() && !model.state().isEmpty()) {
                throw new IllegalArgumentException("the checkpoint keeps its best epoch's ("
                        + (best.epoch() + 1) + ") parameters but not its state arrays, and the"
                        + " model has " + model.state().size() + " (" + String.join(", ",
                        stateNames()) + "): restoring the best epoch's parameters with another"
                        + " epoch's running statistics would give a model no epoch had. It was"
                        + " made by an nn4j that did not keep them; train again from the start");
            }
            checkStateShapes(best.state(), "its best epoch's state (running statistics)");
            checkFinite(best.parameters(), "best epoch's parameters");
            checkFinite(best.state(), "best epoch's state arrays");
        }
        // The optimizer's own checks, on a copy: this one is not changed yet.
        optimizer.copy().restoreState(model.backend().linearAlgebra(), model.parameters(),
                checkpoint.optimizer());
        return now;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        List<String> keys = new ArrayList<>(a);
        for (String key : b) {
            if (!a.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * A 64-bit digest of a data set's values (features and targets, every bit, in order), in
     * hexadecimal: two data sets of one size with other examples, or in another order, differ.
     * Read a few hundred rows at a time; nothing the size of the data is allocated.
     */
    static String fingerprint(DataSet data) {
        int rows = Math.min(256, data.size());
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] x = new double[rows * data.featureCount()];
        double[] t = new double[rows * data.targetCount()];
        long h = 0x9e3779b97f4a7c15L;
        for (int from = 0; from < order.length; from += rows) {
            int count = Math.min(rows, order.length - from);
            data.copyRows(order, from, count, x, t);
            for (int i = 0; i < count * data.featureCount(); i++) {
                h = (h ^ Double.doubleToLongBits(x[i])) * 0xbf58476d1ce4e5b9L;
            }
            for (int i = 0; i < count * data.targetCount(); i++) {
                h = (h ^ Double.doubleToLongBits(t[i])) * 0x94d049bb133111ebL;
            }
        }
        String hex = Long.toHexString(h ^ (h >>> 31));
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** Checks saved arrays are finite; {@code what} names them after "the checkpoint's". */
    private static void checkFinite(List<double[]> saved, String what) {
        for (double[] values : saved) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("the checkpoint's " + what + " hold " + v);
                }
            }
        }
    }

    /** Checks saved arrays fit the model's state arrays, naming the first that does not. */
    private void checkStateShapes(List<double[]> saved, String what) {
        List<Layer.State> state = model.state();
        List<String> names = stateNames();
        if (saved.size() != state.size()) {
            throw new IllegalArgumentException("the checkpoint has " + saved.size() + " arrays in "
                    + what + "; the model has " + state.size() + " state arrays"
                    + (state.isEmpty() ? "" : " (" + String.join(", ", names) + ")"));
        }
        for (int i = 0; i < saved.size(); i++) {
            Matrix value = state.get(i).value();
            if (saved.get(i).length != (long) value.rows() * value.cols()) {
                throw new IllegalArgumentException("the checkpoint has " + saved.get(i).length
                        + " values in " + what + " for " + names.get(i) + " (" + value.rows()
                        + "x" + value.cols() + ")");
            }
        }
    }

    /** The model's state arrays' names as its files have them: {@code batch-norm1.running_mean}. */
    private List<String> stateNames() {
        List<ModelSpec.ArrayShape> shapes = model.spec().parameterShapes();
        List<ModelSpec.ArrayKind> kinds = model.spec().arrayKinds();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < shapes.size(); k++) {
            if (kinds.get(k) == ModelSpec.ArrayKind.STATE) {
                names.add(shapes.get(k).name());
            }
        }
        return names;
    }

    /** Checks saved arrays fit the parameters, naming the first that does not. */
    static void checkShapes(List<double[]> saved, List<Parameter> parameters, String what) {
        if (saved.size() != parameters.size()) {
            throw new IllegalArgumentException("the checkpoint has " + saved.size() + " arrays in "
                    + what + "; the model has " + parameters.size() + " parameters");
        }
        for (int i = 0; i < saved.size(); i++) {
            Matrix value = parameters.get(i).value();
            if (saved.get(i).length != (long) value.rows() * value.cols()) {
                throw new IllegalArgumentException("the checkpoint has " + saved.get(i).length
                        + " values in " + what + " for parameter " + i + " ("
                        + parameters.get(i).name() + ", " + value.rows() + "x" + value.cols() + ")");
            }
        }
    }

    /**
     * The settings a checkpoint records and a resume compares: the data, {@link #settings()},
     * the validation and early stopping, the model's specification and the caller's.
     */
    private Map<String, String> checkpointSettings(DataSet train) {
        TrainingRecord.Builder all = new TrainingRecord.Builder()
                .add("data_set", train.name()).add("train_examples", train.size())
                .add("train_fingerprint", fingerprint(train))
                .add(settings());
        if (validation != null) {
            all.add("validation_examples", validation.size());
            all.add("validation_fingerprint", fingerprint(validation));
        }
        if (earlyStopping != null) {
            all.add(earlyStopping.settings());
        }
        all.add(model.spec().settings());
        all.add(PRECISION_SETTING, model.precision().label());
        String fixed = fixedArraysFingerprint(model);
        if (fixed != null) {
            all.add("fixed_arrays_fingerprint", fixed);
        }
        return all.add(runSettings).build(train.name()).hyperparameters();
    }

    /**
     * The digest of a model's fixed arrays (a standardization's mean and scale), which its
     * description does not show; {@code null} when it has none.
     */
    private static String fixedArraysFingerprint(Sequential model) {
        boolean[] fixed = model.spec().fixedArrays();
        List<double[]> placeholders = new ArrayList<>();
        for (int i = 0; i < model.parameters().size(); i++) {
            placeholders.add(new double[0]);
        }
        List<double[]> statePlaceholders = new ArrayList<>();
        for (int i = 0; i < model.state().size(); i++) {
            statePlaceholders.add(new double[0]);
        }
        List<double[]> arrays = model.spec().arrays(placeholders, statePlaceholders);
        int count = 0;
        int length = 0;
        for (int k = 0; k < fixed.length; k++) {
            if (fixed[k]) {
                count++;
                length += arrays.get(k).length;
            }
        }
        if (count == 0) {
            return null;
        }
        double[] values = new double[length];
        int at = 0;
        for (int k = 0; k < fixed.length; k++) {
            if (fixed[k]) {
                System.arraycopy(arrays.get(k), 0, values, at, arrays.get(k).length);
                at += arrays.get(k).length;
            }
        }
        return fingerprint(new DataSet(1, length, 0, values, new double[0]));
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
        return train(new Run(train, test, rng, checkpointSink == null ? Map.of()
                : checkpointSettings(train)), 0);
    }

    /** Trains the run's remaining epochs, from {@code first}, then restores the best epoch. */
    private TrainingHistory train(Run run, int first) {
        Map<String, Object> settings = settings();
        if (validation != null) {
            settings.put("validation_examples", validation.size());
        }
        if (earlyStopping != null) {
            settings.putAll(earlyStopping.settings());
        }
        double initialRate = optimizer.learningRate();
        Stop stop = first > 0 && first < epochs && earlyStopping != null && run.best.patienceExhausted()
                ? earlyStop(run, first - 1) : null;
        for (int epoch = first; epoch < epochs && stop == null; epoch++) {
            stop = fitEpoch(run, epoch, schedule.rate(initialRate, epoch));
            if (stop == null) {
                stop = afterEpoch(run, epoch);
            }
        }
        if (stop == null) {
            stop = new Stop(StopReason.COMPLETED, "completed " + epochs
                    + (epochs == 1 ? " epoch" : " epochs"));
        }
        boolean completed = stop.reason() == StopReason.COMPLETED
                || stop.reason() == StopReason.EARLY_STOPPED;
        boolean restored = completed && earlyStopping != null
                && run.best.restoreInto(model.backend().linearAlgebra(), model.parameters(),
                model.state());
        TrainingHistory result = new TrainingHistory(run.history, completed, stop.message()
                + (restored ? "; the parameters are those of the best epoch, "
                + (run.best.epoch() + 1) : ""), stop.reason(),
                run.best == null ? -1 : run.best.epoch(), restored);
        model.recordTraining(TrainingRecord.builder(model, settings, run.train, result)
                .build(run.train.name()));
        return result;
    }

    /** Tracks the best epoch, hands over a checkpoint when due, and stops early when due. */
    private Stop afterEpoch(Run run, int epoch) {
        if (run.best != null) {
            run.best.update(run.history.get(run.history.size() - 1), model.parameters(),
                    model.state());
        }
        if (checkpointSink != null && (epoch + 1) % checkpointEvery == 0) {
            TrainingCheckpoint checkpoint = checkpoint(run, epoch + 1);
            try {
                checkpointSink.accept(checkpoint);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot keep the checkpoint after epoch "
                        + (epoch + 1) + ": " + e.getMessage(), e);
            }
        }
        if (earlyStopping != null && epoch + 1 < epochs && run.best.patienceExhausted()) {
            return earlyStop(run, epoch);
        }
        return null;
    }

    private Stop earlyStop(Run run, int epoch) {
        return new Stop(StopReason.EARLY_STOPPED, "stopped early after epoch " + (epoch + 1)
                + " of " + epochs + ": the " + run.best.describe());
    }

    private TrainingCheckpoint checkpoint(Run run, int epochsCompleted) {
        List<double[]> parameters = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            parameters.add(p.value().toRowMajor());
        }
        List<double[]> state = new ArrayList<>();
        for (Layer.State a : model.state()) {
            state.add(a.value().toRowMajor());
        }
        return new TrainingCheckpoint(epochsCompleted, run.settings, parameters,
                optimizer.saveState(), run.rng.state(), run.batches.order(), run.history,
                run.best == null ? null : run.best.save(), state);
    }

    private void checkData(DataSet train, DataSet test) {
        model.checkFits(train, "training set");
        if (test != null) {
            model.checkFits(test, "test set");
        }
        if (validation != null) {
            model.checkFits(validation, "validation set");
        }
        if (earlyStopping != null && validation == null) {
            throw new IllegalArgumentException("early stopping needs a validation set:"
                    + " call validation(...) too");
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

    /** Why training stopped before its last epoch, in a sentence. */
    private record Stop(StopReason reason, String message) {
    }

    /** What one call of {@link #fit} works with: data, buffers, generator and history so far. */
    private final class Run {
        final DataSet train;
        final DataSet test;
        final Rng rng;
        final Map<String, String> settings;
        final BestEpoch best;
        final BatchBuffers batches;
        final LastGoodParameters lastGood;
        final List<EpochSummary> history = new ArrayList<>();
        final int examples;
        double lastLoss;
        int lastRows;

        Run(DataSet train, DataSet test, Rng rng, Map<String, String> settings) {
            LinearAlgebra la = model.backend().linearAlgebra();
            this.train = train;
            this.test = test;
            this.rng = rng;
            this.settings = settings;
            this.best = validation == null ? null : new BestEpoch(earlyStopping != null
                    ? earlyStopping : EarlyStopping.onValidationLoss(1), earlyStopping != null);
            this.batches = new BatchBuffers(la, train, batchSize);
            this.lastGood = new LastGoodParameters(la, model.parameters(), model.state());
            this.examples = train.size();
        }
    }

    /**
     * Trains one epoch and evaluates the model after it.
     *
     * @return {@code null} when the epoch completed (its summary is in the run's history), else
     *         why training stopped in it
     */
    private Stop fitEpoch(Run run, int epoch, double rate) {
        optimizer.setLearningRate(rate);
        run.batches.shuffle(run.rng);
        if (model.spec().usesNoise()) {
            // Dropout's draws of this epoch follow from the run's generator, which a
            // checkpoint keeps: a resumed run drops what the uninterrupted one drops.
            model.reseedNoise(run.rng.split());
        }
        int batches = run.batches.batches();
        for (EpochListener l : listeners) {
            l.onEpochStart(epoch, epochs, batches, rate);
        }
        EpochClock clock = new EpochClock();
        double lossSum = 0.0;
        for (int batch = 0; batch < batches; batch++) {
            if (Thread.currentThread().isInterrupted()) {
                return interrupted(epoch, "before batch " + (batch + 1) + " of " + batches);
            }
            String diverged = trainBatch(run, batch, rate);
            if (diverged != null) {
                return new Stop(StopReason.DIVERGED, "training diverged at epoch "
                        + (epoch + 1) + " of " + epochs + ", batch " + (batch + 1) + " of "
                        + batches + ": " + diverged);
            }
            lossSum += run.lastLoss * run.lastRows;
            for (EpochListener l : listeners) {
                l.onBatch(epoch, batch + 1, batches, run.lastLoss);
            }
        }
        clock.trainingDone();
        if ((run.test != null || validation != null) && Thread.currentThread().isInterrupted()) {
            return interrupted(epoch, "after its " + batches + " batches, before its"
                    + " evaluation");
        }
        EpochSummary summary = clock.summarize(epoch, rate, lossSum / run.examples, model,
                run.test);
        if (validation != null) {
            summary = summary.withValidation(model.evaluate(validation, EVALUATION_BATCH_SIZE));
        }
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
            // Its forward pass has moved the running statistics already: put them back.
            run.lastGood.restore();
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

    private Stop interrupted(int epoch, String where) {
        return new Stop(StopReason.INTERRUPTED, "interrupted at epoch " + (epoch + 1) + " of "
                + epochs + ", " + where + "; the parameters are those of the last completed"
                + " batch");
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
