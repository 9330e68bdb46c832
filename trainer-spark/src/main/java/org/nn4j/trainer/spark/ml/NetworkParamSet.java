package org.nn4j.trainer.spark.ml;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntArrayParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.HiddenActivations;
import org.nn4j.trainer.optim.Optimizers;
import scala.Function1;

/**
 * The Spark ML {@link Param}s of an nn4j network, one set per estimator (a {@code Param}
 * belongs to one stage's uid), with their defaults. Users reach them through
 * {@link NetworkParams}.
 */
public final class NetworkParamSet implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The activations a hidden layer can have. */
    static final List<String> ACTIVATIONS = HiddenActivations.NAMES;
    /** The training modes, as {@code SparkTraining} offers them. */
    static final List<String> MODES = List.of("synchronous", "parameter-averaging");

    final IntArrayParam hiddenLayers;
    final Param<String> activation;
    final Param<String> optimizer;
    final DoubleParam learningRate;
    final IntParam epochs;
    final IntParam batchSize;
    final LongParam seed;
    final Param<String> backend;
    final Param<String> precision;
    final Param<String> trainingMode;
    final IntParam localSteps;

    NetworkParamSet(Params owner) {
        hiddenLayers = new IntArrayParam(owner, "hiddenLayers", "the sizes of the hidden dense"
                + " layers, input side first; empty for a linear model (default [64])",
                validator((int[] sizes) -> {
                    for (int s : sizes) {
                        if (s <= 0) {
                            return false;
                        }
                    }
                    return true;
                }));
        activation = new Param<>(owner, "activation", "the hidden layers' activation: "
                + String.join(", ", ACTIVATIONS) + " (default relu)",
                validator((String a) -> ACTIVATIONS.contains(a.toLowerCase(Locale.ROOT))));
        optimizer = new Param<>(owner, "optimizer", "the optimizer: " + Optimizers.choices()
                + " (default adam)",
                validator((String o) -> Optimizers.names().contains(o.toLowerCase(Locale.ROOT))));
        learningRate = new DoubleParam(owner, "learningRate", "the optimizer's learning rate,"
                + " positive; unset: the optimizer's default (adam 0.001, sgd 0.1, ...)",
                ParamValidators.gt(0.0));
        epochs = new IntParam(owner, "epochs", "passes over the training data, at least 1"
                + " (default 10)", ParamValidators.gtEq(1.0));
        batchSize = new IntParam(owner, "batchSize", "rows per mini-batch: of the global batch"
                + " in synchronous mode, of each partition's batch in parameter averaging; at"
                + " least 1 (default 128)", ParamValidators.gtEq(1.0));
        seed = new LongParam(owner, "seed", "the seed of the initial weights and of the"
                + " shuffles (default 0)");
        backend = new Param<>(owner, "backend", "the nn4j backend's name, such as ejml; empty:"
                + " nn4j's default choice on the driver (nn4j.backend, NN4J_BACKEND, else the"
                + " highest priority available), whose name the executors then use (default empty)");
        precision = new Param<>(owner, "precision", "the precision the network computes in:"
                + " f64 or f32 (default f64)", validator((String p) -> {
                    try {
                        Precision.parse(p);
                        return true;
                    } catch (IllegalArgumentException e) {
                        return false;
                    }
                }));
        trainingMode = new Param<>(owner, "trainingMode", "synchronous (mini-batch SGD, one"
                + " Spark job per step) or parameter-averaging (localSteps steps per partition"
                + " between averagings) (default synchronous)",
                validator((String m) -> MODES.contains(m.toLowerCase(Locale.ROOT))));
        localSteps = new IntParam(owner, "localSteps", "parameter averaging only: mini-batch"
                + " steps per partition between two averagings, at least 1 (default 10)",
                ParamValidators.gtEq(1.0));
        owner.setDefault(hiddenLayers, new int[] {64});
        owner.setDefault(activation, "relu");
        owner.setDefault(optimizer, "adam");
        owner.setDefault(epochs, 10);
        owner.setDefault(batchSize, 128);
        owner.setDefault(seed, 0L);
        owner.setDefault(backend, "");
        owner.setDefault(precision, "f64");
        owner.setDefault(trainingMode, "synchronous");
        owner.setDefault(localSteps, 10);
    }

    /** A serializable validator, as Spark wants them ({@code T => Boolean}). */
    private static <T> Function1<T, Object> validator(Check<T> check) {
        return new Validator<>(check);
    }

    @FunctionalInterface
    private interface Check<T> extends Serializable {
        boolean test(T value);
    }

    private static final class Validator<T> extends scala.runtime.AbstractFunction1<T, Object>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Check<T> check;

        Validator(Check<T> check) {
            this.check = check;
        }

        @Override
        public Object apply(T value) {
            return value != null && check.test(value);
        }
    }
}
