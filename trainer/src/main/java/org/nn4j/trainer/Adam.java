package org.nn4j.trainer;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * Adam (Kingma and Ba, 2015), with the paper's bias correction; at step {@code t} (from 1):
 * <pre>
 *   m ← β₁·m + (1 − β₁)·g           v ← β₂·v + (1 − β₂)·g²      (both start at zero)
 *   θ ← θ − learningRate · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
 * </pre>
 * Defaults (the paper's): learning rate 0.001, {@code β₁ = 0.9}, {@code β₂ = 0.999},
 * {@code ε = 1e-8}. State: {@code m} and {@code v} for each parameter, allocated by the
 * first step, and the step count {@code t}; each step is one {@link LinearAlgebra#adamStep}
 * a parameter (see {@link Optimizer}; a
 * {@link #reset()} starts {@code t} again from 1).
 */
public final class Adam implements Optimizer {

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Default {@code β₁}. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** Default {@code β₂}. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final LinearAlgebra linearAlgebra;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final OptimizerState state = new OptimizerState("adam", 2);
    private double learningRate;
    private long steps;

    /**
     * Creates Adam with the defaults.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     */
    public Adam(LinearAlgebra linearAlgebra) {
        this(linearAlgebra, DEFAULT_LEARNING_RATE);
    }

    /**
     * Creates Adam with the default betas and {@code ε}.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  positive and finite
     */
    public Adam(LinearAlgebra linearAlgebra, double learningRate) {
        this(linearAlgebra, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * Creates Adam.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  positive and finite
     * @param beta1         {@code β₁} in {@code [0, 1)}
     * @param beta2         {@code β₂} in {@code [0, 1)}
     * @param epsilon       positive and finite
     * @throws IllegalArgumentException if a value is out of range
     */
    public Adam(LinearAlgebra linearAlgebra, double learningRate, double beta1, double beta2,
                double epsilon) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
        this.beta1 = Hyperparameters.fraction("beta1", beta1);
        this.beta2 = Hyperparameters.fraction("beta2", beta2);
        this.epsilon = Hyperparameters.positiveFinite("epsilon", epsilon);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
    }

    /** Returns the steps taken since creation or the last {@link #reset()}. */
    public long steps() {
        return steps;
    }

    @Override
    public void step(List<Parameter> parameters) {
        LinearAlgebra la = linearAlgebra;
        state.bind(la, parameters);
        steps++;
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.adamStep(learningRate, beta1, beta2, epsilon, steps, p.gradient(),
                    state.slot(0, i), state.slot(1, i), p.value());
        }
    }

    @Override
    public void reset() {
        state.reset();
        steps = 0;
    }
}
