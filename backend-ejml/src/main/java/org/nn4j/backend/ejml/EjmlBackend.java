package org.nn4j.backend.ejml;

import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractBackend;

/** {@inheritDoc} EJML: pure Java, fastest on small matrices. */
final class EjmlBackend extends AbstractBackend<EjmlMatrix> {

    private final EjmlLinearAlgebra linearAlgebra;

    EjmlBackend() {
        this(new EjmlLinearAlgebra());
    }

    private EjmlBackend(EjmlLinearAlgebra linearAlgebra) {
        super(linearAlgebra, new EjmlMeanSquaredError(linearAlgebra),
                new EjmlSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new EjmlDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new EjmlActivationLayer(linearAlgebra, activation, size);
    }
}
