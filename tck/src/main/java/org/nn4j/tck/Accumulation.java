package org.nn4j.tck;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * Every operation computes in the precision it declares, or wider. The kit's known answers
 * are small integers and halves, exact in any format, so an operation that converts to a
 * narrower format or accumulates in one passes them; here the data are {@code 1 + s·r}
 * (r uniform in [0, 1) with a full mantissa), with {@code s = 2⁻³⁰} in float64, which float
 * rounds to 1, and {@code s = 2⁻¹⁴} in float32, which half precision and bfloat16 round to 1;
 * summed over 4,097 terms. Float accumulation in a float64 run misses the answer by about
 * {@code 4097·2⁻³⁰ ≈ 4·10⁻⁶}, while the tolerance ({@link Tolerances}: {@code 2γ(n + 2)·Σ|terms|}
 * for a sum of {@code n} terms in any order, bit for bit for a single IEEE operation) is
 * about {@code 2·10⁻⁹} there.
 */
interface Accumulation extends ConformanceChecks {

    static final int LONG = 4097;

    /** {@code s}: below the resolution of the next narrower format at 1. */
    static double spread() {
        return Tolerances.precision() == Precision.F32 ? 0x1p-14 : 0x1p-30;
    }

    /** {@code 1 + s·r}, rounded to the precision under test: not representable narrower. */
    static double[] nearOne(long seed, int n) {
        double[] a = Oracle.random(seed, n, 0, 1);
        for (int i = 0; i < n; i++) {
            a[i] = Tolerances.round(1 + spread() * a[i]);
        }
        return a;
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false, false", "true, false", "false, true", "true, true"})
    default void gemmKeepsThePrecision(boolean transA, boolean transB) {
        int m = 2;
        int n = 3;
        double[] a = nearOne(1, m * LONG);
        double[] b = nearOne(2, LONG * n);
        double[] c = nearOne(3, m * n);
        Oracle.Expected e = Oracle.gemm(1, a, transA ? m : LONG, transA, b, transB ? LONG : n,
                transB, 1, c, m, n, LONG);
        Matrix mc = matrix(m, n, c);
        la().gemm(1, transA ? matrix(LONG, m, a) : matrix(m, LONG, a), transA,
                transB ? matrix(n, LONG, b) : matrix(LONG, n, b), transB, 1, mc);
        Oracle.check("gemm over 4,097 terms near 1", e, mc.toRowMajor());
    }

    @Test
    default void columnSumsAndSumOfSquaresKeepThePrecision() {
        double[] a = nearOne(4, LONG * 2);
        Matrix dest = la().zeros(1, 2);
        la().columnSums(matrix(LONG, 2, a), dest);
        Oracle.check("columnSums of 4,097 rows near 1", Oracle.columnSums(a, LONG, 2),
                dest.toRowMajor());
        Oracle.check("sumOfSquares of 8,194 elements near 1", Oracle.sumOfSquares(a),
                la().sumOfSquares(matrix(1, a.length, a)));
    }

    @Test
    default void elementWiseOperationsAreCorrectlyRounded() {
        double[] a = nearOne(5, 64);
        double[] b = nearOne(6, 64);
        double[] sum = new double[64];
        double[] difference = new double[64];
        double[] product = new double[64];
        double[] quotient = new double[64];
        double[] root = new double[64];
        double[] scaled = new double[64];
        double[] shifted = new double[64];
        // Scalars the precision holds, so one correctly rounded operation gives the answer.
        double tenth = Tolerances.round(0.1);
        double shift = spread() / 2;
        for (int i = 0; i < 64; i++) {
            sum[i] = a[i] + b[i];
            difference[i] = a[i] - b[i];
            product[i] = a[i] * b[i];
            quotient[i] = a[i] / b[i];
            root[i] = Math.sqrt(a[i]);
            scaled[i] = tenth * a[i];
            shifted[i] = a[i] + shift;
        }
        Matrix x = matrix(8, 8, a);
        Matrix y = matrix(8, 8, b);
        exact("add", sum, la().add(x, y));
        exact("subtract", difference, la().subtract(x, y));
        exact("multiplyElements", product, la().multiplyElements(x, y));
        exact("divideElements", quotient, la().divideElements(x, y));
        exact("sqrt", root, la().sqrt(x));
        exact("scale by 0.1", scaled, la().scale(tenth, x));
        exact("addScalar s/2", shifted, la().addScalar(shift, x));
        exact("copy", a, la().copy(x));
    }

    private static void exact(String what, double[] expected, Matrix actual) {
        Oracle.check(what + " of values near 1", Oracle.Expected.exact(expected),
                actual.toRowMajor());
    }

    @Test
    default void lossesKeepThePrecision() {
        double[] y = nearOne(7, LONG * 2);
        double[] t = new double[y.length];
        Oracle.Expected[] mse = Oracle.meanSquaredError(y, t, LONG);
        Matrix g = la().zeros(LONG, 2);
        Oracle.check("mse over 4,097 rows near 1", mse[0],
                backendUnderTest().meanSquaredError().valueAndGradient(matrix(LONG, 2, y),
                        matrix(LONG, 2, t), g));
        Oracle.check("mse gradient near 1/4097", mse[1], g.toRowMajor());
        double[] logits = nearOne(8, 2 * LONG);
        double[] targets = Operations.softTargets(9, 2, LONG);
        Oracle.Expected[] ce = Oracle.softmaxCrossEntropy(logits, targets, 2, LONG);
        Matrix ceGradient = la().zeros(2, LONG);
        Oracle.check("softmax cross-entropy over 4,097 classes", ce[0],
                backendUnderTest().softmaxCrossEntropy().valueAndGradient(matrix(2, LONG, logits),
                        matrix(2, LONG, targets), ceGradient));
        Oracle.check("softmax cross-entropy gradient", ce[1], ceGradient.toRowMajor());
    }

    @Test
    default void denseLayerKeepsThePrecision() {
        double[] w = nearOne(10, LONG * 2);
        double[] b = nearOne(11, 2);
        double[] x = nearOne(12, 3 * LONG);
        Layer layer = backendUnderTest().dense(matrix(LONG, 2, w), matrix(1, 2, b));
        Oracle.Expected xw = Oracle.gemm(1, x, LONG, false, w, 2, false, 1,
                new double[] {b[0], b[1], b[0], b[1], b[0], b[1]}, 3, 2, LONG);
        Oracle.check("dense forward over 4,097 inputs near 1", xw,
                layer.forward(matrix(3, LONG, x)).toRowMajor());
        double[] dy = nearOne(13, 6);
        Matrix dz = layer.backward(matrix(3, 2, dy));
        Oracle.check("dense input gradient", Oracle.gemm(1, dy, 2, false, w, 2, true, 0, null,
                3, LONG, 2), dz.toRowMajor());
        Oracle.check("dense weight gradient", Oracle.gemm(1, x, LONG, true, dy, 2, false, 0, null,
                LONG, 2, 3), layer.parameters().get(0).gradient().toRowMajor());
    }
}
