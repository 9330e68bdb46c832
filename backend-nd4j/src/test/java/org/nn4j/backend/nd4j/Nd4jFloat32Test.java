package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * The ND4J backend in float32: every array it makes is {@code FLOAT}, every element it stores
 * is a float32 value, single operations are correctly rounded, products (Java below the
 * threshold, {@code sgemm} above) are within the float32 error bound of the exact product,
 * and a float32 matrix is refused by the float64 backend and the other way round. The expected
 * values are computed here in double from the float32 inputs, never by the backend.
 */
class Nd4jFloat32Test {

    private final Backend f64 =
            BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
    private final Backend f32 = f64.inPrecision(Precision.F32);
    private final LinearAlgebra la = f32.linearAlgebra();
    private final SplittableRandom random = new SplittableRandom(32);

    @Test
    void theBackendDeclaresBothPrecisionsAndKeepsEachInstance() {
        assertEquals(EnumSet.of(Precision.F32, Precision.F64), f64.precisions());
        assertEquals(Precision.F32, f32.precision());
        assertEquals(Precision.F32, la.precision());
        assertEquals("nd4j", f32.name());
        assertSame(f32, f64.inPrecision(Precision.F32));
        assertSame(f64, f32.inPrecision(Precision.F64));
    }

    @Test
    void everyArrayIsSinglePrecisionAndEveryElementAFloat() {
        Matrix w = random(5, 3);
        Layer dense = f32.dense(w, random(1, 3));
        Layer relu = f32.activation(Activation.relu(), 3);
        Matrix z = random(4, 5);
        Matrix y = relu.forward(dense.forward(z));
        Matrix t = la.fromRowMajor(4, 3, 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0);
        Matrix g = la.zeros(4, 3);
        f32.softmaxCrossEntropy().valueAndGradient(y, t, g);
        Matrix dz = dense.backward(relu.backward(g));
        List<Matrix> all = new ArrayList<>(List.of(w, z, y, g, dz, la.zeros(2, 2)));
        dense.parameters().forEach(p -> all.add(p.gradient()));
        for (Matrix m : all) {
            assertEquals(Precision.F32, m.precision(), m.toString());
            assertEquals(DataType.FLOAT, ((Nd4jMatrix) m).array.dataType(), m.toString());
            assertFloats(m);
        }
    }

    @Test
    void valuesAreRoundedToTheNearestFloatOnTheWayIn() {
        double fine = 1.0 + Math.scalb(1.0, -40);
        Matrix a = la.fromRowMajor(1, 3, fine, 0.1, 1e300);
        assertEquals(1.0, a.get(0, 0), 0.0);
        assertEquals((double) 0.1f, a.get(0, 1), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, a.get(0, 2), 0.0);
        double[] out = new double[4];
        la.copyToRowMajor(a, out, 1);
        assertEquals((double) 0.1f, out[2], 0.0);
    }

