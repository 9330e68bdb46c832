package org.nn4j.backend.ejml;

import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/** {@inheritDoc} EJML: pure Java, fastest on small matrices. */
final class EjmlBackend implements Backend {

    private final EjmlLinearAlgebra linearAlgebra = new EjmlLinearAlgebra();
    private final EjmlMeanSquaredError meanSquaredError = new EjmlMeanSquaredError(linearAlgebra);
    private final EjmlSoftmaxCrossEntropy softmaxCrossEntropy =
            new EjmlSoftmaxCrossEntropy(linearAlgebra);

    @Override
    public String name() {
        return EjmlBackendProvider.NAME;
    }

    @Override
    public LinearAlgebra linearAlgebra() {
        return linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new EjmlDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new EjmlActivationLayer(linearAlgebra, activation, size);
    }

    @Override
    public Loss softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }

    @Override
    public String toString() {
        return "nn4j backend " + EjmlBackendProvider.NAME;
    }
}
