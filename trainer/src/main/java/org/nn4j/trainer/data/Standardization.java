package org.nn4j.trainer.data;

import java.util.Objects;

/**
 * Feature standardisation {@code z = (x − mean) / scale}, column by column, with the mean and
 * scale fitted on a training set ({@link #fit}); scikit-learn's {@code StandardScaler} with its
 * defaults computes the same numbers. A model keeps it as its first layer
 * ({@code LayerSpec.standardize}), so the model file holds it and prediction applies it.
 *
 * @param mean  each column's mean
 * @param scale each column's population standard deviation (divided by n, not n − 1), or 1 for
 *              a column whose values are all equal (its standardised value is then
 *              {@code x − mean}, 0 on the training set, rather than a division by zero)
 * @serial exclude
 */
public record Standardization(double[] mean, double[] scale) {

    /**
     * Checks the values.
     *
     * @param mean  each column's mean, finite; copied
     * @param scale each column's scale, positive and finite; copied
     * @throws IllegalArgumentException naming the column whose value is out of range, or if
     *                                  the lengths differ
     */
    public Standardization {
        mean = Objects.requireNonNull(mean, "mean").clone();
        scale = Objects.requireNonNull(scale, "scale").clone();
        check(mean, scale);
    }

    /**
     * Checks a mean and a scale for a standardisation.
     *
     * @param mean  each column's mean
     * @param scale each column's scale
     * @throws IllegalArgumentException naming the column whose value is out of range, or if
     *                                  the lengths differ or are zero
     */
    public static void check(double[] mean, double[] scale) {
        if (mean.length != scale.length || mean.length == 0) {
            throw new IllegalArgumentException("a standardization needs as many means as scales,"
                    + " at least one; got " + mean.length + " means and " + scale.length
                    + " scales");
        }
        for (int j = 0; j < mean.length; j++) {
            if (!Double.isFinite(mean[j])) {
                throw new IllegalArgumentException("the mean of column " + j + " is " + mean[j]
                        + "; it must be finite");
            }
            if (!(scale[j] > 0.0) || Double.isInfinite(scale[j])) {
                throw new IllegalArgumentException("the scale of column " + j + " is " + scale[j]
                        + "; it must be positive and finite");
            }
        }
    }

    /**
     * Fits the mean and scale of each feature of a data set (two passes: the mean, then the
     * mean squared deviation from it).
     *
     * @param data the training set, at least one example
     * @return the standardisation
     * @throws IllegalArgumentException if the data set is empty or has no features
     */
    public static Standardization fit(DataSet data) {
        return fit(data.copyOfFeatures(), data.size(), data.featureCount());
    }

    /**
     * Fits the mean and scale of each column of a row-major table, such as a regression's
     * targets.
     *
     * @param x row-major values, {@code n · d} of them, finite. Not modified.
     * @param n rows, positive
     * @param d columns, positive
     * @return the standardisation
     * @throws IllegalArgumentException if a count is not positive or does not fit the array
     */
    public static Standardization fit(double[] x, int n, int d) {
        if (n <= 0 || d <= 0 || x.length != (long) n * d) {
            throw new IllegalArgumentException("cannot fit a standardization on " + n
                    + " rows of " + d + " columns from " + x.length + " values");
        }
        double[] mean = new double[d];
        double[] min = new double[d];
        double[] max = new double[d];
        for (int j = 0; j < d; j++) {
            min[j] = Double.POSITIVE_INFINITY;
            max[j] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                mean[j] += v;
                min[j] = Math.min(min[j], v);
                max[j] = Math.max(max[j], v);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] scale = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double deviation = x[i * d + j] - mean[j];
                scale[j] += deviation * deviation;
            }
        }
        for (int j = 0; j < d; j++) {
            // A constant column: exactly equal values, whatever rounding left in the mean.
            double std = Math.sqrt(scale[j] / n);
            scale[j] = min[j] == max[j] || !(std > 0.0) || Double.isInfinite(std) ? 1.0 : std;
        }
        return new Standardization(mean, scale);
    }

    /**
     * Returns each column's mean.
     *
     * @return a copy
     */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Returns each column's scale.
     *
     * @return a copy
     */
    @Override
    public double[] scale() {
        return scale.clone();
    }

    /**
     * Returns the number of columns.
     *
     * @return the number of columns
     */
    public int columns() {
        return mean.length;
    }

    /**
     * Returns the inverse map {@code x = z · scale + mean} as a standardisation of its own:
     * mean {@code −mean / scale}, scale {@code 1 / scale}. A regression model ends with it, so
     * it learns standardised targets and predicts in the targets' units.
     *
     * @return the inverse
     */
    public Standardization inverse() {
        double[] m = new double[mean.length];
        double[] s = new double[mean.length];
        for (int j = 0; j < m.length; j++) {
            m[j] = -mean[j] / scale[j];
            s[j] = 1.0 / scale[j];
        }
        return new Standardization(m, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardization other && java.util.Arrays.equals(mean, other.mean)
                && java.util.Arrays.equals(scale, other.scale);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(mean) * 31 + java.util.Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "Standardization[mean=" + java.util.Arrays.toString(mean) + ", scale="
                + java.util.Arrays.toString(scale) + "]";
    }
}
