package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.optim.Adam;

/**
 * Early stopping stops once the validation loss has not improved for its patience, and gives
 * the model back the best epoch's parameters.
 */
class EarlyStoppingTest {

    static java.util.stream.Stream<String> backends() {
        return ResumeTest.backends();
    }

    /** Labels that are pure noise: a wide network memorises them and the validation loss rises. */
    private static DataSet noise(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian();
            }
        }
        return DataSet.oneHot(n, 5, x, labels, 3);
    }

    private static Sequential wide(Backend backend) {
        return Sequential.builder(backend).input(5).dense(64).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy().build(new Rng(1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void stopsAfterPatienceEpochsWithoutImprovementAndRestoresTheBestEpoch(String name) {
        Sequential model = wide(Backends.get(name));
        DataSet validation = noise(60, 3);
        List<List<double[]>> afterEpoch = new ArrayList<>();
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.02).build())
                .epochs(100).batchSize(10).validation(validation)
                .earlyStopping(EarlyStopping.onValidationLoss(3))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochEnd(EpochSummary summary) {
                        afterEpoch.add(ResumeTest.parameters(model));
                    }
                })
                .fit(noise(80, 2), null, new Rng(4));
        int epochs = history.epochs().size();
        assertTrue(epochs < 100, "it stopped early, after " + epochs + " epochs");
        assertEquals(StopReason.EARLY_STOPPED, history.stopReason());
        assertTrue(history.completed() && history.stoppedEarly());
        // The best epoch, found here from the recorded validation losses.
        int best = 0;
        for (int e = 1; e < epochs; e++) {
            if (history.epochs().get(e).validationLoss()
                    < history.epochs().get(best).validationLoss()) {
                best = e;
            }
        }
        assertEquals(best, history.bestEpoch());
        assertEquals(best + 1 + 3, epochs, "3 epochs after the best without improvement");
        assertTrue(history.bestRestored());
        ResumeTest.assertSame(afterEpoch.get(best), ResumeTest.parameters(model),
                "the parameters are the best epoch's");
        assertEquals(history.epochs().get(best).validationLoss(),
                model.evaluate(validation, 1000).loss(), 0.0, "the restored model's loss");
        assertTrue(history.message().startsWith("stopped early after epoch " + epochs + " of 100:"
                + " the validation-loss did not improve by more than 0.0 for 3 epochs; the"
                + " parameters are those of the best epoch, " + (best + 1)), history.message());
    }

    /** A minimum delta larger than any change: no epoch after the first counts as better. */
    @Test
    void aLargeMinimumDeltaStopsAfterTheFirstEpochPlusPatience() {
        Sequential model = wide(Backends.get("ejml"));
        List<double[]> afterFirst = new ArrayList<>();
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.02).build())
                .epochs(100).batchSize(10).validation(noise(60, 3))
                .earlyStopping(EarlyStopping.onValidationAccuracy(2).minDelta(0.9))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochEnd(EpochSummary summary) {
                        if (summary.epoch() == 0) {
                            afterFirst.addAll(ResumeTest.parameters(model));
                        }
                    }
                })
                .fit(noise(80, 2), null, new Rng(4));
        assertEquals(3, history.epochs().size());
        assertEquals(0, history.bestEpoch());
        ResumeTest.assertSame(afterFirst, ResumeTest.parameters(model), "epoch 1's parameters");
    }

    /** Without early stopping the validation set is measured and the best epoch named only. */
    @Test
    void aValidationSetAloneRecordsTheBestEpochAndKeepsTheLastWeights() {
        Sequential model = wide(Backends.get("ejml"));
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.02).build())
                .epochs(6).batchSize(10).validation(noise(60, 3)).fit(noise(80, 2), null, new Rng(4));
        assertEquals(StopReason.COMPLETED, history.stopReason());
        assertFalse(history.bestRestored());
        assertEquals(5, history.finalEpoch().epoch());
        for (EpochSummary e : history.epochs()) {
            assertTrue(e.validationLoss() > 0 && e.validationAccuracy() >= 0, e.toString());
        }
    }

    @Test
    void earlyStoppingWithoutAValidationSetIsRefused() {
        Training training = new Training(wide(Backends.get("ejml")), Adam.builder().build())
                .earlyStopping(EarlyStopping.onValidationLoss(2));
        assertEquals("early stopping needs a validation set: call validation(...) too",
                assertThrows(IllegalArgumentException.class,
                        () -> training.fit(noise(80, 2), null, new Rng(4))).getMessage());
        assertEquals("early stopping's patience must be a positive number of epochs, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> EarlyStopping.onValidationLoss(0)).getMessage());
    }

    @Test
    void aValidationSplitIsDeterministicAndDisjoint() {
        DataSet data = noise(100, 7);
        ValidationSplit a = ValidationSplit.of(data, 0.3, new Rng(1));
        ValidationSplit b = ValidationSplit.of(data, 0.3, new Rng(1));
        assertEquals(30, a.validation().size());
        assertEquals(70, a.train().size());
        assertArrayEquals(a.validation().copyOfFeatures(), b.validation().copyOfFeatures());
        assertFalse(java.util.Arrays.equals(a.validation().copyOfFeatures(),
                ValidationSplit.of(data, 0.3, new Rng(2)).validation().copyOfFeatures()));
        // Every example is in exactly one part: the rows' sums, as multisets, add up.
        List<Double> all = rowSums(data);
        List<Double> parts = rowSums(a.train());
        parts.addAll(rowSums(a.validation()));
        all.sort(null);
        parts.sort(null);
        assertEquals(all, parts);
        assertEquals("a validation fraction of 0.001 of 100 examples holds out 0, leaving 100 to"
                + " train on; both parts need at least one example", assertThrows(
                IllegalArgumentException.class, () -> ValidationSplit.of(data, 0.001, new Rng(1)))
                .getMessage());
    }

    private static List<Double> rowSums(DataSet d) {
        double[] x = d.copyOfFeatures();
        List<Double> sums = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            double s = 0;
            for (int j = 0; j < d.featureCount(); j++) {
                s += x[i * d.featureCount() + j] * (j + 1);
            }
            sums.add(s);
        }
        return sums;
    }
}
