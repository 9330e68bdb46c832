package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * Gradients against central finite differences, {@code (f(x + ε) − f(x − ε)) / 2ε} with
 * ε = 1e-6, for {@code f = mse(dense(z), t)} on random numbers (N = 3, 4 inputs, 5 outputs).
 * The loss is quadratic, so the difference quotient is exact but for rounding, about
 * 1e-10 here; a gradient passes when {@code |analytic − numeric| <= 1e-6 · max(|analytic|,
 * |numeric|) + 1e-8}.
 */
interface Gradients extends ConformanceChecks {

    static final double EPSILON = 1e-6;
    static final double RELATIVE_TOLERANCE = 1e-6;
    static final double ABSOLUTE_TOLERANCE = 1e-8;
    static final int N = 3;
    static final int IN = 4;
    static final int OUT = 5;

    /** The data of the checks, the same for every test. */
    final class Data {
        static final double[] Z;
        static final double[] W;
        static final double[] B;
        static final double[] T;
        static final double[] PREDICTION;

        static {
            SplittableRandom random = new SplittableRandom(20_240_611L);
            Z = uniform(random, N * IN);
            W = uniform(random, IN * OUT);
            B = uniform(random, OUT);
            T = uniform(random, N * OUT);
            PREDICTION = uniform(random, N * OUT);
        }

        private Data() {
        }

        private static double[] uniform(SplittableRandom random, int n) {
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextDouble(-2.0, 2.0);
            }
            return a;
        }
    }

    /** The set-up shared by the checks: a layer, its input, the loss and the analytic pass. */
    final class Problem {
        final ConformanceChecks kit;
        final Layer layer;
        final Matrix input;
        final Matrix target;
        final Loss loss;
        final double[] weightGradient;
        final double[] biasGradient;
        final double[] inputGradient;

        Problem(ConformanceChecks kit) {
            this.kit = kit;
            layer = kit.backendUnderTest().dense(kit.matrix(IN, OUT, Data.W.clone()),
                    kit.matrix(1, OUT, Data.B.clone()));
            input = kit.matrix(N, IN, Data.Z.clone());
            target = kit.matrix(N, OUT, Data.T.clone());
            loss = kit.backendUnderTest().meanSquaredError();
            Matrix dy = kit.la().zeros(N, OUT);
            loss.valueAndGradient(layer.forward(input), target, dy);
            inputGradient = layer.backward(dy).toRowMajor();
            weightGradient = layer.parameters().get(0).gradient().toRowMajor();
            biasGradient = layer.parameters().get(1).gradient().toRowMajor();
        }

        double value() {
            return loss.value(layer.forward(input), target);
        }

        /** The central difference of the loss along each element of a matrix. */
        double[] numericGradient(Matrix variable) {
            double[] x = variable.toRowMajor();
            double[] numeric = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                double original = x[i];
                x[i] = original + EPSILON;
                kit.la().copyFromRowMajor(x, 0, variable);
                double plus = value();
                x[i] = original - EPSILON;
                kit.la().copyFromRowMajor(x, 0, variable);
                double minus = value();
                x[i] = original;
                kit.la().copyFromRowMajor(x, 0, variable);
                numeric[i] = (plus - minus) / (2 * EPSILON);
            }
            return numeric;
        }
    }

    @Test
    default void meanSquaredErrorGradientMatchesFiniteDifferences() {
        Loss loss = backendUnderTest().meanSquaredError();
        Matrix y = matrix(N, OUT, Data.PREDICTION);
        Matrix target = matrix(N, OUT, Data.T);
        Matrix analytic = la().zeros(N, OUT);
        loss.valueAndGradient(y, target, analytic);
        double[] x = y.toRowMajor();
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            x[i] = original + EPSILON;
            double plus = loss.value(la().fromRowMajor(N, OUT, x), target);
            x[i] = original - EPSILON;
            double minus = loss.value(la().fromRowMajor(N, OUT, x), target);
            x[i] = original;
            numeric[i] = (plus - minus) / (2 * EPSILON);
        }
        compare("dL/dy", analytic.toRowMajor(), numeric);
    }

    @Test
    default void denseWeightGradientMatchesFiniteDifferences() {
        Problem p = new Problem(this);
        compare("dL/dW", p.weightGradient, p.numericGradient(p.layer.parameters().get(0).value()));
    }

    @Test
    default void denseBiasGradientMatchesFiniteDifferences() {
        Problem p = new Problem(this);
        compare("dL/db", p.biasGradient, p.numericGradient(p.layer.parameters().get(1).value()));
    }

    @Test
    default void denseInputGradientMatchesFiniteDifferences() {
        Problem p = new Problem(this);
        compare("dL/dz", p.inputGradient, p.numericGradient(p.input));
    }

    private static void compare(String what, double[] analytic, double[] numeric) {
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double allowed = RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(n))
                    + ABSOLUTE_TOLERANCE;
            if (!(Math.abs(a - n) <= allowed)) {
                fail(String.format(Locale.ROOT, "%s element %d: backward gives %s, central"
                        + " differences give %s (relative error %.3g, allowed %.0e)", what, i, a,
                        n, Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n)),
                        RELATIVE_TOLERANCE));
            }
        }
    }
}
