package org.nn4j.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * Every optimizer against steps worked out by hand on a parameter of two weights, on every
 * backend. The expected values are written as the arithmetic of the documented formulas.
 */
class OptimizerTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static final double TOL = 1e-12;

    /** A 1x2 parameter θ = [1, -2] whose gradient is set by {@link #gradient}. */
    private static List<Parameter> parameter(LinearAlgebra la) {
        return List.of(new Parameter("w", la.fromRowMajor(1, 2, 1.0, -2.0), la.zeros(1, 2)));
    }

    private static void gradient(LinearAlgebra la, List<Parameter> p, double g0, double g1) {
        la.copyFromRowMajor(new double[] {g0, g1}, 0, p.get(0).gradient());
    }

    private static double[] value(List<Parameter> p) {
        return p.get(0).value().toRowMajor();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void plainSgdSubtractsTheRateTimesTheGradient(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameter(la);
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.1);
        gradient(la, p, 0.5, -1.0);
        sgd.step(la, p);
        assertArrayEquals(new double[] {1 - 0.1 * 0.5, -2 + 0.1 * 1.0}, value(p), TOL);
        assertArrayEquals(new double[] {0.5, -1.0}, p.get(0).gradient().toRowMajor(), 0.0,
                "the gradient is not modified");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void momentumAndWeightDecayTwoSteps(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameter(la);
        StochasticGradientDescent sgd = StochasticGradientDescent.builder().learningRate(0.1).momentum(0.9).weightDecay(0.01).build();
        gradient(la, p, 0.5, -1.0);
        sgd.step(la, p);
        // v1 = g + λθ0 = [0.5 + 0.01, -1 - 0.02]; θ1 = θ0 - 0.1 v1
        double v10 = 0.51;
        double v11 = -1.02;
        double t10 = 1 - 0.1 * v10;
        double t11 = -2 - 0.1 * v11;
        assertArrayEquals(new double[] {t10, t11}, value(p), TOL);
        gradient(la, p, 0.2, 0.3);
        sgd.step(la, p);
        double v20 = 0.9 * v10 + 0.2 + 0.01 * t10;
        double v21 = 0.9 * v11 + 0.3 + 0.01 * t11;
        assertArrayEquals(new double[] {t10 - 0.1 * v20, t11 - 0.1 * v21}, value(p), TOL);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adaGradTwoSteps(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameter(la);
        AdaGrad opt = AdaGrad.builder().learningRate(0.1).epsilon(1e-10).build();
        gradient(la, p, 0.5, -1.0);
        opt.step(la, p);
        // G = g²: the first step is lr·g/|g| (plus ε) = ±0.1
        double t10 = 1 - 0.1 * 0.5 / (0.5 + 1e-10);
        double t11 = -2 + 0.1 * 1.0 / (1.0 + 1e-10);
        assertArrayEquals(new double[] {t10, t11}, value(p), TOL);
        gradient(la, p, 1.0, 0.0);
        opt.step(la, p);
        // G = [0.25 + 1, 1 + 0]
        assertArrayEquals(new double[] {t10 - 0.1 * 1.0 / (Math.sqrt(1.25) + 1e-10), t11},
                value(p), TOL);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rmsPropTwoSteps(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameter(la);
        RmsProp opt = RmsProp.builder().learningRate(0.01).decay(0.9).epsilon(1e-8).build();
        gradient(la, p, 0.5, -1.0);
        opt.step(la, p);
        // s = 0.1·g² = [0.025, 0.1]
        double t10 = 1 - 0.01 * 0.5 / (Math.sqrt(0.025) + 1e-8);
        double t11 = -2 + 0.01 * 1.0 / (Math.sqrt(0.1) + 1e-8);
        assertArrayEquals(new double[] {t10, t11}, value(p), TOL);
        gradient(la, p, 0.2, 0.3);
        opt.step(la, p);
        // s = 0.9·s + 0.1·g² = [0.0225 + 0.004, 0.09 + 0.009]
        assertArrayEquals(new double[] {t10 - 0.01 * 0.2 / (Math.sqrt(0.0265) + 1e-8),
                t11 - 0.01 * 0.3 / (Math.sqrt(0.099) + 1e-8)}, value(p), TOL);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adamTwoSteps(String backend) {
        LinearAlgebra la = Backends.get(backend).linearAlgebra();
        List<Parameter> p = parameter(la);
        Adam opt = Adam.builder().learningRate(0.001).build();
        gradient(la, p, 0.1, -0.2);
        opt.step(la, p);
        // t = 1: m̂ = g, v̂ = g², the step is lr·g/(|g| + ε)
        double t10 = 1 - 0.001 * 0.1 / (0.1 + 1e-8);
        double t11 = -2 + 0.001 * 0.2 / (0.2 + 1e-8);
        assertArrayEquals(new double[] {t10, t11}, value(p), TOL);
        gradient(la, p, 0.3, 0.0);
        opt.step(la, p);
        // m = [0.9·0.01 + 0.1·0.3, 0.9·-0.02] = [0.039, -0.018]; 1 - β₁² = 0.19
        // v = [0.999·1e-5 + 0.001·0.09, 0.999·4e-5] = [9.999e-5, 3.996e-5]; 1 - β₂² = 0.001999
        double step0 = 0.001 * (0.039 / 0.19) / (Math.sqrt(9.999e-5 / 0.001999) + 1e-8);
        double step1 = 0.001 * (-0.018 / 0.19) / (Math.sqrt(3.996e-5 / 0.001999) + 1e-8);
        assertArrayEquals(new double[] {t10 - step0, t11 - step1}, value(p), TOL);
        assertEquals(2, opt.steps());
    }

    @Test
    void resetStartsAfreshAndTheRateCanChangeBetweenSteps() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        List<Parameter> p = parameter(la);
        Adam opt = Adam.builder().learningRate(0.001).build();
        gradient(la, p, 0.1, -0.2);
        opt.step(la, p);
        opt.step(la, p);
        opt.reset();
        assertEquals(0, opt.steps());
        List<Parameter> q = parameter(la);
        gradient(la, q, 0.1, -0.2);
        opt.setLearningRate(0.01);
        opt.step(la, q);
        assertArrayEquals(new double[] {1 - 0.01 * 0.1 / (0.1 + 1e-8), -2 + 0.01 * 0.2 / (0.2 + 1e-8)},
                value(q), TOL, "after reset the first step is a first step again, at the new rate");
    }

    @Test
    void anotherParameterListWithoutResetIsRefused() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        for (Optimizer opt : List.of(Adam.builder().build(), RmsProp.builder().build(), AdaGrad.builder().build(),
                StochasticGradientDescent.builder().learningRate(0.1).momentum(0.9).weightDecay(0.0).build())) {
            opt.step(la, parameter(la));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> opt.step(la, parameter(la)));
            assertTrue(e.getMessage().contains("reset()"), e.getMessage());
            Matrix extra = la.zeros(1, 1);
            List<Parameter> more = new java.util.ArrayList<>(parameter(la));
            more.add(new Parameter("b", extra, la.zeros(1, 1)));
            e = assertThrows(IllegalStateException.class, () -> opt.step(la, more));
            assertTrue(e.getMessage().contains("2 parameters") || e.getMessage().contains("bound to 1"),
                    e.getMessage());
        }
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        assertEquals("learning rate must be positive and finite, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Adam.builder().learningRate(-1.0).build()).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> StochasticGradientDescent.builder().learningRate(0.1).momentum(1.0).weightDecay(0.0).build()).getMessage());
        assertEquals("beta2 must be in [0, 1), got NaN", assertThrows(IllegalArgumentException.class,
                () -> Adam.builder().learningRate(0.1).beta1(0.9).beta2(Double.NaN).epsilon(1e-8).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> RmsProp.builder().build().setLearningRate(
                Double.POSITIVE_INFINITY));
    }
}
