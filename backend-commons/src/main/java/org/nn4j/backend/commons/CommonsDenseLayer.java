package org.nn4j.backend.commons;

import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractDenseLayer;

/**
 * The fully connected layer {@code y = z·W + b} on Commons Math's row arrays:
 * {@code dW = zᵀ·dy} and {@code dz = dy·Wᵀ} by the transposed kernels of
 * {@link CommonsLinearAlgebra#gemm}, without materialising a transpose;
 * {@code db = Σ_rows dy}. Checks and per-batch-size buffers (Commons Math matrices cannot
 * change shape) come from {@link AbstractDenseLayer}.
 */
final class CommonsDenseLayer extends AbstractDenseLayer<CommonsMatrix> {

    CommonsDenseLayer(CommonsLinearAlgebra la, Matrix weights, Matrix bias) {
        super(la, weights, bias);
    }

    @Override
    protected void forward(CommonsMatrix x, CommonsMatrix weights, CommonsMatrix bias,
                           CommonsMatrix y) {
        CommonsLinearAlgebra.gemm(1.0, x.data, x.cols(), false, weights.data, weights.cols(),
                false, 0.0, y.data);
        CommonsLinearAlgebra.addRowVector(y.data, bias.data[0], y.data);
    }

    @Override
    protected void parameterGradients(CommonsMatrix x, CommonsMatrix dy,
                                      CommonsMatrix weightsGradient, CommonsMatrix biasGradient) {
        CommonsLinearAlgebra.gemm(1.0, x.data, x.cols(), true, dy.data, dy.cols(), false,
                0.0, weightsGradient.data);
        CommonsLinearAlgebra.columnSums(dy.data, biasGradient.data[0]);
    }

    @Override
    protected void inputGradient(CommonsMatrix dy, CommonsMatrix weights, CommonsMatrix dz) {
        CommonsLinearAlgebra.gemm(1.0, dy.data, dy.cols(), false, weights.data, weights.cols(),
                true, 0.0, dz.data);
    }
}
