package org.nn4j.api.spi;

/**
 * The kernels of the api's two losses on row-major {@code double[]} ranges, shared by backends
 * whose matrices are Java arrays (EJML's one array, Commons Math's array per row), so every
 * such backend computes the same bits. Each works on a range at an offset, so a backend passes
 * a whole matrix or one row at a time without copying.
 */
public final class LossKernels {

    private LossKernels() {
    }

    /**
     * Returns {@code sum + Σ (y − t)²} over {@code n} elements, added in order to {@code sum}
     * (so a matrix summed row by row gives the bits of one pass), and, when {@code g} is not
     * null, writes {@code g = (y − t) / rows}: the mean squared error is
     * {@code 0.5 · Σ / rows}.
     */
    public static double squaredError(double sum, double[] y, int yOffset, double[] t,
                                      int tOffset, double[] g, int gOffset, int n, double rows) {
        if (g == null) {
            for (int i = 0; i < n; i++) {
                double d = y[yOffset + i] - t[tOffset + i];
                sum += d * d;
            }
        } else {
            for (int i = 0; i < n; i++) {
                double d = y[yOffset + i] - t[tOffset + i];
                sum += d * d;
                g[gOffset + i] = d / rows;
            }
        }
        return sum;
    }

    /**
     * Returns one row's {@code −Σ_k t_k · log softmax(y)_k}, by log-sum-exp, and, when
     * {@code g} is not null, writes the row of the gradient {@code (softmax(y) − t) / rows}.
     * {@code cols} is at least 1.
     */
    public static double softmaxCrossEntropyRow(double[] y, int yOffset, double[] t, int tOffset,
                                                double[] g, int gOffset, int cols, int rows) {
        double max = y[yOffset];
        for (int k = 1; k < cols; k++) {
            if (y[yOffset + k] > max) {
                max = y[yOffset + k];
            }
        }
        double sum = 0.0;
        if (g == null) {
            for (int k = 0; k < cols; k++) {
                sum += Math.exp(y[yOffset + k] - max);
            }
        } else {
            for (int k = 0; k < cols; k++) {
                double e = Math.exp(y[yOffset + k] - max);
                g[gOffset + k] = e;
                sum += e;
            }
        }
        // −log softmax(y)_k = log Σ e^(y − max) − (y_k − max): no overflow, no cancellation of a
        // large max.
        double logSum = Math.log(sum);
        double row = 0.0;
        for (int k = 0; k < cols; k++) {
            row += t[tOffset + k] * (logSum - (y[yOffset + k] - max));
        }
        if (g != null) {
            for (int k = 0; k < cols; k++) {
                g[gOffset + k] = (g[gOffset + k] / sum - t[tOffset + k]) / rows;
            }
        }
        return row;
    }
}
