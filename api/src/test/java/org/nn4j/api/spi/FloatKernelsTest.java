package org.nn4j.api.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nn4j.api.Activation;

/**
 * The {@code float[]} kernels of {@link ActivationKernels}, {@link LossKernels} and
 * {@link OptimizerKernels}: each stored element is the {@code double[]} kernel's result on the
 * widened inputs, rounded once to {@code float} (what their javadoc promises, and what
 * {@link AbstractLinearAlgebra}'s defaults compute for a float32 matrix); and a few values
 * worked out by hand, exact in both precisions.
 */
class FloatKernelsTest {

    private static final int N = 4099;
    private static final long SEED = 20;

    /** Random floats of mixed scale and sign, with zeros, infinities and NaN among them. */
    private static float[] floats(Random random, double scale) {
        float[] x = new float[N];
        float[] special = {0.0f, -0.0f, Float.NaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.MIN_VALUE, Float.MAX_VALUE, 1.0f, -1.0f};
        for (int i = 0; i < N; i++) {
            x[i] = i < special.length ? special[i]
                    : (float) (scale * random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        return x;
    }

    /** Non-negative floats, for the optimizers' sums of squares. */
    private static float[] nonNegative(Random random) {
        float[] x = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) Math.abs(random.nextGaussian() * Math.pow(10, random.nextInt(7) - 5));
        }
        return x;
    }

    private static double[] widen(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    /** Every element of {@code actual} is {@code expected} rounded to float, bit for bit. */
    private static void assertRounded(String what, double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            float want = (float) expected[i];
            if (Float.floatToIntBits(want) != Float.floatToIntBits(actual[i])) {
                assertEquals(want, actual[i], what + "[" + i + "]: the double kernel gives "
                        + expected[i] + ", rounded " + want);
                assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(actual[i]),
                        what + "[" + i + "]: " + want + " and " + actual[i] + " differ in sign");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.Kind.class)
    void activationsAreTheDoubleKernelsRounded(Activation.Kind kind) {
        Random random = new Random(SEED);
        double slope = 0.01;
        float[] x = floats(random, 3.0);
        float[] dy = floats(random, 1.0);
        float[] y = new float[N];
        float[] dx = new float[N];
        double[] yd = new double[N];
        double[] dxd = new double[N];
        ActivationKernels.forward(kind, slope, x, y, N);
        ActivationKernels.forward(kind, slope, widen(x), yd, N);
        assertRounded(kind + " forward", yd, y);
        // backward from the float forward's output, as a float32 layer does
        ActivationKernels.backward(kind, slope, x, y, dy, dx, N);
        ActivationKernels.backward(kind, slope, widen(x), widen(y), widen(dy), dxd, N);
        assertRounded(kind + " backward", dxd, dx);
    }

    @Test
    void activationValuesByHand() {
        float[] x = {-2.0f, 0.0f, 3.0f};
        float[] y = new float[3];
        ActivationKernels.forward(Activation.Kind.SIGMOID, 0.0, x, y, 3);
        // Python: 1 / (1 + math.exp(2)) = 0.11920292202211755, nearest float 0.11920292
        assertEquals(0.11920292f, y[0]);
        assertEquals(0.5f, y[1]);
        ActivationKernels.forward(Activation.Kind.LEAKY_RELU, 0.25, x, y, 3);
        assertEquals(-0.5f, y[0]);
        assertEquals(3.0f, y[2]);
        float[] dx = new float[3];
        ActivationKernels.backward(Activation.Kind.RELU, 0.0, x, y, new float[] {5, 6, 7}, dx, 3);
        assertEquals(0.0f, dx[0]);
        assertEquals(0.0f, dx[1], "relu'(0) = 0");
        assertEquals(7.0f, dx[2]);
    }

    @Test
    void squaredErrorIsTheDoubleKernelRounded() {
        Random random = new Random(SEED);
        float[] y = floats(random, 1.0);
        float[] t = floats(random, 1.0);
        float[] g = new float[N];
        double[] gd = new double[N];
        double sum = LossKernels.squaredError(1.5, y, 0, t, 0, g, 0, N, 7.0);
        double sumd = LossKernels.squaredError(1.5, widen(y), 0, widen(t), 0, gd, 0, N, 7.0);
        assertEquals(sumd, sum, 0.0, "the loss is the double kernel's, not rounded");
        assertEquals(sumd, LossKernels.squaredError(1.5, y, 0, t, 0, null, 0, N, 7.0), 0.0);
        assertRounded("squared-error gradient", gd, g);
    }

    @Test
    void squaredErrorByHand() {
        float[] g = new float[2];
        // (3 − 1)² + (0.5 − 1)² = 4.25; gradient (y − t) / 2
        assertEquals(4.25, LossKernels.squaredError(0.0, new float[] {9, 3, 0.5f}, 1,
                new float[] {1, 1}, 0, g, 0, 2, 2.0), 0.0);
        assertEquals(1.0f, g[0]);
        assertEquals(-0.25f, g[1]);
    }

    @Test
    void softmaxCrossEntropyIsTheDoubleKernelRounded() {
        Random random = new Random(SEED);
        int cols = 10;
        int rows = N / cols;
        float[] y = floats(random, 4.0);
        y[2] = 1.0f; // no NaN or infinity among the logits: those are checked by the kit
        for (int i = 0; i < 9; i++) {
            y[i] = (float) i - 4;
        }
        float[] t = nonNegative(random);
        float[] g = new float[N];
        double[] gd = new double[N];
        double[] yd = widen(y);
        double[] td = widen(t);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            double value = LossKernels.softmaxCrossEntropyRow(y, o, t, o, g, o, cols, rows);
            double valued = LossKernels.softmaxCrossEntropyRow(yd, o, td, o, gd, o, cols, rows);
            assertEquals(valued, value, 0.0, "row " + r);
            assertEquals(valued, LossKernels.softmaxCrossEntropyRow(y, o, t, o, null, 0, cols,
                    rows), 0.0, "row " + r + " without the gradient");
        }
        assertRounded("softmax cross-entropy gradient", gd, g);
    }

