package org.nn4j.backend.nd4j;

import org.nn4j.api.Matrix;
import org.nn4j.api.spi.AbstractDenseLayer;

/**
 * The fully connected layer {@code y = z·W + b} on ND4J arrays: the products by
 * {@link Nd4jLinearAlgebra#gemm} (OpenBLAS with transpose flags, or Java below a size), so
 * {@code dW = zᵀ·dy} and {@code dz = dy·Wᵀ} need no transposed views; the bias and
 * {@code db = Σ_rows dy} in Java on the arrays' memory. Checks and per-batch-size buffers
 * (ND4J arrays cannot change shape in place) come from {@link AbstractDenseLayer}.
 */
final class Nd4jDenseLayer extends AbstractDenseLayer<Nd4jMatrix> {

    Nd4jDenseLayer(Nd4jLinearAlgebra la, Matrix weights, Matrix bias) {
        super(la, weights, bias);
    }

    @Override
    protected void forward(Nd4jMatrix x, Nd4jMatrix weights, Nd4jMatrix bias, Nd4jMatrix y) {
        Nd4jLinearAlgebra.gemm(1.0, x, false, weights, false, 0.0, y);
        Nd4jLinearAlgebra.addRowVector(y, bias, y);
    }

    @Override
    protected void parameterGradients(Nd4jMatrix x, Nd4jMatrix dy, Nd4jMatrix weightsGradient,
                                      Nd4jMatrix biasGradient) {
        Nd4jLinearAlgebra.gemm(1.0, x, true, dy, false, 0.0, weightsGradient);
        Nd4jLinearAlgebra.columnSums(dy, biasGradient);
    }

    @Override
    protected void inputGradient(Nd4jMatrix dy, Nd4jMatrix weights, Nd4jMatrix dz) {
        Nd4jLinearAlgebra.gemm(1.0, dy, false, weights, true, 0.0, dz);
    }
}
