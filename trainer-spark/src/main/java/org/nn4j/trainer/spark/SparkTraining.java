package org.nn4j.trainer.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.EpochClock;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.model.TrainingRecord;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;

/**
 * Trains a {@link Sequential} data-parallel on Apache Spark, in one of two modes, with the
 * same epochs, schedule, listeners and history as the single-machine {@link Training}.
 *
 * <p><b>Synchronous mini-batch SGD</b> ({@link #synchronous}), as Spark MLlib's
 * {@code GradientDescent}: each step is one Spark job. The driver broadcasts the parameters
 * (one row-major {@code double[]}); each partition computes the gradient of its slice of the
 * global mini-batch with the chosen backend, weighted by its rows; the partial sums are added
 * in partition order, as a tree like {@code treeAggregate}'s ({@link OrderedSum}); the driver
 * divides by the batch's rows and applies its {@link Optimizer}. The step is therefore the
 * single-machine step on the union of the slices: the gradient of a full batch equals the
 * single-machine one up to rounding. Both modes are deterministic: the same data, partitions,
 * parameters and seed give the same weights bit for bit, whichever tasks failed and were run
 * again, or finished first.
 *
 * <p><b>Parameter averaging</b> ({@link #parameterAveraging}), as Deeplearning4j's Spark
 * training: each job broadcasts the parameters; each partition takes {@code localSteps}
 * mini-batch steps of {@code batchSize} rows on its own data with a fresh local optimizer;
 * the driver averages the partitions' parameters weighted by the rows each trained on. A job
 * does {@code localSteps} times the work of a synchronous step for the same traffic.
 *
 * <p><b>An epoch.</b> Every block shuffles its own rows (seeded by the run, the epoch and the
 * block, so retries and executors agree) and is cut into as many slices as the epoch has
 * steps: a step's global batch is about {@code batchSize} rows, one slice from each block, and
 * an epoch visits every row once. Examples do not move between partitions. After each epoch
 * the driver's model is evaluated on the test set, on the driver.
 *
 * <p><b>Backends.</b> The executors look the backend up by the driver model's backend
 * {@linkplain org.nn4j.api.Backend#name() name} through {@link org.nn4j.api.Backends}, i.e.
 * {@code ServiceLoader} on the executor's class path: a cluster runs whichever backend jar
 * is shipped with the job. They rebuild the model from the {@link ModelSpec}, once per
 * executor thread, and reuse it across jobs.
 *
 * <p><b>Precision.</b> The driver model's {@linkplain Sequential#precision() precision}
 * travels with each job: the executors compute in it ({@code backend.inPrecision}), or fail
 * the job saying their backend does not. Parameters and gradients cross the wire as
 * {@code double[]} (a float32 value widens exactly), the sums and averages are taken in
 * double, and the driver rounds the result once, to the model's precision, when it stores
 * it in the model.
 *
 * <p>Not thread-safe; one fit at a time on the driver.
 */
public final class SparkTraining {

    private enum Mode { SYNCHRONOUS, PARAMETER_AVERAGING }

    private final JavaSparkContext sc;
    private final ModelSpec spec;
    private final Sequential model;
    private final Mode mode;
    private final Optimizer optimizer;
    private final Optimizer localOptimizer;
    private final int localSteps;
    private int epochs = 1;
    private int batchSize = 32;
    private int treeDepth = 2;
    private double targetLoss = Double.NaN;
    private LearningRateSchedule schedule = LearningRateSchedule.constant();
    private final List<EpochListener> listeners = new ArrayList<>();
    private int checkpointEvery;
    private TrainingCheckpoint.CheckpointSink checkpointSink;
    private Path checkpointDirectory;

    private SparkTraining(JavaSparkContext sc, Sequential model, Mode mode,
                          Optimizer optimizer, Optimizer localOptimizer, int localSteps) {
        this.sc = Objects.requireNonNull(sc, "sc");
        this.model = Objects.requireNonNull(model, "model");
        this.spec = model.spec();
        this.mode = mode;
        this.optimizer = optimizer;
        this.localOptimizer = localOptimizer;
        this.localSteps = localSteps;
        ParameterVector.length(spec);
        if (!model.state().isEmpty()) {
            throw new IllegalArgumentException("Spark training does not carry a layer's state"
                    + " (batch normalisation's running statistics) between executors yet; the"
                    + " model " + spec.describe() + " has " + model.state().size()
                    + " state arrays. Train it with Training instead, or leave out batch-norm");
        }
    }

