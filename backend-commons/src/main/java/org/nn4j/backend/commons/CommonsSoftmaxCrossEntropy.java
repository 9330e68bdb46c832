package org.nn4j.backend.commons;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@inheritDoc} Softmax cross-entropy on logits by log-sum-exp, row by row on the
 * {@code double[][]} rows; allocates nothing.
 */
final class CommonsSoftmaxCrossEntropy extends AbstractLoss<CommonsMatrix> {

    CommonsSoftmaxCrossEntropy(CommonsLinearAlgebra la) {
        super(la, "softmax-cross-entropy", "softmax-ce");
    }

    @Override
    protected double doValue(CommonsMatrix y, CommonsMatrix t) {
        return compute(y.data, t.data, null, y.cols());
    }

    @Override
    protected double doValueAndGradient(CommonsMatrix y, CommonsMatrix t, CommonsMatrix g) {
        return compute(y.data, t.data, g.data, y.cols());
    }

    private static double compute(double[][] y, double[][] t, double[][] g, int cols) {
        if (cols == 0) {
            return 0.0;
        }
        int rows = y.length;
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            total += LossKernels.softmaxCrossEntropyRow(y[i], 0, t[i], 0, g == null ? null : g[i],
                    0, cols, rows);
        }
        return total / rows;
    }
}
