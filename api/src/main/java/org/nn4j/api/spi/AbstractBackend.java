package org.nn4j.api.spi;

import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * A base for a backend's {@link Backend}: it holds the linear algebra and the two losses, and
 * names itself after the linear algebra; the backend supplies its layers.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractBackend<M extends Matrix> implements Backend {

    private final AbstractLinearAlgebra<M> linearAlgebra;
    private final Loss meanSquaredError;
    private final Loss softmaxCrossEntropy;

    /**
     * Creates the base.
     *
     * @param linearAlgebra       the backend's linear algebra; its name is the backend's
     * @param meanSquaredError    the backend's mean squared error
     * @param softmaxCrossEntropy the backend's softmax cross-entropy
     */
    protected AbstractBackend(AbstractLinearAlgebra<M> linearAlgebra, Loss meanSquaredError,
                              Loss softmaxCrossEntropy) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.meanSquaredError = Objects.requireNonNull(meanSquaredError, "meanSquaredError");
        this.softmaxCrossEntropy = Objects.requireNonNull(softmaxCrossEntropy,
                "softmaxCrossEntropy");
    }

    @Override
    public abstract Layer dense(Matrix weights, Matrix bias);

    @Override
    public abstract Layer activation(Activation activation, int size);

    @Override
    public final String name() {
        return linearAlgebra.backendName();
    }

    @Override
    public final LinearAlgebra linearAlgebra() {
        return linearAlgebra;
    }

    @Override
    public final Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public final Loss softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }

    @Override
    public String toString() {
        return "nn4j backend " + name();
    }
}
