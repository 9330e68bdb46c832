package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;

/**
 * {@link Sequential#evaluate} and {@link Sequential#predict(double[], int)} on a model whose
 * weights are set by hand, against the softmax cross-entropy and the classes computed here
 * directly from the logits (a second code path: plain Java, no backend).
 */
class EvaluateTest {

    private static final double[][] W = {{1, 0, -1}, {0, 1, 1}};
    private static final double[] B = {0, 0.5, 0};
    /** Five examples of two features. */
    private static final double[] X = {2, 0, 0, 2, -1, 1, 1, 1, 0, 0};
    /** Their labels. */
    private static final int[] LABELS = {0, 2, 2, 0, 1};
    /**
     * The logits z = x·W + b by hand: (2, 0.5, −2), (0, 2.5, 2), (−1, 1.5, 2), (1, 1.5, 0),
     * (0, 0.5, 0); their largest are classes 0, 1, 2, 1, 1, so examples 1, 3 and 5 are right.
     */
    private static final int[] PREDICTED = {0, 1, 2, 1, 1};

    private final Backend backend = Backends.get();
    private final LinearAlgebra la = backend.linearAlgebra();

    private Sequential model() {
        Sequential model = Sequential.builder(backend).input(2).dense(3).softmaxCrossEntropy()
                .build(new Rng(0));
        la.copyFromRowMajor(new double[] {1, 0, -1, 0, 1, 1}, 0, model.parameters().get(0).value());
        la.copyFromRowMajor(B, 0, model.parameters().get(1).value());
        return model;
    }

    /** The mean over the examples of log Σ_k e^{z_k} − z_label, computed here. */
    private static double expectedLoss() {
        double sum = 0;
        for (int n = 0; n < LABELS.length; n++) {
            double[] z = new double[3];
            double exps = 0;
            for (int k = 0; k < 3; k++) {
                z[k] = X[2 * n] * W[0][k] + X[2 * n + 1] * W[1][k] + B[k];
                exps += Math.exp(z[k]);
            }
            sum += Math.log(exps) - z[LABELS[n]];
        }
        return sum / LABELS.length;
    }

    @ParameterizedTest(name = "batches of {0}")
    @ValueSource(ints = {1, 2, 5, 1000})
    void lossAndAccuracyAreTheMeansOverTheExamplesWhateverTheBatches(int batchSize) {
        DataSet data = DataSet.oneHot(5, 2, X, LABELS, 3);
        Evaluation evaluation = model().evaluate(data, batchSize);
        assertAll(
                () -> assertEquals(5, evaluation.examples()),
                () -> assertEquals(expectedLoss(), evaluation.loss(), 1e-12),
                () -> assertEquals(0.6, evaluation.accuracy(), 1e-15, "3 of 5 right"));
    }

    /** A check of the check: the hand-computed loss of the first example alone. */
    @Test
    void theFirstExamplesLossByHand() {
        // z = (2, 0.5, −2), label 0: log(e² + e^0.5 + e^−2) − 2
        double expected = Math.log(Math.exp(2) + Math.exp(0.5) + Math.exp(-2)) - 2;
        assertEquals(0.2162766673708254, expected, 1e-15);
        DataSet first = DataSet.oneHot(1, 2, new double[] {2, 0}, new int[] {0}, 3);
        assertEquals(expected, model().evaluate(first, 1).loss(), 1e-12);
    }

    @Test
    void predictFromRowMajorFeaturesGivesEachExamplesLargestLogit() {
        Sequential model = model();
        assertArrayEquals(PREDICTED, model.predict(X.clone(), 5));
        assertArrayEquals(PREDICTED, model.predict(la.fromRowMajor(5, 2, X)));
        assertArrayEquals(new int[] {2}, model.predict(new double[] {-1, 1}, 1));
    }
}
