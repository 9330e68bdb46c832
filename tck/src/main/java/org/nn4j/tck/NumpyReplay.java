package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;

/**
 * A replay of the numpy tutorial itself: {@code replay/tutorial_replay.py} ran the tutorial's
 * code after {@code np.random.seed(0)} and recorded the data, the initial weights and W and b
 * after chosen steps in {@code replay/tutorial-replay.properties}. Fed the same numbers (the
 * batch starts regenerated from numpy's MT19937 stream), the backend must take the same
 * steps.
 *
 * <p><b>Tolerance</b> {@value #TOLERANCE}, relative to {@code max(1, |numpy's value|)}. The
 * arithmetic is the same operation for operation: the tutorial divides by N after its
 * products and nn4j's loss before them, but N is 1 or 2, and dividing by a power of two is
 * exact. What remains is rounding inside the products: numpy's OpenBLAS may fuse a
 * multiply-add, or add two terms in another order, so a step can differ in its last bit.
 * Such differences do not grow: each step multiplies an error by {@code I − lr·xᵀx/N},
 * whose eigenvalues lie in (−1, 1] for these data (lr·‖x‖² ≤ 0.01·163), so they accumulate
 * at worst like a sum of ulps, a few 1e-15 after 8,000 steps. The tolerance leaves three
 * orders of magnitude above that and sits far below any logical error (a wrong gradient
 * moves W by 1e-2 in one step) and below what single precision would give (about 1e-7).
 * Measured on the tck's own plain-loop backend: W and b differ from numpy's by at most
 * 3.6e-15, the printed loss by 1.2e-7 relative (7e-23 absolute) at the last step.
 */
interface NumpyReplay extends ConformanceChecks {

    static final double TOLERANCE = 1e-11;
    /** Relative tolerance of the printed loss where it is well conditioned. */
    static final double LOSS_TOLERANCE = 1e-6;
    /**
     * Absolute tolerance of the printed loss: near the end it is the square of a difference
     * of nearly equal numbers (about 1e-8 against targets of 10 to 100), so its relative
     * error grows to 1e-7 even between two correct runs; 1e-18 is a thousandth of the
     * stopping threshold.
     */
    static final double LOSS_ABSOLUTE_TOLERANCE = 1e-18;

    /** numpy's recorded run, read once. */
    final class Recorded {
        static final TutorialReplay REPLAY = TutorialReplay.load();

        private Recorded() {
        }
    }


    /** The tutorial's random stream, positioned after the data and the initial weights. */
    private NumpyLegacyRandom batchStarts() {
        NumpyLegacyRandom random = new NumpyLegacyRandom(Recorded.REPLAY.seed);
        for (int i = 0; i < Recorded.REPLAY.features.length; i++) {
            random.randint(10);
        }
        for (int i = 0; i < Recorded.REPLAY.initialWeights.length; i++) {
            random.gaussian();
        }
        return random;
    }

    /** Not about the backend: checks that the kit's generator is numpy's, before blaming one. */
    @Test
    default void kitRegeneratesNumpysRandomStream() {
        NumpyLegacyRandom random = new NumpyLegacyRandom(Recorded.REPLAY.seed);
        double[] data = new double[Recorded.REPLAY.features.length];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.randint(10);
        }
        assertArrayEquals(Recorded.REPLAY.features, data, "randint(0, 10, 1000)");
        double[] weights = new double[Recorded.REPLAY.initialWeights.length];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = random.gaussian();
        }
        assertArrayEquals(Recorded.REPLAY.initialWeights, weights, 1e-15, "randn(2, 3)");
        int[] starts = new int[Recorded.REPLAY.batchStartsHead.length];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = random.randint(TutorialProblem.SAMPLES);
        }
        assertArrayEquals(Recorded.REPLAY.batchStartsHead, starts, "the first randint(500) batch starts");
    }

    @Test
    default void weightsAndBiasMatchNumpyAtEveryRecordedStep() {
        float64Only("numpy's run is float64 and is matched to 1e-11; its stopping rule is"
                + " a loss of 1e-15, below float32's resolution");
        NumpyLegacyRandom random = batchStarts();
        TutorialTraining training = new TutorialTraining(backendUnderTest(), Recorded.REPLAY.features,
                Recorded.REPLAY.initialWeights);
        int step = 0;
        for (int checkpoint : Recorded.REPLAY.steps) {
            while (step < checkpoint) {
                training.step(random.randint(TutorialProblem.SAMPLES));
                step++;
            }
            Expect.values("W after step " + step, Recorded.REPLAY.weightsAt(step), training.weights(),
                    TOLERANCE);
            Expect.values("b after step " + step, Recorded.REPLAY.biasAt(step), training.bias(),
                    TOLERANCE);
        }
    }

    @Test
    default void printedLossMatchesNumpyAtEveryRecordedStep() {
        float64Only("numpy's run is float64 and is matched to 1e-11; its stopping rule is"
                + " a loss of 1e-15, below float32's resolution");
        NumpyLegacyRandom random = batchStarts();
        TutorialTraining training = new TutorialTraining(backendUnderTest(), Recorded.REPLAY.features,
                Recorded.REPLAY.initialWeights);
        double[] expected = Arrays.stream(Recorded.REPLAY.steps).mapToDouble(Recorded.REPLAY::printedLossAt)
                .toArray();
        double[] actual = new double[Recorded.REPLAY.steps.length];
        int step = 0;
        for (int i = 0; i < Recorded.REPLAY.steps.length; i++) {
            double loss = Double.NaN;
            while (step < Recorded.REPLAY.steps[i]) {
                loss = training.step(random.randint(TutorialProblem.SAMPLES));
                step++;
            }
            actual[i] = 2 * loss;
        }
        for (int i = 0; i < expected.length; i++) {
            double allowed = LOSS_TOLERANCE * Math.abs(expected[i]) + LOSS_ABSOLUTE_TOLERANCE;
            if (!(Math.abs(actual[i] - expected[i]) <= allowed)) {
                fail(String.format(Locale.ROOT, "printed loss at step %d is %s, numpy's %s"
                        + " (allowed difference %s)%n  steps %s%n  numpy %s%n  here  %s",
                        Recorded.REPLAY.steps[i], actual[i], expected[i], allowed,
                        Arrays.toString(Recorded.REPLAY.steps), Arrays.toString(expected),
                        Arrays.toString(actual)));
            }
        }
    }

    /** The tutorial's own rule, {@code while loss > 1e-15}, stops at numpy's step. */
    @Test
    default void tutorialStoppingRuleStopsAtNumpysStep() {
        float64Only("numpy's run is float64 and is matched to 1e-11; its stopping rule is"
                + " a loss of 1e-15, below float32's resolution");
        NumpyLegacyRandom random = batchStarts();
        TutorialTraining training = new TutorialTraining(backendUnderTest(), Recorded.REPLAY.features,
                Recorded.REPLAY.initialWeights);
        int cap = 2 * Recorded.REPLAY.endStep;
        int step = 0;
        double printedLoss = 100.0;
        while (printedLoss > TutorialProblem.TARGET_PRINTED_LOSS && step < cap) {
            printedLoss = 2 * training.step(random.randint(TutorialProblem.SAMPLES));
            step++;
        }
        assertEquals(Recorded.REPLAY.endStep, step, "the step at which the tutorial's rule stops");
    }
}