    /**
     * Prepares synchronous mini-batch SGD.
     *
     * @param sc        the Spark context
     * @param model     the driver's model, trained in place; its {@link Sequential#spec()} is
     *                  sent to the executors
     * @param optimizer any nn4j optimizer, applied on the driver
     * @return the training
     * @throws IllegalStateException if the model has too many parameters for one Java array
     */
    public static SparkTraining synchronous(JavaSparkContext sc, Sequential model,
                                            Optimizer optimizer) {
        return new SparkTraining(sc, model, Mode.SYNCHRONOUS,
                Objects.requireNonNull(optimizer, "optimizer"), null, 1);
    }

    /**
     * Prepares parameter averaging.
     *
     * @param sc             the Spark context
     * @param model          the driver's model, trained in place; its {@link Sequential#spec()}
     *                       is sent to the executors
     * @param localOptimizer the settings of each partition's optimizer, shipped to the
     *                       executors and {@link Optimizer#copy() copied} afresh every round;
     *                       its learning rate is the schedule's starting rate
     * @param localSteps     mini-batch steps per partition between two averagings, positive
     * @return the training
     * @throws IllegalArgumentException if {@code localSteps} is not positive
     */
    public static SparkTraining parameterAveraging(JavaSparkContext sc, Sequential model,
                                                   Optimizer localOptimizer,
                                                   int localSteps) {
        if (localSteps <= 0) {
            throw new IllegalArgumentException("local steps must be positive, got " + localSteps);
        }
        return new SparkTraining(sc, model, Mode.PARAMETER_AVERAGING, null,
                Objects.requireNonNull(localOptimizer, "localOptimizer"), localSteps);
    }

