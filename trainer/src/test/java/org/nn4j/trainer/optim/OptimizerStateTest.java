package org.nn4j.trainer.optim;

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
 * An optimizer's saved state going back in: refused when it does not fit (a negative counter,
 * too few parameters, an array of another size), accepted at its edges (a step count of 0), and
 * restored into an optimizer already bound to other parameters. Expected values come from a
 * second code path: a fresh optimizer stepping the same gradients.
 */
class OptimizerStateTest {

    private static final LinearAlgebra LA = Backends.get("ejml").linearAlgebra();

    /** A 1x2 parameter [1, −2] with gradient [0.5, −0.25]. */
    private static List<Parameter> parameter() {
        return List.of(new Parameter("w", LA.fromRowMajor(1, 2, 1.0, -2.0),
                LA.fromRowMajor(1, 2, 0.5, -0.25)));
    }

    private static double[] values(List<Parameter> p) {
        return p.get(0).value().toRowMajor();
    }

    private static SavedOptimizerState adamState(long steps, List<List<double[]>> slots) {
        return new SavedOptimizerState("adam", Map.of("steps", steps), slots);
    }

    @Test
    void aNegativeCounterIsRefusedAndZeroIsAFreshStart() {
        Adam adam = Adam.builder().learningRate(0.1).build();
        List<Parameter> p = parameter();
        List<List<double[]>> zeros = List.of(List.of(new double[2]), List.of(new double[2]));
        assertEquals("adam's saved steps is -1; a counter is never negative",
                assertThrows(IllegalArgumentException.class,
                        () -> adam.restoreState(LA, p, adamState(-1, zeros))).getMessage());
        // Zero steps and zero moments are a new Adam's state: its next step is a new Adam's.
        adam.restoreState(LA, p, adamState(0, zeros));
        adam.step(LA, p);
        List<Parameter> q = parameter();
        Adam.builder().learningRate(0.1).build().step(LA, q);
        assertArrayEquals(values(q), values(p), 0.0);
    }

    @Test
    void aStateThatDoesNotFitTheParametersIsRefusedNamingIt() {
        Adam adam = Adam.builder().build();
        List<Parameter> p = parameter();
        assertAll(
                () -> assertEquals("adam's saved state is for 2 parameters; the model has 1",
                        assertThrows(IllegalArgumentException.class, () -> adam.restoreState(LA, p,
                                adamState(1, List.of(List.of(new double[2], new double[2]),
                                        List.of(new double[2], new double[2]))))).getMessage()),
                () -> assertEquals("adam's saved state for parameter 0 (w, 1x2) has 3 values",
                        assertThrows(IllegalArgumentException.class, () -> adam.restoreState(LA, p,
                                adamState(1, List.of(List.of(new double[3]),
                                        List.of(new double[3]))))).getMessage()));
    }

    /**
     * Saved after one step on one parameter list and restored into an optimizer that had
     * stepped another: the restore rebinds it, and its next step is the saved run's next step.
     */
    @Test
    void aStateRestoresIntoAnOptimizerBoundToOtherParameters() {
        Adam saved = Adam.builder().learningRate(0.1).build();
        List<Parameter> p = parameter();
        assertFalse(saved.saveState().bound(), "no state before a step");
        saved.step(LA, p);
        SavedOptimizerState state = saved.saveState();
        assertTrue(state.bound());

        Adam other = Adam.builder().learningRate(0.1).build();
        other.step(LA, parameter());
        List<Parameter> q = parameter();
        LA.copyFromRowMajor(values(p), 0, q.get(0).value());
        other.restoreState(LA, q, state);
        other.step(LA, q);
        saved.step(LA, p);
        assertArrayEquals(values(p), values(q), 0.0);
    }

    /**
     * A state saved before any step has no matrices; restored into an optimizer that has
     * stepped, it leaves that optimizer as new: unbound (another parameter list is accepted)
     * and without moments, so its next step is a new Adam's first step, computed here by one.
     */
    @Test
    void aStateSavedBeforeTheFirstStepLeavesTheOptimizerAsNew() {
        SavedOptimizerState unbound = Adam.builder().learningRate(0.1).build().saveState();
        assertFalse(unbound.bound());
        Adam adam = Adam.builder().learningRate(0.1).build();
        List<Parameter> p = parameter();
        adam.step(LA, p);
        adam.step(LA, p);
        adam.restoreState(LA, p, unbound);
        List<Parameter> q = parameter();
        adam.step(LA, q);
        List<Parameter> fresh = parameter();
        Adam.builder().learningRate(0.1).build().step(LA, fresh);
        assertArrayEquals(values(fresh), values(q), 0.0);
    }

    @Test
    void settingsAreReadBackAsGiven() {
        AdamW adamW = AdamW.builder().beta1(0.5).beta2(0.75).epsilon(1e-3).weightDecay(0.25)
                .build();
        StochasticGradientDescent sgd = StochasticGradientDescent.builder().learningRate(0.5)
                .momentum(0.25).weightDecay(0.125).build();
        assertAll(
                () -> assertEquals(Map.of("learning_rate", Adam.DEFAULT_LEARNING_RATE,
                        "beta1", 0.5, "beta2", 0.75, "epsilon", 1e-3, "weight_decay", 0.25),
                        adamW.settings()),
                () -> assertEquals(0.25, sgd.momentum()),
                () -> assertEquals(0.125, sgd.weightDecay()),
                () -> assertEquals("momentum {learning_rate=0.5, momentum=0.25, weight_decay=0.125}",
                        sgd.toString()));
    }
}
