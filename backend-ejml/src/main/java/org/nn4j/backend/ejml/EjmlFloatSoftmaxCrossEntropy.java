package org.nn4j.backend.ejml;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@inheritDoc} Softmax cross-entropy on float32 logits,
 * {@code −(1/N) Σ_n Σ_j t log softmax(y)}, by log-sum-exp row by row in {@code double}; the
 * gradient {@code (softmax(y) − t)/N} is rounded once per element. Allocates nothing.
 */
final class EjmlFloatSoftmaxCrossEntropy extends AbstractLoss<EjmlFloatMatrix> {

    EjmlFloatSoftmaxCrossEntropy(EjmlFloatLinearAlgebra la) {
        super(la, "softmax-cross-entropy", "softmax-ce");
    }

    @Override
    protected double doValue(EjmlFloatMatrix y, EjmlFloatMatrix t) {
        return compute(y.data.data, t.data.data, null, y.rows(), y.cols());
    }

    @Override
    protected double doValueAndGradient(EjmlFloatMatrix y, EjmlFloatMatrix t,
                                        EjmlFloatMatrix g) {
        return compute(y.data.data, t.data.data, g.data.data, y.rows(), y.cols());
    }

    private static double compute(float[] y, float[] t, float[] g, int rows, int cols) {
        if (cols == 0) {
            return 0.0;
        }
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            total += LossKernels.softmaxCrossEntropyRow(y, base, t, base, g, base, cols, rows);
        }
        return total / rows;
    }
}
