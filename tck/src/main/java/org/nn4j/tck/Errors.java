package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Named.named;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;

/**
 * Bad input is rejected before any library is reached, the same way by every backend.
 *
 * <p>A shape mismatch is a {@link ShapeMismatchException} whose message is exactly the one
 * listed here: the operation, the operand, its shape and the expected shape. The layer
 * reports as {@code dense}, {@code dense.forward} and {@code dense.backward}, the mean
 * squared error as {@code mse.value} and {@code mse.gradient}, with the parameter names of
 * the api's javadoc. A matrix of another backend is an {@link IllegalArgumentException}
 * whose message names both backends.
 */
interface Errors extends ConformanceChecks {


    /** Something done with the backend that must be rejected. */
    @FunctionalInterface
    interface Call {
        void run(Backend backend, LinearAlgebra la);
    }

    /** A call that must throw a {@link ShapeMismatchException} with a given message. */
    record ShapeCase(Call call, String message) {
    }

    static Stream<Named<ShapeCase>> shapeMismatches() {
        return Stream.of(
                shape("gemm, inner dimensions", "gemm: b is 2x2 but expected 3x?",
                        (be, la) -> la.gemm(1, la.zeros(2, 3), false, la.zeros(2, 2), false, 0,
                                la.zeros(2, 2))),
                shape("gemm, inner dimensions with b transposed", "gemm: b is 2x2 but expected ?x3",
                        (be, la) -> la.gemm(1, la.zeros(2, 3), false, la.zeros(2, 2), true, 0,
                                la.zeros(2, 2))),
                shape("gemm, destination", "gemm: c is 2x3 but expected 2x4",
                        (be, la) -> la.gemm(1, la.zeros(2, 3), false, la.zeros(3, 4), false, 0,
                                la.zeros(2, 3))),
                shape("gemm, destination with a transposed", "gemm: c is 3x4 but expected 2x4",
                        (be, la) -> la.gemm(1, la.zeros(3, 2), true, la.zeros(3, 4), false, 0,
                                la.zeros(3, 4))),
                shape("addRowVector, row", "addRowVector: row is 1x2 but expected 1x3",
                        (be, la) -> la.addRowVector(la.zeros(2, 3), la.zeros(1, 2), la.zeros(2, 3))),
                shape("addRowVector, destination", "addRowVector: dest is 3x2 but expected 2x3",
                        (be, la) -> la.addRowVector(la.zeros(2, 3), la.zeros(1, 3), la.zeros(3, 2))),
                shape("columnSums", "columnSums: dest is 1x2 but expected 1x3",
                        (be, la) -> la.columnSums(la.zeros(2, 3), la.zeros(1, 2))),
                shape("scale", "scale: dest is 3x2 but expected 2x3",
                        (be, la) -> la.scale(2, la.zeros(2, 3), la.zeros(3, 2))),
                shape("axpy", "axpy: y is 3x2 but expected 2x3",
                        (be, la) -> la.axpy(2, la.zeros(2, 3), la.zeros(3, 2))),
                shape("add", "add: b is 2x2 but expected 2x3",
                        (be, la) -> la.add(la.zeros(2, 3), la.zeros(2, 2), la.zeros(2, 3))),
                shape("subtract", "subtract: dest is 1x6 but expected 2x3",
                        (be, la) -> la.subtract(la.zeros(2, 3), la.zeros(2, 3), la.zeros(1, 6))),
                shape("multiplyElements", "multiplyElements: b is 3x2 but expected 2x3",
                        (be, la) -> la.multiplyElements(la.zeros(2, 3), la.zeros(3, 2),
                                la.zeros(2, 3))),
                shape("copy", "copy: dest is 2x2 but expected 2x3",
                        (be, la) -> la.copy(la.zeros(2, 3), la.zeros(2, 2))),
                shape("dense, bias", "dense: bias is 1x2 but expected 1x3",
                        (be, la) -> be.dense(la.zeros(2, 3), la.zeros(1, 2))),
                shape("dense, bias as a column", "dense: bias is 3x1 but expected 1x3",
                        (be, la) -> be.dense(la.zeros(2, 3), la.zeros(3, 1))),
                shape("dense.forward", "dense.forward: input is 4x3 but expected ?x2",
                        (be, la) -> be.dense(la.zeros(2, 3), la.zeros(1, 3))
                                .forward(la.zeros(4, 3))),
                shape("dense.backward", "dense.backward: outputGradient is 1x3 but expected 2x3",
                        (be, la) -> {
                            Layer layer = be.dense(la.zeros(2, 3), la.zeros(1, 3));
                            layer.forward(la.zeros(2, 2));
                            layer.backward(la.zeros(1, 3));
                        }),
                shape("mse.value", "mse.value: target is 2x2 but expected 2x3",
                        (be, la) -> be.meanSquaredError().value(la.zeros(2, 3), la.zeros(2, 2))),
                shape("mse.gradient, target", "mse.gradient: target is 3x3 but expected 2x3",
                        (be, la) -> be.meanSquaredError().valueAndGradient(la.zeros(2, 3),
                                la.zeros(3, 3), la.zeros(2, 3))),
                shape("mse.gradient, gradient", "mse.gradient: gradient is 2x2 but expected 2x3",
                        (be, la) -> be.meanSquaredError().valueAndGradient(la.zeros(2, 3),
                                la.zeros(2, 3), la.zeros(2, 2))));
    }

