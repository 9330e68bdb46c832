package org.nn4j.trainer.metrics;

import java.util.Objects;

/**
 * A regression's errors on a set of examples, per output and averaged over the outputs with
 * equal weights (scikit-learn's {@code multioutput="uniform_average"}). For output {@code j},
 * with {@code y} the true values, {@code ŷ} the predicted ones, {@code ȳ} their mean over the
 * {@code n} examples:
 * <ul>
 *   <li>MAE = (1/n) Σ |y − ŷ|;</li>
 *   <li>RMSE = √((1/n) Σ (y − ŷ)²), and the averaged RMSE is the mean of the per-output RMSEs
 *       (as scikit-learn 1.2's {@code mean_squared_error(squared=False)}), not the root of the
 *       mean squared error over every output;</li>
 *   <li>R² = 1 − Σ (y − ŷ)² / Σ (y − ȳ)². When the target is constant (Σ (y − ȳ)² = 0) R² is
 *       1 if the predictions are exact and 0 otherwise, never −∞ or NaN (scikit-learn's
 *       {@code force_finite=True}). With a single example R² is not defined and is NaN, as
 *       scikit-learn answers.</li>
 * </ul>
 *
 * <p>Immutable and safe to share between threads.
 */
public final class RegressionMetrics {

    private final int examples;
    private final double[] mae;
    private final double[] rmse;
    private final double[] r2;

    private RegressionMetrics(int examples, double[] mae, double[] rmse, double[] r2) {
        this.examples = examples;
        this.mae = mae;
        this.rmse = rmse;
        this.r2 = r2;
    }

    /**
     * Computes the metrics of a single-output regression.
     *
     * @param truth     the true values, at least one, finite. Not modified.
     * @param predicted the predicted values, as many, finite. Not modified.
     * @return the metrics
     * @throws IllegalArgumentException as {@link #of(double[], double[], int)} says
     */
    public static RegressionMetrics of(double[] truth, double[] predicted) {
        return of(truth, predicted, 1);
    }

    /**
     * Computes the metrics of a regression with one or more outputs.
     *
     * @param truth     the true values, row-major, {@code outputs} per example, at least one
     *                  example, finite. Not modified.
     * @param predicted the predicted values, laid out the same way, finite. Not modified.
     * @param outputs   values per example, positive
     * @return the metrics
     * @throws IllegalArgumentException if there are no examples, the lengths do not agree with
     *                                  each other or with {@code outputs}, or a value is NaN or
     *                                  infinite (naming the argument, the example and the output)
     */
    public static RegressionMetrics of(double[] truth, double[] predicted, int outputs) {
        Objects.requireNonNull(truth, "truth");
        Objects.requireNonNull(predicted, "predicted");
        if (outputs <= 0) {
            throw new IllegalArgumentException("the number of outputs must be positive, got "
                    + outputs);
        }
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true values but "
                    + predicted.length + " predicted values; give one of each per output and"
                    + " example");
        }
        if (truth.length % outputs != 0) {
            throw new IllegalArgumentException(truth.length + " values are not a whole number"
                    + " of examples of " + outputs + " outputs");
        }
        ConfusionMatrix.requireExamples(truth.length);
        requireFinite("true value", truth, outputs);
        requireFinite("predicted value", predicted, outputs);
        int n = truth.length / outputs;
        double[] mae = new double[outputs];
        double[] rmse = new double[outputs];
        double[] r2 = new double[outputs];
        for (int j = 0; j < outputs; j++) {
            double absolute = 0.0;
            double squared = 0.0;
            double mean = 0.0;
            for (int i = 0; i < n; i++) {
                double e = truth[i * outputs + j] - predicted[i * outputs + j];
                absolute += Math.abs(e);
                squared += e * e;
                mean += truth[i * outputs + j];
            }
            mean /= n;
            double total = 0.0;
            for (int i = 0; i < n; i++) {
                double d = truth[i * outputs + j] - mean;
                total += d * d;
            }
            mae[j] = absolute / n;
            rmse[j] = Math.sqrt(squared / n);
            r2[j] = n < 2 ? Double.NaN : r2(squared, total);
        }
        return new RegressionMetrics(n, mae, rmse, r2);
    }

    /** scikit-learn's {@code force_finite=True}: a constant target gives 1 if exact, else 0. */
    private static double r2(double residual, double total) {
        if (residual == 0.0) {
            return 1.0;
        }
        return total == 0.0 ? 0.0 : 1.0 - residual / total;
    }

    private static void requireFinite(String what, double[] values, int outputs) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + values[i] + " of example "
                        + i / outputs + ", output " + i % outputs + " is not finite; metrics"
                        + " need finite values");
            }
        }
    }

    private static double mean(double[] values) {
        double sum = 0.0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Returns the number of examples.
     *
     * @return the number of examples, positive
     */
    public int examples() {
        return examples;
    }

    /**
     * Returns the number of outputs per example.
     *
     * @return the number of outputs, positive
     */
    public int outputs() {
        return mae.length;
    }

    /**
     * Returns the mean absolute error, averaged over the outputs.
     *
     * @return the MAE, non-negative
     */
    public double meanAbsoluteError() {
        return mean(mae);
    }

    /**
     * Returns the root mean squared error: the mean over the outputs of each output's RMSE.
     *
     * @return the RMSE, non-negative
     */
    public double rootMeanSquaredError() {
        return mean(rmse);
    }

    /**
     * Returns the coefficient of determination R², averaged over the outputs.
     *
     * @return R², at most 1 (1 for exact predictions, 0 for predicting the mean, below 0 for
     *         worse); NaN with a single example
     */
    public double r2() {
        return mean(r2);
    }

    /**
     * Returns each output's mean absolute error.
     *
     * @return a new array of {@link #outputs()} values
     */
    public double[] meanAbsoluteErrorPerOutput() {
        return mae.clone();
    }

    /**
     * Returns each output's root mean squared error.
     *
     * @return a new array of {@link #outputs()} values
     */
    public double[] rootMeanSquaredErrorPerOutput() {
        return rmse.clone();
    }

    /**
     * Returns each output's R².
     *
     * @return a new array of {@link #outputs()} values
     */
    public double[] r2PerOutput() {
        return r2.clone();
    }

    /**
     * Returns a one-line summary.
     *
     * @return the examples, outputs, MAE, RMSE and R²
     */
    @Override
    public String toString() {
        return "RegressionMetrics[examples=" + examples + ", outputs=" + outputs() + ", mae="
                + meanAbsoluteError() + ", rmse=" + rootMeanSquaredError() + ", r2=" + r2() + "]";
    }
}
