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
abstract class GradientChecks extends ConformanceChecks {

    static final double EPSILON = 1e-6;
    static final double RELATIVE_TOLERANCE = 1e-6;
    static final double ABSOLUTE_TOLERANCE = 1e-8;
    private static final int N = 3;
    private static final int IN = 4;
    private static final int OUT = 5;

    private final double[] z;
    private final double[] w;
    private final double[] b;
    private final double[] t;
    private final double[] prediction;

    GradientChecks(Supplier<Backend> backend) {
        super(backend);
        SplittableRandom random = new SplittableRandom(20_240_611L);
        z = uniform(random, N * IN);
        w = uniform(random, IN * OUT);
        b = uniform(random, OUT);
        t = uniform(random, N * OUT);
        prediction = uniform(random, N * OUT);
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble(-2.0, 2.0);
        }
        return a;
    }

    /** The set-up shared by the checks: a layer, its input, the loss and the analytic pass. */
    private final class Problem {
        final Layer layer = backend().dense(matrix(IN, OUT, w.clone()), matrix(1, OUT, b.clone()));
        final Matrix input = matrix(N, IN, z.clone());
        final Matrix target = matrix(N, OUT, t.clone());
        final Loss loss = backend().meanSquaredError();
        final double[] weightGradient;
        final double[] biasGradient;
        final double[] inputGradient;

        Problem() {
            Matrix dy = la().zeros(N, OUT);
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
                la().copyFromRowMajor(x, 0, variable);
                double plus = value();
                x[i] = original - EPSILON;
                la().copyFromRowMajor(x, 0, variable);
                double minus = value();
                x[i] = original;
                la().copyFromRowMajor(x, 0, variable);
                numeric[i] = (plus - minus) / (2 * EPSILON);
            }
            return numeric;
        }
    }

    @Test
    void meanSquaredErrorGradientMatchesFiniteDifferences() {
        Loss loss = backend().meanSquaredError();
        Matrix y = matrix(N, OUT, prediction);
        Matrix target = matrix(N, OUT, t);
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
    void denseWeightGradientMatchesFiniteDifferences() {
        Problem p = new Problem();
        compare("dL/dW", p.weightGradient, p.numericGradient(p.layer.parameters().get(0).value()));
    }

    @Test
    void denseBiasGradientMatchesFiniteDifferences() {
        Problem p = new Problem();
        compare("dL/db", p.biasGradient, p.numericGradient(p.layer.parameters().get(1).value()));
    }

    @Test
    void denseInputGradientMatchesFiniteDifferences() {
        Problem p = new Problem();
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
