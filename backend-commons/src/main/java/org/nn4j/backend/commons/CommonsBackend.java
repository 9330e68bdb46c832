package org.nn4j.backend.commons;

import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/** {@inheritDoc} Apache Commons Math 3: pure Java, on {@code Array2DRowRealMatrix}. */
final class CommonsBackend implements Backend {

    private final CommonsLinearAlgebra linearAlgebra = new CommonsLinearAlgebra();
    private final CommonsMeanSquaredError meanSquaredError =
            new CommonsMeanSquaredError(linearAlgebra);

    @Override
    public String name() {
        return CommonsBackendProvider.NAME;
    }

    @Override
    public LinearAlgebra linearAlgebra() {
        return linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new CommonsDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public String toString() {
        return "nn4j backend " + CommonsBackendProvider.NAME;
    }
}
