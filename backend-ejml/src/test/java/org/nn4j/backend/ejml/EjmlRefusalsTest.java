package org.nn4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;

/**
 * The refusals {@code api.spi.AbstractLinearAlgebra} makes for every backend, seen through
 * this one: a destination of the wrong shape, a destination that is also an input of an
 * optimizer step, a hyper-parameter out of its range. EJML itself would reshape a wrong
 * destination silently or compute from an overwritten input, so each refusal is the api's.
 * The destination is left as it was.
 */
class EjmlRefusalsTest {

    private final LinearAlgebra la = new EjmlBackendProvider().create().linearAlgebra();

    private void refusesWrongDestination(String operation, Consumer<Matrix> op) {
        Matrix dest = la.fromRowMajor(3, 2, 7, 7, 7, 7, 7, 7);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> op.accept(dest));
        assertEquals(operation + ": dest is 3x2 but expected 2x3", e.getMessage());
        assertArrayEquals(new double[] {7, 7, 7, 7, 7, 7}, dest.toRowMajor(), "dest untouched");
    }

    @Test
    void elementWiseOperationsRefuseADestinationOfAnotherShape() {
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = la.fromRowMajor(2, 3, 6, 5, 4, 3, 2, 1);
        refusesWrongDestination("add", d -> la.add(a, b, d));
        refusesWrongDestination("subtract", d -> la.subtract(a, b, d));
        refusesWrongDestination("multiplyElements", d -> la.multiplyElements(a, b, d));
        refusesWrongDestination("divideElements", d -> la.divideElements(a, b, d));
    }

    @Test
    void elementWiseOperationsComputeIntoTheRightDestination() {
        // A check of the check above: the same calls with a 2x3 destination, by hand.
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = la.fromRowMajor(2, 3, 6, 5, 4, 3, 2, 1);
        Matrix d = la.zeros(2, 3);
        la.add(a, b, d);
        assertArrayEquals(new double[] {7, 7, 7, 7, 7, 7}, d.toRowMajor());
        la.subtract(a, b, d);
        assertArrayEquals(new double[] {-5, -3, -1, 1, 3, 5}, d.toRowMajor());
        la.multiplyElements(a, b, d);
        assertArrayEquals(new double[] {6, 10, 12, 12, 10, 6}, d.toRowMajor());
    }

    /** Six distinct 1x2 matrices: parameter, gradient, first and second moment. */
    private final Matrix p = la.fromRowMajor(1, 2, 1, 2);
    private final Matrix g = la.fromRowMajor(1, 2, 0.5, -0.5);
    private final Matrix m = la.zeros(1, 2);
    private final Matrix v = la.zeros(1, 2);

    private Matrix named(String name) {
        return switch (name) {
            case "parameter" -> p;
            case "gradient" -> g;
            case "firstMoment" -> m;
            case "secondMoment" -> v;
            default -> throw new AssertionError(name);
        };
    }

    /**
     * Each of the six pairs of adamStep's four matrices, passed as the same matrix: refused,
     * naming both, before anything is written.
     */
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "firstMoment, gradient",
        "secondMoment, gradient",
        "secondMoment, firstMoment",
        "parameter, gradient",
        "parameter, firstMoment",
        "parameter, secondMoment",
    })
    void adamStepRefusesEveryAliasing(String dest, String input) {
        Matrix[] args = {g, m, v, p};
        String[] names = {"gradient", "firstMoment", "secondMoment", "parameter"};
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(dest)) {
                args[i] = named(input);
            }
        }
        double[] before = named(input).toRowMajor();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.adamStep(0.1, 0.9, 0.999, 1e-8, 1, args[0], args[1], args[2], args[3]));
        assertEquals("adamStep: " + dest + " must not be the same matrix as " + input,
                e.getMessage());
        assertArrayEquals(before, named(input).toRowMajor(), "nothing written");
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void adamStepRefusesABetaOutsideZeroToOne(double beta) {
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class,
                () -> la.adamStep(0.1, beta, 0.999, 1e-8, 1, g, m, v, p));
        assertEquals("adamStep: beta1 must be in [0.0, 1.0), got " + beta, e1.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                () -> la.adamStep(0.1, 0.9, beta, 1e-8, 1, g, m, v, p));
        assertEquals("adamStep: beta2 must be in [0.0, 1.0), got " + beta, e2.getMessage());
        assertArrayEquals(new double[] {1, 2}, p.toRowMajor(), "parameter untouched");
    }

    /**
     * Betas of 0 are allowed (the low end is included): m = g, v = g², and the first step is
     * θ − rate · g / (|g| + ε) = (1 − 0.1, 2 + 0.1) to within ε.
     */
    @Test
    void adamStepAcceptsBetasOfZero() {
        la.adamStep(0.1, 0.0, 0.0, 1e-8, 1, g, m, v, p);
        assertArrayEquals(new double[] {0.9, 2.1}, p.toRowMajor(), 1e-6);
        assertArrayEquals(new double[] {0.5, -0.5}, m.toRowMajor(), 1e-15);
        assertArrayEquals(new double[] {0.25, 0.25}, v.toRowMajor(), 1e-15);
    }

    @Test
    void elementWiseOperationsRefuseASecondOperandOfAnotherShape() {
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = la.zeros(3, 2);
        Matrix d = la.zeros(2, 3);
        assertEquals("add: b is 3x2 but expected 2x3",
                assertThrows(ShapeMismatchException.class, () -> la.add(a, b, d)).getMessage());
        assertEquals("subtract: b is 3x2 but expected 2x3",
                assertThrows(ShapeMismatchException.class, () -> la.subtract(a, b, d)).getMessage());
        assertEquals("multiplyElements: b is 3x2 but expected 2x3", assertThrows(
                ShapeMismatchException.class, () -> la.multiplyElements(a, b, d)).getMessage());
    }

    /** Every optimizer step refuses a state matrix of another shape than the parameter's. */
    @Test
    void optimizerStepsRefuseAStateOfAnotherShape() {
        Matrix wrong = la.zeros(2, 1);
        assertEquals("adamStep: firstMoment is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.adamStep(0.1, 0.9, 0.999, 1e-8, 1, g, wrong, v, p)).getMessage());
        assertEquals("adamStep: secondMoment is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.adamStep(0.1, 0.9, 0.999, 1e-8, 1, g, m, wrong, p)).getMessage());
        assertEquals("adaGradStep: sumOfSquares is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.adaGradStep(0.1, 1e-8, g, wrong, p)).getMessage());
        assertEquals("rmsPropStep: meanSquare is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.rmsPropStep(0.1, 0.9, 1e-8, g, wrong, p)).getMessage());
        assertEquals("adaGradStep: gradient is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.adaGradStep(0.1, 1e-8, wrong, m, p)).getMessage());
        assertEquals("momentumStep: velocity is 2x1 but expected 1x2", assertThrows(
                ShapeMismatchException.class,
                () -> la.momentumStep(0.1, 0.9, 0.0, g, wrong, p)).getMessage());
        assertArrayEquals(new double[] {1, 2}, p.toRowMajor(), "parameter untouched");
    }

    /** Epsilon must be positive (it keeps a division finite); RMSProp's decay is in [0, 1). */
    @Test
    void optimizerStepsRefuseAnEpsilonOrDecayOutOfRange() {
        assertEquals("adamStep: epsilon must be in (0.0, Infinity), got 0.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.adamStep(0.1, 0.9, 0.999, 0.0, 1, g, m, v, p)).getMessage());
        assertEquals("adaGradStep: epsilon must be in (0.0, Infinity), got 0.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.adaGradStep(0.1, 0.0, g, m, p)).getMessage());
        assertEquals("rmsPropStep: decay must be in [0.0, 1.0), got 1.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.rmsPropStep(0.1, 1.0, 1e-8, g, m, p)).getMessage());
        assertEquals("rmsPropStep: epsilon must be in (0.0, Infinity), got 0.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.rmsPropStep(0.1, 0.9, 0.0, g, m, p)).getMessage());
        assertEquals("adaGradStep: learningRate must be in (0.0, Infinity), got 0.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.adaGradStep(0.0, 1e-8, g, m, p)).getMessage());
        assertEquals("rmsPropStep: learningRate must be in (0.0, Infinity), got 0.0", assertThrows(
                IllegalArgumentException.class,
                () -> la.rmsPropStep(0.0, 0.9, 1e-8, g, m, p)).getMessage());
        assertArrayEquals(new double[] {1, 2}, p.toRowMajor(), "parameter untouched");
    }

    @Test
    void negativeDimensionsAreRefusedByTheApi() {
        assertEquals("zeros: a matrix cannot be -1x2; dimensions must be non-negative",
                assertThrows(IllegalArgumentException.class, () -> la.zeros(-1, 2)).getMessage());
        // -1 x -2 would need 2 elements, as many as given: only the dimension check can refuse it.
        assertEquals("fromRowMajor: a matrix cannot be -1x-2; dimensions must be non-negative",
                assertThrows(IllegalArgumentException.class,
                        () -> la.fromRowMajor(-1, -2, 1, 2)).getMessage());
    }

    @Test
    void copyToRowMajorRefusesADestinationTooShortByName() {
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        assertEquals("copyToRowMajor: dest has 5 elements, but 6 are needed from offset 0",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> la.copyToRowMajor(a, new double[5], 0)).getMessage());
        double[] dest = new double[7];
        la.copyToRowMajor(a, dest, 1);
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, dest);
    }

    /** No rows: no classes, even without columns; rows without columns have no largest. */
    @Test
    void argmaxRowsOfNoRowsIsEmptyAndOfNoColumnsRefused() {
        assertArrayEquals(new int[0], la.argmaxRows(la.zeros(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> la.argmaxRows(la.zeros(2, 0)));
    }
}
