package org.nn4j.trainer.optim;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The optimizers by name, as a command line or a model file names them: {@code sgd},
 * {@code momentum}, {@code adagrad}, {@code rmsprop}, {@code adam} and {@code adamw}, each
 * made from settings named as {@link Optimizer#settings()} reports them, so that
 * {@code Optimizers.named(o.name(), o.settings())} has the settings of {@code o}.
 *
 * <p>Defaults are each optimizer's own, except the learning rates of {@code sgd} (0.1) and
 * {@code momentum} (0.01, with momentum 0.9), which {@link StochasticGradientDescent} leaves
 * to the caller: these are the rates that train the Fashion-MNIST perceptron.
 */
public final class Optimizers {

    private static final List<String> NAMES = List.of("sgd", "momentum", "adagrad", "rmsprop",
            "adam", "adamw");

    /** The default learning rate of {@code sgd}. */
    public static final double SGD_LEARNING_RATE = 0.1;
    /** The default learning rate of {@code momentum}. */
    public static final double MOMENTUM_LEARNING_RATE = 0.01;
    /** The default momentum of {@code momentum}. */
    public static final double DEFAULT_MOMENTUM = 0.9;

    private Optimizers() {
    }

    /**
     * Returns the names, in the order a command line lists them.
     *
     * @return the names
     */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * Returns the names as a message lists them: {@code "sgd, momentum, ... or adamw"}.
     *
     * @return the names as a message lists them
     */
    public static String choices() {
        return String.join(", ", NAMES.subList(0, NAMES.size() - 1)) + " or "
                + NAMES.get(NAMES.size() - 1);
    }

    /**
     * Makes a named optimizer.
     *
     * @param name     one of {@link #names()}, in any case
     * @param settings settings to change from their defaults, by the names
     *                 {@link Optimizer#settings()} uses (such as {@code learning_rate} or
     *                 {@code beta1}), and {@value Optimizer#CLIP_GLOBAL_NORM} for any of them;
     *                 not modified
     * @return a new optimizer, unbound
     * @throws IllegalArgumentException if the name is unknown, or a setting unknown to that
     *                                  optimizer or out of range, naming it
     */
    public static Optimizer named(String name, Map<String, ? extends Number> settings) {
        Objects.requireNonNull(settings, "settings");
        OptimizerBuilder<?, ?> builder = builder(name).get();
        settings.forEach((key, value) -> builder.set(key, value.doubleValue()));
        return builder.build();
    }

    /**
     * Returns the default learning rate of a named optimizer.
     *
     * @param name one of {@link #names()}
     * @return its rate
     * @throws IllegalArgumentException if the name is unknown
     */
    public static double defaultLearningRate(String name) {
        return named(name, Map.of()).learningRate();
    }

    private static Supplier<OptimizerBuilder<?, ?>> builder(String name) {
        switch (Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT)) {
            case "sgd":
                return () -> StochasticGradientDescent.builder().learningRate(SGD_LEARNING_RATE);
            case "momentum":
                return () -> StochasticGradientDescent.builder()
                        .learningRate(MOMENTUM_LEARNING_RATE).momentum(DEFAULT_MOMENTUM);
            case "adagrad":
                return AdaGrad::builder;
            case "rmsprop":
                return RmsProp::builder;
            case "adam":
                return Adam::builder;
            case "adamw":
                return AdamW::builder;
            default:
                throw new IllegalArgumentException("'" + name + "' is not an optimizer; choose "
                        + choices());
        }
    }
}
