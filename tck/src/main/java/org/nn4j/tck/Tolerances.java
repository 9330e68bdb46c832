package org.nn4j.tck;

import java.util.Objects;
import org.nn4j.api.Precision;

/**
 * Every tolerance of the kit, in one place, as a function of the unit round-off {@code u} of
 * the precision under test ({@link Precision#unitRoundoff()}: {@code 2⁻⁵³} for float64,
 * {@code 2⁻²⁴} for float32). The kit runs once per precision a backend declares
 * ({@link BackendConformanceKit}); during a run, {@link #precision()} is that run's
 * precision, set per test on the test's thread.
 *
 * <p>Formulas and why (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, §3.1):
 * <ul>
 *   <li><b>Inputs.</b> A matrix of precision {@code p} rounds each element to {@code p} as it
 *       is filled, so the kit's random data are drawn and then rounded to {@code p}
 *       ({@link Oracle#random}) and its own answers are computed, in double, from those
 *       rounded inputs: the oracle never blames a backend for the rounding of its inputs.</li>
 *   <li><b>One IEEE operation an element</b> ({@code +}, {@code −}, {@code ×}, {@code ÷},
 *       {@code sqrt}, copies): correctly rounded, so <b>bit-identical</b> to the kit's answer
 *       rounded to {@code p} (tolerance 0). In float32 this holds for a kernel that computes
 *       in float and for one that computes in double and rounds once when it stores: double
 *       has more than {@code 2·24 + 2} bits, so the double rounding is innocuous for these
 *       five operations.</li>
 *   <li><b>Sums of {@code n} terms</b> ({@code gemm}, {@code columnSums},
 *       {@code sumOfSquares}): within {@code 2γ(n + 2)·Σ|terms|}, {@link #gamma(long)}
 *       {@code γ(n) = n·u/(1 − n·u)}: any summation order, blocked or fused, computed in
 *       {@code p} or wider, is within {@code γ(n)·Σ|terms|}; the kit's answer is another such
 *       sum (its own is in double, nearer still), and the {@code + 2} covers α, β and the
 *       rounding of the stored result to {@code p}.</li>
 *   <li><b>Formulas of a few operations</b> (optimizer steps, losses, softmax):
 *       {@value #FORMULA_ROUNDINGS}{@code ·u} times the magnitude of each element's terms
 *       ({@link #formula()}).</li>
 *   <li><b>Known answers</b> (the hand-computed batches, exact in binary):
 *       {@code 2¹³·u} relative ({@link #knownAnswer()}): a few roundings of short sums,
 *       with room for cancellation against terms up to {@code 2⁹} times the answer. In
 *       float64 that is {@code 9.1·10⁻¹³}, the kit's former {@code 10⁻¹²}; in float32
 *       {@code 4.9·10⁻⁴}.</li>
 *   <li><b>Sigmoid and tanh</b>: {@value #TRANSCENDENTAL_ULPS} ulps of the precision of
 *       the answer rounded to {@code p} ({@link #ulps(double, int)}).</li>
 *   <li><b>Central finite differences</b> {@code (f(x⁺) − f(x⁻)) / (x⁺ − x⁻)}, with
 *       {@code x± = x ± ε} rounded to {@code p}, of a function computed in {@code p}: the
 *       truncation error {@code ε²·|f'''|/6} against the rounding error, about
 *       {@code u·|f|/ε}; their sum is smallest near {@code ε = u^{1/3}}. The kit takes
 *       {@code ε = 2⁻⁸} in float32 (u^{1/3} is 2⁻⁸) and {@code ε = 2⁻²⁰} in float64 (below
 *       u^{1/3} = 2⁻¹⁷·⁷, the kit's former {@code 10⁻⁶}: its losses are quadratic or nearly,
 *       so truncation is small) ({@link #finiteDifferenceStep()}), and accepts
 *       {@code |analytic − numeric| <= r·max(|analytic|, |numeric|) + a} with
 *       {@code r = 2⁶·u/ε} and {@code a = 2³·u/ε} in float32 (the rounding term, with room for
 *       the several roundings of a loss: 9.8·10⁻⁴ and 1.2·10⁻⁴), and {@code r = 2³³·u},
 *       {@code a = 2²⁶·u} in float64 (9.5·10⁻⁷ and 7.5·10⁻⁹, the former 10⁻⁶ and 10⁻⁸)
 *       ({@link #finiteDifferenceRelative()}, {@link #finiteDifferenceAbsolute()}).</li>
 * </ul>
 * An operation that rounds to a narrower format than it declares (float64 data through
 * float, float32 data through half or bfloat16) misses these bounds by orders of magnitude
 * on data with full mantissas, which is why the kit's random data have them and why
 * {@link Accumulation} uses values a narrower format cannot hold.
 */
