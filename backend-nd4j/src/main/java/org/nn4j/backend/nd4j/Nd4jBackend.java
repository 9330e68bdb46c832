package org.nn4j.backend.nd4j;

import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * {@inheritDoc} ND4J's native CPU backend (libnd4j with OpenBLAS), double precision; for
 * large matrices. Created by {@link Nd4jBackendProvider#create()} after the natives loaded.
 */
final class Nd4jBackend implements Backend {

    private final Nd4jLinearAlgebra linearAlgebra = new Nd4jLinearAlgebra();
    private final Nd4jMeanSquaredError meanSquaredError = new Nd4jMeanSquaredError(linearAlgebra);

    @Override
    public String name() {
        return Nd4jBackendProvider.NAME;
    }

    @Override
    public LinearAlgebra linearAlgebra() {
        return linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new Nd4jDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public String toString() {
        return "nn4j backend " + Nd4jBackendProvider.NAME;
    }
}
