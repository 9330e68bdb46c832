package org.nn4j.backend.ejml;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc} Softmax cross-entropy on logits,
 * {@code −(1/N) Σ_n Σ_j t log softmax(y)}, gradient {@code (softmax(y) − t)/N}, by
 * log-sum-exp row by row on EJML's arrays; allocates nothing.
 */
final class EjmlSoftmaxCrossEntropy implements Loss {

    private final EjmlLinearAlgebra la;

    EjmlSoftmaxCrossEntropy(EjmlLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        EjmlMatrix y = la.own("softmax-ce.value", "prediction", prediction);
        EjmlMatrix t = la.own("softmax-ce.value", "target", target);
        Checks.sameShape("softmax-ce.value", y, "target", t);
        Checks.nonEmptyBatch("softmax-ce.value", "prediction", y);
        return compute(y.data.data, t.data.data, null, y.rows(), y.cols());
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        EjmlMatrix y = la.own("softmax-ce.gradient", "prediction", prediction);
        EjmlMatrix t = la.own("softmax-ce.gradient", "target", target);
        EjmlMatrix g = la.own("softmax-ce.gradient", "gradient", gradient);
        Checks.sameShape("softmax-ce.gradient", y, "target", t);
        Checks.sameShape("softmax-ce.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("softmax-ce.gradient", "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "target", t);
        return compute(y.data.data, t.data.data, g.data.data, y.rows(), y.cols());
    }

    /**
     * Returns the loss of {@code rows x cols} logits {@code y} and targets {@code t}
     * (row-major) and, when {@code g} is not null, writes the gradient into it.
     */
    static double compute(double[] y, double[] t, double[] g, int rows, int cols) {
        if (cols == 0) {
            return 0.0;
        }
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            int base = i * cols;
            int end = base + cols;
            double max = y[base];
            for (int k = base + 1; k < end; k++) {
                if (y[k] > max) {
                    max = y[k];
                }
            }
            double sum = 0.0;
            if (g == null) {
                for (int k = base; k < end; k++) {
                    sum += Math.exp(y[k] - max);
                }
            } else {
                for (int k = base; k < end; k++) {
                    double e = Math.exp(y[k] - max);
                    g[k] = e;
                    sum += e;
                }
            }
            // −log softmax(y)_k = log Σ e^(y − max) − (y_k − max): no overflow, no cancellation
            // of a large max.
            double logSum = Math.log(sum);
            double row = 0.0;
            for (int k = base; k < end; k++) {
                row += t[k] * (logSum - (y[k] - max));
            }
            total += row;
            if (g != null) {
                for (int k = base; k < end; k++) {
                    g[k] = (g[k] / sum - t[k]) / rows;
                }
            }
        }
        return total / rows;
    }
}
