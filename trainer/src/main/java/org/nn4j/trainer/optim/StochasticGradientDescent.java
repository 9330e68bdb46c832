package org.nn4j.trainer.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * Stochastic gradient descent, optionally with momentum and (L2) weight decay, in place,
 * allocating nothing after the first step.
 *
 * <p>With momentum {@code μ} and weight decay {@code λ} (PyTorch's convention, no dampening):
 * <pre>
 *   v ← μ·v + (g + λ·θ)        (v starts at zero)
 *   θ ← θ − learningRate · v
 * </pre>
 * With {@code μ = 0} and {@code λ = 0} (the defaults) the step is the plain
 * {@code θ ← θ − learningRate · g}, computed as one {@code axpy}, exactly as the numpy
 * tutorial does: no state, nothing to reset.
 *
 * <pre>{@code
 * Optimizer sgd = StochasticGradientDescent.builder().learningRate(0.01).momentum(0.9).build();
 * }</pre>
 *
 * <p>Settings: {@code learning_rate}, which has no default (the caller chooses; the tutorial's
 * is 0.01), {@code momentum} ({@code μ}, default 0) and {@code weight_decay} ({@code λ},
 * default 0). Its {@link #name()} is {@code "momentum"} when {@code μ > 0}, else {@code "sgd"}.
 *
 * <p><b>Lifecycle.</b> As {@link Optimizer} says. With momentum or weight decay the first step
 * binds the optimizer to its parameters and allocates one velocity matrix per parameter.
 */
public final class StochasticGradientDescent extends AbstractOptimizer {

    private static final long serialVersionUID = 1L;

    /** Momentum {@code μ}; 0 for plain SGD. */
    private final double momentum;
    /** L2 weight decay {@code λ}; 0 for none. */
    private final double weightDecay;

    private StochasticGradientDescent(Builder b) {
        super(1, b);
        this.momentum = Hyperparameters.fraction("momentum", b.get("momentum"));
        this.weightDecay = Hyperparameters.nonNegativeFinite("weight decay", b.get("weight_decay"));
    }

    /**
     * Starts the settings: momentum and weight decay 0, no learning rate yet.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns plain SGD, without momentum or weight decay.
     *
     * @param learningRate the step size, positive and finite
     * @return the optimizer
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    public static StochasticGradientDescent withLearningRate(double learningRate) {
        return builder().learningRate(learningRate).build();
    }

    @Override
    public String name() {
        return momentum > 0.0 ? "momentum" : "sgd";
    }

    @Override
    void addSettings(Map<String, Double> settings) {
        settings.put("momentum", momentum);
        settings.put("weight_decay", weightDecay);
    }

    /**
     * Returns the momentum {@code μ}.
     *
     * @return the momentum
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Returns the weight decay {@code λ}.
     *
     * @return the weight decay
     */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state) {
        double rate = learningRate();
        if (momentum == 0.0 && weightDecay == 0.0) {
            for (int i = 0, n = parameters.size(); i < n; i++) {
                Parameter p = parameters.get(i);
                la.axpy(-rate, p.gradient(), p.value());
            }
            return;
        }
        state.bind(la, parameters);
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.momentumStep(rate, momentum, weightDecay, p.gradient(), state.slot(0, i),
                    p.value());
        }
    }

    /** SGD's settings: {@code learningRate} (required), {@code momentum}, {@code weightDecay}. */
    public static final class Builder extends OptimizerBuilder<Builder, StochasticGradientDescent> {

        private Builder() {
            super("sgd", null);
            define("momentum", 0.0);
            define("weight_decay", 0.0);
        }

        /**
         * Sets the momentum {@code μ}.
         *
         * @param momentum in {@code [0, 1)}; 0.9 is usual, 0 turns it off
         * @return this
         */
        public Builder momentum(double momentum) {
            return set("momentum", momentum);
        }

        /**
         * Sets the L2 weight decay {@code λ}.
         *
         * @param weightDecay non-negative and finite; 0 turns it off
         * @return this
         */
        public Builder weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        @Override
        public StochasticGradientDescent build() {
            return new StochasticGradientDescent(this);
        }
    }
}
