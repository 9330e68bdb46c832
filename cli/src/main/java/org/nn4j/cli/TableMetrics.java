package org.nn4j.cli;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.Sequential;

/**
 * The few numbers {@code nn4j train} and {@code nn4j predict} report on a table: the model's
 * outputs in batches, a regression's MAE, RMSE and R², a classifier's probabilities. Minimal
 * on purpose, until a metrics package replaces it.
 */
final class TableMetrics {

    private static final int BATCH = 1000;

    private TableMetrics() {
    }

    /** The model's outputs for every row of a data set, row-major. */
    static double[] outputs(Sequential model, DataSet data) {
        return outputs(model, data.copyOfFeatures(), data.size());
    }

    /** The model's outputs for {@code rows} rows of row-major features. */
    static double[] outputs(Sequential model, double[] features, int rows) {
        LinearAlgebra la = model.backend().linearAlgebra();
        int d = model.inputSize();
        int k = model.outputSize();
        double[] out = new double[rows * k];
        for (int from = 0; from < rows; from += BATCH) {
            int count = Math.min(BATCH, rows - from);
            Matrix x = la.zeros(count, d);
            la.copyFromRowMajor(features, from * d, x);
            la.copyToRowMajor(model.forward(x), out, from * k);
        }
        return out;
    }

    /**
     * MAE, RMSE and R² ({@code 1 − Σ(y − t)² / Σ(t − mean t)²}, scikit-learn's
     * {@code r2_score}; NaN when every target is equal).
     *
     * @return {@code {mae, rmse, r2}}
     */
    static double[] regression(double[] predicted, double[] target) {
        int n = target.length;
        double mean = 0;
        for (double t : target) {
            mean += t;
        }
        mean /= n;
        double absolute = 0;
        double squared = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double e = predicted[i] - target[i];
            absolute += Math.abs(e);
            squared += e * e;
            total += (target[i] - mean) * (target[i] - mean);
        }
        return new double[] {absolute / n, Math.sqrt(squared / n),
                total == 0 ? Double.NaN : 1 - squared / total};
    }

    /** Softmax of each row of logits, in place: the probabilities of the classes. */
    static void softmax(double[] logits, int classes) {
        for (int from = 0; from < logits.length; from += classes) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[from + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                logits[from + j] = Math.exp(logits[from + j] - max);
                sum += logits[from + j];
            }
            for (int j = 0; j < classes; j++) {
                logits[from + j] /= sum;
            }
        }
    }

    /** The index of each row's largest value (the first, on a tie). */
    static int[] argmax(double[] values, int classes) {
        int[] best = new int[values.length / classes];
        for (int i = 0; i < best.length; i++) {
            for (int j = 1; j < classes; j++) {
                if (values[i * classes + j] > values[i * classes + best[i]]) {
                    best[i] = j;
                }
            }
        }
        return best;
    }
}
