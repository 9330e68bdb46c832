package org.nn4j.api.spi;

/**
 * The kernels of the api's two losses on row-major {@code double[]} and {@code float[]}
 * ranges, shared by backends whose matrices are Java arrays (EJML's one array, Commons Math's
 * array per row), so every such backend computes the same bits. Each works on a range at an
 * offset, so a backend passes a whole matrix or one row at a time without copying.
 *
 * <p><b>Two precisions.</b> The {@code float[]} kernels widen their inputs (exactly) and
 * compute in {@code double}, with the per-element formulas the {@code double[]} kernels use
 * (written once, below), and round once when they store a gradient: each gradient element is
 * {@link org.nn4j.api.Precision#round} of what the {@code double[]} kernel computes on the
 * widened inputs, and the loss value, a {@code double}, is exactly that kernel's.
 */
public final class LossKernels {

    private LossKernels() {
    }

    /**
     * Returns {@code sum + Σ (y − t)²} over {@code n} elements, added in order to {@code sum}
     * (so a matrix summed row by row gives the bits of one pass), and, when {@code g} is not
     * null, writes {@code g = (y − t) / rows}: the mean squared error is
     * {@code 0.5 · Σ / rows}.
     *
     * @param sum     the running sum the squares are added to
     * @param y       the predictions. Not modified.
     * @param yOffset index in {@code y} of the first element
     * @param t       the targets. Not modified.
     * @param tOffset index in {@code t} of the first element
     * @param g       the gradient, or null when it is not wanted. Modified.
     * @param gOffset index in {@code g} of the first element
     * @param n       the number of elements
     * @param rows    the batch's number of rows, dividing the gradient
     * @return {@code sum + Σ (y − t)²}
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
     * {@link #squaredError(double, double[], int, double[], int, double[], int, int, double)}
     * on {@code float[]}: computed in {@code double}, each gradient element rounded once when
     * stored.
     *
     * @param sum     the running sum the squares are added to
     * @param y       the predictions. Not modified.
     * @param yOffset index in {@code y} of the first element
     * @param t       the targets. Not modified.
     * @param tOffset index in {@code t} of the first element
     * @param g       the gradient, or null when it is not wanted. Modified.
     * @param gOffset index in {@code g} of the first element
     * @param n       the number of elements
     * @param rows    the batch's number of rows, dividing the gradient
     * @return {@code sum + Σ (y − t)²}, in {@code double}
     */
    public static double squaredError(double sum, float[] y, int yOffset, float[] t,
                                      int tOffset, float[] g, int gOffset, int n, double rows) {
        if (g == null) {
            for (int i = 0; i < n; i++) {
                double d = (double) y[yOffset + i] - t[tOffset + i];
                sum += d * d;
            }
        } else {
            for (int i = 0; i < n; i++) {
                double d = (double) y[yOffset + i] - t[tOffset + i];
                sum += d * d;
                g[gOffset + i] = (float) (d / rows);
            }
        }
        return sum;
    }

    /**
     * Returns one row's {@code −Σ_k t_k · log softmax(y)_k}, by log-sum-exp, and, when
     * {@code g} is not null, writes the row of the gradient {@code (softmax(y) − t) / rows}.
     * {@code cols} is at least 1.
     *
     * @param y       the logits. Not modified.
     * @param yOffset index in {@code y} of the row's first element
     * @param t       the target probabilities. Not modified.
     * @param tOffset index in {@code t} of the row's first element
     * @param g       the gradient, or null when it is not wanted. Modified.
     * @param gOffset index in {@code g} of the row's first element
     * @param cols    the number of classes, at least 1
     * @param rows    the batch's number of rows, dividing the gradient
     * @return the row's cross-entropy
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
        double logSum = Math.log(sum);
        double row = 0.0;
        for (int k = 0; k < cols; k++) {
            row += crossEntropyTerm(t[tOffset + k], logSum, y[yOffset + k], max);
        }
        if (g != null) {
            for (int k = 0; k < cols; k++) {
                g[gOffset + k] = softmaxGradient(g[gOffset + k], sum, t[tOffset + k], rows);
            }
        }
        return row;
    }

    /**
     * {@link #softmaxCrossEntropyRow(double[], int, double[], int, double[], int, int, int)} on
     * {@code float[]}: computed in {@code double}, each gradient element rounded once when
     * stored. The exponentials are taken again for the gradient rather than kept in
     * {@code g}, where they would be rounded to {@code float} before the division.
     *
     * @param y       the logits. Not modified.
     * @param yOffset index in {@code y} of the row's first element
     * @param t       the target probabilities. Not modified.
     * @param tOffset index in {@code t} of the row's first element
     * @param g       the gradient, or null when it is not wanted. Modified.
     * @param gOffset index in {@code g} of the row's first element
     * @param cols    the number of classes, at least 1
     * @param rows    the batch's number of rows, dividing the gradient
     * @return the row's cross-entropy, in {@code double}
     */
    public static double softmaxCrossEntropyRow(float[] y, int yOffset, float[] t, int tOffset,
                                                float[] g, int gOffset, int cols, int rows) {
        double max = y[yOffset];
        for (int k = 1; k < cols; k++) {
            if (y[yOffset + k] > max) {
                max = y[yOffset + k];
            }
        }
        double sum = 0.0;
        for (int k = 0; k < cols; k++) {
            sum += Math.exp(y[yOffset + k] - max);
        }
        double logSum = Math.log(sum);
        double row = 0.0;
        for (int k = 0; k < cols; k++) {
            row += crossEntropyTerm(t[tOffset + k], logSum, y[yOffset + k], max);
        }
        if (g != null) {
            for (int k = 0; k < cols; k++) {
                double e = Math.exp(y[yOffset + k] - max);
                g[gOffset + k] = (float) softmaxGradient(e, sum, t[tOffset + k], rows);
            }
        }
        return row;
    }

    /**
     * {@code t_k · (−log softmax(y)_k)} as {@code t_k · (log Σ e^(y − max) − (y_k − max))}: no
     * overflow, no cancellation of a large max.
     */
    private static double crossEntropyTerm(double t, double logSum, double y, double max) {
        return t * (logSum - (y - max));
    }

    /** {@code (softmax(y)_k − t_k) / rows}, from {@code e = e^(y_k − max)} and their sum. */
    private static double softmaxGradient(double e, double sum, double t, int rows) {
        return (e / sum - t) / rows;
    }
}
