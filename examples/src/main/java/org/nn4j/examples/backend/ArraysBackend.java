package org.nn4j.examples.backend;

import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractBackend;

/**
 * The backend: {@link AbstractBackend} holds the linear algebra and one instance of each loss,
 * shared by every model, and takes its name from the linear algebra; the backend makes layers.
 */
final class ArraysBackend extends AbstractBackend<ArraysMatrix> {

    private final ArraysLinearAlgebra la;

    ArraysBackend() {
        this(new ArraysLinearAlgebra());
    }

    private ArraysBackend(ArraysLinearAlgebra la) {
        super(la, new ArraysMeanSquaredError(la), new ArraysSoftmaxCrossEntropy(la));
        this.la = la;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new ArraysDenseLayer(la, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new ArraysActivationLayer(la, activation, size);
    }
}