    /**
     * Sets the number of epochs (default 1).
     *
     * @param epochs positive
     * @return this
     */
    public SparkTraining epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be positive, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Sets the rows per mini-batch (default 32): of the global batch in synchronous SGD, of
     * each partition's local batch in parameter averaging. A size of at least the data's rows
     * makes synchronous SGD full-batch gradient descent.
     *
     * @param batchSize positive
     * @return this
     */
    public SparkTraining batchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        return this;
    }

    /**
     * Sets the learning-rate schedule (default constant), applied per epoch to the driver's
     * optimizer, or to the local optimizers.
     *
     * @param schedule the schedule
     * @return this
     */
    public SparkTraining schedule(LearningRateSchedule schedule) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        return this;
    }

    /**
     * Stops at the end of the first epoch whose training loss (nn4j's loss, before the
     * epoch's updates) is below this. Unset by default.
     *
     * @param targetLoss positive and finite
     * @return this
     */
    public SparkTraining targetLoss(double targetLoss) {
        if (!(targetLoss > 0.0) || Double.isInfinite(targetLoss)) {
            throw new IllegalArgumentException("target loss must be positive and finite, got "
                    + targetLoss);
        }
        this.targetLoss = targetLoss;
        return this;
    }

    /**
     * Sets the depth of the tree that adds the partitions' sums, as {@code treeAggregate}'s
     * (default 2, Spark's); deeper trees relieve the driver when there are many partitions.
     *
     * @param depth at least 1
     * @return this
     */
    public SparkTraining treeDepth(int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("tree depth must be at least 1, got " + depth);
        }
        this.treeDepth = depth;
        return this;
    }

    /**
     * Adds a listener; {@code onBatch} hears every Spark job (a step, or a round of local
     * steps), on the driver.
     *
     * @param listener the listener
     * @return this
     */
    public SparkTraining listener(EpochListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Writes a checkpoint into a directory after epochs {@code every}, {@code 2·every}, ...
     * (of the whole run, also when resumed), as {@code epoch-0002.nn4j.npz}, in the trainer's
     * checkpoint format ({@link org.nn4j.trainer.io.CheckpointFile}); {@link #resume} continues
     * the run from one, after a driver restart, to the weights of the uninterrupted run, bit
     * for bit. A checkpoint never replaces a file: a run that would write a file that exists
     * already is refused before its first job.
     *
     * @param every     epochs between checkpoints, positive
     * @param directory the directory, created if missing
     * @return this
     */
    public SparkTraining checkpoints(int every, Path directory) {
        checkpoints(every, SparkCheckpoints.toDirectory(Objects.requireNonNull(directory,
                "directory"), model));
        this.checkpointDirectory = directory;
        return this;
    }

    /**
     * Hands a checkpoint to a sink after every {@code every}-th epoch, as
     * {@link #checkpoints(int, Path)} writes them.
     *
     * @param every epochs between checkpoints, positive
     * @param sink  receives each checkpoint; an {@code IOException} stops training (as an
     *              {@code UncheckedIOException})
     * @return this
     */
    public SparkTraining checkpoints(int every, TrainingCheckpoint.CheckpointSink sink) {
        if (every <= 0) {
            throw new IllegalArgumentException("checkpoints must be every positive number of"
                    + " epochs, got " + every);
        }
        this.checkpointEvery = every;
        this.checkpointSink = Objects.requireNonNull(sink, "sink");
        this.checkpointDirectory = null;
        return this;
    }

    /**
     * Continues a run from its checkpoint (after a driver restart, say): puts its parameters
     * in the model and its optimizer state in the driver's optimizer, and trains the remaining
     * epochs; the weights it ends with are bit for bit those of the run that was not
     * interrupted. It must be set up as the run was (optimizer and its settings, a fresh
     * optimizer; schedule, batch size, mode, tree depth; the same blocks, in the same
     * partitions; the model's architecture and precision); only the epochs may be more.
     * Everything is checked before anything changes. The history includes the checkpoint's
     * epochs.
     *
     * @param checkpoint the checkpoint ({@code CheckpointFile.load(file).checkpoint()})
     * @param train      the run's training blocks
     * @param test       the evaluation set, or {@code null}
     * @return the history of the whole run
     * @throws IllegalArgumentException naming each setting that differs, with both values
     */
    public TrainingHistory resume(TrainingCheckpoint checkpoint, JavaRDD<DataBlock> train,
                                  DataSet test) {
        Objects.requireNonNull(checkpoint, "checkpoint");
        return run(train, test, Rng.restore(checkpoint.rng()), checkpoint);
    }

    /**
     * Distributes a driver-side data set over the context's default parallelism, trains,
     * and releases the blocks.
     *
     * @param train the training set
     * @param test  the evaluation set, or {@code null}
     * @param rng   the generator the shuffles' seed is drawn from
     * @return the history
     */
    public TrainingHistory fit(DataSet train, DataSet test, Rng rng) {
        checkFits(train, "training set");
        Map<String, Object> settings = settings();
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, train, sc.defaultParallelism());
        TrainingHistory history;
        try {
            history = fit(blocks, test, rng);
        } finally {
            blocks.unpersist(false);
        }
        model.recordTraining(TrainingRecord.builder(model, settings, train, history)
                .build(train.name()));
        return history;
    }

    /**
     * Returns the training's settings, each reported by its owner, for a model's provenance:
     * as {@code Training.settings()} (the optimizer, driver's or local, and its settings, the
     * schedule's, {@code epochs}, {@code batch_size}), then {@code spark_mode} and, for
     * parameter averaging, {@code local_steps}.
     *
     * @return the settings, in order
     */
    public Map<String, Object> settings() {
        Map<String, Object> settings = Training.settings(mode == Mode.SYNCHRONOUS ? optimizer
                : localOptimizer, schedule, epochs, batchSize);
        settings.put("spark_mode", mode == Mode.SYNCHRONOUS ? "synchronous" : "parameter-averaging");
        if (mode == Mode.PARAMETER_AVERAGING) {
            settings.put("local_steps", localSteps);
        }
        return settings;
    }

    /**
     * Trains on blocks of examples. Unlike {@link #fit(DataSet, DataSet, Rng)}, it does not
     * record the training on the model (there is no driver-side data set to name): call
     * {@link Sequential#recordTraining} with a record of {@link #settings()} if the model will
     * be saved.
     *
     * @param train the training blocks (cache them); at least one row
     * @param test  the evaluation set, on the driver, or {@code null}
     * @param rng   the generator the shuffles' seed is drawn from
     * @return the history
     * @throws IllegalArgumentException if the blocks are empty or do not fit the model
     */
    public TrainingHistory fit(JavaRDD<DataBlock> train, DataSet test, Rng rng) {
        Objects.requireNonNull(rng, "rng");
        return run(train, test, rng, null);
    }

    private TrainingHistory run(JavaRDD<DataBlock> train, DataSet test, Rng rng,
                                TrainingCheckpoint from) {
        Objects.requireNonNull(train, "train");
        if (test != null) {
            checkFits(test, "test set");
        }
        int[] sizes = blockSizes(train);
        long total = 0;
        int largest = 0;
        for (int s : sizes) {
            total += s;
            largest = Math.max(largest, s);
        }
        if (total == 0) {
            throw new IllegalArgumentException("the training blocks hold no example");
        }
        SparkCheckpoints checkpoints = checkpointSink == null && from == null ? null
                : new SparkCheckpoints(settings(), model, train, sizes, treeDepth);
        int first = from == null ? 0 : from.epochsCompleted();
        if (checkpointDirectory != null) {
            SparkCheckpoints.refuseExisting(checkpointDirectory, checkpointEvery, first, epochs);
        }
        if (checkpoints != null && from != null) {
            checkpoints.restore(from, model, optimizer, epochs);
        }
        Rng.State start = rng.state();
        long seed = ((long) rng.nextInt(Integer.MAX_VALUE) << 31) ^ rng.nextInt(Integer.MAX_VALUE);
        int jobs = mode == Mode.SYNCHRONOUS
                ? (int) Math.min(Integer.MAX_VALUE, (total + batchSize - 1) / batchSize)
                : ceilDiv(ceilDiv(largest, batchSize), localSteps);
        double initialRate = (mode == Mode.SYNCHRONOUS ? optimizer : localOptimizer).learningRate();
        List<EpochSummary> history = new ArrayList<>(from == null ? List.of() : from.history());
        for (int epoch = first; epoch < epochs; epoch++) {
            double rate = schedule.rate(initialRate, epoch);
            if (optimizer != null) {
                optimizer.setLearningRate(rate);
            }
            for (EpochListener l : listeners) {
                l.onEpochStart(epoch, epochs, jobs, rate);
            }
            EpochClock clock = new EpochClock();
            double lossSum = 0.0;
            long rowsSum = 0;
            for (int job = 0; job < jobs; job++) {
                double[] sum = mode == Mode.SYNCHRONOUS
                        ? synchronousStep(train, seed, epoch, job, jobs)
                        : averagingRound(train, seed, epoch, job, rate);
                if (sum == null) {
                    continue; // no block had rows for this job
                }
                double rows = sum[sum.length - 1];
                double loss = sum[sum.length - 2] / rows;
                if (!Double.isFinite(loss)) {
                    return new TrainingHistory(history, false, "training diverged at epoch "
                            + (epoch + 1) + " of " + epochs + ", " + (mode == Mode.SYNCHRONOUS
                            ? "step " : "averaging round ") + (job + 1) + " of " + jobs
                            + ": the loss is " + loss + " (learning rate " + rate + "); that "
                            + (mode == Mode.SYNCHRONOUS ? "step's update" : "round's average")
                            + " was not applied");
                }
                lossSum += loss * rows;
                rowsSum += (long) rows;
                for (EpochListener l : listeners) {
                    l.onBatch(epoch, job + 1, jobs, loss);
                }
            }
            clock.trainingDone();
            double trainLoss = lossSum / rowsSum;
            EpochSummary summary = clock.summarize(epoch, rate, trainLoss, model, test);
            history.add(summary);
            for (EpochListener l : listeners) {
                l.onEpochEnd(summary);
            }
            if (checkpointSink != null && (epoch + 1) % checkpointEvery == 0) {
                try {
                    checkpointSink.accept(checkpoints.make(epoch + 1, model, optimizer, start,
                            history));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep the checkpoint after epoch "
                            + (epoch + 1) + ": " + e.getMessage(), e);
                }
            }
            if (trainLoss < targetLoss) {
                return new TrainingHistory(history, true, "reached the target loss "
                        + targetLoss + " at epoch " + (epoch + 1));
            }
        }
        return new TrainingHistory(history, true, "completed " + epochs
                + (epochs == 1 ? " epoch" : " epochs"));
    }

    /**
     * Computes, in one Spark job, the loss and the gradient of the driver model's current
     * parameters over every row of the blocks, as one synchronous full-batch step does; the
     * parameters are not changed.
     *
     * @param data the blocks
     * @return the mean loss, the rows, and the mean gradient as a {@link ParameterVector}
     */
    public Gradient gradient(JavaRDD<DataBlock> data) {
        double[] sum = synchronousSum(data, 0L, 0, 0, 1);
        int p = ParameterVector.length(spec);
        if (sum.length == 0 || sum[p + 1] == 0) {
            throw new IllegalArgumentException("the blocks hold no example");
        }
        double rows = sum[p + 1];
        double[] gradient = new double[p];
        for (int i = 0; i < p; i++) {
            gradient[i] = sum[i] / rows;
        }
        return new Gradient(sum[p] / rows, (long) rows, gradient);
    }

    /**
     * The result of {@link #gradient}.
     *
     * @param loss     the mean loss over the rows
     * @param rows     the examples summed over
     * @param gradient the mean gradient, in {@link ParameterVector} order
     */
    public record Gradient(double loss, long rows, double[] gradient) {
    }

    /** One synchronous step; returns the summed vector (null if no rows) after updating. */
    private double[] synchronousStep(JavaRDD<DataBlock> data, long seed, int epoch, int step,
                                     int steps) {
        double[] sum = synchronousSum(data, seed, epoch, step, steps);
        int p = ParameterVector.length(spec);
        if (sum.length == 0 || sum[p + 1] == 0) {
            return null;
        }
        double rows = sum[p + 1];
        if (Double.isFinite(sum[p])) {
            LinearAlgebra la = model.backend().linearAlgebra();
            // The mean gradient over the global batch: Σ rows_k·g_k / Σ rows_k.
            double[] mean = new double[p];
            for (int i = 0; i < p; i++) {
                mean[i] = sum[i] / rows;
            }
            List<Parameter> parameters = model.parameters();
            ParameterVector.setGradients(la, mean, 0, parameters);
            optimizer.step(la, parameters);
        }
        return sum;
    }

    private double[] synchronousSum(JavaRDD<DataBlock> data, long seed, int epoch, int step,
                                    int steps) {
        Broadcast<double[]> parameters = broadcastParameters();
        try {
            return OrderedSum.of(data, new GradientSum(spec, backendName(),
                    model.precision(), parameters, seed, epoch, step, steps), treeDepth);
        } finally {
            parameters.destroy();
        }
    }

    /** One round of parameter averaging; returns the summed vector (null if no rows). */
    private double[] averagingRound(JavaRDD<DataBlock> data, long seed, int epoch, int round,
                                    double rate) {
        Broadcast<double[]> parameters = broadcastParameters();
        double[] sum;
        try {
            sum = OrderedSum.of(data, new LocalStepsSum(spec, backendName(),
                            model.precision(), parameters, localOptimizer, rate, seed, epoch, round, localSteps,
                            batchSize), treeDepth);
        } finally {
            parameters.destroy();
        }
        int p = ParameterVector.length(spec);
        if (sum.length == 0 || sum[p + 1] == 0) {
            return sum.length == 0 || Double.isFinite(sum[p]) ? null : sum;
        }
        if (Double.isFinite(sum[p])) {
            double rows = sum[p + 1];
            double[] average = new double[p];
            for (int i = 0; i < p; i++) {
                average[i] = sum[i] / rows;
            }
            ParameterVector.setValues(model.backend().linearAlgebra(), average, 0,
                    model.parameters());
        }
        return sum;
    }

    private Broadcast<double[]> broadcastParameters() {
        return sc.broadcast(ParameterVector.values(model.backend().linearAlgebra(),
                model.parameters()));
    }

    private String backendName() {
        return model.backend().name();
    }

    private int[] blockSizes(JavaRDD<DataBlock> blocks) {
        List<int[]> shapes = blocks.map(new BlockShape()).collect();
        int[] sizes = new int[shapes.size()];
        for (int i = 0; i < sizes.length; i++) {
            int[] s = shapes.get(i);
            if (s[1] != spec.inputSize() || s[2] != spec.outputSize()) {
                throw new IllegalArgumentException("training block " + i + " has " + s[1]
                        + " features and " + s[2] + " targets per example but the model takes "
                        + spec.inputSize() + " inputs and has " + spec.outputSize() + " outputs");
            }
            sizes[i] = s[0];
        }
        return sizes;
    }

    /** A block's rows, features and targets: all the driver needs to plan an epoch. */
    private static final class BlockShape implements
            org.apache.spark.api.java.function.Function<DataBlock, int[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public int[] call(DataBlock block) {
            return new int[] {block.rows(), block.featureCount(), block.targetCount()};
        }
    }

    private void checkFits(DataSet data, String role) {
        Objects.requireNonNull(data, role);
        if (data.featureCount() != model.inputSize() || data.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("the " + role + " has " + data.featureCount()
                    + " features and " + data.targetCount() + " targets per example but the"
                    + " model takes " + model.inputSize() + " inputs and has "
                    + model.outputSize() + " outputs");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the " + role + " is empty");
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

}
