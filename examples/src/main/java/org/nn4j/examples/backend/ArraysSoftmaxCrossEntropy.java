package org.nn4j.examples.backend;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * {@code L = −(1/N) Σ t·log softmax(y)} by log-sum-exp (finite for logits of ±1000), gradient
 * {@code (softmax(y) − t)/N}; operation names {@code softmax-ce.value} and
 * {@code softmax-ce.gradient}.
 */
final class ArraysSoftmaxCrossEntropy implements Loss {

    private final ArraysLinearAlgebra la;

    ArraysSoftmaxCrossEntropy(ArraysLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        ArraysMatrix y = la.own("softmax-ce.value", "prediction", prediction);
        ArraysMatrix t = la.own("softmax-ce.value", "target", target);
        Checks.sameShape("softmax-ce.value", y, "target", t);
        Checks.nonEmptyBatch("softmax-ce.value", "prediction", y);
        return compute(y, t, null);
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        ArraysMatrix y = la.own("softmax-ce.gradient", "prediction", prediction);
        ArraysMatrix t = la.own("softmax-ce.gradient", "target", target);
        ArraysMatrix g = la.own("softmax-ce.gradient", "gradient", gradient);
        Checks.sameShape("softmax-ce.gradient", y, "target", t);
        Checks.sameShape("softmax-ce.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("softmax-ce.gradient", "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "target", t);
        return compute(y, t, g);
    }

    private static double compute(ArraysMatrix y, ArraysMatrix t, ArraysMatrix g) {
        double loss = 0;
        for (int row = 0; row < y.rows; row++) {
            int from = row * y.cols;
            int to = from + y.cols;
            double max = Double.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                max = Math.max(max, y.data[i]);
            }
            double sumExp = 0;
            for (int i = from; i < to; i++) {
                sumExp += Math.exp(y.data[i] - max);
            }
            double logSumExp = max + Math.log(sumExp);
            for (int i = from; i < to; i++) {
                double logSoftmax = y.data[i] - logSumExp;
                loss -= t.data[i] * logSoftmax;
                if (g != null) {
                    g.data[i] = (Math.exp(logSoftmax) - t.data[i]) / y.rows;
                }
            }
        }
        return y.cols == 0 ? 0 : loss / y.rows;
    }
}
