package org.nn4j.trainer;

import java.util.List;
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
 * With {@code μ = 0} and {@code λ = 0} (the defaults, and what
 * {@link #StochasticGradientDescent(LinearAlgebra, double)} makes) the step is the plain
 * {@code θ ← θ − learningRate · g}, computed as one {@code axpy}, exactly as the numpy
 * tutorial does: no state, nothing to reset.
 *
 * <p><b>Lifecycle.</b> As {@link Optimizer} says. With momentum or weight decay the first step
 * binds the optimizer to its parameters and allocates one velocity matrix per parameter.
 * No default learning rate: the caller chooses (the tutorial's is 0.01).
 */
public final class StochasticGradientDescent implements Optimizer {

    private final LinearAlgebra linearAlgebra;
    private final double momentum;
    private final double weightDecay;
    private final OptimizerState state;
    private double learningRate;

    /**
     * Creates plain SGD, without momentum or weight decay.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  the step size, positive and finite
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    public StochasticGradientDescent(LinearAlgebra linearAlgebra, double learningRate) {
        this(linearAlgebra, learningRate, 0.0, 0.0);
    }

    /**
     * Creates SGD with momentum and weight decay.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  the step size, positive and finite
     * @param momentum      {@code μ} in {@code [0, 1)}; 0.9 is usual, 0 turns it off
     * @param weightDecay   {@code λ}, non-negative and finite; 0 turns it off
     * @throws IllegalArgumentException if a value is out of range
     */
    public StochasticGradientDescent(LinearAlgebra linearAlgebra, double learningRate,
                                     double momentum, double weightDecay) {
        this.linearAlgebra = java.util.Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
        this.momentum = Hyperparameters.fraction("momentum", momentum);
        this.weightDecay = Hyperparameters.nonNegativeFinite("weight decay", weightDecay);
        this.state = new OptimizerState(name(), 1);
    }

    @Override
    public String name() {
        return momentum > 0.0 ? "momentum" : "sgd";
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
    }

    /** Returns the momentum {@code μ}. */
    public double momentum() {
        return momentum;
    }

    /** Returns the weight decay {@code λ}. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public void step(List<Parameter> parameters) {
        LinearAlgebra la = linearAlgebra;
        if (momentum == 0.0 && weightDecay == 0.0) {
            for (int i = 0, n = parameters.size(); i < n; i++) {
                Parameter p = parameters.get(i);
                la.axpy(-learningRate, p.gradient(), p.value());
            }
            return;
        }
        state.bind(la, parameters);
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            la.momentumStep(learningRate, momentum, weightDecay, p.gradient(), state.slot(0, i),
                    p.value());
        }
    }

    @Override
    public void reset() {
        state.reset();
    }
}
