package org.nn4j.backend.ejml;

import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractDenseLayer;

/**
 * {@inheritDoc}
 *
 * <p>The float32 fully connected layer on EJML's {@code FMatrixRMaj}: {@code dW = zᵀ·dy} and
 * {@code dz = dy·Wᵀ} with the transposed products of {@link EjmlFloatLinearAlgebra#gemm},
 * {@code db = Σ_rows dy} summed in {@code double} and rounded once.
 */
final class EjmlFloatDenseLayer extends AbstractDenseLayer<EjmlFloatMatrix> {

    /** The bias gradient's sums in double; the layer's kernels run on one thread at a time. */
    private final double[] sums;

    EjmlFloatDenseLayer(EjmlFloatLinearAlgebra la, Matrix weights, Matrix bias) {
        super(la, weights, bias);
        this.sums = new double[outputSize()];
    }

    @Override
    protected void forward(EjmlFloatMatrix x, EjmlFloatMatrix weights, EjmlFloatMatrix bias,
                           EjmlFloatMatrix y) {
        EjmlFloatLinearAlgebra.forward(x.data, weights.data, bias.data, y.data);
    }

    @Override
    protected void parameterGradients(EjmlFloatMatrix x, EjmlFloatMatrix dy,
                                      EjmlFloatMatrix weightsGradient,
                                      EjmlFloatMatrix biasGradient) {
        EjmlFloatLinearAlgebra.gemm(1.0, x.data, true, dy.data, false, 0.0,
                weightsGradient.data);
        EjmlFloatLinearAlgebra.columnSums(dy.data, biasGradient.data, sums);
    }

    @Override
    protected void inputGradient(EjmlFloatMatrix dy, EjmlFloatMatrix weights,
                                 EjmlFloatMatrix dz) {
        EjmlFloatLinearAlgebra.gemm(1.0, dy.data, false, weights.data, true, 0.0, dz.data);
    }
}
