package org.nn4j.trainer.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * RMSProp (Hinton's lecture 6e): each weight's step is divided by a running root mean square
 * of its gradients.
 * <pre>
 *   s ← ρ·s + (1 − ρ)·g²             (s starts at zero)
 *   θ ← θ − learningRate · g / (√s + ε)
 * </pre>
 * Settings and their defaults: {@code learning_rate} 0.001, {@code decay} ({@code ρ}) 0.9
 * (the lecture's and Keras's), {@code epsilon} ({@code ε}) 1e-8. State: {@code s}, one matrix
 * per parameter, allocated by the first step (see {@link Optimizer}). Each step is one
 * {@link LinearAlgebra#rmsPropStep} per parameter.
 */
public final class RmsProp extends AbstractOptimizer {

    private static final long serialVersionUID = 1L;

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Default decay {@code ρ}. */
    public static final double DEFAULT_DECAY = 0.9;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    /** Decay {@code ρ} of the mean square. */
    private final double decay;
    /** Added to the denominator, {@code ε}. */
    private final double epsilon;

    private RmsProp(Builder b) {
        super(1, b);
        this.decay = Hyperparameters.fraction("decay", b.get("decay"));
        this.epsilon = Hyperparameters.positiveFinite("epsilon", b.get("epsilon"));
    }

    /**
     * Starts RMSProp's settings at their defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    void addSettings(Map<String, Double> settings) {
        settings.put("decay", decay);
        settings.put("epsilon", epsilon);
    }

    @Override
    void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state) {
        state.bind(la, parameters);
        double rate = learningRate();
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.rmsPropStep(rate, decay, epsilon, p.gradient(), state.slot(0, i), p.value());
        }
    }

    /** RMSProp's settings: {@code learningRate}, {@code decay}, {@code epsilon}. */
    public static final class Builder extends OptimizerBuilder<Builder, RmsProp> {

        private Builder() {
            super("rmsprop", DEFAULT_LEARNING_RATE);
            define("decay", DEFAULT_DECAY);
            define("epsilon", DEFAULT_EPSILON);
        }

        /**
         * Sets the decay {@code ρ} of the running mean square.
         *
         * @param decay in {@code [0, 1)}
         * @return this
         */
        public Builder decay(double decay) {
            return set("decay", decay);
        }

        /**
         * Sets {@code ε}, added to the denominator.
         *
         * @param epsilon positive and finite
         * @return this
         */
        public Builder epsilon(double epsilon) {
            return set("epsilon", epsilon);
        }

        @Override
        public RmsProp build() {
            return new RmsProp(this);
        }
    }
}
