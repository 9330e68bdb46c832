package org.nn4j.backend.nd4j;

import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractBackend;

/**
 * {@inheritDoc} ND4J's native CPU backend (libnd4j with OpenBLAS), double precision; for
 * large matrices. Created by {@link Nd4jBackendProvider#create()} after the natives loaded.
 */
final class Nd4jBackend extends AbstractBackend<Nd4jMatrix> {

    private final Nd4jLinearAlgebra linearAlgebra;

    Nd4jBackend() {
        this(new Nd4jLinearAlgebra());
    }

    private Nd4jBackend(Nd4jLinearAlgebra linearAlgebra) {
        super(linearAlgebra, new Nd4jMeanSquaredError(linearAlgebra),
                new Nd4jSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new Nd4jDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new Nd4jActivationLayer(linearAlgebra, activation, size);
    }
}
