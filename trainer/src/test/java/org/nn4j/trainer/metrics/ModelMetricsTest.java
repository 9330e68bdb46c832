package org.nn4j.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.Sequential;

/**
 * {@link ModelMetrics} on a one-layer model whose weights are set by hand (EvaluateTest's), on
 * every backend and with batches that do and do not divide the data set.
 */
class ModelMetricsTest {

    /** Five examples of two features. */
    private static final double[] X = {2, 0, 0, 2, -1, 1, 1, 1, 0, 0};
    /**
     * Their labels. The outputs x·W + b with W = [[1, 0, −1], [0, 1, 1]], b = (0, 0.5, 0) are,
     * by hand, (2, 0.5, −2), (0, 2.5, 2), (−1, 1.5, 2), (1, 1.5, 0), (0, 0.5, 0): classes
     * 0, 1, 2, 1, 1, so the confusion matrix (rows true) is [1 1 0] [0 1 0] [0 1 1], the
     * accuracy 3/5, and the true classes rank 0, 1, 0, 1, 0: top-2 accuracy 5/5.
     */
    private static final int[] LABELS = {0, 2, 2, 0, 1};

    private static Sequential model(Backend backend, boolean classifier) {
        Sequential.Builder b = Sequential.builder(backend).input(2).dense(3);
        Sequential model = (classifier ? b.softmaxCrossEntropy() : b.meanSquaredError())
                .build(new Rng(0));
        LinearAlgebra la = backend.linearAlgebra();
        la.copyFromRowMajor(new double[] {1, 0, -1, 0, 1, 1}, 0, model.parameters().get(0).value());
        la.copyFromRowMajor(new double[] {0, 0.5, 0}, 0, model.parameters().get(1).value());
        return model;
    }

    @ParameterizedTest
    @ValueSource(strings = {"ejml", "commons", "nd4j"})
    void classifierMetricsFromTheModelsOutputs(String name) {
        Backend backend = Backends.get(name);
        Sequential model = model(backend, true);
        DataSet data = DataSet.oneHot(5, 2, X, LABELS, 3);
        for (int batch : new int[] {1, 2, 5, 100}) {
            ClassificationMetrics m = ModelMetrics.classification(model, data, batch);
            assertArrayEquals(new long[][] {{1, 1, 0}, {0, 1, 0}, {0, 1, 1}},
                    m.confusionMatrix().toArray(), "batch " + batch);
            assertEquals(0.6, m.accuracy(), 1e-15);
            assertEquals(1.0, m.topKAccuracy(2), 1e-15);
            assertEquals(model.evaluate(data, batch).accuracy(), m.accuracy(), "as evaluate counts");
        }
        assertArrayEquals(new double[] {2, 0.5, -2, 0, 2.5, 2, -1, 1.5, 2, 1, 1.5, 0, 0, 0.5, 0},
                ModelMetrics.outputs(model, data, 2), 1e-12);
    }

    /*
     * Targets: output 0 is the model's (2, 0, −1, 1, 0) plus errors (1, 0, 0, 0, −1), so
     * (3, 0, −1, 1, −1): MAE 2/5, RMSE √(2/5); mean 2/5, Σ (y − ȳ)² = 2.6² + 0.4² + 1.4² + 0.6²
     * + 1.4² = 11.2, R² = 1 − 2/11.2 = 23/28. Outputs 1 and 2 are the model's exactly: MAE 0,
     * RMSE 0, R² 1. Averaged: MAE 2/15, RMSE √0.4 / 3, R² (23/28 + 2)/3 = 79/84.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ejml", "commons", "nd4j"})
    void regressionMetricsFromTheModelsOutputs(String name) {
        Sequential model = model(Backends.get(name), false);
        double[] targets = {3, 0.5, -2, 0, 2.5, 2, -1, 1.5, 2, 1, 1.5, 0, -1, 0.5, 0};
        DataSet data = new DataSet(5, 2, 3, X, targets);
        for (int batch : new int[] {1, 3, 5}) {
            RegressionMetrics m = ModelMetrics.regression(model, data, batch);
            assertEquals(5, m.examples());
            assertArrayEquals(new double[] {0.4, 0, 0}, m.meanAbsoluteErrorPerOutput(), 1e-15);
            assertEquals(2.0 / 15, m.meanAbsoluteError(), 1e-15);
            assertEquals(Math.sqrt(0.4) / 3, m.rootMeanSquaredError(), 1e-15);
            assertEquals(79.0 / 84, m.r2(), 1e-15);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ejml"})
    void dataThatDoesNotFitIsRefused(String name) {
        Sequential model = model(Backends.get(name), true);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> ModelMetrics.classification(model, DataSet.oneHot(1, 2, new double[2],
                        new int[1], 4), 10));
        assertTrue(wrong.getMessage().contains("4 targets per example but the model takes 2"
                + " inputs and has 3 outputs"), wrong.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> ModelMetrics.outputs(model, DataSet.oneHot(0, 2, new double[0], new int[0],
                        3), 10));
        assertTrue(empty.getMessage().contains("no examples"), empty.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> ModelMetrics.outputs(model, DataSet.oneHot(1, 2, new double[2], new int[1],
                        3), 0));
        assertTrue(batch.getMessage().contains("batch size must be positive, got 0"),
                batch.getMessage());
    }

    /** A model with a NaN weight is broken, not the data: an ArithmeticException says where. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void nanOutputsAreAnArithmeticError(boolean classifier) {
        Backend backend = Backends.get("ejml");
        Sequential model = model(backend, classifier);
        backend.linearAlgebra().copyFromRowMajor(new double[] {0, Double.NaN, 0}, 0,
                model.parameters().get(1).value());
        DataSet data = DataSet.oneHot(5, 2, X, LABELS, 3);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> {
            if (classifier) {
                ModelMetrics.classification(model, data, 2);
            } else {
                ModelMetrics.regression(model, data, 2);
            }
        });
        assertTrue(e.getMessage().startsWith("output 1 of example 0 is NaN"), e.getMessage());
    }
}
