package org.nn4j.trainer.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011): each weight's step shrinks with the sum of its
 * squared gradients.
 * <pre>
 *   G ← G + g²                      (G starts at zero)
 *   θ ← θ − learningRate · g / (√G + ε)
 * </pre>
 * Settings and their defaults (PyTorch's): {@code learning_rate} 0.01, {@code epsilon}
 * ({@code ε}) 1e-10. State: {@code G}, one matrix per parameter, allocated by the first step
 * (see {@link Optimizer}). Each step is one {@link LinearAlgebra#adaGradStep} per parameter.
 */
public final class AdaGrad extends AbstractOptimizer {

    private static final long serialVersionUID = 1L;

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-10;

    /** Added to the denominator, {@code ε}. */
    private final double epsilon;

    private AdaGrad(Builder b) {
        super(1, b);
        this.epsilon = Hyperparameters.positiveFinite("epsilon", b.get("epsilon"));
    }

    /**
     * Starts AdaGrad's settings at their defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "adagrad";
    }

    @Override
    void addSettings(Map<String, Double> settings) {
        settings.put("epsilon", epsilon);
    }

    @Override
    void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state) {
        state.bind(la, parameters);
        double rate = learningRate();
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.adaGradStep(rate, epsilon, p.gradient(), state.slot(0, i), p.value());
        }
    }

    /** AdaGrad's settings: {@code learningRate}, {@code epsilon}. */
    public static final class Builder extends OptimizerBuilder<Builder, AdaGrad> {

        private Builder() {
            super("adagrad", DEFAULT_LEARNING_RATE);
            define("epsilon", DEFAULT_EPSILON);
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
        public AdaGrad build() {
            return new AdaGrad(this);
        }
    }
}
