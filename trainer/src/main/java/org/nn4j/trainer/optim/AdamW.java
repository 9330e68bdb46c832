package org.nn4j.trainer.optim;

import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * AdamW (Loshchilov and Hutter, <i>Decoupled Weight Decay Regularization</i>, 2019): Adam
 * whose weight decay {@code λ} shrinks the weights directly instead of being added to the
 * gradient, PyTorch's {@code torch.optim.AdamW}; at step {@code t} (from 1):
 * <pre>
 *   θ ← θ · (1 − learningRate·λ)
 *   m ← β₁·m + (1 − β₁)·g           v ← β₂·v + (1 − β₂)·g²      (both start at zero)
 *   θ ← θ − learningRate · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * With L2 in Adam ({@code g + λ·θ}) the decay is divided by {@code √v} like the gradient, so
 * weights with large gradients are barely regularised; here every weight shrinks by the same
 * factor. The decay uses the current learning rate, so a schedule scales it too. With
 * {@code λ = 0} the steps are {@link Adam}'s, bit for bit.
 *
 * <pre>{@code
 * Optimizer adamW = AdamW.builder().learningRate(1e-3).weightDecay(0.01).build();
 * }</pre>
 *
 * <p>Settings and their defaults (PyTorch's): {@code learning_rate} 0.001, {@code beta1}
 * ({@code β₁}) 0.9, {@code beta2} ({@code β₂}) 0.999, {@code epsilon} ({@code ε}) 1e-8,
 * {@code weight_decay} ({@code λ}) 0.01.
 *
 * <p>State: as {@link Adam}'s, {@code m} and {@code v} for each parameter, allocated by the
 * first step, and the step count {@code t}. Each step is one {@link LinearAlgebra#adamWStep}
 * per parameter; a {@link #reset()} starts {@code t} again from 1. The lifecycle is
 * {@link Optimizer}'s.
 */
public final class AdamW extends AdamFamily {

    private static final long serialVersionUID = 1L;

    /** Default weight decay {@code λ}, PyTorch's. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /** Decoupled weight decay {@code λ}. */
    private final double weightDecay;

    private AdamW(Builder b) {
        super(b);
        this.weightDecay = Hyperparameters.nonNegativeFinite("weight decay", b.get("weight_decay"));
    }

    /**
     * Starts AdamW's settings at their defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "adamw";
    }

    @Override
    void addSettings(Map<String, Double> settings) {
        super.addSettings(settings);
        settings.put("weight_decay", weightDecay);
    }

    @Override
    void update(LinearAlgebra la, double rate, long t, Parameter p, Matrix m, Matrix v) {
        la.adamWStep(rate, beta1, beta2, epsilon, weightDecay, t, p.gradient(), m, v,
                p.value());
    }

    /**
     * AdamW's settings: {@code learningRate}, {@code beta1}, {@code beta2}, {@code epsilon},
     * {@code weightDecay}.
     */
    public static final class Builder extends OptimizerBuilder<Builder, AdamW> {

        private Builder() {
            super("adamw", Adam.DEFAULT_LEARNING_RATE);
            define("beta1", Adam.DEFAULT_BETA1);
            define("beta2", Adam.DEFAULT_BETA2);
            define("epsilon", Adam.DEFAULT_EPSILON);
            define("weight_decay", DEFAULT_WEIGHT_DECAY);
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

        /**
         * Sets the decoupled weight decay {@code λ}.
         *
         * @param weightDecay zero or positive, finite; 0 makes the steps Adam's
         * @return this
         */
        public Builder weightDecay(double weightDecay) {
            return set("weight_decay", weightDecay);
        }

        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
