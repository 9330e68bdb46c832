package org.nn4j.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * AdamW and clipping by global norm as optimizers: steps worked out by hand on every backend,
 * AdamW without decay as Adam, clipping with any optimizer, and the settings that carry both.
 */
class AdamWAndClippingTest {

    private static final double TOL = 1e-12;

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    /** θ₁ = [1, −2] (1x2) and θ₂ = [0.5] (1x1), gradients set by {@link #gradients}. */
    private static List<Parameter> parameters(LinearAlgebra la) {
        return List.of(new Parameter("w", la.fromRowMajor(1, 2, 1.0, -2.0), la.zeros(1, 2)),
                new Parameter("b", la.fromRowMajor(1, 1, 0.5), la.zeros(1, 1)));
    }

    private static void gradients(LinearAlgebra la, List<Parameter> p, double... g) {
        la.copyFromRowMajor(new double[] {g[0], g[1]}, 0, p.get(0).gradient());
        la.copyFromRowMajor(new double[] {g[2]}, 0, p.get(1).gradient());
    }

    private static double[] values(List<Parameter> p) {
        double[] w = p.get(0).value().toRowMajor();
        return new double[] {w[0], w[1], p.get(1).value().get(0, 0)};
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adamWTwoStepsShrinkTheWeightsThenTakeAdamsStep(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameters(la);
        AdamW opt = AdamW.builder().learningRate(0.01).weightDecay(0.5).build();
        gradients(la, p, 0.1, -0.2, 0.0);
        opt.step(la, p);
        // Shrink by 1 − 0.01·0.5 = 0.995, then at t = 1 Adam's step is lr·g/(|g| + ε); θ₂'s
        // gradient is 0, so only the decay moves it (L2 in Adam would move it by about lr).
        double a0 = 1 * 0.995 - 0.01 * 0.1 / (0.1 + 1e-8);
        double a1 = -2 * 0.995 + 0.01 * 0.2 / (0.2 + 1e-8);
        double a2 = 0.5 * 0.995;
        assertArrayEquals(new double[] {a0, a1, a2}, values(p), TOL);
        gradients(la, p, 0.3, 0.0, 0.0);
        opt.step(la, p);
        // m = [0.039, −0.018], v = [9.999e-5, 3.996e-5] as in OptimizerTest's Adam; 1 − β₁² =
        // 0.19, 1 − β₂² = 0.001999
        double s0 = 0.01 * (0.039 / 0.19) / (Math.sqrt(9.999e-5 / 0.001999) + 1e-8);
        double s1 = 0.01 * (-0.018 / 0.19) / (Math.sqrt(3.996e-5 / 0.001999) + 1e-8);
        assertArrayEquals(new double[] {a0 * 0.995 - s0, a1 * 0.995 - s1, a2 * 0.995},
                values(p), TOL);
        assertEquals(2, opt.steps());
        opt.reset();
        assertEquals(0, opt.steps());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adamWWithoutDecayTakesAdamsStepsBitForBit(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> adamParameters = parameters(la);
        List<Parameter> adamWParameters = parameters(la);
        Optimizer adam = Adam.builder().learningRate(0.01).build();
        Optimizer adamW = AdamW.builder().learningRate(0.01).weightDecay(0).build();
        double[][] g = {{0.1, -0.2, 0.3}, {1e-3, 5, -0.25}, {-0.7, 0.01, 0.0}};
        for (double[] step : g) {
            gradients(la, adamParameters, step);
            gradients(la, adamWParameters, step);
            adam.step(la, adamParameters);
            adamW.step(la, adamWParameters);
            assertArrayEquals(values(adamParameters), values(adamWParameters), 0.0);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void clippingScalesEveryGradientByTheGlobalNormWithAnyOptimizer(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameters(la);
        Optimizer sgd = StochasticGradientDescent.builder().learningRate(0.1).clipGlobalNorm(6.5)
                .build();
        // ‖(3, 4, 12)‖ = 13 > 6.5: every gradient times c = 6.5/(13 + 1e-6), about a half.
        gradients(la, p, 3, 4, 12);
        sgd.step(la, p);
        double c = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * c, 4 * c}, p.get(0).gradient().toRowMajor(), TOL,
                "the gradients are clipped in place");
        assertArrayEquals(new double[] {1 - 0.1 * 3 * c, -2 - 0.1 * 4 * c, 0.5 - 0.1 * 12 * c},
                values(p), TOL);
        // ‖(0.3, 0.4, 1.2)‖ = 1.3 ≤ 6.5: untouched, so the step is plain SGD's.
        gradients(la, p, 0.3, 0.4, 1.2);
        double[] before = values(p);
        sgd.step(la, p);
        assertArrayEquals(new double[] {0.3, 0.4}, p.get(0).gradient().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {before[0] - 0.1 * 0.3, before[1] - 0.1 * 0.4,
            before[2] - 0.1 * 1.2}, values(p), TOL);
    }

    @Test
    void clippedAdamWIsAdamWOnTheClippedGradients() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        List<Parameter> clipped = parameters(la);
        List<Parameter> byHand = parameters(la);
        Optimizer withClipping = AdamW.builder().clipGlobalNorm(1.0).build();
        Optimizer without = AdamW.builder().build();
        gradients(la, clipped, 3, 4, 12);
        withClipping.step(la, clipped);
        double c = 1.0 / (13 + 1e-6);
        gradients(la, byHand, 3 * c, 4 * c, 12 * c);
        without.step(la, byHand);
        assertArrayEquals(values(byHand), values(clipped), 0.0);
    }

    @Test
    void settingsCarryTheDecayAndTheClippingThroughNamesAndCopies() {
        assertEquals(Map.of("learning_rate", 0.001, "beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8,
                "weight_decay", 0.01), Optimizers.named("adamw", Map.of()).settings());
        assertEquals(List.of("learning_rate", "beta1", "beta2", "epsilon", "weight_decay"),
                List.copyOf(AdamW.builder().build().settings().keySet()));
        Optimizer clipped = Adam.builder().clipGlobalNorm(2.5).build();
        assertEquals(List.of("learning_rate", "beta1", "beta2", "epsilon", "clip_global_norm"),
                List.copyOf(clipped.settings().keySet()));
        assertEquals(2.5, clipped.settings().get(Optimizer.CLIP_GLOBAL_NORM));
        assertEquals(clipped.settings(), clipped.copy().settings());
        Optimizer named = Optimizers.named("momentum", Map.of("clip_global_norm", 1.0));
        assertEquals(1.0, named.settings().get("clip_global_norm"));
        assertEquals(named.settings(), Optimizers.named(named.name(), named.settings()).settings());
    }

    @Test
    void badDecayOrClippingIsRefusedNamingIt() {
        IllegalArgumentException decay = assertThrows(IllegalArgumentException.class,
                () -> AdamW.builder().weightDecay(-0.1).build());
        assertEquals("weight decay must be non-negative and finite, got -0.1", decay.getMessage());
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException clip = assertThrows(IllegalArgumentException.class,
                    () -> Adam.builder().clipGlobalNorm(bad).build());
            assertEquals("clip global norm must be positive and finite, got " + bad,
                    clip.getMessage());
        }
    }
}
