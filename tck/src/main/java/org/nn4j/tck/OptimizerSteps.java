package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;

/**
 * The fused optimizer steps ({@code momentumStep}, {@code adaGradStep}, {@code rmsPropStep},
 * {@code adamStep}): several steps in a row against the formulas of their javadoc, computed
 * here one element at a time, on a small matrix and on one large enough to cross any chunking
 * a backend does; the gradient is left alone; bad shapes, aliased matrices and out-of-range
 * hyper-parameters are refused. nn4j's optimizers are these steps, so this is how the kit
 * covers SGD with momentum, AdaGrad, RMSProp and Adam on every backend.
 */
interface OptimizerSteps extends ConformanceChecks {

    /** The reference below rounds in another order than a fused kernel may: a few ulps. */
    /**
     * {@code 2¹⁰·u} relative to {@code max(1, |e|)}: four steps, each a formula of up to 64
     * roundings relative to its terms, which these data keep within {@code 2²} of
     * {@code max(1, |e|)} (float64: 1.1e-13; float32: 6.1e-5).
     */
    static double tolerance() {
        return Tolerances.roundings(0x1p10);
    }
    static final int STEPS = 4;


    /** Shapes: a small one and 3 × 2,501 (7,503 elements: uneven against any power of two). */
    private static int[] shape(int size) {
        return size == 0 ? new int[] {2, 3} : new int[] {3, 2501};
    }

