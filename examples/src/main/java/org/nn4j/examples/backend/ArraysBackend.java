package org.nn4j.examples.backend;

import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/** The backend: one linear algebra and one instance of each loss, shared by every model. */
final class ArraysBackend implements Backend {

    private final ArraysLinearAlgebra la = new ArraysLinearAlgebra();
    private final Loss meanSquaredError = new ArraysMeanSquaredError(la);
    private final Loss softmaxCrossEntropy = new ArraysSoftmaxCrossEntropy(la);

    @Override
    public String name() {
        return ArraysBackendProvider.NAME;
    }

    @Override
    public LinearAlgebra linearAlgebra() {
        return la;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new ArraysDenseLayer(la, weights, bias);
    }

    @Override
    public Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new ArraysActivationLayer(la, activation, size);
    }

    @Override
    public Loss softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }
}
