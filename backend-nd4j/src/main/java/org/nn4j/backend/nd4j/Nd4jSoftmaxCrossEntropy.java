package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;
import org.nn4j.api.spi.AbstractLoss;

/**
 * {@inheritDoc} Softmax cross-entropy on logits,
 * {@code −(1/N) Σ_n Σ_j t log softmax(y)}, gradient {@code (softmax(y) − t)/N}, by
 * log-sum-exp row by row, in Java on the arrays' native memory (through
 * {@link Nd4jMatrix#elements()}): with ten classes a row is a few dozen operations, fewer
 * than one native call would cost. Allocates nothing. In float32,
 * {@link Nd4jFloatKernels#softmaxCrossEntropy}.
 */
final class Nd4jSoftmaxCrossEntropy extends AbstractLoss<Nd4jMatrix> {

    Nd4jSoftmaxCrossEntropy(Nd4jLinearAlgebra la) {
        super(la, "softmax-cross-entropy", "softmax-ce");
    }

    @Override
    protected double doValue(Nd4jMatrix y, Nd4jMatrix t) {
        if (y.isFloat()) {
            return Nd4jFloatKernels.softmaxCrossEntropy(y, t, null);
        }
        return compute(y.elements(), t.elements(), null, y.rows(), y.cols());
    }

    @Override
    protected double doValueAndGradient(Nd4jMatrix y, Nd4jMatrix t, Nd4jMatrix g) {
        if (y.isFloat()) {
            return Nd4jFloatKernels.softmaxCrossEntropy(y, t, g);
        }
        return compute(y.elements(), t.elements(), g.elements(), y.rows(), y.cols());
    }

    /** Returns the loss and, when {@code g} is not null, writes the gradient into it. */
    private static double compute(DoubleBuffer y, DoubleBuffer t, DoubleBuffer g, int rows,
                                  int cols) {
        if (cols == 0) {
            return 0.0;
        }
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int end = base + cols;
            double max = y.get(base);
            for (int k = base + 1; k < end; k++) {
                if (y.get(k) > max) {
                    max = y.get(k);
                }
            }
            double sum = 0.0;
            if (g == null) {
                for (int k = base; k < end; k++) {
                    sum += Math.exp(y.get(k) - max);
                }
            } else {
                for (int k = base; k < end; k++) {
                    double e = Math.exp(y.get(k) - max);
                    g.put(k, e);
                    sum += e;
                }
            }
            // −log softmax(y)_k = log Σ e^(y − max) − (y_k − max): no overflow, no cancellation
            // of a large max.
            double logSum = Math.log(sum);
            double row = 0.0;
            for (int k = base; k < end; k++) {
                row += t.get(k) * (logSum - (y.get(k) - max));
            }
            total += row;
            if (g != null) {
                for (int k = base; k < end; k++) {
                    g.put(k, (g.get(k) / sum - t.get(k)) / rows);
                }
            }
        }
        return total / rows;
    }
}
