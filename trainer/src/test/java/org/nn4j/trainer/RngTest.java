package org.nn4j.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RngTest {

    @Test
    void integersAreSplittableRandomsSoTheStreamIsSpecified() {
        Rng rng = new Rng(42);
        SplittableRandom reference = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertEquals(reference.nextInt(10), rng.nextInt(10));
        }
    }

    @Test
    void gaussiansFollowMarsagliasPolarMethodOnTheSameUniforms() {
        // An independent transcription of the polar method, in Math rather than StrictMath:
        // the first draws must agree to rounding.
        SplittableRandom u = new SplittableRandom(2024);
        double[] expected = new double[6];
        for (int i = 0; i < expected.length; i += 2) {
            double a;
            double b;
            double s;
            do {
                a = 2 * u.nextDouble() - 1;
                b = 2 * u.nextDouble() - 1;
                s = a * a + b * b;
            } while (s >= 1 || s == 0);
            double f = Math.sqrt(-2 * Math.log(s) / s);
            expected[i] = a * f;
            expected[i + 1] = b * f;
        }
        Rng rng = new Rng(2024);
        for (double e : expected) {
            assertEquals(e, rng.nextGaussian(), 1e-15);
        }
    }

    @Test
    void gaussiansHaveMeanZeroAndVarianceOne() {
        Rng rng = new Rng(1);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double g = rng.nextGaussian();
            sum += g;
            squares += g * g;
        }
        double mean = sum / n;
        double variance = squares / n - mean * mean;
        // Five standard errors: 5/sqrt(n) for the mean, 5*sqrt(2/n) for the variance.
        assertEquals(0, mean, 5 / Math.sqrt(n));
        assertEquals(1, variance, 5 * Math.sqrt(2.0 / n));
    }

    @Test
    void equalSeedsReproduceAndSplitsAreIndependentOfLaterDraws() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        Rng splitA = a.split();
        Rng splitB = b.split();
        b.nextInt(5); // drawing from the parent after splitting does not move the child
        for (int i = 0; i < 100; i++) {
            assertEquals(splitA.nextGaussian(), splitB.nextGaussian());
        }
        assertNotEquals(new Rng(9).nextDouble(), new Rng(10).nextDouble());
    }

    @Test
    void rejectsANonPositiveBound() {
        assertEquals("bound must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> new Rng(0).nextInt(0))
                        .getMessage());
        assertTrue(new Rng(0).nextInt(1) == 0);
    }

    /** The written-out SplitMix64 draws what the JDK's SplittableRandom draws, splits included. */
    @Test
    void drawsExactlyWhatSplittableRandomDrawsIncludingSplits() {
        int[] bounds = {1, 2, 3, 7, 10, 64, 1000, 60_000, (1 << 30) + 1, Integer.MAX_VALUE};
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE, 0x9e3779b97f4a7c15L}) {
            Rng rng = new Rng(seed);
            SplittableRandom reference = new SplittableRandom(seed);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 2000; i++) {
                    int bound = bounds[i % bounds.length];
                    assertEquals(reference.nextInt(bound), rng.nextInt(bound),
                            "seed " + seed + " draw " + i + " bound " + bound);
                    assertEquals(reference.nextDouble(), rng.nextDouble(), "seed " + seed);
                }
                rng = rng.split();
                reference = reference.split();
            }
        }
    }

    /** A restored state continues the stream draw for draw, the spare Gaussian included. */
    @Test
    void aRestoredStateContinuesTheStreamExactly() {
        Rng rng = new Rng(7);
        rng.nextInt(10);
        rng.nextGaussian(); // leaves a spare
        Rng.State saved = rng.state();
        assertTrue(saved.hasSpare());
        double[] expected = new double[50];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i % 3 == 0 ? rng.nextGaussian() : rng.nextInt(1000 + i);
        }
        Rng.State after = rng.state();
        Rng resumed = Rng.restore(saved);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], i % 3 == 0 ? resumed.nextGaussian() : resumed.nextInt(1000 + i),
                    "draw " + i);
        }
        assertEquals(after, resumed.state());
        assertEquals(7, resumed.seed());
        assertEquals("a generator's gamma is odd, got 2", assertThrows(
                IllegalArgumentException.class, () -> new Rng.State(1, 2, 2, false, 0)).getMessage());
    }
}