    @Test
    void softmaxCrossEntropyByHand() {
        // two equal logits: softmax 1/2 each; −log(1/2) = ln 2; gradient (1/2 − t) / 1
        float[] g = new float[2];
        double value = LossKernels.softmaxCrossEntropyRow(new float[] {3, 3}, 0,
                new float[] {1, 0}, 0, g, 0, 2, 1);
        assertEquals(Math.log(2.0), value, 1e-16);
        assertEquals(-0.5f, g[0]);
        assertEquals(0.5f, g[1]);
    }

    @Test
    void momentumIsTheDoubleKernelRounded() {
        for (double momentum : new double[] {0.0, 0.9}) {
            for (double decay : new double[] {0.0, 1e-3}) {
                Random random = new Random(SEED);
                float[] g = floats(random, 1.0);
                float[] v = floats(random, 1.0);
                float[] p = floats(random, 1.0);
                double[] vd = widen(v);
                double[] pd = widen(p);
                OptimizerKernels.momentum(0.01, momentum, decay, g, v, p, N);
                OptimizerKernels.momentum(0.01, momentum, decay, widen(g), vd, pd, N);
                assertRounded("velocity (" + momentum + ", " + decay + ")", vd, v);
                assertRounded("parameter (" + momentum + ", " + decay + ")", pd, p);
            }
        }
    }

    @Test
    void adaGradAndRmsPropAreTheDoubleKernelsRounded() {
        Random random = new Random(SEED);
        float[] g = floats(random, 1.0);
        float[] s = nonNegative(random);
        float[] p = floats(random, 1.0);
        float[] s2 = s.clone();
        float[] p2 = p.clone();
        double[] sd = widen(s);
        double[] pd = widen(p);
        double[] sd2 = widen(s);
        double[] pd2 = widen(p);
        OptimizerKernels.adaGrad(0.01, 1e-7, g, s, p, N);
        OptimizerKernels.adaGrad(0.01, 1e-7, widen(g), sd, pd, N);
        assertRounded("adaGrad sum of squares", sd, s);
        assertRounded("adaGrad parameter", pd, p);
        OptimizerKernels.rmsProp(0.001, 0.9, 1e-7, g, s2, p2, N);
        OptimizerKernels.rmsProp(0.001, 0.9, 1e-7, widen(g), sd2, pd2, N);
        assertRounded("rmsProp mean square", sd2, s2);
        assertRounded("rmsProp parameter", pd2, p2);
    }

    @Test
    void adamIsTheDoubleKernelRounded() {
        for (long step : new long[] {1, 2, 1000}) {
            Random random = new Random(SEED + step);
            float[] g = floats(random, 1.0);
            float[] m = floats(random, 0.1);
            float[] v = nonNegative(random);
            float[] p = floats(random, 1.0);
            double[] md = widen(m);
            double[] vd = widen(v);
            double[] pd = widen(p);
            OptimizerKernels.adam(0.001, 0.9, 0.999, 1e-8, step, g, m, v, p, N);
            OptimizerKernels.adam(0.001, 0.9, 0.999, 1e-8, step, widen(g), md, vd, pd, N);
            assertRounded("adam first moment, step " + step, md, m);
            assertRounded("adam second moment, step " + step, vd, v);
            assertRounded("adam parameter, step " + step, pd, p);
        }
    }

    @Test
    void optimizerValuesByHand() {
        // momentum: v = 0.5·2 + (1 + 0.25·4) = 3, θ = 4 − 0.5·3 = 2.5
        float[] v = {2};
        float[] p = {4};
        OptimizerKernels.momentum(0.5, 0.5, 0.25, new float[] {1}, v, p, 1);
        assertEquals(3.0f, v[0]);
        assertEquals(2.5f, p[0]);
        // adaGrad: s = 16 + 3² = 25, θ = 2 − 1·3 / (5 + 1) = 1.5
        float[] s = {16};
        p[0] = 2;
        OptimizerKernels.adaGrad(1.0, 1.0, new float[] {3}, s, p, 1);
        assertEquals(25.0f, s[0]);
        assertEquals(1.5f, p[0]);
        // rmsProp: s = 0.75·0 + 0.25·4² = 4, θ = 2 − 4 / (2 + 2) = 1
        s[0] = 0;
        p[0] = 2;
        OptimizerKernels.rmsProp(1.0, 0.75, 2.0, new float[] {4}, s, p, 1);
        assertEquals(4.0f, s[0]);
        assertEquals(1.0f, p[0]);
        // adam, step 1: m = 0.5·2 = 1, v = 0.25·2² = 1, θ = 3 − (1 / 0.5)·1 / (√(1 / 0.25) + 2)
        float[] m = {0};
        float[] v2 = {0};
        p[0] = 3;
        OptimizerKernels.adam(1.0, 0.5, 0.75, 2.0, 1, new float[] {2}, m, v2, p, 1);
        assertEquals(1.0f, m[0]);
        assertEquals(1.0f, v2[0]);
        assertEquals(2.5f, p[0]);
    }
}