    @ParameterizedTest(name = "{0}x{1}x{2}, transA={3}, transB={4}, beta={5}")
    @CsvSource({"7,9,5,false,false,0", "7,9,5,true,true,0.5",
        "64,300,40,false,false,0", "64,300,40,true,false,-2", "64,300,40,false,true,0.5"})
    void productsAreWithinTheFloat32BoundOfTheExactOne(int m, int k, int n, boolean ta,
                                                      boolean tb, double beta) {
        Matrix a = ta ? random(k, m) : random(m, k);
        Matrix b = tb ? random(n, k) : random(k, n);
        Matrix c = random(m, n);
        double[] av = a.toRowMajor();
        double[] bv = b.toRowMajor();
        double[] cv = c.toRowMajor();
        la.gemm(1.5, a, ta, b, tb, beta, c);
        double[] got = c.toRowMajor();
        double u = Precision.F32.unitRoundoff();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = 0.0;
                double magnitude = 0.0;
                for (int kk = 0; kk < k; kk++) {
                    double p = (ta ? av[kk * m + i] : av[i * k + kk])
                            * (tb ? bv[j * k + kk] : bv[kk * n + j]);
                    exact += p;
                    magnitude += Math.abs(p);
                }
                double want = 1.5 * exact + beta * cv[i * n + j];
                double bound = (k + 3) * u * (1.5 * magnitude + Math.abs(beta * cv[i * n + j]));
                assertEquals(want, got[i * n + j], bound, "element " + i + "," + j);
            }
        }
        assertFloats(c);
    }

    @Test
    void singleOperationsAreCorrectlyRounded() {
        int rows = 33;
        int cols = 70; // 2,310 elements: more than one chunk of the Java kernels
        Matrix a = random(rows, cols);
        Matrix b = random(rows, cols);
        Matrix positive = la.fromRowMajor(rows, cols, abs(a.toRowMajor()));
        checkElementWise(a, b, (x, y) -> x + y, la::add);
        checkElementWise(a, b, (x, y) -> x - y, la::subtract);
        checkElementWise(a, b, (x, y) -> x * y, la::multiplyElements);
        checkElementWise(a, b, (x, y) -> x / y, la::divideElements);
        checkElementWise(a, a, (x, y) -> 0.3 * x, (x, y, d) -> la.scale(0.3, x, d));
        checkElementWise(a, a, (x, y) -> x + 0.3, (x, y, d) -> la.addScalar(0.3, x, d));
        checkElementWise(positive, positive, (x, y) -> Math.sqrt(x), (x, y, d) -> la.sqrt(x, d));
        Matrix y = la.copy(b);
        la.axpy(0.3, a, y);
        double[] av = a.toRowMajor();
        double[] bv = b.toRowMajor();
        double[] yv = y.toRowMajor();
        for (int i = 0; i < av.length; i++) {
            // saxpy rounds the product and the sum, or fuses them: within one ulp either way.
            assertEquals(0.3 * av[i] + bv[i], yv[i], 2 * Math.ulp((float) yv[i]) + 1e-7, "" + i);
        }
        assertFloats(y);
    }

    @Test
    void broadcastsAndSumsAreFloat32AndWithinTheirBounds() {
        Matrix a = random(200, 30);
        Matrix row = random(1, 30);
        Matrix added = la.zeros(200, 30);
        la.addRowVector(a, row, added);
        double[] av = a.toRowMajor();
        double[] rv = row.toRowMajor();
        double[] dv = added.toRowMajor();
        for (int i = 0; i < av.length; i++) {
            assertEquals((float) (av[i] + rv[i % 30]), dv[i], 0.0);
        }
        Matrix sums = la.zeros(1, 30);
        la.columnSums(a, sums);
        double u = Precision.F32.unitRoundoff();
        for (int j = 0; j < 30; j++) {
            double exact = 0.0;
            double magnitude = 0.0;
            for (int i = 0; i < 200; i++) {
                exact += av[i * 30 + j];
                magnitude += Math.abs(av[i * 30 + j]);
            }
            assertEquals(exact, sums.get(0, j), 200 * u * magnitude, "column " + j);
        }
        assertFloats(sums);
        double squares = 0.0;
        for (double v : av) {
            squares += v * v;
        }
        assertEquals(squares, la.sumOfSquares(a), 1e-12 * squares);
    }

    @Test
    void adamInFloat32StaysFloat32AndFollowsTheDoubleStepFromTheSameStart() {
        int n = 5000;
        Matrix g = random(1, n);
        Matrix m = random(1, n);
        Matrix v = la.fromRowMajor(1, n, abs(random(1, n).toRowMajor()));
        Matrix p = random(1, n);
        LinearAlgebra d = f64.linearAlgebra();
        Matrix g64 = d.fromRowMajor(1, n, g.toRowMajor());
        Matrix m64 = d.fromRowMajor(1, n, m.toRowMajor());
        Matrix v64 = d.fromRowMajor(1, n, v.toRowMajor());
        Matrix p64 = d.fromRowMajor(1, n, p.toRowMajor());
        d.adamStep(0.01, 0.9, 0.999, 1e-8, 3, g64, m64, v64, p64);
        // The step in float arithmetic, each operation rounded (u each) and the constants
        // rounded to float: within a few u of the magnitudes that enter each result (the
        // first moment's two terms can cancel), and the parameter within an ulp plus 8u of
        // its change.
        double u = Precision.F32.unitRoundoff();
        double[] pBefore = p.toRowMajor();
        double[] mBefore = m.toRowMajor();
        double[] gv = g.toRowMajor();
        la.adamStep(0.01, 0.9, 0.999, 1e-8, 3, g, m, v, p);
        for (Matrix[] pair : new Matrix[][] {{m, m64}, {v, v64}, {p, p64}}) {
            assertFloats(pair[0]);
            double[] got = pair[0].toRowMajor();
            double[] want = pair[1].toRowMajor();
            for (int i = 0; i < n; i++) {
                double bound = pair[0] == p
                        ? Math.ulp((float) want[i]) + 8 * u * Math.abs(want[i] - pBefore[i])
                        : pair[0] == m ? 4 * u * (0.9 * Math.abs(mBefore[i])
                                + 0.1 * Math.abs(gv[i])) + Math.ulp((float) want[i])
                        : 4 * Math.ulp((float) want[i]);
                assertEquals(want[i], got[i], bound, "element " + i);
            }
        }
    }

    @Test
    void reluInFloat32IsExactAtEdgeValues() {
        float tiny = Float.MIN_VALUE;
        double[] x = {-1.5, -0.0, 0.0, tiny, -tiny, 2.5, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Float.MAX_VALUE};
        double[] dy = {3, 3, 3, 3, 3, 3, 3, 3, 3, -0.5};
        Layer relu = f32.activation(Activation.relu(), x.length);
        Matrix y = relu.forward(la.fromRowMajor(1, x.length, x));
        Matrix dx = relu.backward(la.fromRowMajor(1, x.length, dy));
        double[] wantY = {0, 0, 0, tiny, 0, 2.5, Double.NaN, Double.POSITIVE_INFINITY, 0,
            Float.MAX_VALUE};
        double[] wantDx = {0, 0, 0, 3, 0, 3, Double.NaN, 3, 0, -0.5};
        for (int i = 0; i < x.length; i++) {
            assertEquals(wantY[i], y.get(0, i), 0.0, "relu(" + x[i] + ")");
            assertEquals(Double.doubleToLongBits(wantY[i]) == Double.doubleToLongBits(0.0),
                    Double.doubleToLongBits(y.get(0, i)) == 0L, "relu(" + x[i] + ") is +0");
            assertEquals(wantDx[i], dx.get(0, i), 0.0, "relu'(" + x[i] + ")");
        }
    }

    @Test
    void aMatrixOfTheOtherPrecisionIsRefusedNamingBoth() {
        Matrix single = la.zeros(2, 2);
        Matrix dbl = f64.linearAlgebra().zeros(2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.add(single, dbl, la.zeros(2, 2)));
        assertTrue(e.getMessage().contains("float32") && e.getMessage().contains("float64"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f64.dense(single, la.zeros(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> f32.activation(Activation.relu(), 2).forward(dbl));
    }

    @Test
    void aSmallNetworkTrainsInFloat32AsInFloat64ToWithinFloat32Rounding() {
        double[] w = random(4, 8).toRowMajor();
        double[] w2 = random(8, 3).toRowMajor();
        double[] x = random(16, 4).toRowMajor();
        double[] t = new double[16 * 3];
        for (int i = 0; i < 16; i++) {
            t[i * 3 + i % 3] = 1.0;
        }
        double loss32 = train(f32, w, w2, x, t);
        double loss64 = train(f64, w, w2, x, t);
        assertTrue(loss64 < 0.2, "the float64 network did not learn: " + loss64);
        assertEquals(loss64, loss32, 1e-4, "float32 and float64 losses after 200 steps");
    }

    /** 200 Adam steps of a 4-8-3 tanh network; returns the last loss. */
    private static double train(Backend backend, double[] w, double[] w2, double[] x,
                                double[] t) {
        LinearAlgebra l = backend.linearAlgebra();
        List<Layer> layers = List.of(backend.dense(l.fromRowMajor(4, 8, w), l.zeros(1, 8)),
                backend.activation(Activation.tanh(), 8),
                backend.dense(l.fromRowMajor(8, 3, w2), l.zeros(1, 3)));
        Matrix input = l.fromRowMajor(16, 4, x);
        Matrix target = l.fromRowMajor(16, 3, t);
        Matrix g = l.zeros(16, 3);
        List<Matrix[]> state = new ArrayList<>();
        for (Layer layer : layers) {
            layer.parameters().forEach(p -> state.add(new Matrix[] {p.value(), p.gradient(),
                l.zeros(p.value().rows(), p.value().cols()),
                l.zeros(p.value().rows(), p.value().cols())}));
        }
        double loss = 0.0;
        for (int step = 1; step <= 200; step++) {
            Matrix y = input;
            for (Layer layer : layers) {
                y = layer.forward(y);
            }
            loss = backend.softmaxCrossEntropy().valueAndGradient(y, target, g);
            Matrix d = g;
            for (int i = layers.size() - 1; i >= 0; i--) {
                d = layers.get(i).backward(d);
            }
            for (Matrix[] s : state) {
                l.adamStep(0.05, 0.9, 0.999, 1e-8, step, s[1], s[2], s[3], s[0]);
            }
        }
        return loss;
    }

    /** Three operands, the destination last. */
    @FunctionalInterface
    private interface Operation {
        void apply(Matrix a, Matrix b, Matrix dest);
    }

    private void checkElementWise(Matrix a, Matrix b, DoubleBinaryOperator exact, Operation op) {
        Matrix dest = la.zeros(a.rows(), a.cols());
        op.apply(a, b, dest);
        double[] av = a.toRowMajor();
        double[] bv = b.toRowMajor();
        double[] dv = dest.toRowMajor();
        for (int i = 0; i < av.length; i++) {
            assertEquals((float) exact.applyAsDouble(av[i], bv[i]), dv[i], 0.0, "element " + i);
        }
    }

    private static void assertFloats(Matrix m) {
        double[] v = m.toRowMajor();
        for (int i = 0; i < v.length; i++) {
            assertEquals((double) (float) v[i], v[i], 0.0, m + " element " + i);
        }
    }

    private static double[] abs(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.01;
        }
        return v;
    }

    private Matrix random(int rows, int cols) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextDouble(-2, 2);
        }
        return la.fromRowMajor(rows, cols, d);
    }
}
