package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Matrix;

/**
 * AdamW ({@code adamWStep}, decoupled weight decay) and clipping by global norm
 * ({@code clipGlobalNorm}): four steps of each, and of clipping followed by AdamW, against
 * PyTorch's {@code torch.optim.AdamW} and {@code torch.nn.utils.clip_grad_norm_} (known
 * answers made by {@code optim/adamw_clipping_reference.py}, kept beside them); the decay is
 * decoupled (a zero gradient shrinks the weight by exactly {@code 1 − learningRate·λ}); AdamW
 * without decay is Adam bit for bit; a norm within the limit leaves the gradients bit for bit;
 * one coefficient scales every gradient; NaN and infinite norms do what PyTorch does; bad
 * input is refused. The element-wise formulas at many sizes are in {@link EveryPublicMethod}
 * and {@link Sizes}, the operands in {@link Operands}.
 */
interface AdamWAndClipping extends ConformanceChecks {

    /** The reference rounds {@code √(v)/√(1 − β₂ᵗ)} where the kernel rounds {@code √(v/(1 − β₂ᵗ))}. */
    /** PyTorch's run is float64: relative 1e-13, and these replays run in float64 only. */
    static final double TORCH_TOLERANCE = 1e-13;
    static final String RESOURCE = "/org/nn4j/tck/optim/adamw-clipping.properties";

    /** The known answers, read once. */
    final class Reference {
        static final Properties P = load();

        private Reference() {
        }

