package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * Early stopping's rule and its bookkeeping ({@link BestEpoch}) on values chosen by hand, each
 * exact in binary (powers of two), so every comparison below is decided by the documented
 * rule alone: a loss improves when it is below {@code best − minDelta}, an accuracy when it is
 * above {@code best + minDelta}, strictly; NaN never improves; anything improves on NaN.
 */
class EarlyStoppingRuleTest {

    private static EpochSummary epoch(int epoch, double validationLoss, double validationAccuracy) {
        return new EpochSummary(epoch, 0.1, 1.0, Double.NaN, Double.NaN, 0, 0, 0,
                validationLoss, validationAccuracy);
    }

    @Test
    void aLossImprovesOnlyWhenBelowTheBestByMoreThanTheDelta() {
        EarlyStopping rule = EarlyStopping.onValidationLoss(1).minDelta(0.25);
        assertAll(
                // 1 − 0.25 = 0.75: 0.75 is not below it, 0.5 is.
                () -> assertFalse(rule.improves(0.75, 1.0), "exactly best − delta"),
                () -> assertTrue(rule.improves(0.5, 1.0), "below best − delta"),
                () -> assertFalse(rule.improves(0.875, 1.0), "better, but by less than delta"),
                () -> assertFalse(rule.improves(1.5, 1.0), "worse"),
                () -> assertFalse(rule.improves(Double.NaN, 1.0), "NaN never improves"),
                () -> assertTrue(rule.improves(4.0, Double.NaN), "anything improves on no best"),
                () -> assertFalse(EarlyStopping.onValidationLoss(1).improves(1.0, 1.0),
                        "a tie is no improvement"));
    }

    @Test
    void anAccuracyImprovesOnlyWhenAboveTheBestByMoreThanTheDelta() {
        EarlyStopping rule = EarlyStopping.onValidationAccuracy(1).minDelta(0.25);
        assertAll(
                // 0.5 + 0.25 = 0.75: 0.75 is not above it, 0.875 is.
                () -> assertFalse(rule.improves(0.75, 0.5), "exactly best + delta"),
                () -> assertTrue(rule.improves(0.875, 0.5), "above best + delta"),
                () -> assertFalse(rule.improves(0.625, 0.5), "better, but by less than delta"),
                () -> assertFalse(rule.improves(0.25, 0.5), "worse"),
                () -> assertFalse(rule.improves(Double.NaN, 0.5), "NaN never improves"),
                () -> assertTrue(rule.improves(0.0, Double.NaN), "anything improves on no best"),
                () -> assertFalse(EarlyStopping.onValidationAccuracy(1).improves(0.5, 0.5),
                        "a tie is no improvement"));
    }

    @Test
    void theRuleReadsItsMetricAndReportsItsSettings() {
        EpochSummary summary = epoch(3, 0.25, 0.875);
        assertAll(
                () -> assertEquals(0.25, EarlyStopping.onValidationLoss(2).value(summary)),
                () -> assertEquals(0.875, EarlyStopping.onValidationAccuracy(2).value(summary)),
                () -> assertEquals(Map.of("early_stopping_monitor", "validation-accuracy",
                        "early_stopping_patience", 2, "early_stopping_min_delta", 0.5),
                        EarlyStopping.onValidationAccuracy(2).minDelta(0.5).settings()),
                () -> assertEquals(List.of("early_stopping_monitor", "early_stopping_patience",
                        "early_stopping_min_delta"),
                        List.copyOf(EarlyStopping.onValidationLoss(1).settings().keySet())));
    }