final class Tolerances {

    /** Roundings allowed per element for formulas of a few operations. */
    static final int FORMULA_ROUNDINGS = 64;

    /** Ulps allowed for sigmoid and tanh against {@link org.nn4j.api.Activation#apply}. */
    static final int TRANSCENDENTAL_ULPS = 4;

    /** Inherited, so that the threads a check starts see its precision too. */
    private static final InheritableThreadLocal<Precision> CURRENT =
            new InheritableThreadLocal<>() {
                @Override
                protected Precision initialValue() {
                    return Precision.F64;
                }
            };

    private Tolerances() {
    }

    /** The precision under test on this thread: float64 unless a run of the kit set it. */
    static Precision precision() {
        return CURRENT.get();
    }

    /** Sets the precision of the test running on this thread. */
    static void set(Precision precision) {
        CURRENT.set(Objects.requireNonNull(precision, "precision"));
    }

    /** Back to float64 after a test. */
    static void clear() {
        CURRENT.remove();
    }

    /** The unit round-off {@code u} of the precision under test. */
    static double u() {
        return precision().unitRoundoff();
    }

    /** {@code γ(n) = n·u / (1 − n·u)}. */
    static double gamma(long n) {
        double u = u();
        return n * u / (1 - n * u);
    }

    /** A value rounded to the precision under test, as a matrix stores it. */
    static double round(double value) {
        return precision().round(value);
    }

    /** Rounds every element in place to the precision under test; returns the array. */
    static double[] round(double[] values) {
        Precision p = precision();
        for (int i = 0; i < values.length; i++) {
            values[i] = p.round(values[i]);
        }
        return values;
    }

    /** {@value #FORMULA_ROUNDINGS}{@code ·u}: per element, relative to its terms. */
    static double formula() {
        return FORMULA_ROUNDINGS * u();
    }

    /** {@code 2¹³·u} relative, for the hand-computed known answers. */
    static double knownAnswer() {
        return 0x1p13 * u();
    }

    /** {@code c·u}: an allowance of {@code c} roundings, relative. */
    static double roundings(double c) {
        return c * u();
    }

    /** {@code n} ulps of {@code value} in the precision under test. */
    static double ulps(double value, int n) {
        double v = round(value);
        return n * (precision() == Precision.F32 ? Math.ulp((float) v) : Math.ulp(v));
    }

    /**
     * The step of central differences: {@code 2⁻²⁰} in float64 (near {@code u^{1/3}·2⁻³},
     * and the kit's former {@code 10⁻⁶}), {@code 2⁻⁸} in float32 (near {@code u^{1/3}}).
     * A power of two, so {@code x ± ε} is exact for the kit's inputs, which lie in [−2, 2].
     */
    static double finiteDifferenceStep() {
        return precision() == Precision.F32 ? 0x1p-8 : 0x1p-20;
    }

    /**
     * Relative tolerance of a gradient against central differences: rounding contributes
     * about {@code u·|f|/ε} to the quotient and truncation {@code ε²·|f'''|/6}, both relative
     * to gradients of order one. In float64 {@code 2³³·u ≈ 9.5·10⁻⁷} (the former
     * {@code 10⁻⁶}); in float32 {@code u/ε·2⁶ ≈ 10⁻³}, the rounding term with a margin of
     * {@code 2⁶} for the several roundings of a loss.
     */
    static double finiteDifferenceRelative() {
        return precision() == Precision.F32 ? 0x1p6 * u() / finiteDifferenceStep()
                : 0x1p33 * u();
    }

    /**
     * Absolute tolerance of a gradient against central differences, for gradients near
     * zero: {@code 2²⁶·u ≈ 7.5·10⁻⁹} in float64 (the former {@code 10⁻⁸}); in float32 the
     * rounding error of the quotient, {@code 2³·u·|f|/ε} for losses of order one.
     */
    static double finiteDifferenceAbsolute() {
        return precision() == Precision.F32 ? 0x1p3 * u() / finiteDifferenceStep()
                : 0x1p26 * u();
    }
}