        private static Properties load() {
            try (InputStream in = AdamWAndClipping.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the kit's resource " + RESOURCE + " is missing");
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static double number(String key) {
            return Double.parseDouble(required(key));
        }

        static double[] values(String key) {
            return Arrays.stream(required(key).split(",")).mapToDouble(Double::parseDouble).toArray();
        }

        private static String required(String key) {
            String value = P.getProperty(key);
            if (value == null) {
                throw new IllegalStateException(RESOURCE + " has no " + key);
            }
            return value;
        }
    }

    /** Runs the reference problem: AdamW alone ({@code "adamw"}) or after clipping ({@code "clip"}). */
    private void replay(String run) {
        double lr = Reference.number("learningRate");
        double b1 = Reference.number("beta1");
        double b2 = Reference.number("beta2");
        double eps = Reference.number("epsilon");
        double wd = Reference.number("weightDecay");
        double maxNorm = Reference.number("maxNorm");
        Matrix w = matrix(2, 3, Reference.values("W0"));
        Matrix b = matrix(1, 3, Reference.values("b0"));
        Matrix[] moments = {la().zeros(2, 3), la().zeros(2, 3), la().zeros(1, 3), la().zeros(1, 3)};
        int steps = (int) Reference.number("steps");
        for (int t = 1; t <= steps; t++) {
            Matrix gw = matrix(2, 3, Reference.values("grad." + t + ".W"));
            Matrix gb = matrix(1, 3, Reference.values("grad." + t + ".b"));
            String at = run + " step " + t;
            if (run.equals("clip")) {
                double norm = la().clipGlobalNorm(maxNorm, List.of(gw, gb));
                Expect.values(at + ": the global norm returned", new double[] {
                        Reference.number("clip." + t + ".norm")}, new double[] {norm}, TORCH_TOLERANCE);
                Expect.matrix(at + ": W's gradient, clipped", 2, 3,
                        Reference.values("clip." + t + ".gW"), gw, TORCH_TOLERANCE);
                Expect.matrix(at + ": b's gradient, clipped", 1, 3,
                        Reference.values("clip." + t + ".gb"), gb, TORCH_TOLERANCE);
            }
            la().adamWStep(lr, b1, b2, eps, wd, t, gw, moments[0], moments[1], w);
            la().adamWStep(lr, b1, b2, eps, wd, t, gb, moments[2], moments[3], b);
            Expect.matrix(at + ": W", 2, 3, Reference.values(run + "." + t + ".W"), w,
                    TORCH_TOLERANCE);
            Expect.matrix(at + ": b", 1, 3, Reference.values(run + "." + t + ".b"), b,
                    TORCH_TOLERANCE);
        }
    }

    @Test
    default void adamWStepsMatchPyTorchsAdamW() {
        float64Only("PyTorch's AdamW run is float64, to 1e-13");
        replay("adamw");
    }

    @Test
    default void clippingThenAdamWMatchesPyTorchsClipGradNormAndAdamW() {
        float64Only("PyTorch's clipping and AdamW run is float64, to 1e-13");
        replay("clip");
    }

    @Test
    default void aZeroGradientShrinksTheWeightByExactlyOneMinusLearningRateTimesDecay() {
        // m = v = 0 and g = 0: Adam's update is 0/(0 + ε) = 0, so all that moves the weight is
        // the decoupled decay. Adam with L2 (g + λ·θ) would move it by about lr·sign(θ).
        double lr = 0.1;
        double wd = 0.5;
        double[] theta = {2, -3, 0.75, 0};
        Matrix p = matrix(1, 4, theta.clone());
        Matrix m = la().zeros(1, 4);
        Matrix v = la().zeros(1, 4);
        la().adamWStep(lr, 0.9, 0.999, 1e-8, wd, 1, la().zeros(1, 4), m, v, p);
        double shrink = 1 - lr * wd;
        Expect.matrix("θ after a zero gradient", 1, 4, new double[] {2 * shrink, -3 * shrink,
                0.75 * shrink, 0}, p, 0);
        Expect.matrix("first moment", 1, 4, new double[4], m, 0);
        Expect.matrix("second moment", 1, 4, new double[4], v, 0);
    }

    @Test
    default void adamWWithoutDecayIsAdamBitForBit() {
        Random random = new Random(15);
        double[] p0 = new double[3 * 257];
        for (int i = 0; i < p0.length; i++) {
            p0[i] = random.nextGaussian();
        }
        Matrix[] adam = {matrix(3, 257, p0.clone()), la().zeros(3, 257), la().zeros(3, 257)};
        Matrix[] adamW = {matrix(3, 257, p0.clone()), la().zeros(3, 257), la().zeros(3, 257)};
        for (int t = 1; t <= 3; t++) {
            double[] g = new double[p0.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = random.nextGaussian() * (i % 5 == 0 ? 1e-4 : 1);
            }
            la().adamStep(0.01, 0.9, 0.999, 1e-8, t, matrix(3, 257, g), adam[1], adam[2], adam[0]);
            la().adamWStep(0.01, 0.9, 0.999, 1e-8, 0.0, t, matrix(3, 257, g), adamW[1], adamW[2],
                    adamW[0]);
            String[] names = {"parameter", "first moment", "second moment"};
            for (int s = 0; s < 3; s++) {
                Expect.values("step " + t + ": " + names[s] + " of AdamW(λ = 0) and of Adam",
                        adam[s].toRowMajor(), adamW[s].toRowMajor(), 0);
            }
        }
    }

    @Test
    default void aNormWithinTheLimitLeavesTheGradientsBitForBit() {
        double[] a = Oracle.random(1, 6);
        double[] b = Oracle.random(2, 5);
        double sum = 0;
        for (double x : a) {
            sum += x * x;
        }
        for (double x : b) {
            sum += x * x;
        }
        Matrix ga = matrix(2, 3, a.clone());
        Matrix gb = matrix(5, 1, b.clone());
        double norm = la().clipGlobalNorm(Math.sqrt(sum) * 1.01, List.of(ga, gb));
        Expect.values("the norm returned", new double[] {Math.sqrt(sum)}, new double[] {norm},
                Tolerances.roundings(0x1p6));
        Expect.values("gradient 0", a, ga.toRowMajor(), 0);
        Expect.values("gradient 1", b, gb.toRowMajor(), 0);
    }

    @Test
    default void aNormAboveTheLimitScalesEveryGradientByOneCoefficient() {
        // ‖(3, 4, 12)‖ = 13: clipped to 6.5 every element is halved (up to PyTorch's ε),
        // whereas clipping each matrix by its own norm (5 and 12) would give (3, 4) and (6.5).
        Matrix ga = matrix(1, 2, 3, 4);
        Matrix gb = matrix(1, 1, 12);
        double norm = la().clipGlobalNorm(6.5, List.of(ga, gb));
        assertEquals(13.0, norm, "the global norm before clipping");
        double c = 6.5 / (13 + 1e-6);
        Expect.matrix("first gradient", 1, 2, new double[] {3 * c, 4 * c}, ga, 0);
        Expect.matrix("second gradient", 1, 1, new double[] {12 * c}, gb, 0);
    }

    @Test
    default void zeroAndEmptyGradientsAreLeftAsTheyAre() {
        Matrix zero = la().zeros(2, 2);
        Matrix empty = la().zeros(0, 3);
        assertEquals(0.0, la().clipGlobalNorm(1.0, List.of(zero, empty)), "norm of zeros");
        Expect.matrix("zeros", 2, 2, new double[4], zero, 0);
        assertEquals(0.0, la().clipGlobalNorm(1.0, List.of()), "norm of no gradients");
    }

    @Test
    default void nanAndInfiniteNormsAreScaledInAsPyTorchDoes() {
        Matrix nan = matrix(1, 2, Double.NaN, 1);
        Matrix other = matrix(1, 1, 2);
        assertTrue(Double.isNaN(la().clipGlobalNorm(1.0, List.of(nan, other))), "NaN norm");
        Expect.matrix("NaN: every element NaN", 1, 2, new double[] {Double.NaN, Double.NaN}, nan, 0);
        Expect.matrix("NaN: the other gradient too", 1, 1, new double[] {Double.NaN}, other, 0);
        Matrix inf = matrix(1, 2, Double.POSITIVE_INFINITY, 1);
        Matrix finite = matrix(1, 1, -2);
        assertEquals(Double.POSITIVE_INFINITY, la().clipGlobalNorm(1.0, List.of(inf, finite)),
                "infinite norm");
        // c = 1/(∞ + 1e-6) = 0: ∞·0 is NaN, a finite element becomes ±0. PyTorch 1.13 gives
        // exactly these (NaN: all NaN; ∞: [nan, 0.0] and [-0.0]).
        Expect.matrix("∞: scaled by 0", 1, 2, new double[] {Double.NaN, 0}, inf, 0);
        Expect.matrix("∞: the other gradient by 0", 1, 1, new double[] {-0.0}, finite, 0);
    }

    @Test
    default void badArgumentsAreRefusedAndNothingIsWritten() {
        Matrix g = matrix(1, 2, 30, 40);
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> la().clipGlobalNorm(bad, List.of(g)), "maxNorm " + bad);
            assertTrue(e.getMessage().contains("clipGlobalNorm") && e.getMessage().contains("maxNorm"),
                    e.getMessage());
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> la().clipGlobalNorm(1.0, List.of(g, la().zeros(1, 1), g)));
        assertTrue(twice.getMessage().contains("gradients[2]")
                && twice.getMessage().contains("gradients[0]"), twice.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().clipGlobalNorm(1.0, List.of(g, new ForeignMatrix(1, 2))), "foreign");
        assertThrows(NullPointerException.class, () -> la().clipGlobalNorm(1.0, null));
        assertThrows(NullPointerException.class,
                () -> la().clipGlobalNorm(1.0, Arrays.asList(g, null)), "a null gradient");
        Expect.matrix("the gradient of the refused calls", 1, 2, new double[] {30, 40}, g, 0);

        Matrix p = la().zeros(1, 2);
        Matrix m = la().zeros(1, 2);
        Matrix v = la().zeros(1, 2);
        for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> la().adamWStep(0.1, 0.9, 0.999, 1e-8, bad, 1, g, m, v, p), "λ " + bad);
            assertTrue(e.getMessage().contains("adamWStep")
                    && e.getMessage().contains("weightDecay"), e.getMessage());
        }
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> la().adamWStep(0.1, 0.9, 0.999, 1e-8, 0.01, 0, g, m, v, p));
        assertTrue(step.getMessage().contains("step"), step.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().adamWStep(0.1, 1.0, 0.999, 1e-8, 0.01, 1, g, m, v, p), "β₁ = 1");
        assertThrows(IllegalArgumentException.class,
                () -> la().adamWStep(0.1, 0.9, 0.999, 1e-8, 0.01, 1, g, m, m, p), "m is v");
        Expect.matrix("the parameter of the refused steps", 1, 2, new double[2], p, 0);
    }
}
