package org.nn4j.trainer;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * RMSProp (Hinton's lecture 6e): each weight's step is divided by a running root mean square
 * of its gradients.
 * <pre>
 *   s ← ρ·s + (1 − ρ)·g²             (s starts at zero)
 *   θ ← θ − learningRate · g / (√s + ε)
 * </pre>
 * Defaults: learning rate 0.001, {@code ρ = 0.9} (the lecture's and Keras's),
 * {@code ε = 1e-8}. State: {@code s}, one matrix per parameter, allocated by the first step
 * (see {@link Optimizer}). Each step is one {@link LinearAlgebra#rmsPropStep} a parameter.
 */
public final class RmsProp implements Optimizer {

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    /** Default decay {@code ρ}. */
    public static final double DEFAULT_DECAY = 0.9;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-8;

    private final LinearAlgebra linearAlgebra;
    private final double decay;
    private final double epsilon;
    private final OptimizerState state = new OptimizerState("rmsprop", 1);
    private double learningRate;

    /**
     * Creates RMSProp with the defaults.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     */
    public RmsProp(LinearAlgebra linearAlgebra) {
        this(linearAlgebra, DEFAULT_LEARNING_RATE, DEFAULT_DECAY, DEFAULT_EPSILON);
    }

    /**
     * Creates RMSProp.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  positive and finite
     * @param decay         {@code ρ} in {@code [0, 1)}
     * @param epsilon       positive and finite
     * @throws IllegalArgumentException if a value is out of range
     */
    public RmsProp(LinearAlgebra linearAlgebra, double learningRate, double decay, double epsilon) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
        this.decay = Hyperparameters.fraction("decay", decay);
        this.epsilon = Hyperparameters.positiveFinite("epsilon", epsilon);
    }

    @Override
    public String name() {
        return "rmsprop";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
    }

    @Override
    public void step(List<Parameter> parameters) {
        LinearAlgebra la = linearAlgebra;
        state.bind(la, parameters);
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.rmsPropStep(learningRate, decay, epsilon, p.gradient(), state.slot(0, i),
                    p.value());
        }
    }

    @Override
    public void reset() {
        state.reset();
    }
}
