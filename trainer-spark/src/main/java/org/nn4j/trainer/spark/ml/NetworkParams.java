package org.nn4j.trainer.spark.ml;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;

/**
 * The Spark ML parameters of an nn4j network estimator: the network ({@code hiddenLayers},
 * {@code activation}), the optimizer ({@code optimizer}, {@code learningRate}), the training
 * ({@code epochs}, {@code batchSize}, {@code seed}, {@code trainingMode}, {@code localSteps})
 * and where it computes ({@code backend}, {@code precision}). Each is a Spark {@link Param},
 * so {@code ParamGridBuilder} can vary it and {@code CrossValidator} search it.
 *
 * @param <S> the estimator, which the setters return
 */
public interface NetworkParams<S extends NetworkParams<S>> extends Params {

    /**
     * Returns this stage's parameter objects (Spark lists a stage's {@code Param}s by its
     * public methods below; this one is not a {@code Param}).
     *
     * @return the set
     */
    NetworkParamSet networkParamSet();

    /** @return the sizes of the hidden dense layers, input side first */
    default IntArrayParam hiddenLayers() {
        return networkParamSet().hiddenLayers;
    }

    /** @return the hidden layers' activation: relu, leaky-relu, tanh or sigmoid */
    default Param<String> activation() {
        return networkParamSet().activation;
    }

    /** @return the optimizer's name: sgd, momentum, adagrad, rmsprop, adam or adamw */
    default Param<String> optimizer() {
        return networkParamSet().optimizer;
    }

    /** @return the learning rate; unset: the optimizer's default */
    default DoubleParam learningRate() {
        return networkParamSet().learningRate;
    }

    /** @return the passes over the data */
    default IntParam epochs() {
        return networkParamSet().epochs;
    }

    /** @return the rows per mini-batch */
    default IntParam batchSize() {
        return networkParamSet().batchSize;
    }

    /** @return the seed of the initial weights and the shuffles */
    default LongParam seed() {
        return networkParamSet().seed;
    }

    /** @return the backend's name; empty for nn4j's default choice */
    default Param<String> backend() {
        return networkParamSet().backend;
    }

    /** @return f64 or f32 */
    default Param<String> precision() {
        return networkParamSet().precision;
    }

    /** @return synchronous or parameter-averaging */
    default Param<String> trainingMode() {
        return networkParamSet().trainingMode;
    }

    /** @return the local steps per averaging round */
    default IntParam localSteps() {
        return networkParamSet().localSteps;
    }

    /** @return the hidden layers' sizes */
    default int[] getHiddenLayers() {
        return getOrDefault(hiddenLayers());
    }

    /** @return the activation's name */
    default String getActivation() {
        return getOrDefault(activation());
    }

    /** @return the optimizer's name */
    default String getOptimizer() {
        return getOrDefault(optimizer());
    }

    /** @return the learning rate, or NaN when unset (the optimizer's default applies) */
    default double getLearningRate() {
        return isDefined(learningRate()) ? (Double) getOrDefault(learningRate()) : Double.NaN;
    }

    /** @return the epochs */
    default int getEpochs() {
        return (Integer) getOrDefault(epochs());
    }

    /** @return the batch size */
    default int getBatchSize() {
        return (Integer) getOrDefault(batchSize());
    }

    /** @return the seed */
    default long getSeed() {
        return (Long) getOrDefault(seed());
    }

    /** @return the backend's name, or empty */
    default String getBackend() {
        return getOrDefault(backend());
    }

    /** @return the precision, f64 or f32 */
    default String getPrecision() {
        return getOrDefault(precision());
    }

    /** @return synchronous or parameter-averaging */
    default String getTrainingMode() {
        return getOrDefault(trainingMode());
    }

    /** @return the local steps per averaging round */
    default int getLocalSteps() {
        return (Integer) getOrDefault(localSteps());
    }

    /**
     * @param sizes positive sizes, input side first; none for a linear model
     * @return this
     */
    default S setHiddenLayers(int... sizes) {
        return self(set(hiddenLayers(), sizes));
    }

    /**
     * @param name relu, leaky-relu, tanh or sigmoid
     * @return this
     */
    default S setActivation(String name) {
        return self(set(activation(), name));
    }

    /**
     * @param name sgd, momentum, adagrad, rmsprop, adam or adamw
     * @return this
     */
    default S setOptimizer(String name) {
        return self(set(optimizer(), name));
    }

    /**
     * @param rate positive
     * @return this
     */
    default S setLearningRate(double rate) {
        return self(set(learningRate(), rate));
    }

    /**
     * @param epochs at least 1
     * @return this
     */
    default S setEpochs(int epochs) {
        return self(set(epochs(), epochs));
    }

    /**
     * @param rows at least 1
     * @return this
     */
    default S setBatchSize(int rows) {
        return self(set(batchSize(), rows));
    }

    /**
     * @param seed any
     * @return this
     */
    default S setSeed(long seed) {
        return self(set(seed(), seed));
    }

    /**
     * @param name a backend's name, such as ejml; empty for nn4j's default choice
     * @return this
     */
    default S setBackend(String name) {
        return self(set(backend(), name));
    }

    /**
     * @param precision f64 or f32
     * @return this
     */
    default S setPrecision(String precision) {
        return self(set(precision(), precision));
    }

    /**
     * @param mode synchronous or parameter-averaging
     * @return this
     */
    default S setTrainingMode(String mode) {
        return self(set(trainingMode(), mode));
    }

    /**
     * @param steps at least 1
     * @return this
     */
    default S setLocalSteps(int steps) {
        return self(set(localSteps(), steps));
    }

    @SuppressWarnings("unchecked")
    private S self(Params p) {
        return (S) p;
    }
}
