package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The kit's own answers, computed in the test with plain loops over row-major {@code double[]}
 * (no backend, no library), and their bounds, from {@link Tolerances} for the precision under
 * test: random inputs are drawn rounded to that precision ({@link #random}), answers are
 * computed in double from them, and an answer that one IEEE operation an element gives
 * ({@link Expected#exact}) is rounded to that precision and then compared bit for bit.
 * The bounds of each operation are written down in {@link Tolerances}.
 */
final class Oracle {

    private Oracle() {
    }

    /**
     * Uniform values in {@code [-1, 1)} with full mantissas of the precision under test (drawn
     * in double, rounded to it), from a fixed seed.
     */
    static double[] random(long seed, int n) {
        return random(seed, n, -1.0, 1.0);
    }

    /** Values in {@code [lo, hi)} with full mantissas of the precision under test. */
    static double[] random(long seed, int n, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = Tolerances.round(random.nextDouble(lo, hi));
        }
        return a;
    }

    /** The answer and the allowed error of each element. */
    record Expected(double[] values, double[] bounds) {
        /**
         * An answer of one correctly rounded operation an element, computed in double: rounded
         * to the precision under test, it is what a conforming backend stores, bit for bit.
         */
        static Expected exact(double[] values) {
            return new Expected(Tolerances.round(values.clone()), new double[values.length]);
        }
    }

    /** {@code op(x)[i][j]} of a row-major {@code rows x cols} array. */
    private static double at(double[] x, int cols, boolean trans, int i, int j) {
        return trans ? x[j * cols + i] : x[i * cols + j];
    }

    /** {@code c = α·op(a)·op(b) + β·c}, {@code op(a)} is {@code m x k}, with its bound. */
    static Expected gemm(double alpha, double[] a, int aCols, boolean transA, double[] b,
                         int bCols, boolean transB, double beta, double[] c, int m, int n, int k) {
        double[] v = new double[m * n];
        double[] bound = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double t = at(a, aCols, transA, i, p) * at(b, bCols, transB, p, j);
                    s += t;
                    abs += Math.abs(t);
                }
                double old = beta == 0 ? 0 : c[i * n + j];
                v[i * n + j] = alpha * s + beta * old;
                bound[i * n + j] = 2 * Tolerances.gamma(k + 2L)
                        * (Math.abs(alpha) * abs + Math.abs(beta * old));
            }
        }
        return new Expected(v, bound);
    }

    static Expected columnSums(double[] a, int rows, int cols) {
        double[] v = new double[cols];
        double[] bound = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                v[j] += a[i * cols + j];
                bound[j] += Math.abs(a[i * cols + j]);
            }
        }
        for (int j = 0; j < cols; j++) {
            bound[j] *= 2 * Tolerances.gamma(rows + 1L);
        }
        return new Expected(v, bound);
    }

    /** {@code Σ a²} and its bound, as a one-element answer. */
    static Expected sumOfSquares(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return new Expected(new double[] {s}, new double[] {2 * Tolerances.gamma(a.length + 1L) * s});
    }

    /** Mean squared error {@code Σ(y − t)² / (2N)} and gradient {@code (y − t)/N}. */
    static Expected[] meanSquaredError(double[] y, double[] t, int rows) {
        double sum = 0;
        double[] g = new double[y.length];
        double[] gBound = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - t[i];
            sum += d * d;
            g[i] = d / rows;
            gBound[i] = 2 * Tolerances.gamma(3) * Math.abs(g[i]);
        }
        double value = 0.5 * sum / rows;
        return new Expected[] {
            new Expected(new double[] {value}, new double[] {2 * Tolerances.gamma(y.length + 4L) * value}),
            new Expected(g, gBound)};
    }

    /** Softmax cross-entropy's value and gradient, computed by log-sum-exp, with bounds. */
    static Expected[] softmaxCrossEntropy(double[] y, double[] t, int rows, int cols) {
        double total = 0;
        double totalAbs = 0;
        double[] g = new double[y.length];
        double[] gBound = new double[y.length];
        double rowRoundings = Tolerances.FORMULA_ROUNDINGS + 2.0 * cols;
        for (int i = 0; i < rows; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                max = Math.max(max, y[i * cols + j]);
            }
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += Math.exp(y[i * cols + j] - max);
            }
            double logSum = Math.log(sum);
            for (int j = 0; j < cols; j++) {
                int e = i * cols + j;
                double logSoftmax = y[e] - max - logSum;
                total -= t[e] * logSoftmax;
                totalAbs += Math.abs(t[e]) * (Math.abs(y[e]) + Math.abs(max) + Math.abs(logSum));
                double softmax = Math.exp(logSoftmax);
                g[e] = (softmax - t[e]) / rows;
                gBound[e] = rowRoundings * Tolerances.u() * (softmax + Math.abs(t[e])) / rows;
            }
        }
        double value = total / rows;
        double bound = 2 * (Tolerances.gamma(y.length + 4L) + rowRoundings * Tolerances.u()) * totalAbs / rows;
        return new Expected[] {new Expected(new double[] {value}, new double[] {bound}),
            new Expected(g, gBound)};
    }

    /** Asserts element by element, {@code |actual − expected| <= bound}; 0 is bit-identical. */
    static void check(String what, Expected expected, double[] actual) {
        double[] e = expected.values();
        assertEquals(e.length, actual.length, what + ": number of elements");
        for (int i = 0; i < e.length; i++) {
            double bound = expected.bounds()[i];
            // Bit for bit: the answer of one correctly rounded operation, in the precision.
            boolean ok = bound == 0
                    ? Double.doubleToLongBits(Tolerances.round(e[i]))
                            == Double.doubleToLongBits(actual[i])
                    : Math.abs(actual[i] - e[i]) <= bound;
            if (!ok) {
                fail(String.format(Locale.ROOT, "%s: element %d of %d is %s but expected %s %s"
                        + " (error %.3g)", what, i, e.length, actual[i],
                        bound == 0 ? Tolerances.round(e[i]) : e[i],
                        bound == 0 ? "bit for bit" : "within " + bound + " (from " + Tolerances.precision() + " rounding)",
                        Math.abs(actual[i] - e[i])));
            }
        }
    }

    /** Asserts a single value. */
    static void check(String what, Expected expected, double actual) {
        check(what, expected, new double[] {actual});
    }
}
