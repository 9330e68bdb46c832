package org.nn4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * EJML in float32: every result is float32 values; what is computed in {@code double} and
 * rounded once (element-wise operations, optimizer steps, losses, activations) is exactly the
 * float64 backend's result on the same inputs, rounded; products, accumulated in
 * {@code float}, are within the classical bound {@code γ_k·Σ|a||b|} of the exact product.
 */
class EjmlFloat32Test {

    private static final double U = Precision.F32.unitRoundoff();

    private final Backend f64 = new EjmlBackendProvider().create();
    private final Backend f32 = f64.inPrecision(Precision.F32);
    private final LinearAlgebra la = f32.linearAlgebra();
    private final LinearAlgebra la64 = f64.linearAlgebra();
    private final SplittableRandom random = new SplittableRandom(32);

    /** Float-valued random data, so both precisions start from the same numbers. */
    private double[] data(int n, double lo, double hi) {
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (float) random.nextDouble(lo, hi);
        }
        return d;
    }

    private static void assertFloat32(String what, Matrix m) {
        assertEquals(Precision.F32, m.precision(), what);
        double[] d = m.toRowMajor();
        for (int i = 0; i < d.length; i++) {
            assertEquals(d[i], (float) d[i], 0.0, what + ": element " + i + " is not a float");
        }
    }

    /** {@code actual} is {@code expected} (a float64 result) rounded to float, element by element. */
    private static void assertRounded(String what, Matrix expected, Matrix actual) {
        assertFloat32(what, actual);
        double[] e = expected.toRowMajor();
        double[] a = actual.toRowMajor();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Precision.F32.round(e[i]), a[i], 0.0, what + ": element " + i
                    + " (float64 gives " + e[i] + ")");
        }
    }

    private static void assertWithinStepBound(String what, double[] old, double[] g,
                                              Matrix expected, Matrix actual) {
        assertFloat32(what, actual);
        double[] e = expected.toRowMajor();
        double[] a = actual.toRowMajor();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            double o = Precision.F32.round(old[i]);
            double gi = Precision.F32.round(g[i]);
            double bound = 16 * Precision.F32.unitRoundoff()
                    * (Math.abs(o) + Math.abs(e[i] - o) + Math.abs(gi) + gi * gi);
            assertEquals(e[i], a[i], bound, what + ": element " + i);
        }
    }

    @Test
    void theBackendDeclaresBothPrecisionsAndKeepsOneInstanceOfEach() {
        assertEquals(EnumSet.of(Precision.F32, Precision.F64), f64.precisions());
        assertEquals(f64.precisions(), f32.precisions());
        assertEquals(Precision.F32, f32.precision());
        assertEquals(Precision.F32, la.precision());
        assertEquals("ejml", f32.name());
        assertSame(f32, f64.inPrecision(Precision.F32));
        assertSame(f64, f32.inPrecision(Precision.F64));
        assertSame(f32, f32.inPrecision(Precision.F32));
    }

    @Test
    void aMatrixOfTheOtherPrecisionIsRefusedNamingBoth() {
        Matrix m64 = la64.zeros(2, 2);
        Matrix m32 = la.zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.add(m32, m64, m32));
        assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float32")
                && e.getMessage().contains("add"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> la64.scale(2, m32, m64));
        assertTrue(e.getMessage().contains("float64") && e.getMessage().contains("float32"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f32.dense(m64, la.zeros(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> la.clipGlobalNorm(1.0, List.of(m32, m64)));
    }

    @Test
    void dataRoundsOnTheWayInAndWidensExactlyOnTheWayOut() {
        double[] d = {0.1, -1.0 / 3, 1e-50, 1e50, Double.NaN, -0.0};
        Matrix m = la.fromRowMajor(2, 3, d);
        double[] back = m.toRowMajor();
        for (int i = 0; i < d.length; i++) {
            assertEquals(Precision.F32.round(d[i]), back[i], 0.0, "element " + i);
            assertEquals(back[i], m.get(i / 3, i % 3), 0.0);
        }
        assertEquals(0.10000000149011612, back[0], 0.0, "0.1 as a float, widened");
        assertEquals(Double.POSITIVE_INFINITY, back[3], "1e50 overflows float");
        double[] out = new double[8];
        la.copyToRowMajor(m, out, 2);
        assertArrayEquals(back, java.util.Arrays.copyOfRange(out, 2, 8), 0.0);
        Matrix c = la.convert(la64.fromRowMajor(1, 2, 0.1, 0.2));
        assertArrayEquals(new double[] {(float) 0.1, (float) 0.2}, c.toRowMajor(), 0.0);
    }

    @Test
    void elementWiseOperationsAreTheFloat64ResultsRounded() {
        int n = 37 * 11;
        double[] x = data(n, -3, 3);
        double[] y = data(n, 0.5, 4);
        Matrix a = la.fromRowMajor(37, 11, x);
        Matrix b = la.fromRowMajor(37, 11, y);
        Matrix a64 = la64.fromRowMajor(37, 11, x);
        Matrix b64 = la64.fromRowMajor(37, 11, y);
        Matrix d = la.zeros(37, 11);
        Matrix d64 = la64.zeros(37, 11);
        la.add(a, b, d);
        la64.add(a64, b64, d64);
        assertRounded("add", d64, d);
        la.subtract(a, b, d);
        la64.subtract(a64, b64, d64);
        assertRounded("subtract", d64, d);
        la.multiplyElements(a, b, d);
        la64.multiplyElements(a64, b64, d64);
        assertRounded("multiplyElements", d64, d);
        la.divideElements(a, b, d);
        la64.divideElements(a64, b64, d64);
        assertRounded("divideElements", d64, d);
        la.sqrt(b, d);
        la64.sqrt(b64, d64);
        assertRounded("sqrt", d64, d);
        la.scale(0.1, a, d);
        la64.scale(0.1, a64, d64);
        assertRounded("scale", d64, d);
        la.addScalar(0.1, a, d);
        la64.addScalar(0.1, a64, d64);
        assertRounded("addScalar", d64, d);
        la.copy(b, d);
        la64.copy(b64, d64);
        la.axpy(0.1, a, d);
        la64.axpy(0.1, a64, d64);
        assertRounded("axpy", d64, d);
        Matrix row = la.fromRowMajor(1, 11, data(11, -1, 1));
        la.addRowVector(a, row, d);
        la64.addRowVector(a64, la64.convert(row), d64);
        assertRounded("addRowVector", d64, d);
        Matrix sums = la.zeros(1, 11);
        Matrix sums64 = la64.zeros(1, 11);
        la.columnSums(a, sums);
        la64.columnSums(a64, sums64);
        assertRounded("columnSums (summed in double)", sums64, sums);
        assertEquals(la64.sumOfSquares(a64), la.sumOfSquares(a), 0.0, "sumOfSquares in double");
        la.fill(0.1, d);
        assertRounded("fill", fill(la64, 0.1, 37, 11), d);
        assertArrayEquals(la64.argmaxRows(a64), la.argmaxRows(a));
    }

    @Test
    void columnSumsAddInDoubleAndRoundOnce() {
        // 3000 copies of 0.1f: every partial sum is exact in double, but not in float
        int rows = 3000;
        double tenth = (float) 0.1;
        Matrix a = fill(la, tenth, rows, 2);
        Matrix sums = la.zeros(1, 2);
        la.columnSums(a, sums);
        assertArrayEquals(new double[] {(float) (rows * tenth), (float) (rows * tenth)},
                sums.toRowMajor(), 0.0);
        Layer dense = f32.dense(la.zeros(3, 2), la.zeros(1, 2));
        dense.forward(la.zeros(rows, 3));
        dense.backward(a);
        assertArrayEquals(sums.toRowMajor(),
                dense.parameters().get(1).gradient().toRowMajor(), 0.0, "the bias gradient");
    }

    private static Matrix fill(LinearAlgebra la, double value, int rows, int cols) {
        Matrix m = la.zeros(rows, cols);
        la.fill(value, m);
        return m;
    }

    @Test
    void optimizerStepsAreTheFloat64StepsWithinTheKernelsBounds() {
        int n = 300;
        double[] g = data(n, -1, 1);
        double[] s = data(n, 0, 1);
        double[] m = data(n, -0.1, 0.1);
        double[] p = data(n, -1, 1);
        String[] names = {"momentum", "adaGrad", "rmsProp", "adam"};
        for (String name : names) {
            Matrix g32 = la.fromRowMajor(3, 100, g);
            Matrix s32 = la.fromRowMajor(3, 100, s);
            Matrix m32 = la.fromRowMajor(3, 100, m);
            Matrix p32 = la.fromRowMajor(3, 100, p);
            Matrix g64 = la64.fromRowMajor(3, 100, g);
            Matrix s64 = la64.fromRowMajor(3, 100, s);
            Matrix m64 = la64.fromRowMajor(3, 100, m);
            Matrix p64 = la64.fromRowMajor(3, 100, p);
            switch (name) {
                case "momentum" -> {
                    la.momentumStep(0.01, 0.9, 1e-4, g32, m32, p32);
                    la64.momentumStep(0.01, 0.9, 1e-4, g64, m64, p64);
                }
                case "adaGrad" -> {
                    la.adaGradStep(0.01, 1e-7, g32, s32, p32);
                    la64.adaGradStep(0.01, 1e-7, g64, s64, p64);
                }
                case "rmsProp" -> {
                    la.rmsPropStep(0.001, 0.9, 1e-7, g32, s32, p32);
                    la64.rmsPropStep(0.001, 0.9, 1e-7, g64, s64, p64);
                }
                default -> {
                    la.adamStep(0.001, 0.9, 0.999, 1e-8, 7, g32, m32, s32, p32);
                    la64.adamStep(0.001, 0.9, 0.999, 1e-8, 7, g64, m64, s64, p64);
                }
            }
            // The float kernels compute in float: each stored element is within K·u·S of the
            // exact step (OptimizerKernels' javadoc, K at most 16), where S, the sum of the
            // magnitudes of the step's terms, is at most |old| + |new - old| + |g| + g².
            assertWithinStepBound(name + " first state", m, g, m64, m32);
            assertWithinStepBound(name + " second state", s, g, s64, s32);
            assertWithinStepBound(name + " parameter", p, g, p64, p32);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"identity", "relu", "leaky-relu", "sigmoid", "tanh"})
    void activationLayersAreTheFloat64LayersRounded(String kind) {
        Activation activation = switch (kind) {
            case "identity" -> Activation.identity();
            case "relu" -> Activation.relu();
            case "leaky-relu" -> Activation.leakyRelu(0.1);
            case "sigmoid" -> Activation.sigmoid();
            default -> Activation.tanh();
        };
        double[] x = data(64 * 9, -4, 4);
        double[] dy = data(64 * 9, -1, 1);
        Layer l32 = f32.activation(activation, 9);
        Layer l64 = f64.activation(activation, 9);
        Matrix y32 = l32.forward(la.fromRowMajor(64, 9, x));
        Matrix y64 = l64.forward(la64.fromRowMajor(64, 9, x));
        assertRounded(kind + " forward", y64, y32);
        // backward from the float forward's output, as the float32 layer has it
        Matrix y64From32 = la64.convert(y32);
        Matrix dx32 = l32.backward(la.fromRowMajor(64, 9, dy));
        Matrix dx64 = l64.backward(la64.fromRowMajor(64, 9, dy));
        if (kind.equals("sigmoid") || kind.equals("tanh")) {
            // f' comes from the output, which float32 holds rounded: compare with that output
            double[] d64 = dx64.toRowMajor();
            double[] out = y64From32.toRowMajor();
            for (int i = 0; i < d64.length; i++) {
                double t = out[i];
                d64[i] = dy[i] * (kind.equals("sigmoid") ? t * (1.0 - t) : 1.0 - t * t);
            }
            dx64 = la64.fromRowMajor(64, 9, d64);
        }
        assertRounded(kind + " backward", dx64, dx32);
    }

    @Test
    void lossesAreTheFloat64LossesOnTheSameValuesWithRoundedGradients() {
        double[] y = data(128 * 10, -5, 5);
        double[] t = new double[128 * 10];
        for (int i = 0; i < 128; i++) {
            t[i * 10 + random.nextInt(10)] = 1.0;
        }
        for (boolean softmax : new boolean[] {false, true}) {
            Matrix y32 = la.fromRowMajor(128, 10, y);
            Matrix t32 = la.fromRowMajor(128, 10, t);
            Matrix g32 = la.zeros(128, 10);
            Matrix g64 = la64.zeros(128, 10);
            Matrix y64 = la64.fromRowMajor(128, 10, y);
            Matrix t64 = la64.fromRowMajor(128, 10, t);
            var loss32 = softmax ? f32.softmaxCrossEntropy() : f32.meanSquaredError();
            var loss64 = softmax ? f64.softmaxCrossEntropy() : f64.meanSquaredError();
            assertEquals(loss64.value(y64, t64), loss32.value(y32, t32), 0.0, loss32.name());
            assertEquals(loss64.valueAndGradient(y64, t64, g64),
                    loss32.valueAndGradient(y32, t32, g32), 0.0, loss32.name());
            assertRounded(loss32.name() + " gradient", g64, g32);
        }
    }

    /**
     * Products in float: within {@code γ_{k+2}·(|α|·Σ|a||b| + |β|·|c|)} of the exact result on
     * the same float inputs (computed in double, exact enough here), with every transpose,
     * {@code β} in {0, 1, other}, on one thread and on two.
     */
    @ParameterizedTest(name = "transA={0}, transB={1}, {2}x{3}x{4}, alpha={5}, beta={6}")
    @CsvSource({
        "false,false,128,784,256,1,0", "true,false,256,128,78,1,0", "false,true,128,256,78,1,0",
        "true,true,33,40,29,-0.7,0", "false,false,201,150,141,-0.7,1.5",
        "true,false,201,150,141,1,1", "false,true,201,150,141,0.3,-2",
        "true,true,201,150,141,1,0.5", "false,false,13,17,19,1,0", "false,true,7,3,5,-0.7,0",
        "true,false,3,500,2,1,0", "false,false,5,1,3,1,0", "false,true,128,128,10,1,0",
        "false,false,128,128,10,1,0", "false,false,3,0,4,1,2"})
    void productsAreWithinTheFloatBound(boolean ta, boolean tb, int m, int k, int n,
                                        double alpha, double beta) {
        double[] ad = data(m * k, -1, 1);
        double[] bd = data(k * n, -1, 1);
        double[] cd = data(m * n, -1, 1);
        Matrix a = ta ? la.fromRowMajor(k, m, ad) : la.fromRowMajor(m, k, ad);
        Matrix b = tb ? la.fromRowMajor(n, k, bd) : la.fromRowMajor(k, n, bd);
        Matrix c = la.fromRowMajor(m, n, cd);
        if (beta == 0) {
            la.fill(Double.NaN, c); // beta == 0 ignores c, NaN included
        }
        la.gemm(alpha, a, ta, b, tb, beta, c);
        assertFloat32("gemm", c);
        double[] got = c.toRowMajor();
        double gamma = (k + 2) * U / (1 - (k + 2) * U);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0;
                double magnitude = 0;
                for (int kk = 0; kk < k; kk++) {
                    double p = (ta ? a.get(kk, i) : a.get(i, kk))
                            * (tb ? b.get(j, kk) : b.get(kk, j));
                    exact += p;
                    magnitude += Math.abs(p);
                }
                double old = beta == 0 ? 0 : cd[i * n + j];
                double want = alpha * exact + beta * old;
                double bound = gamma * (Math.abs(alpha) * magnitude + Math.abs(beta * old))
                        + Math.abs(want) * U;
                assertTrue(Math.abs(got[i * n + j] - want) <= bound, "element (" + i + ", "
                        + j + "): " + got[i * n + j] + ", exact " + want + ", bound " + bound);
            }
        }
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void largeProductsOfSmallIntegersAreExact(boolean ta, boolean tb) {
        int m = 201;
        int k = 150;
        int n = 141;
        assertTrue((long) m * n * k >= EjmlLinearAlgebra.CONCURRENT_THRESHOLD);
        DoubleSupplier draw = () -> random.nextInt(-5, 6);
        double[] ad = new double[m * k];
        double[] bd = new double[k * n];
        for (int i = 0; i < ad.length; i++) {
            ad[i] = draw.getAsDouble();
        }
        for (int i = 0; i < bd.length; i++) {
            bd[i] = draw.getAsDouble();
        }
        Matrix a = ta ? la.fromRowMajor(k, m, ad) : la.fromRowMajor(m, k, ad);
        Matrix b = tb ? la.fromRowMajor(n, k, bd) : la.fromRowMajor(k, n, bd);
        Matrix c = la.zeros(m, n);
        la.gemm(3, a, ta, b, tb, 0, c);
        Matrix a64 = la64.convert(a);
        Matrix b64 = la64.convert(b);
        Matrix c64 = la64.zeros(m, n);
        la64.gemm(3, a64, ta, b64, tb, 0, c64);
        assertArrayEquals(c64.toRowMajor(), c.toRowMajor(), 0.0);
    }

    @Test
    void theDenseLayerIsItsProductsAndSums() {
        double[] x = data(50 * 30, -1, 1);
        double[] w = data(30 * 20, -1, 1);
        double[] bias = data(20, -1, 1);
        double[] dy = data(50 * 20, -1, 1);
        Matrix xm = la.fromRowMajor(50, 30, x);
        Matrix wm = la.fromRowMajor(30, 20, w);
        Matrix bm = la.fromRowMajor(1, 20, bias);
        Layer dense = f32.dense(la.copy(wm), la.copy(bm));
        Matrix y = dense.forward(xm);
        Matrix expected = la.zeros(50, 20);
        la.gemm(1, xm, false, wm, false, 0, expected);
        la.addRowVector(expected, bm, expected);
        assertArrayEquals(expected.toRowMajor(), y.toRowMajor(), 0.0, "forward");
        Matrix g = la.fromRowMajor(50, 20, dy);
        Matrix dz = dense.backward(g);
        Matrix dw = la.zeros(30, 20);
        Matrix db = la.zeros(1, 20);
        Matrix dzExpected = la.zeros(50, 30);
        la.gemm(1, xm, true, g, false, 0, dw);
        la.columnSums(g, db);
        la.gemm(1, g, false, wm, true, 0, dzExpected);
        assertArrayEquals(dw.toRowMajor(), dense.parameters().get(0).gradient().toRowMajor(), 0.0);
        assertArrayEquals(db.toRowMajor(), dense.parameters().get(1).gradient().toRowMajor(), 0.0);
        assertArrayEquals(dzExpected.toRowMajor(), dz.toRowMajor(), 0.0, "input gradient");
        assertFloat32("dense output", y);
        assertFloat32("dense input gradient", dz);
    }
}
