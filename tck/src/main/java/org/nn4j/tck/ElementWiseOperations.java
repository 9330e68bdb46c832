package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;

/**
 * The element-wise operations an optimizer needs ({@code divideElements}, {@code sqrt},
 * {@code addScalar}) and {@code argmaxRows}, against answers computed by hand: in place and
 * not, allocating and not, with IEEE 754's special values, and with bad input.
 */
interface ElementWiseOperations extends ConformanceChecks {

    static final double INF = Double.POSITIVE_INFINITY;
    static final double NAN = Double.NaN;


    @Test
    default void divideElementsDividesElementByElement() {
        Matrix a = matrix(2, 3, 1, -6, 7.5, 0, 3, -1);
        Matrix b = matrix(2, 3, 4, 3, 2.5, 0, 0, 0);
        Matrix dest = la().zeros(2, 3);
        la().divideElements(a, b, dest);
        double[] expected = {0.25, -2, 3, NAN, INF, -INF};
        Expect.matrix("divideElements", 2, 3, expected, dest);
        Expect.matrix("a not modified", 2, 3, new double[] {1, -6, 7.5, 0, 3, -1}, a);
        Matrix allocated = la().divideElements(a, b);
        assertNotSame(dest, allocated);
        Expect.matrix("allocating divideElements", 2, 3, expected, allocated);
        la().divideElements(a, b, a);
        Expect.matrix("divideElements into a", 2, 3, expected, a);
        Matrix c = matrix(1, 2, 9, 1);
        Matrix d = matrix(1, 2, 3, 4);
        la().divideElements(c, d, d);
        Expect.matrix("divideElements into b", 1, 2, new double[] {3, 0.25}, d);
    }

    @Test
    default void sqrtTakesTheSquareRootOfEveryElementAndNanForNegatives() {
        Matrix a = matrix(2, 4, 0, 1, 2.25, 1e-300, -4, NAN, INF, 16);
        double[] expected = {0, 1, 1.5, 1e-150, NAN, NAN, INF, 4};
        Matrix dest = la().zeros(2, 4);
        la().sqrt(a, dest);
        Expect.matrix("sqrt", 2, 4, expected, dest);
        Expect.matrix("allocating sqrt", 2, 4, expected, la().sqrt(a));
        la().sqrt(a, a);
        Expect.matrix("sqrt in place", 2, 4, expected, a);
    }

    @Test
    default void addScalarAddsToEveryElement() {
        Matrix a = matrix(2, 2, 1, -2, 0.5, 1e-8);
        double[] expected = {1.25, -1.75, 0.75, 0.25000001};
        Matrix dest = la().zeros(2, 2);
        la().addScalar(0.25, a, dest);
        Expect.matrix("addScalar", 2, 2, expected, dest);
        Expect.matrix("allocating addScalar", 2, 2, expected, la().addScalar(0.25, a));
        la().addScalar(0.25, a, a);
        Expect.matrix("addScalar in place", 2, 2, expected, a);
    }

    @Test
    default void adamsUpdateDirectionComposesFromTheOperations() {
        // m / (sqrt(v) + ε), as Adam computes it, in a scratch matrix and in place.
        Matrix m = matrix(1, 3, 0.5, -0.3, 0);
        Matrix v = matrix(1, 3, 0.25, 0.09, 0);
        Matrix scratch = la().zeros(1, 3);
        la().sqrt(v, scratch);
        la().addScalar(1e-8, scratch, scratch);
        la().divideElements(m, scratch, scratch);
        Expect.matrix("m / (sqrt(v) + 1e-8)", 1, 3,
                new double[] {0.5 / (0.5 + 1e-8), -0.3 / (0.3 + 1e-8), 0}, scratch, Tolerances.roundings(8));
    }

    @Test
    default void argmaxRowsFindsTheFirstLargestElementOfEachRow() {
        Matrix a = matrix(5, 3,
                1, 3, 2,
                5, 5, 1,
                -INF, -7, -8,
                0.1, 0.2, 0.30000000000000004,
                -1, -1, -1);
        assertArrayEquals(new int[] {1, 0, 1, 2, 0}, la().argmaxRows(a));
        assertArrayEquals(new int[] {0, 0}, la().argmaxRows(matrix(2, 1, -5, 7)), "one column");
        assertArrayEquals(new int[0], la().argmaxRows(la().zeros(0, 4)), "no rows");
    }

    @Test
    default void argmaxRowsCountsNanAsTheLargestValueAsNumpyDoes() {
        Matrix a = matrix(3, 3,
                1, NAN, 9,
                NAN, NAN, 2,
                INF, 0, NAN);
        assertArrayEquals(new int[] {1, 0, 2}, la().argmaxRows(a));
    }

    @Test
    default void elementWiseBadArgumentsAreRejected() {
        ShapeMismatchException divide = assertThrows(ShapeMismatchException.class,
                () -> la().divideElements(la().zeros(2, 3), la().zeros(3, 2), la().zeros(2, 3)));
        assertEquals("divideElements: b is 3x2 but expected 2x3", divide.getMessage());
        ShapeMismatchException divideDest = assertThrows(ShapeMismatchException.class,
                () -> la().divideElements(la().zeros(2, 3), la().zeros(2, 3), la().zeros(2, 2)));
        assertEquals("divideElements: dest is 2x2 but expected 2x3", divideDest.getMessage());
        ShapeMismatchException sqrt = assertThrows(ShapeMismatchException.class,
                () -> la().sqrt(la().zeros(2, 3), la().zeros(3, 2)));
        assertEquals("sqrt: dest is 3x2 but expected 2x3", sqrt.getMessage());
        ShapeMismatchException addScalar = assertThrows(ShapeMismatchException.class,
                () -> la().addScalar(1, la().zeros(1, 3), la().zeros(1, 2)));
        assertEquals("addScalar: dest is 1x2 but expected 1x3", addScalar.getMessage());
        assertThrows(IllegalArgumentException.class, () -> la().argmaxRows(la().zeros(2, 0)),
                "argmaxRows of rows without columns");
        assertThrows(NullPointerException.class, () -> la().sqrt(null, la().zeros(1, 1)));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> la().argmaxRows(new ForeignMatrix(1, 2)));
        assertTrue(String.valueOf(foreign.getMessage()).contains(ForeignMatrix.BACKEND),
                "a foreign matrix is rejected naming its backend: " + foreign.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> la().addScalar(1, la().zeros(1, 2), new ForeignMatrix(1, 2)));
        assertThrows(IllegalArgumentException.class,
                () -> la().divideElements(la().zeros(1, 2), new ForeignMatrix(1, 2),
                        la().zeros(1, 2)));
    }

    @Test
    default void zeroSizedMatricesAreFine() {
        Matrix empty = la().zeros(0, 3);
        la().divideElements(empty, empty, empty);
        la().sqrt(empty, empty);
        la().addScalar(2, empty, empty);
        assertEquals("0x3", empty.rows() + "x" + empty.cols());
        assertEquals(0, la().addScalar(1, la().zeros(3, 0)).cols());
    }
}
