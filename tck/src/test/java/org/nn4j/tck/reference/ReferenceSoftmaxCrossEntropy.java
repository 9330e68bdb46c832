package org.nn4j.tck.reference;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** {@code −(1/N) Σ t · log softmax(y)} by log-sum-exp, gradient {@code (softmax(y) − t)/N}. */
final class ReferenceSoftmaxCrossEntropy implements Loss {

    private final ReferenceLinearAlgebra la;
    private final Breakage breakage;
    /** The shared scratch of {@link Breakage#SHARED_SCRATCH_IN_SOFTMAX_CE}. */
    private double[] scratch = new double[0];

    ReferenceSoftmaxCrossEntropy(ReferenceLinearAlgebra la, Breakage breakage) {
        this.la = la;
        this.breakage = breakage;
    }

    @Override
    public String name() {
        return "softmax-cross-entropy";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        ReferenceMatrix y = la.own("softmax-ce.value", "prediction", prediction);
        ReferenceMatrix t = la.own("softmax-ce.value", "target", target);
        Checks.sameShape("softmax-ce.value", y, "target", t);
        Checks.nonEmptyBatch("softmax-ce.value", "prediction", y);
        return compute(y, t, null);
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        ReferenceMatrix y = la.own("softmax-ce.gradient", "prediction", prediction);
        ReferenceMatrix t = la.own("softmax-ce.gradient", "target", target);
        ReferenceMatrix g = la.own("softmax-ce.gradient", "gradient", gradient);
        Checks.sameShape("softmax-ce.gradient", y, "target", t);
        Checks.sameShape("softmax-ce.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("softmax-ce.gradient", "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "prediction", y);
        Checks.distinct("softmax-ce.gradient", "gradient", g, "target", t);
        double value = compute(y, t, g);
        la.store(g);
        return value;
    }

    private double compute(ReferenceMatrix y, ReferenceMatrix t, ReferenceMatrix g) {
        int n = y.rows;
        int d = y.cols;
        if (d == 0) {
            return 0;
        }
        if (breakage == Breakage.SHARED_SCRATCH_IN_SOFTMAX_CE) {
            return sharedScratch(y, t, g);
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                max = Math.max(max, y.data[i * d + j]);
            }
            if (breakage == Breakage.SOFTMAX_CE_WITHOUT_LOG_SUM_EXP) {
                max = 0;
            }
            double sum = 0;
            for (int j = 0; j < d; j++) {
                sum += Math.exp(y.data[i * d + j] - max);
            }
            double logSum = Math.log(sum);
            if (breakage == Breakage.SOFTMAX_CE_ASSUMES_TARGET_ROWS_SUM_TO_ONE) {
                total += max + logSum;
            }
            for (int j = 0; j < d; j++) {
                double logSoftmax = y.data[i * d + j] - max - logSum;
                if (breakage == Breakage.SOFTMAX_CE_ASSUMES_TARGET_ROWS_SUM_TO_ONE) {
                    total -= t.data[i * d + j] * y.data[i * d + j];
                } else {
                    total -= t.data[i * d + j] * logSoftmax;
                }
                if (g != null) {
                    double delta = Math.exp(logSoftmax) - t.data[i * d + j];
                    if (breakage == Breakage.SOFTMAX_CE_GRADIENT_WITH_THE_WRONG_SIGN) {
                        delta = -delta;
                    }
                    g.data[i * d + j] = breakage == Breakage.SOFTMAX_CE_MISSING_ONE_OVER_N
                            ? delta : delta / n;
                }
            }
        }
        return total / n;
    }

    /** The right formula, with the row's exponentials in a buffer shared by every caller. */
    private double sharedScratch(ReferenceMatrix y, ReferenceMatrix t, ReferenceMatrix g) {
        int n = y.rows;
        int d = y.cols;
        if (scratch.length < d) {
            scratch = new double[d];
        }
        double[] e = scratch;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                max = Math.max(max, y.data[i * d + j]);
            }
            double sum = 0;
            for (int j = 0; j < d; j++) {
                e[j] = Math.exp(y.data[i * d + j] - max);
                sum += e[j];
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < d; j++) {
                double softmax = e[j] / sum;
                total -= t.data[i * d + j] * (y.data[i * d + j] - max - logSum);
                if (g != null) {
                    g.data[i * d + j] = (softmax - t.data[i * d + j]) / n;
                }
            }
        }
        return total / n;
    }
}
