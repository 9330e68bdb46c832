package org.nn4j.backend.commons;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc} Softmax cross-entropy on logits,
 * {@code −(1/N) Σ_n Σ_j t log softmax(y)}, gradient {@code (softmax(y) − t)/N}, by
 * log-sum-exp row by row on Commons Math's row arrays; allocates nothing.
 */
final class CommonsSoftmaxCrossEntropy implements Loss {

    private final CommonsLinearAlgebra la;

    CommonsSoftmaxCrossEntropy(CommonsLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        CommonsMatrix y = la.own("softmax-ce.value", "prediction", prediction);
        CommonsMatrix t = la.own("softmax-ce.value", "target", target);
        Checks.sameShape("softmax-ce.value", y, "target", t);
        Checks.nonEmptyBatch("softmax-ce.value", "prediction", y);
        return compute(y.data, t.data, null, y.cols());
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        CommonsMatrix y = la.own("softmax-ce.gradient", "prediction", prediction);
        CommonsMatrix t = la.own("softmax-ce.gradient", "target", target);
        CommonsMatrix g = la.own("softmax-ce.gradient", "gradient", gradient);
        Checks.sameShape("softmax-ce.gradient", y, "target", t);
        Checks.sameShape("softmax-ce.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("softmax-ce.gradient", "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "target", t);
        return compute(y.data, t.data, g.data, y.cols());
    }

    /** Returns the loss and, when {@code g} is not null, writes the gradient into it. */
    private static double compute(double[][] y, double[][] t, double[][] g, int cols) {
        if (cols == 0) {
            return 0.0;
        }
        int rows = y.length;
        double total = 0.0;
        for (int i = 0; i < rows; i++) {
            double[] yi = y[i];
            double[] ti = t[i];
            double[] gi = g == null ? null : g[i];
            double max = yi[0];
            for (int k = 1; k < cols; k++) {
                if (yi[k] > max) {
                    max = yi[k];
                }
            }
            double sum = 0.0;
            if (gi == null) {
                for (int k = 0; k < cols; k++) {
                    sum += Math.exp(yi[k] - max);
                }
            } else {
                for (int k = 0; k < cols; k++) {
                    double e = Math.exp(yi[k] - max);
                    gi[k] = e;
                    sum += e;
                }
            }
            // −log softmax(y)_k = log Σ e^(y − max) − (y_k − max): no overflow, no cancellation
            // of a large max.
            double logSum = Math.log(sum);
            double row = 0.0;
            for (int k = 0; k < cols; k++) {
                row += ti[k] * (logSum - (yi[k] - max));
            }
            total += row;
            if (gi != null) {
                for (int k = 0; k < cols; k++) {
                    gi[k] = (gi[k] / sum - ti[k]) / rows;
                }
            }
        }
        return total / rows;
    }
}
