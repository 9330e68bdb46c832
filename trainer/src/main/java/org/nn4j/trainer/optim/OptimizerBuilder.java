package org.nn4j.trainer.optim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Collects an optimizer's settings by name, each starting at its default, and builds the
 * optimizer; the settings are checked by {@link #build()}, each failure naming the setting.
 * Every optimizer's {@code builder()} returns one, with a typed method per setting
 * ({@code Adam.builder().learningRate(1e-3).beta1(0.9).build()}); {@link #set(String, double)}
 * sets one by the name {@link Optimizer#settings()} reports, which is how
 * {@link Optimizers#named(String, Map)} works.
 *
 * @param <B> the builder's own type, returned by its setters
 * @param <O> the optimizer it builds
 */
public abstract class OptimizerBuilder<B extends OptimizerBuilder<B, O>, O extends Optimizer> {

    private final String optimizer;
    private final Map<String, Double> values = new LinkedHashMap<>();
    /** {@link Optimizer#CLIP_GLOBAL_NORM}, which every optimizer takes; null for none. */
    private Double clipGlobalNorm;

    /**
     * Starts with the learning rate; the constructor of a subclass then {@link #define}s the
     * other settings.
     *
     * @param optimizer   the optimizer's name, for messages
     * @param learingRate the default learning rate; {@code null} for none (it must then be set)
     */
    protected OptimizerBuilder(String optimizer, Double learingRate) {
        this.optimizer = optimizer;
        values.put(Optimizer.LEARNING_RATE, learingRate);
    }

    /**
     * Adds a setting, after those defined before it in {@link Optimizer#settings()}.
     *
     * @param name         its name, lower case with underscores
     * @param defaultValue its default
     */
    protected final void define(String name, double defaultValue) {
        values.put(name, defaultValue);
    }

    /**
     * Sets the learning rate.
     *
     * @param learningRate positive and finite (checked by {@link #build()})
     * @return this
     */
    public final B learningRate(double learningRate) {
        return set(Optimizer.LEARNING_RATE, learningRate);
    }

    /**
     * Clips the gradients by their global norm before each step, as PyTorch's
     * {@code clip_grad_norm_(parameters, maxNorm)} does: when the norm of all of a step's
     * gradients together exceeds {@code maxNorm}, every gradient is scaled, in place, by
     * {@code maxNorm / (norm + 1e-6)} (see {@link org.nn4j.api.LinearAlgebra#clipGlobalNorm}).
     * Any optimizer takes it; {@link Optimizer#settings()} then reports it as
     * {@value Optimizer#CLIP_GLOBAL_NORM}. Without it (the default) nothing is clipped.
     *
     * @param maxNorm the largest global norm, positive and finite (checked by {@link #build()})
     * @return this
     */
    public final B clipGlobalNorm(double maxNorm) {
        return set(Optimizer.CLIP_GLOBAL_NORM, maxNorm);
    }

    /**
     * Sets a setting by name.
     *
     * @param name  a name {@link Optimizer#settings()} reports, such as {@code beta1}, or
     *              {@value Optimizer#CLIP_GLOBAL_NORM}, which every optimizer takes
     * @param value its value (checked by {@link #build()})
     * @return this
     * @throws IllegalArgumentException if this optimizer has no such setting, naming the ones
     *                                  it has
     */
    @SuppressWarnings("unchecked")
    public final B set(String name, double value) {
        if (Optimizer.CLIP_GLOBAL_NORM.equals(name)) {
            clipGlobalNorm = value;
            return (B) this;
        }
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(optimizer + " has no setting '" + name
                    + "'; its settings are " + String.join(", ", values.keySet()));
        }
        values.put(name, value);
        return (B) this;
    }

    /**
     * Builds the optimizer.
     *
     * @return a new optimizer, unbound
     * @throws IllegalArgumentException naming a setting that is out of range or was not set
     */
    public abstract O build();

    /** The clipping limit, or null for none; checked by the optimizer. */
    final Double clipping() {
        return clipGlobalNorm;
    }

    /**
     * Returns a setting's value.
     *
     * @param name the setting
     * @return its value
     * @throws IllegalArgumentException if it has no default and was not set
     */
    protected final double get(String name) {
        Double value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(optimizer + " needs a " + name.replace('_', ' ')
                    + "; it has no default");
        }
        return value;
    }
}
