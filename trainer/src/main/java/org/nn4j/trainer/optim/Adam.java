package org.nn4j.trainer.optim;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * Adam (Kingma and Ba, 2015), with the paper's bias correction; at step {@code t} (from 1):
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g           v ← β₂·v + (1 − β₂)·g²      (both start at zero)
 *   θ ← θ − learningRate · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 *
 * <pre>{@code
 * Optimizer adam = Adam.builder().learningRate(1e-3).beta1(0.9).beta2(0.999).build();
 * }</pre>
 *
 * <p>Settings and their defaults (the paper's): {@code learning_rate} 0.001, {@code beta1}
 * ({@code β₁}) 0.9, {@code beta2} ({@code β₂}) 0.999, {@code epsilon} ({@code ε}) 1e-8.
 *
 * <p>State: {@code m} and {@code v} for each parameter, allocated by the first step, and the
 * step count {@code t}. Each step is one {@link LinearAlgebra#adamStep} per parameter; a
 * {@link #reset()} starts {@code t} again from 1. The lifecycle is {@link Optimizer}'s.
 */
public final class Adam extends AdamFamily {

    private static final long serialVersionUID = 1L;

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Default {@code β₁}. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default {@code β₂}. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private Adam(Builder b) {
        super(b);
    }

    /**
     * Starts Adam's settings at their defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    void update(LinearAlgebra la, double rate, long t, Parameter p, Matrix m, Matrix v) {
        la.adamStep(rate, beta1, beta2, epsilon, t, p.gradient(), m, v, p.value());
    }

    /** Adam's settings: {@code learningRate}, {@code beta1}, {@code beta2}, {@code epsilon}. */
    public static final class Builder extends OptimizerBuilder<Builder, Adam> {

        private Builder() {
            super("adam", DEFAULT_LEARNING_RATE);
            define("beta1", DEFAULT_BETA1);
            define("beta2", DEFAULT_BETA2);
            define("epsilon", DEFAULT_EPSILON);
        }

        /**
         * Sets {@code β₁}, the decay of the first moment.
         *
         * @param beta1 in {@code [0, 1)}
         * @return this
         */
        public Builder beta1(double beta1) {
            return set("beta1", beta1);
        }

        /**
         * Sets {@code β₂}, the decay of the second moment.
         *
         * @param beta2 in {@code [0, 1)}
         * @return this
         */
        public Builder beta2(double beta2) {
            return set("beta2", beta2);
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
        public Adam build() {
            return new Adam(this);
        }
    }
}
