package org.nn4j.examples.backend;

import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractDenseLayer;

/**
 * {@code y = x·W + b}: {@link AbstractDenseLayer} checks the arguments, keeps the gradients,
 * the parameter list and the per-batch-size buffers; the backend writes three kernels, here
 * from its linear algebra's unchecked kernels (the arguments are already checked).
 */
final class ArraysDenseLayer extends AbstractDenseLayer<ArraysMatrix> {

    private final ArraysLinearAlgebra la;

    ArraysDenseLayer(ArraysLinearAlgebra la, Matrix weights, Matrix bias) {
        super(la, weights, bias);
        this.la = la;
    }

    @Override
    protected void forward(ArraysMatrix x, ArraysMatrix weights, ArraysMatrix bias, ArraysMatrix y) {
        la.doGemm(1, x, false, weights, false, 0, y);      // y = x·W
        la.doAddRowVector(y, bias, y);                      // y += b, row by row
    }

    @Override
    protected void parameterGradients(ArraysMatrix x, ArraysMatrix dy, ArraysMatrix weightsGradient,
                                      ArraysMatrix biasGradient) {
        la.doGemm(1, x, true, dy, false, 0, weightsGradient); // dW = xᵀ·dy
        la.doColumnSums(dy, biasGradient);                    // db = Σ_rows dy
    }

    @Override
    protected void inputGradient(ArraysMatrix dy, ArraysMatrix weights, ArraysMatrix dz) {
        la.doGemm(1, dy, false, weights, true, 0, dz);      // dz = dy·Wᵀ
    }
}
