package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Named.named;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.ShapeMismatchException;

/**
 * The activation layers of {@link Backend#activation(Activation, int)}, every kind, against
 * values computed by hand (with Python's {@code math} module, not with {@link Activation}) on
 * {@code x = [[−2, −0.5, 0], [0.5, 2, 3]]}, against central finite differences, at the
 * extremes (±1000, ±∞, NaN), and with bad input.
 *
 * <p>The conventions checked: {@code relu'(0) = 0}, {@code leakyRelu'(0) = a}, and
 * {@code dx = dy · f'(x)} element by element.
 */
interface Activations extends ConformanceChecks {

    static final double[] X = {-2, -0.5, 0, 0.5, 2, 3};
    static final double[] DY = {0.5, -1, 2, -1.5, 3, -0.25};

    /** An activation with its values and derivatives at {@link #X}, computed by hand. */
    record Case(Activation activation, double[] values, double[] derivatives) {
    }

    static Stream<Named<Case>> activations() {
        return Stream.of(
                of(Activation.identity(), new double[] {-2, -0.5, 0, 0.5, 2, 3},
                        new double[] {1, 1, 1, 1, 1, 1}),
                of(Activation.relu(), new double[] {0, 0, 0, 0.5, 2, 3},
                        new double[] {0, 0, 0, 1, 1, 1}),
                of(Activation.leakyRelu(0.01), new double[] {-0.02, -0.005, 0, 0.5, 2, 3},
                        new double[] {0.01, 0.01, 0.01, 1, 1, 1}),
                of(Activation.leakyRelu(0.25), new double[] {-0.5, -0.125, 0, 0.5, 2, 3},
                        new double[] {0.25, 0.25, 0.25, 1, 1, 1}),
                of(Activation.sigmoid(),
                        new double[] {0.11920292202211755, 0.3775406687981454, 0.5,
                                0.6224593312018546, 0.8807970779778823, 0.9525741268224334},
                        new double[] {0.1049935854035065, 0.2350037122015945, 0.25,
                                0.2350037122015945, 0.10499358540350662, 0.045176659730912}),
                of(Activation.tanh(),
                        new double[] {-0.9640275800758169, -0.46211715726000974, 0,
                                0.46211715726000974, 0.9640275800758169, 0.9950547536867305},
                        new double[] {0.07065082485316443, 0.7864477329659274, 1,
                                0.7864477329659274, 0.07065082485316443, 0.009866037165440211}));
    }

    private static Named<Case> of(Activation activation, double[] values, double[] derivatives) {
        return named(activation.toString(), new Case(activation, values, derivatives));
    }

