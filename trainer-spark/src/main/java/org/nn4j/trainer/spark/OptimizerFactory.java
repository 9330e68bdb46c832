package org.nn4j.trainer.spark;

import java.io.Serializable;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Optimizer;

/**
 * Makes an optimizer on an executor, for the local steps of parameter averaging. Serializable,
 * so a lambda does: {@code la -> StochasticGradientDescent.withLearningRate(0.05)}.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {

    /**
     * Creates a new optimizer.
     *
     * @param linearAlgebra the executor's backend
     * @return a fresh optimizer, not yet bound to parameters
     */
    Optimizer create(LinearAlgebra linearAlgebra);
}
