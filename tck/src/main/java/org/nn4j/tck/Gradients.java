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
 * Gradients against central finite differences, {@code (f(x⁺) − f(x⁻)) / (x⁺ − x⁻)} with
 * {@code x± = x ± ε} rounded to the precision under test and ε from
 * {@link Tolerances#finiteDifferenceStep()} ({@code 2⁻²⁰} in float64, {@code 2⁻⁸} in float32),
 * for {@code f = mse(dense(z), t)} on random numbers (N = 3, 4 inputs, 5 outputs). The loss is
 * quadratic, so the difference quotient is exact but for rounding, about {@code u·|f|/ε};
 * a gradient passes when {@code |analytic − numeric| <= r · max(|analytic|, |numeric|) + a}
 * with {@code r} and {@code a} from {@link Tolerances} (float64: 9.5e-7 and 7.5e-9).
 */
interface Gradients extends ConformanceChecks {

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
                double up = Tolerances.round(original + Tolerances.finiteDifferenceStep());
            x[i] = up;
                kit.la().copyFromRowMajor(x, 0, variable);
                double plus = value();
                double down = Tolerances.round(original - Tolerances.finiteDifferenceStep());
            x[i] = down;
                kit.la().copyFromRowMajor(x, 0, variable);
                double minus = value();
                x[i] = original;
                kit.la().copyFromRowMajor(x, 0, variable);
                numeric[i] = (plus - minus) / (up - down);
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
            double up = Tolerances.round(original + Tolerances.finiteDifferenceStep());
            x[i] = up;
            double plus = loss.value(la().fromRowMajor(N, OUT, x), target);
            double down = Tolerances.round(original - Tolerances.finiteDifferenceStep());
            x[i] = down;
            double minus = loss.value(la().fromRowMajor(N, OUT, x), target);
            x[i] = original;
            numeric[i] = (plus - minus) / (up - down);
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
        double relative = Tolerances.finiteDifferenceRelative();
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double allowed = relative * Math.max(Math.abs(a), Math.abs(n))
                    + Tolerances.finiteDifferenceAbsolute();
            if (!(Math.abs(a - n) <= allowed)) {
                fail(String.format(Locale.ROOT, "%s element %d: backward gives %s, central"
                        + " differences give %s (relative error %.3g, allowed %.2g in %s)", what,
                        i, a, n, Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n)), relative,
                        Tolerances.precision()));
            }
        }
    }
}
