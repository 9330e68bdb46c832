package org.nn4j.trainer.regression;

import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;

/**
 * The numpy tutorial's problem: a linear map {@code y = x·W + b} with
 * {@code W = [[3, 7, 4], [5, 2, 6]]} and {@code b = [2, 9, 3]}, learnt from 500 examples whose
 * two features are random integers from 0 to 9.
 */
public final class LinearRegressionProblem {

    /** Features per example. */
    public static final int FEATURES = 2;

    /** Outputs per example. */
    public static final int OUTPUTS = 3;

    /** Examples in the tutorial's data set. */
    public static final int SAMPLES = 500;

    private static final double[] TRUE_WEIGHTS = {3, 7, 4, 5, 2, 6};
    private static final double[] TRUE_BIAS = {2, 9, 3};

    private LinearRegressionProblem() {
    }

    /**
     * Returns the true weights, {@code 2x3} row-major; a copy.
     *
     * @return the true weights
     */
    public static double[] trueWeights() {
        return TRUE_WEIGHTS.clone();
    }

    /**
     * Returns the true bias, 3 values; a copy.
     *
     * @return the true bias
     */
    public static double[] trueBias() {
        return TRUE_BIAS.clone();
    }

    /**
     * Generates the tutorial's data: {@link #SAMPLES} rows of two integers drawn uniformly
     * from 0 to 9, row by row, and their exact targets.
     *
     * @param rng the generator
     * @return the data set
     */
    public static DataSet generate(Rng rng) {
        double[] x = new double[SAMPLES * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(10);
        }
        return new DataSet(SAMPLES, FEATURES, OUTPUTS, x, targets(x, SAMPLES));
    }

    /**
     * Computes the exact targets {@code x·W + b} for row-major features.
     *
     * @param x    {@code rows x 2} features, row-major
     * @param rows the number of rows
     * @return {@code rows x 3} targets, row-major
     */
    public static double[] targets(double[] x, int rows) {
        double[] y = new double[rows * OUTPUTS];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < OUTPUTS; j++) {
                double v = TRUE_BIAS[j];
                for (int k = 0; k < FEATURES; k++) {
                    v += x[i * FEATURES + k] * TRUE_WEIGHTS[k * OUTPUTS + j];
                }
                y[i * OUTPUTS + j] = v;
            }
        }
        return y;
    }
}
