package org.nn4j.trainer.regression;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.trainer.LastGoodParameters;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.BatchSampler;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * Trains the numpy tutorial's linear regression on a backend, step for step as the tutorial
 * does: one fully connected layer, mean squared error, SGD on mini-batches of consecutive
 * rows from a random start.
 *
 * <p><b>Stopping.</b> Training stops when the first of these holds:
 * <ul>
 *   <li><em>converged</em>: the mini-batch loss, as the tutorial prints it, is below the
 *       target, <b>and</b> the loss over the whole training set, measured with the updated
 *       parameters, is below it too. The tutorial checks only the first: a one-row batch can
 *       be fitted exactly while the parameters are still off (numpy's seed 10 stops so, with
 *       {@code b} off by 1.3e-4). An unconfirmed stop is counted and training goes on.
 *       {@link Config#confirmOnTrainingSet()} {@code false} restores the tutorial's rule.</li>
 *   <li><em>step cap</em>: {@link Config#maxSteps()} steps were taken.</li>
 *   <li><em>diverged</em>: the loss is NaN or infinite (the non-finite gradient is not
 *       applied), or an update made a weight NaN or infinite (it is undone: see
 *       {@link LastGoodParameters}). Either way the weights are those of the step before, the
 *       last finite ones, and the result's message names the step.</li>
 *   <li><em>interrupted</em>: the thread was {@linkplain Thread#interrupt() interrupted}. The
 *       flag is checked before each step, so training stops at a step boundary with the
 *       weights of the last completed step; the flag is left set for the caller to see.</li>
 * </ul>
 *
 * <p><b>Bad input</b> is refused before anything is trained, with an
 * {@link IllegalArgumentException} naming the value: an empty data set, a batch larger than
 * the data set, initial weights of the wrong size or not finite (NaN and infinities in the
 * data are refused by {@link DataSet} itself; the learning rate and the other settings by
 * {@link Config}).</p>
 *
 * <p><b>Precision: float64 only.</b> The tutorial's target loss, 1e-15, is below what float32
 * can resolve (its unit round-off is 2<sup>-24</sup>, about 6e-8 relative), so a backend
 * instance in any other precision is refused when the training is prepared.
 *
 * <p>Randomness: a {@link Rng} seeded with {@link Config#seed()} is split into three
 * streams, for the data, the initial weights (standard normal; bias zero) and the batch
 * starts, so every backend trains on the same numbers.
 *
 * <p><b>Threads.</b> An instance is not thread-safe: it runs on one thread at a time. It may
 * be {@linkplain #run() run} more than once; each run starts afresh with its own layer, loss
 * buffers and optimizer. Separate instances may run on separate threads at once, sharing one
 * {@link Backend}: the results are bit-identical to running them one after another (tested
 * on every backend).
 */
public final class LinearRegressionTraining {

    /**
     * Why the tutorial refuses a precision other than float64; {@code %s} are the backend's
     * name and the precision asked for.
     */
    public static final String PRECISION_REFUSAL = "the tutorial's linear regression trains in"
            + " float64 only: its target loss of 1e-15 is below what %2$s can resolve (unit"
            + " round-off 2^-24, about 6e-8 relative), so it would never converge; run it on"
            + " backend '%1$s' in float64";

    private final Backend backend;
    private final Config config;
    private TrainingListener listener;
    private long progressEvery;

    /**
     * Prepares a training run.
     *
     * @param backend the backend that computes, in float64
     * @param config  the hyper-parameters
     * @throws IllegalArgumentException if the backend computes in another precision than
     *                                  float64 (the tutorial's target is below float32's
     *                                  resolution)
     */
    public LinearRegressionTraining(Backend backend, Config config) {
        this.backend = Objects.requireNonNull(backend, "backend");
        if (backend.precision() != Precision.F64) {
            throw new IllegalArgumentException(PRECISION_REFUSAL.formatted(backend.name(),
                    backend.precision()));
        }
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Sets a listener called every {@code every} steps.
     *
     * @param listener the listener
     * @param every    the period in steps, positive
     * @return this
     */
    public LinearRegressionTraining listener(TrainingListener listener, long every) {
        if (every <= 0) {
            throw new IllegalArgumentException("progress period must be positive, got " + every);
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        this.progressEvery = every;
        return this;
    }

    /**
     * Runs the tutorial: generates the data and the initial weights from the seed, then trains.
     *
     * @return the result
     */
    public Result run() {
        Rng root = new Rng(config.seed());
        Rng dataRng = root.split();
        Rng initRng = root.split();
        Rng batchRng = root.split();
        DataSet data = LinearRegressionProblem.generate(dataRng);
        double[] w0 = initRng.gaussians(LinearRegressionProblem.FEATURES
                * LinearRegressionProblem.OUTPUTS);
        double[] b0 = new double[LinearRegressionProblem.OUTPUTS];
        return run(data, w0, b0, BatchSampler.randomStart(data.size(), batchRng));
    }

    /**
     * Trains a fully connected layer on given data from given weights, with given batches.
     *
     * @param data           the training set, at least one example and at least
     *                       {@link Config#batchSize()} of them
     * @param initialWeights {@code features x targets}, row-major, finite
     * @param initialBias    {@code targets} values, finite
     * @param sampler        where each batch starts
     * @return the result
     * @throws IllegalArgumentException naming the problem if the data set is empty or smaller
     *                                  than a batch, or the initial parameters do not fit it
     *                                  or are not finite; nothing is trained then
     */
    public Result run(DataSet data, double[] initialWeights, double[] initialBias,
                      BatchSampler sampler) {
        checkInputs(data, initialWeights, initialBias, sampler);
        Run run = new Run(data, initialWeights, initialBias);
        long started = System.nanoTime();
        while (run.reason == null && run.step < config.maxSteps()) {
            run.step(sampler.nextStart());
        }
        return run.result((System.nanoTime() - started) / 1e9);
    }

    private void checkInputs(DataSet data, double[] initialWeights, double[] initialBias,
                             BatchSampler sampler) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(initialWeights, "initialWeights");
        Objects.requireNonNull(initialBias, "initialBias");
        Objects.requireNonNull(sampler, "sampler");
        if (data.size() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        if (config.batchSize() > data.size()) {
            throw new IllegalArgumentException("batch size " + config.batchSize()
                    + " is larger than the data set's " + data.size() + " examples");
        }
        int in = data.featureCount();
        int out = data.targetCount();
        if (initialWeights.length != (long) in * out) {
            throw new IllegalArgumentException("the data set has " + in + " features and " + out
                    + " targets, so the weights are " + in + "x" + out + " = " + in * out
                    + " values; got " + initialWeights.length + " initial weights");
        }
        if (initialBias.length != out) {
            throw new IllegalArgumentException("the data set has " + out + " targets, so the"
                    + " bias has " + out + " values; got " + initialBias.length);
        }
    }

    /** One run: the layer, its optimizer, the batch buffers and where training stands. */
    private final class Run {
        private final LinearAlgebra la = backend.linearAlgebra();
        private final DataSet data;
        /** The data set's rows, copied once: the batches are cut from these. */
        private final double[] features;
        private final double[] targets;
        private final int in;
        private final int out;
        private final Layer layer;
        private final Loss loss = backend.meanSquaredError();
        private final StochasticGradientDescent sgd =
                StochasticGradientDescent.withLearningRate(config.learningRate());
        private final List<Parameter> parameters;
        private final LastGoodParameters lastGood;
        // One set of batch buffers per batch size, so a short batch costs no allocation later.
        private final Matrix[] xs = new Matrix[config.batchSize() + 1];
        private final Matrix[] ts = new Matrix[config.batchSize() + 1];
        private final Matrix[] gs = new Matrix[config.batchSize() + 1];
        private final Matrix allX;
        private final Matrix allT;
        private long step;
        private long unconfirmed;
        private double batchLoss = Double.NaN;
        private StopReason reason;
        private String message;

        Run(DataSet data, double[] initialWeights, double[] initialBias) {
            this.data = data;
            this.in = data.featureCount();
            this.out = data.targetCount();
            this.layer = backend.dense(la.fromRowMajor(in, out, initialWeights),
                    la.fromRowMajor(1, out, initialBias));
            this.parameters = layer.parameters();
            this.lastGood = new LastGoodParameters(la, parameters);
            this.features = data.copyOfFeatures();
            this.targets = data.copyOfTargets();
            this.allX = la.fromRowMajor(data.size(), in, features);
            this.allT = la.fromRowMajor(data.size(), out, targets);
        }

        /** Takes one step on the batch at {@code start}, or sets why training stops. */
        void step(int start) {
            if (Thread.currentThread().isInterrupted()) {
                // Not Thread.interrupted(): the flag stays set for the caller.
                stop(StopReason.INTERRUPTED, "interrupted after step " + step + "; the"
                        + " parameters are those of step " + step);
                return;
            }
            int rows = load(start);
            double value = loss.valueAndGradient(layer.forward(xs[rows]), ts[rows], gs[rows]);
            step++;
            if (!Double.isFinite(value)) {
                stop(StopReason.DIVERGED, "training diverged at step " + step + ": the loss is "
                        + value + " (learning rate " + config.learningRate() + "); the"
                        + " parameters are those of step " + (step - 1));
                return;
            }
            layer.backward(gs[rows]);
            sgd.step(la, parameters);
            String nonFinite = lastGood.accept();
            if (nonFinite != null) {
                stop(StopReason.DIVERGED, "training diverged at step " + step + ": after its"
                        + " update " + nonFinite + " (learning rate " + config.learningRate()
                        + "); the update was undone, the parameters are those of step "
                        + (step - 1));
                return;
            }
            batchLoss = value;
            if (listener != null && step % progressEvery == 0) {
                listener.onProgress(progress(step, value, parameters));
            }
            checkConverged(value);
        }

        /** Copies the batch at {@code start} into the buffers of its size; returns its rows. */
        private int load(int start) {
            int rows = Math.min(config.batchSize(), data.size() - start);
            if (xs[rows] == null) {
                xs[rows] = la.zeros(rows, in);
                ts[rows] = la.zeros(rows, out);
                gs[rows] = la.zeros(rows, out);
            }
            la.copyFromRowMajor(features, start * in, xs[rows]);
            la.copyFromRowMajor(targets, start * out, ts[rows]);
            return rows;
        }

        private void checkConverged(double value) {
            double target = config.targetLoss();
            if (2.0 * value < target) {
                if (!config.confirmOnTrainingSet()
                        || 2.0 * loss.value(layer.forward(allX), allT) < target) {
                    stop(StopReason.CONVERGED, "converged at step " + step);
                    return;
                }
                unconfirmed++;
            }
        }

        private void stop(StopReason why, String what) {
            reason = why;
            message = what;
        }

        Result result(double seconds) {
            if (reason == null) {
                stop(StopReason.STEP_CAP, "stopped at the step cap of " + config.maxSteps()
                        + " without converging");
            }
            double trainingSetLoss = loss.value(layer.forward(allX), allT);
            return new Result(backend.name(), config, reason, message, step, batchLoss,
                    trainingSetLoss, unconfirmed, parameters.get(0).value().toRowMajor(),
                    parameters.get(1).value().toRowMajor(), seconds);
        }
    }

    private static TrainingListener.Progress progress(long step, double loss,
                                                      List<Parameter> parameters) {
        return new TrainingListener.Progress(step, loss, parameters.get(0).value().toRowMajor(),
                parameters.get(1).value().toRowMajor());
    }

    /**
     * The hyper-parameters of the tutorial's training.
     *
     * @param seed                 seeds data, initial weights and batches
     * @param learningRate         SGD step size, positive and finite; tutorial 0.01
     * @param batchSize            rows per batch, positive; tutorial 2
     * @param targetLoss           stop below this loss as the tutorial prints it; tutorial 1e-15
     * @param maxSteps             step cap, positive
     * @param confirmOnTrainingSet whether a stop must be confirmed on the whole training set
     */
    public record Config(long seed, double learningRate, int batchSize, double targetLoss,
                         long maxSteps, boolean confirmOnTrainingSet) {

        /** The default step cap: ten times the slowest of numpy's runs over 100 seeds. */
        public static final long DEFAULT_MAX_STEPS = 200_000;

        /**
         * Checks the values.
         *
         * @param seed                 seeds data, initial weights and batches
         * @param learningRate         SGD step size, positive and finite
         * @param batchSize            rows per batch, positive
         * @param targetLoss           stop below this loss, positive and finite
         * @param maxSteps             step cap, positive
         * @param confirmOnTrainingSet whether a stop must be confirmed on the training set
         * @throws IllegalArgumentException naming the value that is out of range
         */
        public Config {
            if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite,"
                        + " got " + learningRate);
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batch size must be positive, got "
                        + batchSize);
            }
            if (!(targetLoss > 0.0) || Double.isInfinite(targetLoss)) {
                throw new IllegalArgumentException("target loss must be positive and finite,"
                        + " got " + targetLoss);
            }
            if (maxSteps <= 0) {
                throw new IllegalArgumentException("step cap must be positive, got " + maxSteps);
            }
        }

        /**
         * Returns the tutorial's settings with seed 0 and the default step cap.
         *
         * @return the tutorial's settings with seed 0 and the default step cap
         */
        public static Config tutorial() {
            return new Config(0, 0.01, 2, 1e-15, DEFAULT_MAX_STEPS, true);
        }

        /**
         * Returns a copy with another seed.
         *
         * @param value the seed
         * @return a copy with another seed
         */
        public Config withSeed(long value) {
            return new Config(value, learningRate, batchSize, targetLoss, maxSteps,
                    confirmOnTrainingSet);
        }

        /**
         * Returns a copy with another learning rate.
         *
         * @param value the learning rate, positive and finite
         * @return a copy with another learning rate
         */
        public Config withLearningRate(double value) {
            return new Config(seed, value, batchSize, targetLoss, maxSteps, confirmOnTrainingSet);
        }

        /**
         * Returns a copy with another batch size.
         *
         * @param value the batch size, positive
         * @return a copy with another batch size
         */
        public Config withBatchSize(int value) {
            return new Config(seed, learningRate, value, targetLoss, maxSteps,
                    confirmOnTrainingSet);
        }

        /**
         * Returns a copy with another target loss.
         *
         * @param value the target loss, positive and finite
         * @return a copy with another target loss
         */
        public Config withTargetLoss(double value) {
            return new Config(seed, learningRate, batchSize, value, maxSteps,
                    confirmOnTrainingSet);
        }

        /**
         * Returns a copy with another step cap.
         *
         * @param value the step cap, positive
         * @return a copy with another step cap
         */
        public Config withMaxSteps(long value) {
            return new Config(seed, learningRate, batchSize, targetLoss, value,
                    confirmOnTrainingSet);
        }

        /**
         * Returns a copy that does, or does not, confirm a stop on the training set.
         *
         * @param value whether a stop must be confirmed on the training set
         * @return a copy with that choice
         */
        public Config withConfirmOnTrainingSet(boolean value) {
            return new Config(seed, learningRate, batchSize, targetLoss, maxSteps, value);
        }
    }

    /**
     * The outcome of a run.
     *
     * @param backend          the backend's name
     * @param config           the hyper-parameters
     * @param stopReason       why it stopped
     * @param message          the same, in a sentence
     * @param steps            steps taken, the last one included
     * @param loss             the last finite mini-batch loss (nn4j's MSE, before its update)
     *                         whose update was kept; NaN if there was none
     * @param trainingSetLoss  the loss over the whole training set at the end
     * @param unconfirmedStops how often the mini-batch rule said stop and the training set
     *                         did not agree
     * @param weights          final weights, row-major: after diverging, the last finite
     *                         ones; after an interruption, those of the last completed step
     * @param bias             final bias, likewise
     * @param seconds          wall time of the training loop
     */
    public record Result(String backend, Config config, StopReason stopReason, String message,
                         long steps, double loss, double trainingSetLoss, long unconfirmedStops,
                         double[] weights, double[] bias, double seconds) {

        /**
         * Returns whether training converged.
         *
         * @return whether training converged
         */
        public boolean converged() {
            return stopReason == StopReason.CONVERGED;
        }

        /**
         * Returns the run's settings and how it stopped, for a model's provenance:
         * {@code optimizer} ({@code sgd}), {@code learning_rate}, {@code batch_size},
         * {@code target_loss}, {@code max_steps}, {@code confirm_on_training_set},
         * {@code steps} and {@code stop_reason}.
         *
         * @return the settings, in order
         */
        public java.util.Map<String, Object> settings() {
            java.util.Map<String, Object> settings = new java.util.LinkedHashMap<>();
            settings.put("optimizer", "sgd");
            settings.put(Optimizer.LEARNING_RATE, config.learningRate());
            settings.put("batch_size", config.batchSize());
            settings.put("target_loss", config.targetLoss());
            settings.put("max_steps", config.maxSteps());
            settings.put("confirm_on_training_set", config.confirmOnTrainingSet());
            settings.put("steps", steps);
            settings.put("stop_reason", stopReason.name().toLowerCase(java.util.Locale.ROOT));
            return settings;
        }

        /**
         * Returns the last mini-batch loss as the tutorial prints it, twice {@link #loss()}.
         *
         * @return the last mini-batch loss as the tutorial prints it
         */
        public double tutorialLoss() {
            return 2.0 * loss;
        }

        /**
         * Returns whether the weights match the truth by numpy's {@code allclose}.
         *
         * @return whether the weights are close to the truth
         */
        public boolean weightsAllClose() {
            return AllClose.allClose(weights, LinearRegressionProblem.trueWeights());
        }

        /**
         * Returns whether the bias matches the truth by numpy's {@code allclose}.
         *
         * @return whether the bias is close to the truth
         */
        public boolean biasAllClose() {
            return AllClose.allClose(bias, LinearRegressionProblem.trueBias());
        }
    }
}
