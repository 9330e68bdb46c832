package org.nn4j.backend.ejml;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@inheritDoc} Softmax cross-entropy on logits,
 * {@code −(1/N) Σ_n Σ_j t log softmax(y)}, gradient {@code (softmax(y) − t)/N}, by
 * log-sum-exp row by row on EJML's arrays; allocates nothing.
 */
final class EjmlSoftmaxCrossEntropy extends AbstractLoss<EjmlMatrix> {

    EjmlSoftmaxCrossEntropy(EjmlLinearAlgebra la) {
        super(la, "softmax-cross-entropy", "softmax-ce");
    }

    @Override
    protected double doValue(EjmlMatrix y, EjmlMatrix t) {
        return compute(y.data.data, t.data.data, null, y.rows(), y.cols());
    }

    @Override
    protected double doValueAndGradient(EjmlMatrix y, EjmlMatrix t, EjmlMatrix g) {
        return compute(y.data.data, t.data.data, g.data.data, y.rows(), y.cols());
    }

    private static double compute(double[] y, double[] t, double[] g, int rows, int cols) {
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
