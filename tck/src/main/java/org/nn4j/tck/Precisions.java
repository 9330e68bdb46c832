package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * What a precision promises, beyond the values of the operations: every matrix a backend
 * makes in {@code p} holds values of {@code p} after every operation (for float32,
 * {@code get(i, j) == (double) (float) get(i, j)}); a matrix of another precision is refused
 * with a message naming both; {@link Backend#inPrecision} round-trips; and
 * {@link LinearAlgebra#convert} rounds on the way to a narrower precision and widens exactly
 * on the way back.
 */
interface Precisions extends ConformanceChecks {

    /** Full double mantissas, not rounded to any precision: the backend has to round them. */
    private static double[] raw(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble(0.25, 2.0) * (random.nextBoolean() ? 1 : -1);
        }
        return a;
    }

    /** Asserts every element is a value of the precision under test. */
    private void holdsThePrecision(String what, Matrix m) {
        Precision p = precisionUnderTest();
        assertEquals(p, m.precision(), what + ": precision()");
        double[] all = m.toRowMajor();
        for (int i = 0; i < m.rows(); i++) {
            for (int j = 0; j < m.cols(); j++) {
                double v = m.get(i, j);
                assertEquals(Double.doubleToLongBits(v),
                        Double.doubleToLongBits(all[i * m.cols() + j]),
                        what + ": get(" + i + ", " + j + ") and toRowMajor() agree");
                if (Double.doubleToLongBits(p.round(v)) != Double.doubleToLongBits(v)) {
                    fail(String.format(Locale.ROOT, "%s: element (%d, %d) of a %s matrix is %s,"
                            + " which %s cannot hold (nearest: %s)", what, i, j, p, v, p,
                            p.round(v)));
                }
            }
        }
    }

    /**
     * In float32, every element of every result is a float; in float64 (which holds every
     * double) every result still reports its precision and reads alike through
     * {@code get} and {@code toRowMajor}.
     */
    @Test
    default void everyOperationStoresValuesOfThePrecision() {
        Backend be = backendUnderTest();
        LinearAlgebra la = be.linearAlgebra();
        int m = 5;
        int k = 7;
        int n = 3;
        List<String> checked = new ArrayList<>();
        Consumer<Object[]> check = pair -> {
            holdsThePrecision((String) pair[0], (Matrix) pair[1]);
            checked.add((String) pair[0]);
        };
        Matrix a = la.fromRowMajor(m, k, raw(1, m * k));
        check.accept(new Object[] {"fromRowMajor", a});
        Matrix b = la.fromRowMajor(k, n, raw(2, k * n));
        Matrix c = la.zeros(m, n);
        la.copyFromRowMajor(raw(3, m * n + 2), 2, c);
        check.accept(new Object[] {"copyFromRowMajor", c});
        Matrix filled = la.zeros(m, k);
        la.fill(0.1, filled);
        check.accept(new Object[] {"fill(0.1)", filled});
        la.gemm(0.3, a, false, b, false, 0.7, c);
        check.accept(new Object[] {"gemm", c});
        check.accept(new Object[] {"multiply", la.multiply(a, b)});
        Matrix row = la.fromRowMajor(1, k, raw(4, k));
        Matrix shifted = la.zeros(m, k);
        la.addRowVector(a, row, shifted);
        check.accept(new Object[] {"addRowVector", shifted});
        Matrix sums = la.zeros(1, k);
        la.columnSums(a, sums);
        check.accept(new Object[] {"columnSums", sums});
        Matrix a2 = la.fromRowMajor(m, k, raw(5, m * k));
        check.accept(new Object[] {"scale(0.1)", la.scale(0.1, a)});
        Matrix y = la.copy(a2);
        la.axpy(0.1, a, y);
        check.accept(new Object[] {"axpy(0.1)", y});
        check.accept(new Object[] {"add", la.add(a, a2)});
        check.accept(new Object[] {"subtract", la.subtract(a, a2)});
        check.accept(new Object[] {"multiplyElements", la.multiplyElements(a, a2)});
        check.accept(new Object[] {"divideElements", la.divideElements(a, a2)});
        Matrix positive = la.multiplyElements(a, a);
        check.accept(new Object[] {"sqrt", la.sqrt(positive)});
        check.accept(new Object[] {"addScalar(0.1)", la.addScalar(0.1, a)});
        Matrix foreign = be.inPrecision(Precision.F64).linearAlgebra()
                .fromRowMajor(m, k, raw(6, m * k));
        check.accept(new Object[] {"convert from float64", la.convert(foreign)});
        optimizerSteps(la, check);
        Matrix w = la.fromRowMajor(k, n, raw(7, k * n));
        Matrix bias = la.fromRowMajor(1, n, raw(8, n));
        Layer dense = be.dense(w, bias);
        check.accept(new Object[] {"dense forward", dense.forward(a)});
        Matrix dy = la.fromRowMajor(m, n, raw(9, m * n));
        check.accept(new Object[] {"dense input gradient", dense.backward(dy)});
        check.accept(new Object[] {"dense weight gradient", dense.parameters().get(0).gradient()});
        check.accept(new Object[] {"dense bias gradient", dense.parameters().get(1).gradient()});
        for (Activation f : List.of(Activation.identity(), Activation.relu(),
                Activation.leakyRelu(0.1), Activation.sigmoid(), Activation.tanh())) {
            Layer layer = be.activation(f, k);
            check.accept(new Object[] {f + " forward", layer.forward(a)});
            check.accept(new Object[] {f + " backward", layer.backward(a2)});
        }
        Matrix t = la.fromRowMajor(m, n, raw(10, m * n));
        Matrix prediction = la.fromRowMajor(m, n, raw(11, m * n));
        Matrix g = la.zeros(m, n);
        be.meanSquaredError().valueAndGradient(prediction, t, g);
        check.accept(new Object[] {"mean squared error gradient", g});
        Matrix targets = la.fromRowMajor(m, n, Operations.softTargets(12, m, n));
        be.softmaxCrossEntropy().valueAndGradient(prediction, targets, g);
        check.accept(new Object[] {"softmax cross-entropy gradient", g});
        assertTrue(checked.size() > 30, "checked " + checked);
    }

    private static void optimizerSteps(LinearAlgebra la, Consumer<Object[]> check) {
        int r = 3;
        int c = 4;
        Matrix p = la.fromRowMajor(r, c, raw(20, r * c));
        Matrix g = la.fromRowMajor(r, c, raw(21, r * c));
        Matrix v = la.zeros(r, c);
        la.momentumStep(0.01, 0.9, 0.001, g, v, p);
        check.accept(new Object[] {"momentumStep: velocity", v});
        check.accept(new Object[] {"momentumStep: parameter", p});
        Matrix s = la.zeros(r, c);
        la.adaGradStep(0.01, 1e-8, g, s, p);
        check.accept(new Object[] {"adaGradStep: sum of squares", s});
        check.accept(new Object[] {"adaGradStep: parameter", p});
        Matrix ms = la.zeros(r, c);
        la.rmsPropStep(0.01, 0.9, 1e-8, g, ms, p);
        check.accept(new Object[] {"rmsPropStep: mean square", ms});
        check.accept(new Object[] {"rmsPropStep: parameter", p});
        Matrix m1 = la.zeros(r, c);
        Matrix m2 = la.zeros(r, c);
        la.adamStep(0.001, 0.9, 0.999, 1e-8, 1, g, m1, m2, p);
        check.accept(new Object[] {"adamStep: first moment", m1});
        check.accept(new Object[] {"adamStep: second moment", m2});
        check.accept(new Object[] {"adamStep: parameter", p});
        la.adamWStep(0.001, 0.9, 0.999, 1e-8, 0.01, 2, g, m1, m2, p);
        check.accept(new Object[] {"adamWStep: first moment", m1});
        check.accept(new Object[] {"adamWStep: second moment", m2});
        check.accept(new Object[] {"adamWStep: parameter", p});
        la.clipGlobalNorm(0.3, List.of(g));
        check.accept(new Object[] {"clipGlobalNorm: gradient", g});
    }

    @Test
    default void aMatrixOfAnotherPrecisionIsRefusedNamingBoth() {
        Backend be = backendUnderTest();
        Precision p = precisionUnderTest();
        for (Precision q : be.precisions()) {
            if (q == p) {
                continue;
            }
            LinearAlgebra other = be.inPrecision(q).linearAlgebra();
            Matrix foreign = other.fromRowMajor(2, 2, 1, 2, 3, 4);
            Matrix own = la().fromRowMajor(2, 2, 1, 2, 3, 4);
            List<Runnable> mixes = List.of(
                () -> la().add(own, foreign, la().zeros(2, 2)),
                () -> la().gemm(1, own, false, foreign, false, 0, la().zeros(2, 2)),
                () -> la().axpy(1, foreign, own),
                () -> la().clipGlobalNorm(1, List.of(own, foreign)),
                () -> be.dense(foreign, la().zeros(1, 2)),
                () -> be.dense(la().zeros(2, 2), la().zeros(1, 2)).forward(foreign),
                () -> be.meanSquaredError().value(own, foreign),
                () -> be.softmaxCrossEntropy().valueAndGradient(own, own, foreign),
                () -> be.activation(Activation.relu(), 2).forward(foreign));
            for (int i = 0; i < mixes.size(); i++) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        mixes.get(i)::run, "mix " + i + ": a " + q + " matrix given to " + p);
                assertTrue(e.getMessage().contains(p.label()) && e.getMessage().contains(q.label()),
                        "mix " + i + ": the refusal names " + p + " and " + q + ": "
                                + e.getMessage());
            }
        }
    }

    @Test
    default void inPrecisionRoundTripsAndConvertRoundsToTheNarrowerPrecision() {
        Backend be = backendUnderTest();
        Precision p = precisionUnderTest();
        assertSame(be, be.inPrecision(p), "inPrecision(" + p + ") of a " + p + " backend");
        double[] data = raw(30, 12);
        Matrix mine = la().fromRowMajor(3, 4, data);
        for (Precision q : be.precisions()) {
            Backend there = be.inPrecision(q);
            Backend back = there.inPrecision(p);
            assertEquals(p, back.precision(), "inPrecision(" + q + ").inPrecision(" + p + ")");
            assertEquals(be.name(), back.name(), "the round trip keeps the backend");
            assertEquals(be.precisions(), back.precisions(), "the round trip keeps precisions()");
            assertSame(there, be.inPrecision(q), "inPrecision(" + q + ") is kept");
            Matrix converted = there.linearAlgebra().convert(mine);
            assertEquals(q, converted.precision(), "convert into " + q);
            double[] expected = mine.toRowMajor();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = q.round(expected[i]);
            }
            Oracle.check("convert from " + p + " to " + q, Oracle.Expected.exact(expected),
                    converted.toRowMajor());
            Matrix returned = la().convert(there.linearAlgebra().fromRowMajor(3, 4, data));
            double[] widened = new double[data.length];
            for (int i = 0; i < data.length; i++) {
                widened[i] = p.round(q.round(data[i]));
            }
            Oracle.check("convert from " + q + " back to " + p, Oracle.Expected.exact(widened),
                    returned.toRowMajor());
        }
    }
}
