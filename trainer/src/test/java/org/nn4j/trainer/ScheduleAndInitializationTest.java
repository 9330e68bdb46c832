package org.nn4j.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nn4j.trainer.model.Initialization;
import org.nn4j.trainer.optim.LearningRateSchedule;

class ScheduleAndInitializationTest {

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        LearningRateSchedule s = LearningRateSchedule.exponentialDecay(0.9);
        assertEquals(1e-3, s.rate(1e-3, 0), 0.0);
        assertEquals(0.9e-3, s.rate(1e-3, 1), 1e-18);
        assertEquals(1e-3 * 0.9 * 0.9 * 0.9, s.rate(1e-3, 3), 1e-18);
        assertEquals("exponential decay 0.9 per epoch", s.toString());
    }

    @Test
    void stepDecayDropsEveryPeriod() {
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.5, 3);
        double[] rates = new double[7];
        for (int e = 0; e < rates.length; e++) {
            rates[e] = s.rate(0.1, e);
        }
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025}, rates, 1e-15);
    }

    @Test
    void constantIsConstantAndBadFactorsAreRefused() {
        assertEquals(0.3, LearningRateSchedule.constant().rate(0.3, 99), 0.0);
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.stepDecay(0.5, 0));
        assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedule.constant().rate(0.1, -1));
    }

    private static double mean(double[] w) {
        double s = 0;
        for (double v : w) {
            s += v;
        }
        return s / w.length;
    }

    private static double variance(double[] w) {
        double m = mean(w);
        double s = 0;
        for (double v : w) {
            s += (v - m) * (v - m);
        }
        return s / w.length;
    }

    private static double maxAbs(double[] w) {
        double m = 0;
        for (double v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** 784 x 256 = 200,704 draws: the variance's relative standard error is about 0.3 %. */
    @Test
    void heNormalHasVarianceTwoOverFanIn() {
        double[] w = Initialization.HE_NORMAL.weights(784, 256, new Rng(1));
        assertEquals(784 * 256, w.length);
        assertEquals(0.0, mean(w), 3 * Math.sqrt(2.0 / 784 / w.length));
        assertEquals(2.0 / 784, variance(w), 0.02 * 2.0 / 784);
        assertTrue(maxAbs(w) > Math.sqrt(6.0 / 784), "normal, so not bounded like the uniform");
    }

    @Test
    void heUniformIsBoundedWithTheSameVariance() {
        double[] w = Initialization.HE_UNIFORM.weights(784, 256, new Rng(2));
        assertTrue(maxAbs(w) <= Math.sqrt(6.0 / 784));
        assertTrue(maxAbs(w) > 0.99 * Math.sqrt(6.0 / 784));
        assertEquals(2.0 / 784, variance(w), 0.02 * 2.0 / 784);
    }

    @Test
    void xavierUsesFanInPlusFanOut() {
        double[] u = Initialization.XAVIER_UNIFORM.weights(256, 128, new Rng(3));
        assertTrue(maxAbs(u) <= Math.sqrt(6.0 / 384));
        assertEquals(2.0 / 384, variance(u), 0.03 * 2.0 / 384);
        double[] n = Initialization.XAVIER_NORMAL.weights(256, 128, new Rng(4));
        assertEquals(2.0 / 384, variance(n), 0.03 * 2.0 / 384);
        assertEquals(0.0, mean(n), 3 * Math.sqrt(2.0 / 384 / n.length));
    }

    @Test
    void theSameSeedGivesTheSameWeights() {
        assertArrayEquals(Initialization.HE_NORMAL.weights(10, 5, new Rng(7)),
                Initialization.HE_NORMAL.weights(10, 5, new Rng(7)), 0.0);
        assertThrows(IllegalArgumentException.class,
                () -> Initialization.HE_NORMAL.weights(0, 5, new Rng(7)));
    }
}
