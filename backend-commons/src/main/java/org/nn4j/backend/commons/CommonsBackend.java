package org.nn4j.backend.commons;

import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractBackend;

/**
 * {@inheritDoc} Apache Commons Math 3: pure Java, on {@code Array2DRowRealMatrix}. Float64
 * only: {@code inPrecision(F32)} refuses, saying that Commons Math has no float type.
 */
final class CommonsBackend extends AbstractBackend<CommonsMatrix> {

    private final CommonsLinearAlgebra linearAlgebra;

    CommonsBackend() {
        this(new CommonsLinearAlgebra());
    }

    private CommonsBackend(CommonsLinearAlgebra linearAlgebra) {
        super(linearAlgebra, new CommonsMeanSquaredError(linearAlgebra),
                new CommonsSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new CommonsDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    protected String unsupportedPrecisionReason(Precision precision) {
        return "Commons Math has no float type";
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new CommonsActivationLayer(linearAlgebra, activation, size);
    }
}