    private static double[] gradient(Random random, int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = Tolerances.round((random.nextDouble() * 2 - 1) * (i % 7 == 0 ? 1e-3 : 1.0));
        }
        return g;
    }

    private static double[] parameters(int n) {
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = Tolerances.round(Math.sin(i + 1.0));
        }
        return p;
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1})
    default void momentumStepsFollowTheFormula(int size) {
        int[] s = shape(size);
        int n = s[0] * s[1];
        double lr = 0.05;
        double mu = 0.9;
        double lambda = 0.01;
        momentumStepsAgainstTheFormula("momentumStep", s[0], s[1], lr, mu, lambda, new double[n],
                la().zeros(s[0], s[1]), new Random(1));
    }

    /**
     * {@link #STEPS} momentum steps on a {@code rows x cols} parameter from
     * {@link #parameters}, each compared with the formula
     * {@code v = μ·v + (g + λ·θ)}, {@code θ = θ − lr·v} computed here in double; {@code v}
     * holds the velocity's starting values, which {@code velocity} must hold too.
     */
    private void momentumStepsAgainstTheFormula(String what, int rows, int cols, double lr,
            double mu, double lambda, double[] v, Matrix velocity, Random random) {
        int n = rows * cols;
        double[] p = parameters(n);
        Matrix param = matrix(rows, cols, p.clone());
        for (int step = 1; step <= STEPS; step++) {
            double[] g = gradient(random, n);
            Matrix grad = matrix(rows, cols, g.clone());
            la().momentumStep(lr, mu, lambda, grad, velocity, param);
            for (int i = 0; i < n; i++) {
                v[i] = mu * v[i] + (g[i] + lambda * p[i]);
                p[i] = p[i] - lr * v[i];
            }
            Expect.values(what + " " + step + ": velocity", v, velocity.toRowMajor(), tolerance());
            Expect.values(what + " " + step + ": parameter", p, param.toRowMajor(), tolerance());
            Expect.values(what + " " + step + ": gradient unchanged", g, grad.toRowMajor(), 0);
        }
    }

    /**
     * Momentum or weight decay zero, or both: a kernel may take a shorter path for each (the
     * shared float32 kernel has one loop per case), and each must still follow the formula,
     * from a velocity that is not zero (so a step that drops {@code μ·v}, or keeps it where
     * {@code μ = 0}, shows) and with parameters that are not zero (so a dropped or added
     * {@code λ·θ} shows).
     */
    @Test
    default void momentumStepsWithoutMomentumOrWithoutDecayFollowTheFormula() {
        double lr = 0.05;
        double[][] cases = {{0.0, 0.01}, {0.9, 0.0}, {0.0, 0.0}};
        for (double[] c : cases) {
            double[] v = gradient(new Random(7), 6);
            momentumStepsAgainstTheFormula("momentumStep with μ = " + c[0] + ", λ = " + c[1]
                    + ", step", 2, 3, lr, c[0], c[1], v, matrix(2, 3, v.clone()), new Random(5));
        }
    }

    @Test
    default void momentumStepWithoutMomentumOverwritesTheVelocity() {
        // μ = 0: v is the gradient (plus decay), whatever it held; a NaN left there must not leak.
        Matrix param = matrix(1, 3, 1, 2, 3);
        Matrix velocity = matrix(1, 3, Double.NaN, 5, -7);
        la().momentumStep(0.5, 0.0, 0.0, matrix(1, 3, 0.5, -1, 2), velocity, param);
        Expect.matrix("velocity", 1, 3, new double[] {0.5, -1, 2}, velocity);
        Expect.matrix("parameter", 1, 3, new double[] {0.75, 2.5, 2}, param);
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1})
    default void adaGradStepsFollowTheFormula(int size) {
        int[] s = shape(size);
        int n = s[0] * s[1];
        double lr = 0.01;
        double eps = 1e-10;
        double[] p = parameters(n);
        double[] sum = new double[n];
        Matrix param = matrix(s[0], s[1], p.clone());
        Matrix sumOfSquares = la().zeros(s[0], s[1]);
        Random random = new Random(2);
        for (int step = 1; step <= STEPS; step++) {
            double[] g = gradient(random, n);
            Matrix grad = matrix(s[0], s[1], g.clone());
            la().adaGradStep(lr, eps, grad, sumOfSquares, param);
            for (int i = 0; i < n; i++) {
                sum[i] += g[i] * g[i];
                p[i] -= lr * g[i] / (Math.sqrt(sum[i]) + eps);
            }
            Expect.values("adaGradStep " + step + ": sum of squares", sum,
                    sumOfSquares.toRowMajor(), tolerance());
            Expect.values("adaGradStep " + step + ": parameter", p, param.toRowMajor(), tolerance());
            Expect.values("adaGradStep " + step + ": gradient unchanged", g, grad.toRowMajor(), 0);
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1})
    default void rmsPropStepsFollowTheFormula(int size) {
        int[] s = shape(size);
        int n = s[0] * s[1];
        double lr = 0.001;
        double rho = 0.9;
        double eps = 1e-8;
        double[] p = parameters(n);
        double[] ms = new double[n];
        Matrix param = matrix(s[0], s[1], p.clone());
        Matrix meanSquare = la().zeros(s[0], s[1]);
        Random random = new Random(3);
        for (int step = 1; step <= STEPS; step++) {
            double[] g = gradient(random, n);
            Matrix grad = matrix(s[0], s[1], g.clone());
            la().rmsPropStep(lr, rho, eps, grad, meanSquare, param);
            for (int i = 0; i < n; i++) {
                ms[i] = rho * ms[i] + (1 - rho) * g[i] * g[i];
                p[i] -= lr * g[i] / (Math.sqrt(ms[i]) + eps);
            }
            Expect.values("rmsPropStep " + step + ": mean square", ms, meanSquare.toRowMajor(),
                    tolerance());
            Expect.values("rmsPropStep " + step + ": parameter", p, param.toRowMajor(), tolerance());
            Expect.values("rmsPropStep " + step + ": gradient unchanged", g, grad.toRowMajor(), 0);
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @ValueSource(ints = {0, 1})
    default void adamStepsFollowTheFormulaWithBiasCorrection(int size) {
        int[] s = shape(size);
        int n = s[0] * s[1];
        double lr = 0.001;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] p = parameters(n);
        double[] m = new double[n];
        double[] v = new double[n];
        Matrix param = matrix(s[0], s[1], p.clone());
        Matrix first = la().zeros(s[0], s[1]);
        Matrix second = la().zeros(s[0], s[1]);
        Random random = new Random(4);
        for (int t = 1; t <= STEPS; t++) {
            double[] g = gradient(random, n);
            Matrix grad = matrix(s[0], s[1], g.clone());
            la().adamStep(lr, b1, b2, eps, t, grad, first, second, param);
            for (int i = 0; i < n; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            Expect.values("adamStep " + t + ": first moment", m, first.toRowMajor(), tolerance());
            Expect.values("adamStep " + t + ": second moment", v, second.toRowMajor(), tolerance());
            Expect.values("adamStep " + t + ": parameter", p, param.toRowMajor(), tolerance());
            Expect.values("adamStep " + t + ": gradient unchanged", g, grad.toRowMajor(), 0);
        }
    }

    @Test
    default void adamsFirstStepMovesEachWeightByTheLearningRate() {
        // A known answer: at t = 1 the corrected moments are g and g², so the step is
        // lr·g/(|g| + ε), about lr·sign(g) whatever the gradient's scale.
        Matrix param = matrix(1, 3, 1, 1, 1);
        la().adamStep(0.1, 0.9, 0.999, 1e-8, 1, matrix(1, 3, 1e-3, -50, 0),
                la().zeros(1, 3), la().zeros(1, 3), param);
        Expect.matrix("θ after Adam's first step", 1, 3,
                new double[] {1 - 0.1 * 1e-3 / (1e-3 + 1e-8), 1 + 0.1 * 50 / (50 + 1e-8), 1},
                param, Tolerances.roundings(8));
    }

    @Test
    default void badShapesAreRefusedNamingTheOperand() {
        Matrix p = la().zeros(2, 3);
        ShapeMismatchException adam = assertThrows(ShapeMismatchException.class,
                () -> la().adamStep(0.1, 0.9, 0.999, 1e-8, 1, la().zeros(3, 2), la().zeros(2, 3),
                        la().zeros(2, 3), p));
        assertEquals("adamStep: gradient is 3x2 but expected 2x3", adam.getMessage());
        ShapeMismatchException rms = assertThrows(ShapeMismatchException.class,
                () -> la().rmsPropStep(0.1, 0.9, 1e-8, la().zeros(2, 3), la().zeros(2, 2), p));
        assertEquals("rmsPropStep: meanSquare is 2x2 but expected 2x3", rms.getMessage());
        ShapeMismatchException ada = assertThrows(ShapeMismatchException.class,
                () -> la().adaGradStep(0.1, 1e-8, la().zeros(2, 3), la().zeros(1, 3), p));
        assertEquals("adaGradStep: sumOfSquares is 1x3 but expected 2x3", ada.getMessage());
        ShapeMismatchException momentum = assertThrows(ShapeMismatchException.class,
                () -> la().momentumStep(0.1, 0.9, 0, la().zeros(2, 3), la().zeros(3, 3), p));
        assertEquals("momentumStep: velocity is 3x3 but expected 2x3", momentum.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().momentumStep(0.1, 0.9, 0, la().zeros(2, 3), new ForeignMatrix(2, 3), p),
                "a foreign matrix");
    }

    @Test
    default void aliasedMatricesAreRefused() {
        Matrix p = la().zeros(2, 2);
        Matrix g = la().zeros(2, 2);
        Matrix state = la().zeros(2, 2);
        IllegalArgumentException sameMoments = assertThrows(IllegalArgumentException.class,
                () -> la().adamStep(0.1, 0.9, 0.999, 1e-8, 1, g, state, state, p));
        assertTrue(sameMoments.getMessage().contains("secondMoment")
                        && sameMoments.getMessage().contains("firstMoment"),
                sameMoments.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().momentumStep(0.1, 0.9, 0, g, g, p), "velocity is the gradient");
        assertThrows(IllegalArgumentException.class,
                () -> la().adaGradStep(0.1, 1e-8, g, state, state), "parameter is the state");
        assertThrows(IllegalArgumentException.class,
                () -> la().rmsPropStep(0.1, 0.9, 1e-8, p, state, p), "parameter is the gradient");
    }

    @Test
    default void outOfRangeHyperParametersAreRefusedByName() {
        Matrix p = la().zeros(1, 2);
        Matrix g = la().zeros(1, 2);
        Matrix m = la().zeros(1, 2);
        Matrix v = la().zeros(1, 2);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> la().adamStep(Double.NaN, 0.9, 0.999, 1e-8, 1, g, m, v, p));
        assertTrue(nan.getMessage().contains("learningRate") && nan.getMessage().contains("NaN"),
                nan.getMessage());
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class,
                () -> la().adamStep(0.1, 1.0, 0.999, 1e-8, 1, g, m, v, p));
        assertTrue(beta.getMessage().contains("beta1"), beta.getMessage());
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> la().adamStep(0.1, 0.9, 0.999, 1e-8, 0, g, m, v, p));
        assertTrue(step.getMessage().contains("step"), step.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().momentumStep(0, 0.9, 0, g, m, p), "learning rate 0");
        assertThrows(IllegalArgumentException.class,
                () -> la().momentumStep(0.1, -0.1, 0, g, m, p), "negative momentum");
        assertThrows(IllegalArgumentException.class,
                () -> la().momentumStep(0.1, 0.9, Double.POSITIVE_INFINITY, g, m, p),
                "infinite weight decay");
        assertThrows(IllegalArgumentException.class,
                () -> la().adaGradStep(0.1, 0, g, m, p), "epsilon 0");
        assertThrows(IllegalArgumentException.class,
                () -> la().rmsPropStep(0.1, 1.5, 1e-8, g, m, p), "decay above 1");
        Expect.matrix("nothing was updated", 1, 2, new double[] {0, 0}, p);
    }

    @Test
    default void emptyMatricesAreFine() {
        Matrix e = la().zeros(0, 4);
        la().adamStep(0.1, 0.9, 0.999, 1e-8, 1, e, la().zeros(0, 4), la().zeros(0, 4),
                la().zeros(0, 4));
        la().momentumStep(0.1, 0.9, 0.1, e, la().zeros(0, 4), la().zeros(0, 4));
        la().adaGradStep(0.1, 1e-8, e, la().zeros(0, 4), la().zeros(0, 4));
        la().rmsPropStep(0.1, 0.9, 1e-8, e, la().zeros(0, 4), la().zeros(0, 4));
        assertEquals(0, e.rows());
    }
}