    @Test
    void badDeltasAreRefusedNamingTheValue() {
        assertAll(
                () -> assertEquals("early stopping's minimum delta must be non-negative and"
                        + " finite, got -0.5", assertThrows(IllegalArgumentException.class,
                        () -> EarlyStopping.onValidationLoss(1).minDelta(-0.5)).getMessage()),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> EarlyStopping.onValidationLoss(1).minDelta(Double.NaN)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> EarlyStopping.onValidationLoss(1).minDelta(Double.POSITIVE_INFINITY)),
                () -> assertEquals(0.0, EarlyStopping.onValidationLoss(1).minDelta(0.0).minDelta()));
    }

    /**
     * Patience 2 on the validation loss, epochs by hand:
     * <pre>
     * epoch 0: 1.0   best (no best before)         without improvement 0
     * epoch 1: 0.5   best                           0
     * epoch 2: 0.5   a tie: not better              1   patience not exhausted (1 < 2)
     * epoch 3: 0.75  worse                          2   exhausted (2 ≥ 2)
     * </pre>
     * The parameters kept are those given with epoch 1.
     */
    @Test
    void theBestEpochCountsEpochsWithoutImprovementAndKeepsTheBestParameters() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Parameter p = new Parameter("w", la.fromRowMajor(1, 2, 0.0, 0.0), la.zeros(1, 2));
        List<Parameter> model = List.of(p);
        BestEpoch best = new BestEpoch(EarlyStopping.onValidationLoss(2), true);
        assertFalse(best.restoreInto(la, model, List.of()), "nothing to restore before an epoch");

        double[][] weights = {{1, 2}, {3, 4}, {5, 6}, {7, 8}};
        double[] losses = {1.0, 0.5, 0.5, 0.75};
        boolean[] exhausted = {false, false, false, true};
        int[] bestAfter = {0, 1, 1, 1};
        for (int e = 0; e < 4; e++) {
            la.copyFromRowMajor(weights[e], 0, p.value());
            best.update(epoch(e, losses[e], 0.0), model, List.of());
            assertEquals(exhausted[e], best.patienceExhausted(), "after epoch " + e);
            assertEquals(bestAfter[e], best.epoch(), "best after epoch " + e);
        }
        TrainingCheckpoint.Best saved = best.save();
        assertEquals(1, saved.epoch());
        assertEquals(0.5, saved.value());
        assertEquals(2, saved.epochsWithoutImprovement());
        assertArrayEquals(new double[] {3, 4}, saved.parameters().get(0));
        assertEquals("validation-loss did not improve by more than 0.0 for 2 epochs",
                best.describe());

        assertTrue(best.restoreInto(la, model, List.of()));
        assertArrayEquals(new double[] {3, 4}, p.value().toRowMajor(), "epoch 1's weights");

        // A restored bookkeeping continues where the saved one stopped: one more epoch without
        // improvement is a third; 0.25 < 0.5 is an improvement that resets the count.
        BestEpoch again = new BestEpoch(EarlyStopping.onValidationLoss(3), true);
        again.restore(saved);
        assertFalse(again.patienceExhausted(), "2 < 3");
        again.update(epoch(4, 0.5, 0.0), model, List.of());
        assertTrue(again.patienceExhausted(), "3 ≥ 3");
        la.copyFromRowMajor(new double[] {9, 10}, 0, p.value());
        again.update(epoch(5, 0.25, 0.0), model, List.of());
        assertFalse(again.patienceExhausted());
        assertEquals(5, again.epoch());
        assertArrayEquals(new double[] {9, 10}, again.save().parameters().get(0));
    }

    /** Without keeping parameters (a validation set alone) nothing is copied or restored. */
    @Test
    void aBestEpochThatKeepsNoParametersRestoresNothing() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Parameter p = new Parameter("w", la.fromRowMajor(1, 1, 2.0), la.zeros(1, 1));
        BestEpoch best = new BestEpoch(EarlyStopping.onValidationLoss(1), false);
        best.update(epoch(0, 1.0, 0.0), List.of(p), List.of());
        assertEquals(0, best.epoch());
        assertTrue(best.save().parameters().isEmpty());
        la.copyFromRowMajor(new double[] {7.0}, 0, p.value());
        assertFalse(best.restoreInto(la, List.of(p), List.of()));
        assertEquals(7.0, p.value().toRowMajor()[0]);
    }
}