    private static Named<ShapeCase> shape(String name, String message, Call call) {
        return named(name, new ShapeCase(call, message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Errors#shapeMismatches")
    default void shapeMismatchesThrowTheSharedExceptionWithTheSharedWording(ShapeCase c) {
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> c.call().run(backendUnderTest(), la()));
        assertEquals(c.message(), e.getMessage());
    }

    static Stream<Named<Call>> foreignMatrices() {
        return Stream.of(
                foreign("gemm a", (be, la) -> la.gemm(1, alien(2, 2), false, la.zeros(2, 2), false,
                        0, la.zeros(2, 2))),
                foreign("gemm b", (be, la) -> la.gemm(1, la.zeros(2, 2), false, alien(2, 2), false,
                        0, la.zeros(2, 2))),
                foreign("gemm c", (be, la) -> la.gemm(1, la.zeros(2, 2), false, la.zeros(2, 2),
                        false, 0, alien(2, 2))),
                foreign("addRowVector row", (be, la) -> la.addRowVector(la.zeros(2, 2), alien(1, 2),
                        la.zeros(2, 2))),
                foreign("columnSums a", (be, la) -> la.columnSums(alien(2, 2), la.zeros(1, 2))),
                foreign("sumOfSquares", (be, la) -> la.sumOfSquares(alien(2, 2))),
                foreign("scale dest", (be, la) -> la.scale(2, la.zeros(2, 2), alien(2, 2))),
                foreign("axpy x", (be, la) -> la.axpy(2, alien(2, 2), la.zeros(2, 2))),
                foreign("axpy y", (be, la) -> la.axpy(2, la.zeros(2, 2), alien(2, 2))),
                foreign("add b", (be, la) -> la.add(la.zeros(2, 2), alien(2, 2), la.zeros(2, 2))),
                foreign("subtract dest", (be, la) -> la.subtract(la.zeros(2, 2), la.zeros(2, 2),
                        alien(2, 2))),
                foreign("multiplyElements a", (be, la) -> la.multiplyElements(alien(2, 2),
                        la.zeros(2, 2), la.zeros(2, 2))),
                foreign("copy src", (be, la) -> la.copy(alien(2, 2), la.zeros(2, 2))),
                foreign("fill", (be, la) -> la.fill(1, alien(2, 2))),
                foreign("copyFromRowMajor", (be, la) -> la.copyFromRowMajor(new double[4], 0,
                        alien(2, 2))),
                foreign("copyToRowMajor", (be, la) -> la.copyToRowMajor(alien(2, 2),
                        new double[4], 0)),
                foreign("dense weights", (be, la) -> be.dense(alien(2, 3), la.zeros(1, 3))),
                foreign("dense bias", (be, la) -> be.dense(la.zeros(2, 3), alien(1, 3))),
                foreign("dense.forward input", (be, la) -> be.dense(la.zeros(2, 3), la.zeros(1, 3))
                        .forward(alien(2, 2))),
                foreign("dense.backward outputGradient", (be, la) -> {
                    Layer layer = be.dense(la.zeros(2, 3), la.zeros(1, 3));
                    layer.forward(la.zeros(2, 2));
                    layer.backward(alien(2, 3));
                }),
                foreign("mse.value target", (be, la) -> be.meanSquaredError().value(
                        la.zeros(2, 3), alien(2, 3))),
                foreign("mse.gradient gradient", (be, la) -> be.meanSquaredError()
                        .valueAndGradient(la.zeros(2, 3), la.zeros(2, 3), alien(2, 3))));
    }

    private static Named<Call> foreign(String name, Call call) {
        return named(name, call);
    }

    private static Matrix alien(int rows, int cols) {
        return new ForeignMatrix(rows, cols);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Errors#foreignMatrices")
    default void matricesOfAnotherBackendAreRejectedNamingBothBackends(Call call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call.run(backendUnderTest(), la()));
        String message = String.valueOf(e.getMessage());
        assertTrue(message.contains(ForeignMatrix.BACKEND) && message.contains(backendUnderTest().name()),
                "the message must name both backends, '" + ForeignMatrix.BACKEND + "' and '"
                        + backendUnderTest().name() + "': " + message);
    }

    @Test
    default void gemmAndColumnSumsRejectADestinationThatIsAnInput() {
        Matrix a = matrix(2, 2, 1, 2, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> la().gemm(1, a, false, la().zeros(2, 2), false, 0, a), "gemm c == a");
        Matrix b = matrix(2, 2, 1, 2, 3, 4);
        assertThrows(IllegalArgumentException.class,
                () -> la().gemm(1, la().zeros(2, 2), false, b, false, 0, b), "gemm c == b");
        Matrix row = matrix(1, 2, 1, 2);
        assertThrows(IllegalArgumentException.class, () -> la().columnSums(row, row),
                "columnSums dest == a");
    }

    @Test
    default void meanSquaredErrorRejectsAGradientThatIsAnInput() {
        Loss mse = backendUnderTest().meanSquaredError();
        Matrix y = matrix(1, 2, 1, 2);
        Matrix t = matrix(1, 2, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> mse.valueAndGradient(y, t, y));
        assertThrows(IllegalArgumentException.class, () -> mse.valueAndGradient(y, t, t));
    }

    @Test
    default void meanSquaredErrorRejectsAnEmptyBatch() {
        Loss mse = backendUnderTest().meanSquaredError();
        assertThrows(IllegalArgumentException.class,
                () -> mse.value(la().zeros(0, 3), la().zeros(0, 3)));
        assertThrows(IllegalArgumentException.class,
                () -> mse.valueAndGradient(la().zeros(0, 3), la().zeros(0, 3), la().zeros(0, 3)));
    }

    @Test
    default void denseBackwardBeforeForwardIsAnIllegalState() {
        Layer layer = backendUnderTest().dense(la().zeros(2, 3), la().zeros(1, 3));
        assertThrows(IllegalStateException.class, () -> layer.backward(la().zeros(1, 3)));
    }

    @Test
    default void nullArgumentsAreRejectedNamingTheArgument() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> la().gemm(1, la().zeros(1, 1), false, null, false, 0, la().zeros(1, 1)));
        assertTrue(String.valueOf(e.getMessage()).matches("(?s).*\\bgemm\\b.*\\bb\\b.*"),
                "the message names the operation and the argument, gemm and b: " + e.getMessage());
        assertThrows(NullPointerException.class, () -> la().axpy(1, null, la().zeros(1, 1)));
        assertThrows(NullPointerException.class, () -> la().fromRowMajor(1, 1, (double[]) null));
        // An element of a list is named by its index.
        List<Matrix> gradients = Arrays.asList(la().zeros(1, 1), null);
        NullPointerException clip = assertThrows(NullPointerException.class,
                () -> la().clipGlobalNorm(1, gradients));
        assertTrue(String.valueOf(clip.getMessage()).matches(
                        "(?s).*\\bclipGlobalNorm\\b.*\\bgradients\\[1\\].*"),
                "the message names the operation and the element, clipGlobalNorm and"
                        + " gradients[1]: " + clip.getMessage());
    }

    @Test
    default void badSizesAndIndicesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> la().fromRowMajor(2, 2, 1, 2, 3),
                "fromRowMajor with 3 values for 2x2");
        assertThrows(IllegalArgumentException.class, () -> la().zeros(-1, 2), "zeros(-1, 2)");
        assertThrows(IndexOutOfBoundsException.class,
                () -> la().copyFromRowMajor(new double[5], 2, la().zeros(2, 2)),
                "copyFromRowMajor past the end");
        assertThrows(IndexOutOfBoundsException.class,
                () -> la().copyToRowMajor(la().zeros(2, 2), new double[4], 1),
                "copyToRowMajor past the end");
        Matrix m = la().zeros(2, 3);
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(2, 0), "get(2, 0) of 2x3");
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(0, 3), "get(0, 3) of 2x3");
        assertThrows(IndexOutOfBoundsException.class, () -> m.get(-1, 0), "get(-1, 0)");
    }
}