    static Stream<Named<Activation>> kinds() {
        return activations().map(n -> named(n.getName(), n.getPayload().activation()));
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#activations")
    default void forwardAppliesTheFunctionToEveryElement(Case c) {
        Layer layer = backendUnderTest().activation(c.activation(), 3);
        assertEquals(3, layer.inputSize(), "inputSize");
        assertEquals(3, layer.outputSize(), "outputSize");
        assertTrue(layer.parameters().isEmpty(), "an activation has no parameters");
        Matrix x = matrix(2, 3, X);
        Expect.matrix(c.activation() + " forward", 2, 3, c.values(), layer.forward(x));
        Expect.matrix("the input is not modified", 2, 3, X, x);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#activations")
    default void backwardMultipliesTheOutputGradientByTheDerivative(Case c) {
        Layer layer = backendUnderTest().activation(c.activation(), 3);
        layer.forward(matrix(2, 3, X));
        Matrix dy = matrix(2, 3, DY);
        double[] expected = new double[X.length];
        for (int i = 0; i < X.length; i++) {
            expected[i] = DY[i] * c.derivatives()[i];
        }
        Expect.matrix(c.activation() + " backward", 2, 3, expected, layer.backward(dy));
        Expect.matrix("the output gradient is not modified", 2, 3, DY, dy);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#kinds")
    default void forwardAndBackwardMatchTheScalarDefinitionAcrossTheRange(Activation activation) {
        // 4,001 points from −40 to 40 (0 among them) and the extremes of the doubles: the
        // layer agrees with Activation.apply and Activation.derivative, the api's definition,
        // to within rounding.
        int n = 4_001;
        double[] extremes = {-0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 709,
            -745, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE};
        double[] x = new double[n + extremes.length];
        for (int i = 0; i < n; i++) {
            x[i] = -40 + 80.0 * i / (n - 1);
        }
        System.arraycopy(extremes, 0, x, n, extremes.length);
        Tolerances.round(x); // what a matrix of the precision under test holds
        double[] dy = new double[x.length];
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            dy[i] = 1 + (i % 7) * 0.25;
            y[i] = activation.apply(x[i]);
            dx[i] = dy[i] * activation.derivative(x[i]);
        }
        Layer layer = backendUnderTest().activation(activation, 1);
        Expect.values(activation + " forward", y, layer.forward(matrix(x.length, 1, x))
                .toRowMajor(), Tolerances.formula());
        Expect.values(activation + " backward", dx, layer.backward(matrix(x.length, 1, dy))
                .toRowMajor(), Tolerances.formula());
    }

    @Test
    default void reluPassesTheGradientWherePositiveAndBlocksItElsewhereZeroIncluded() {
        Layer relu = backendUnderTest().activation(Activation.relu(), 4);
        // The smallest input of the test is positive in the precision under test too.
        double tiny = Tolerances.precision() == Precision.F32 ? 0x1p-140 : 1e-300;
        relu.forward(matrix(1, 4, -3, 0, tiny, 7));
        Expect.matrix("relu backward", 1, 4, new double[] {0, 0, 5, 6},
                relu.backward(matrix(1, 4, 3, 4, 5, 6)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#kinds")
    default void backwardMatchesFiniteDifferences(Activation activation) {
        // L(x) = Σ c ∘ f(x), so dL/dx = c ∘ f'(x); the inputs keep clear of ReLU's kink at 0.
        SplittableRandom random = new SplittableRandom(7_031_965L);
        int n = 3;
        int d = 4;
        double[] x = new double[n * d];
        double[] c = new double[n * d];
        for (int i = 0; i < x.length; i++) {
            double magnitude = random.nextDouble(0.1, 2.5);
            x[i] = random.nextBoolean() ? magnitude : -magnitude;
            c[i] = random.nextDouble(-2, 2);
        }
        Layer layer = backendUnderTest().activation(activation, d);
        Matrix input = matrix(n, d, x);
        layer.forward(input);
        double[] analytic = layer.backward(matrix(n, d, c)).toRowMajor();
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            double up = Tolerances.round(original + Tolerances.finiteDifferenceStep());
            x[i] = up;
            double plus = weightedSum(c, layer.forward(matrix(n, d, x)));
            double down = Tolerances.round(original - Tolerances.finiteDifferenceStep());
            x[i] = down;
            double minus = weightedSum(c, layer.forward(matrix(n, d, x)));
            x[i] = original;
            numeric[i] = (plus - minus) / (up - down);
        }
        compareWithFiniteDifferences(activation + " dL/dx", analytic, numeric);
    }

    private static double weightedSum(double[] c, Matrix y) {
        double[] v = y.toRowMajor();
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += c[i] * v[i];
        }
        return s;
    }

    /** The kit's gradient tolerance, from {@link Tolerances}: {@code |a − n| <= r·max(|a|, |n|) + a}. */
    static void compareWithFiniteDifferences(String what, double[] analytic, double[] numeric) {
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double allowed = Tolerances.finiteDifferenceRelative()
                    * Math.max(Math.abs(a), Math.abs(n)) + Tolerances.finiteDifferenceAbsolute();
            if (!(Math.abs(a - n) <= allowed)) {
                fail(String.format(Locale.ROOT, "%s element %d: backward gives %s, central"
                        + " differences give %s", what, i, a, n));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#kinds")
    default void aNetworkThroughTheActivationHasGradientsThatMatchFiniteDifferences(Activation activation) {
        // dense(3→4) → activation → dense(4→2) → mean squared error: the chain rule through
        // the activation layer, on numbers away from ReLU's kink.
        double[] w1 = {0.5, -0.8, 0.3, 1.1, -0.4, 0.9, -1.2, 0.2, 0.7, 0.6, -0.5, -0.9};
        double[] w2 = {0.8, -0.3, -0.6, 1.0, 0.4, 0.5, -1.1, 0.2};
        double[] z = {1.0, -0.5, 2.0, -1.5, 0.3, 0.8};
        double[] t = {0.5, -0.5, 1.0, 0.25};
        Layer first = backendUnderTest().dense(matrix(3, 4, w1), matrix(1, 4, 0.1, -0.2, 0.05, 0.3));
        Layer act = backendUnderTest().activation(activation, 4);
        Layer second = backendUnderTest().dense(matrix(4, 2, w2), matrix(1, 2, 0.2, -0.1));
        Matrix input = matrix(2, 3, z);
        Matrix target = matrix(2, 2, t);
        Matrix dy = la().zeros(2, 2);
        backendUnderTest().meanSquaredError().valueAndGradient(
                second.forward(act.forward(first.forward(input))), target, dy);
        first.backward(act.backward(second.backward(dy)));
        double[] analytic = first.parameters().get(0).gradient().toRowMajor();
        Matrix weights = first.parameters().get(0).value();
        double[] w = weights.toRowMajor();
        double[] numeric = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            double original = w[i];
            double up = Tolerances.round(original + Tolerances.finiteDifferenceStep());
            w[i] = up;
            la().copyFromRowMajor(w, 0, weights);
            double plus = backendUnderTest().meanSquaredError().value(
                    second.forward(act.forward(first.forward(input))), target);
            double down = Tolerances.round(original - Tolerances.finiteDifferenceStep());
            w[i] = down;
            la().copyFromRowMajor(w, 0, weights);
            double minus = backendUnderTest().meanSquaredError().value(
                    second.forward(act.forward(first.forward(input))), target);
            w[i] = original;
            la().copyFromRowMajor(w, 0, weights);
            numeric[i] = (plus - minus) / (up - down);
        }
        compareWithFiniteDifferences(activation + " network dL/dW1", analytic, numeric);
    }

    @Test
    default void largeInputsSaturateWithoutOverflow() {
        Matrix x = matrix(1, 4, -1000, -40, 40, 1000);
        Expect.matrix("sigmoid", 1, 4, new double[] {0, 4.248354255291589e-18, 1, 1},
                backendUnderTest().activation(Activation.sigmoid(), 4).forward(x),
                Tolerances.roundings(8));
        Expect.matrix("tanh", 1, 4, new double[] {-1, -1, 1, 1},
                backendUnderTest().activation(Activation.tanh(), 4).forward(x));
        Expect.matrix("relu", 1, 4, new double[] {0, 0, 40, 1000},
                backendUnderTest().activation(Activation.relu(), 4).forward(x));
        Expect.matrix("leaky relu", 1, 4, new double[] {-10, -0.4, 40, 1000},
                backendUnderTest().activation(Activation.leakyRelu(0.01), 4).forward(x));
        for (Activation a : new Activation[] {Activation.sigmoid(), Activation.tanh()}) {
            Layer layer = backendUnderTest().activation(a, 4);
            layer.forward(x);
            double[] dx = layer.backward(matrix(1, 4, 1, 1, 1, 1)).toRowMajor();
            for (int i = 0; i < dx.length; i++) {
                assertTrue(dx[i] >= 0 && dx[i] < 1e-16,
                        a + " derivative at " + x.get(0, i) + " is " + dx[i]
                                + "; expected a finite value near 0");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Activations#kinds")
    default void infinitiesGiveTheLimitsAndNanPropagates(Activation activation) {
        double inf = Double.POSITIVE_INFINITY;
        Layer layer = backendUnderTest().activation(activation, 3);
        double[] y = layer.forward(matrix(1, 3, Double.NaN, inf, -inf)).toRowMajor();
        assertTrue(Double.isNaN(y[0]), activation + "(NaN) is " + y[0] + ", expected NaN");
        double[] limits;
        switch (activation.kind()) {
            case IDENTITY -> limits = new double[] {inf, -inf};
            case RELU -> limits = new double[] {inf, 0};
            case LEAKY_RELU -> limits = new double[] {inf, -inf};
            case SIGMOID -> limits = new double[] {1, 0};
            case TANH -> limits = new double[] {1, -1};
            default -> throw new AssertionError(activation);
        }
        Expect.values(activation + " at +∞ and −∞", limits, new double[] {y[1], y[2]}, 0);
        double[] dx = layer.backward(matrix(1, 3, 1, 1, 1)).toRowMajor();
        if (activation.kind() == Activation.Kind.IDENTITY) {
            assertEquals(1.0, dx[0], "the identity's derivative is 1, even at NaN");
        } else {
            assertTrue(Double.isNaN(dx[0]), activation + ": the gradient at a NaN input is "
                    + dx[0] + ", expected NaN");
        }
    }

    @Test
    default void aChangingBatchSizeGivesTheRightShapesAndValues() {
        Layer layer = backendUnderTest().activation(Activation.relu(), 2);
        Expect.matrix("batch of 3", 3, 2, new double[] {1, 0, 0, 2, 3, 0},
                layer.forward(matrix(3, 2, 1, -1, -2, 2, 3, -3)));
        Expect.matrix("batch of 1", 1, 2, new double[] {0, 5},
                layer.forward(matrix(1, 2, -4, 5)));
        Expect.matrix("backward of the batch of 1", 1, 2, new double[] {0, 7},
                layer.backward(matrix(1, 2, 6, 7)));
        Expect.matrix("batch of 3 again", 3, 2, new double[] {0, 1, 2, 0, 0, 0},
                layer.forward(matrix(3, 2, -1, 1, 2, -2, -3, 0)));
        Expect.matrix("backward of the batch of 3", 3, 2, new double[] {0, 2, 3, 0, 0, 0},
                layer.backward(matrix(3, 2, 1, 2, 3, 4, 5, 6)));
    }

    @Test
    default void zeroSizedBatchesAndLayersWork() {
        Layer empty = backendUnderTest().activation(Activation.tanh(), 0);
        assertEquals(0, empty.inputSize(), "inputSize");
        Matrix y = empty.forward(la().zeros(2, 0));
        assertEquals("2x0", y.rows() + "x" + y.cols(), "output shape");
        Matrix dx = empty.backward(la().zeros(2, 0));
        assertEquals("2x0", dx.rows() + "x" + dx.cols(), "input gradient shape");
    }

    @Test
    default void activationShapeMismatchesUseTheSharedWording() {
        Layer layer = backendUnderTest().activation(Activation.relu(), 2);
        ShapeMismatchException forward = assertThrows(ShapeMismatchException.class,
                () -> layer.forward(la().zeros(4, 3)));
        assertEquals("activation.forward: input is 4x3 but expected ?x2", forward.getMessage());
        layer.forward(la().zeros(4, 2));
        ShapeMismatchException backward = assertThrows(ShapeMismatchException.class,
                () -> layer.backward(la().zeros(3, 2)));
        assertEquals("activation.backward: outputGradient is 3x2 but expected 4x2",
                backward.getMessage());
    }

    @Test
    default void activationBadArgumentsAreRejected() {
        assertThrows(IllegalStateException.class,
                () -> backendUnderTest().activation(Activation.sigmoid(), 2).backward(la().zeros(1, 2)),
                "backward before forward");
        assertThrows(IllegalArgumentException.class,
                () -> backendUnderTest().activation(Activation.relu(), -1), "size -1");
        assertThrows(NullPointerException.class, () -> backendUnderTest().activation(null, 2),
                "a null activation");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> backendUnderTest().activation(Activation.relu(), 2)
                        .forward(new ForeignMatrix(1, 2)));
        assertTrue(String.valueOf(e.getMessage()).contains(ForeignMatrix.BACKEND),
                "a foreign input is rejected naming its backend: " + e.getMessage());
    }
}
