package org.nn4j.trainer;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * AdaGrad (Duchi, Hazan and Singer, 2011): each weight's step shrinks with the sum of its
 * squared gradients.
 * <pre>
 *   G ← G + g²                      (G starts at zero)
 *   θ ← θ − learningRate · g / (√G + ε)
 * </pre>
 * Defaults (PyTorch's): learning rate 0.01, {@code ε = 1e-10}. State: {@code G}, one matrix
 * per parameter, allocated by the first step (see {@link Optimizer}). Each step is one
 * {@link LinearAlgebra#adaGradStep} a parameter.
 */
public final class AdaGrad implements Optimizer {

    /** Default learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.01;
    /** Default {@code ε}. */
    public static final double DEFAULT_EPSILON = 1e-10;

    private final LinearAlgebra linearAlgebra;
    private final double epsilon;
    private final OptimizerState state = new OptimizerState("adagrad", 1);
    private double learningRate;

    /**
     * Creates AdaGrad with the defaults.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     */
    public AdaGrad(LinearAlgebra linearAlgebra) {
        this(linearAlgebra, DEFAULT_LEARNING_RATE, DEFAULT_EPSILON);
    }

    /**
     * Creates AdaGrad.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  positive and finite
     * @param epsilon       positive and finite
     * @throws IllegalArgumentException if a value is out of range
     */
    public AdaGrad(LinearAlgebra linearAlgebra, double learningRate, double epsilon) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
        this.epsilon = Hyperparameters.positiveFinite("epsilon", epsilon);
    }

    @Override
    public String name() {
        return "adagrad";
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
            la.adaGradStep(learningRate, epsilon, p.gradient(), state.slot(0, i), p.value());
        }
    }

    @Override
    public void reset() {
        state.reset();
    }
}
