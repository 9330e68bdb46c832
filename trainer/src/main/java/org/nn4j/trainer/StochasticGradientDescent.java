package org.nn4j.trainer;

import java.util.List;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * Plain stochastic gradient descent: {@code value -= learningRate * gradient} for every
 * parameter, in place, allocating nothing.
 *
 * <p><b>Lifecycle.</b> Create it once; call {@link #step(List)} after each backward pass. It
 * keeps no state between steps, so it needs no reset and may be shared between models of one
 * backend. It is thread-safe as long as each model is stepped from one thread.
 */
public final class StochasticGradientDescent {

    private final LinearAlgebra linearAlgebra;
    private final double learningRate;

    /**
     * Creates the optimizer.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param learningRate  the step size, positive and finite
     * @throws IllegalArgumentException if the learning rate is not positive and finite
     */
    public StochasticGradientDescent(LinearAlgebra linearAlgebra, double learningRate) {
        if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got "
                    + learningRate);
        }
        this.linearAlgebra = linearAlgebra;
        this.learningRate = learningRate;
    }

    /** Returns the learning rate. */
    public double learningRate() {
        return learningRate;
    }

    /**
     * Updates every parameter in place from its gradient.
     *
     * @param parameters the parameters with their gradients
     */
    public void step(List<Parameter> parameters) {
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            linearAlgebra.axpy(-learningRate, p.gradient(), p.value());
        }
    }
}
