package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Locale;
import org.nn4j.api.Matrix;

/** The kit's assertions on matrices, with messages that print both sides. */
final class Expect {

    private Expect() {
    }

    /**
     * Asserts shape and elements, each within {@link Tolerances#knownAnswer()} relative: the
     * known answers are exact in binary, so this only forgives a backend that sums in another
     * order or fuses a multiply-add.
     */
    static void matrix(String what, int rows, int cols, double[] expected, Matrix actual) {
        matrix(what, rows, cols, expected, actual, Tolerances.knownAnswer());
    }

    /** Asserts shape and elements, each {@code |a − e| <= tolerance · max(1, |e|)}. */
    static void matrix(String what, int rows, int cols, double[] expected, Matrix actual,
                       double tolerance) {
        assertEquals(rows + "x" + cols, actual.rows() + "x" + actual.cols(), what + ": shape");
        values(what, expected, actual.toRowMajor(), tolerance);
    }

    /**
     * Asserts element by element, {@code |a − e| <= tolerance · max(1, |e|)}, where {@code e}
     * is the expected value rounded to the precision under test (what a matrix of that
     * precision can hold at best); NaN only matches NaN.
     */
    static void values(String what, double[] expected, double[] actual, double tolerance) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        expected = Tolerances.round(expected.clone());
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i], tolerance)) {
                fail(String.format(Locale.ROOT, "%s: element %d is %s but expected %s"
                        + " (tolerance %s)%n  expected %s%n  actual   %s", what, i, actual[i],
                        expected[i], tolerance, Arrays.toString(expected), Arrays.toString(actual)));
            }
        }
    }

    static boolean close(double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= tolerance * Math.max(1.0, Math.abs(expected));
    }

    /** numpy's {@code allclose} with its defaults: {@code |a − e| <= 1e-8 + 1e-5 · |e|}. */
    static void allClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= 1e-8 + 1e-5 * Math.abs(expected[i]))) {
                fail(what + " is not allclose (rtol 1e-5, atol 1e-8) to " + Arrays.toString(expected)
                        + ": " + Arrays.toString(actual));
            }
        }
    }
}
