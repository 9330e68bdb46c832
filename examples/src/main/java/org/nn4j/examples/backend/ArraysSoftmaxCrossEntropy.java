package org.nn4j.examples.backend;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@code L = −(1/N) Σ t·log softmax(y)} by log-sum-exp (finite for logits of ±1000), gradient
 * {@code (softmax(y) − t)/N}; {@link AbstractLoss} gives the operation names
 * {@code softmax-ce.value} and {@code softmax-ce.gradient} and every check.
 */
final class ArraysSoftmaxCrossEntropy extends AbstractLoss<ArraysMatrix> {

    ArraysSoftmaxCrossEntropy(ArraysLinearAlgebra la) {
        super(la, "softmax-cross-entropy", "softmax-ce");
    }

    @Override
    protected double doValue(ArraysMatrix y, ArraysMatrix t) {
        return doValueAndGradient(y, t, null);
    }

    @Override
    protected double doValueAndGradient(ArraysMatrix y, ArraysMatrix t, ArraysMatrix g) {
        if (y.cols == 0) {
            return 0.0; // N rows of no classes: nothing to lose
        }
        double loss = 0.0;
        for (int row = 0; row < y.rows; row++) {
            int at = row * y.cols;
            loss += LossKernels.softmaxCrossEntropyRow(y.data, at, t.data, at,
                    g == null ? null : g.data, at, y.cols, y.rows);
        }
        return loss / y.rows;
    }
}
