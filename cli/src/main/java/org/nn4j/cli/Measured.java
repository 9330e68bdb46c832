package org.nn4j.cli;

import java.util.function.Supplier;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.metrics.ClassificationMetrics;
import org.nn4j.trainer.metrics.ModelMetrics;
import org.nn4j.trainer.metrics.RegressionMetrics;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;

/**
 * A model's metrics on a data set, or why there are none: a model whose outputs are NaN (a
 * model file with NaN weights) still gets its loss and accuracy reported, with the metrics'
 * JSON keys null and the reason on the text output, rather than failing the command.
 *
 * @param metrics the metrics, or null
 * @param problem why there are none (null when there are)
 * @param <T>     {@link ClassificationMetrics} or {@link RegressionMetrics}
 */
record Measured<T>(T metrics, String problem) {

    static Measured<ClassificationMetrics> classification(Sequential model, DataSet data) {
        return of(() -> ModelMetrics.classification(model, data, Training.EVALUATION_BATCH_SIZE));
    }

    static Measured<RegressionMetrics> regression(Sequential model, DataSet data) {
        return of(() -> ModelMetrics.regression(model, data, Training.EVALUATION_BATCH_SIZE));
    }

    /** The metrics, or the reason ModelMetrics gives for NaN outputs. */
    private static <T> Measured<T> of(Supplier<T> metrics) {
        try {
            return new Measured<>(metrics.get(), null);
        } catch (ArithmeticException e) {
            return new Measured<>(null, e.getMessage());
        }
    }
}
