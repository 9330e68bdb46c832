package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The kit's own answers, computed in the test with plain loops over row-major {@code double[]}
 * (no backend, no library), and the tolerances the backends' answers must meet.
 *
 * <p><b>Tolerances, derived from double rounding.</b> With the unit round-off
 * {@code u = 2⁻⁵³} and {@code γ(n) = n·u / (1 − n·u)} (Higham, <i>Accuracy and Stability of
 * Numerical Algorithms</i>, §3.1), a sum of {@code n} products computed in double in <em>any</em>
 * order, blocked or fused (FMA) or not, is within {@code γ(n)·Σ|terms|} of the exact sum. The
 * kit's own answer is such a sum too, so a backend's may differ from it by twice that. So:
 * <ul>
 *   <li>a single IEEE 754 operation ({@code +}, {@code −}, {@code ×}, {@code ÷}, {@code sqrt},
 *       a copy) is correctly rounded: the answer must be <b>bit-identical</b> to this class's
 *       (tolerance 0);</li>
 *   <li>{@code gemm}: element {@code (i, j)} within
 *       {@code 2γ(k + 2)·(|α|·Σ_p |a_ip|·|b_pj| + |β|·|c_ij|)};</li>
 *   <li>{@code columnSums}: within {@code 2γ(m + 1)·Σ_i |a_ij|}; {@code sumOfSquares}:
 *       {@code 2γ(n + 1)·Σ a²};</li>
 *   <li>{@code axpy} (with or without a fused multiply-add): {@code 4u·(|y| + |α·x|)};</li>
 *   <li>formulas of a few operations (optimizer steps, losses, softmax):
 *       {@value #FORMULA_ROUNDINGS}{@code ·u} times the magnitude of the terms, element by
 *       element, plus {@code γ(n)} times the summed magnitudes where a loss sums {@code n}
 *       terms;</li>
 *   <li>sigmoid and tanh, whose libraries may differ in the last bits:
 *       {@value #TRANSCENDENTAL_ULPS} ulps of the answer (the other activations are a single
 *       comparison or product: bit-identical).</li>
 * </ul>
 * An operation that accumulates in {@code float} (24 bits) misses these bounds by a factor of
 * about {@code 2²⁹} on data with full 53-bit mantissas, which is why the kit's random data have
 * them.
 */
final class Oracle {

    /** The unit round-off of double, {@code 2⁻⁵³}. */
    static final double U = 0x1p-53;

    /** Roundings allowed per element for formulas of a few operations. */
    static final int FORMULA_ROUNDINGS = 64;

    /** Ulps allowed for sigmoid and tanh against {@link org.nn4j.api.Activation#apply}. */
    static final int TRANSCENDENTAL_ULPS = 4;

    private Oracle() {
    }

    /** {@code γ(n) = n·u / (1 − n·u)}. */
    static double gamma(long n) {
        return n * U / (1 - n * U);
    }

    /** Uniform values in {@code [-1, 1)} with full mantissas, from a fixed seed. */
    static double[] random(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble(-1.0, 1.0);
        }
        return a;
    }

    /** Values in {@code [lo, hi)} with full mantissas, from a fixed seed. */
    static double[] random(long seed, int n, double lo, double hi) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = random.nextDouble(lo, hi);
        }
        return a;
    }

    /** The answer and the allowed error of each element. */
    record Expected(double[] values, double[] bounds) {
        static Expected exact(double[] values) {
            return new Expected(values, new double[values.length]);
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
                bound[i * n + j] = 2 * gamma(k + 2L)
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
            bound[j] *= 2 * gamma(rows + 1L);
        }
        return new Expected(v, bound);
    }

    /** {@code Σ a²} and its bound, as a one-element answer. */
    static Expected sumOfSquares(double[] a) {
        double s = 0;
        for (double x : a) {
            s += x * x;
        }
        return new Expected(new double[] {s}, new double[] {2 * gamma(a.length + 1L) * s});
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
            gBound[i] = 2 * gamma(3) * Math.abs(g[i]);
        }
        double value = 0.5 * sum / rows;
        return new Expected[] {
            new Expected(new double[] {value}, new double[] {2 * gamma(y.length + 4L) * value}),
            new Expected(g, gBound)};
    }

    /** Softmax cross-entropy's value and gradient, computed by log-sum-exp, with bounds. */
    static Expected[] softmaxCrossEntropy(double[] y, double[] t, int rows, int cols) {
        double total = 0;
        double totalAbs = 0;
        double[] g = new double[y.length];
        double[] gBound = new double[y.length];
        double rowRoundings = FORMULA_ROUNDINGS + 2.0 * cols;
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
                gBound[e] = rowRoundings * U * (softmax + Math.abs(t[e])) / rows;
            }
        }
        double value = total / rows;
        double bound = 2 * (gamma(y.length + 4L) + rowRoundings * U) * totalAbs / rows;
        return new Expected[] {new Expected(new double[] {value}, new double[] {bound}),
            new Expected(g, gBound)};
    }

    /** Asserts element by element, {@code |actual − expected| <= bound}; 0 is bit-identical. */
    static void check(String what, Expected expected, double[] actual) {
        double[] e = expected.values();
        assertEquals(e.length, actual.length, what + ": number of elements");
        for (int i = 0; i < e.length; i++) {
            double bound = expected.bounds()[i];
            boolean ok = bound == 0
                    ? Double.doubleToLongBits(e[i]) == Double.doubleToLongBits(actual[i])
                    : Math.abs(actual[i] - e[i]) <= bound;
            if (!ok) {
                fail(String.format(Locale.ROOT, "%s: element %d of %d is %s but expected %s %s"
                        + " (error %.3g)", what, i, e.length, actual[i], e[i],
                        bound == 0 ? "bit for bit" : "within " + bound + " (from double rounding)",
                        Math.abs(actual[i] - e[i])));
            }
        }
    }

    /** Asserts a single value. */
    static void check(String what, Expected expected, double actual) {
        check(what, expected, new double[] {actual});
    }
}
