package org.nn4j.trainer.metrics;

import java.util.Objects;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.Sequential;

/**
 * Metrics of a model on a data set: its outputs, computed batch by batch as
 * {@link Sequential#evaluate(DataSet, int)} computes them, compared with the data set's
 * targets. For a classifier the true class of an example is the index of its largest target
 * (one-hot targets give the label), as {@code evaluate} takes it, so
 * {@link ClassificationMetrics#accuracy()} is {@code evaluate}'s accuracy.
 *
 * <p>Each call runs the model's {@link Sequential#forward(Matrix)}, which uses the model's
 * buffers: like training, it must not run while another thread uses the same model.
 */
public final class ModelMetrics {

    private ModelMetrics() {
    }

    /**
     * Measures a classifier: its outputs are the scores (logits, for softmax cross-entropy).
     *
     * @param model     the classifier, {@code outputSize()} classes
     * @param data      the examples, {@code inputSize()} features and {@code outputSize()}
     *                  targets each, at least one
     * @param batchSize rows per forward pass, positive (only memory and speed depend on it)
     * @return the metrics, with scores (so top-k accuracy for every k)
     * @throws IllegalArgumentException if the data set is empty or does not fit the model, or
     *                                  the batch size is not positive
     * @throws ArithmeticException      if an output is NaN, naming the example and the output:
     *                                  the model, not the data, is broken (non-finite weights)
     */
    public static ClassificationMetrics classification(Sequential model, DataSet data,
                                                       int batchSize) {
        int classes = data.targetCount();
        double[] targets = new double[Math.multiplyExact(data.size(), classes)];
        double[] scores = outputs(model, data, batchSize, targets);
        requireOutputs(scores, classes, true);
        int[] labels = new int[data.size()];
        for (int i = 0; i < labels.length; i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (targets[i * classes + j] > targets[i * classes + best]) {
                    best = j;
                }
            }
            labels[i] = best;
        }
        return ClassificationMetrics.fromScores(labels, scores, classes);
    }

    /**
     * Measures a regression: its outputs against the data set's targets.
     *
     * @param model     the model
     * @param data      the examples, {@code inputSize()} features and {@code outputSize()}
     *                  targets each, at least one
     * @param batchSize rows per forward pass, positive
     * @return the metrics, one output per target
     * @throws IllegalArgumentException if the data set is empty or does not fit the model, or
     *                                  the batch size is not positive
     * @throws ArithmeticException      if an output is NaN or infinite, naming the example and
     *                                  the output: the model, not the data, is broken
     */
    public static RegressionMetrics regression(Sequential model, DataSet data, int batchSize) {
        double[] targets = new double[Math.multiplyExact(data.size(), data.targetCount())];
        double[] predicted = outputs(model, data, batchSize, targets);
        requireOutputs(predicted, data.targetCount(), false);
        return RegressionMetrics.of(targets, predicted, data.targetCount());
    }

    /**
     * Computes the model's outputs for every example of a data set.
     *
     * @param model     the model
     * @param data      the examples, {@code inputSize()} features and {@code outputSize()}
     *                  targets each, at least one
     * @param batchSize rows per forward pass, positive
     * @return a new array of {@code data.size() · outputSize()} values, row-major
     * @throws IllegalArgumentException if the data set is empty or does not fit the model, or
     *                                  the batch size is not positive
     */
    public static double[] outputs(Sequential model, DataSet data, int batchSize) {
        return outputs(model, data, batchSize, null);
    }

    /** Refuses NaN outputs, and infinite ones unless {@code infinityAllowed}. */
    private static void requireOutputs(double[] outputs, int perExample, boolean infinityAllowed) {
        for (int i = 0; i < outputs.length; i++) {
            double v = outputs[i];
            if (Double.isNaN(v) || (!infinityAllowed && Double.isInfinite(v))) {
                throw new ArithmeticException("output " + i % perExample + " of example "
                        + i / perExample + " is " + v + ": the model's weights are not finite"
                        + " or its outputs overflow; no metrics can be computed");
            }
        }
    }

    /** The outputs; the targets too, row-major, into {@code targets} unless it is null. */
    private static double[] outputs(Sequential model, DataSet data, int batchSize,
                                    double[] targets) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        if (data.featureCount() != model.inputSize() || data.targetCount() != model.outputSize()) {
            throw new IllegalArgumentException("the data set has " + data.featureCount()
                    + " features and " + data.targetCount() + " targets per example but the"
                    + " model takes " + model.inputSize() + " inputs and has "
                    + model.outputSize() + " outputs");
        }
        ConfusionMatrix.requireExamples(data.size());
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        LinearAlgebra la = model.backend().linearAlgebra();
        int n = data.size();
        int in = data.featureCount();
        int out = model.outputSize();
        int full = Math.min(batchSize, n);
        int[] order = new int[full];
        double[] xs = new double[full * in];
        double[] ts = new double[full * data.targetCount()];
        double[] outputs = new double[Math.multiplyExact(n, out)];
        Matrix x = null;
        for (int from = 0; from < n; from += full) {
            int rows = Math.min(full, n - from);
            for (int r = 0; r < rows; r++) {
                order[r] = from + r;
            }
            data.copyRows(order, 0, rows, xs, ts);
            if (x == null || x.rows() != rows) {
                x = la.zeros(rows, in);
            }
            la.copyFromRowMajor(xs, 0, x);
            la.copyToRowMajor(model.forward(x), outputs, from * out);
            if (targets != null) {
                System.arraycopy(ts, 0, targets, from * data.targetCount(),
                        rows * data.targetCount());
            }
        }
        return outputs;
    }
}
