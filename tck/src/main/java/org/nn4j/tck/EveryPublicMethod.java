package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;

/**
 * A direct check for every public method of {@code LinearAlgebra}, {@code Matrix},
 * {@code Loss}, {@code Layer} and {@code Backend}, so that a wrong operation fails a test that
 * names it, not only the convergence of a training run that happens to use it. Each runs on
 * random data with full mantissas, at small odd shapes, against {@link Oracle}'s answers and
 * tolerances; the list of methods is read from the api by reflection, so a method added to
 * the api without a check here fails {@link #everyPublicMethodOfTheApiHasADirectCheck()}.
 */
interface EveryPublicMethod extends ConformanceChecks {

    /** Small odd shapes: square-ish, a row, a column, and a wide one. */
    static final List<Operations.Dims> SHAPES = List.of(new Operations.Dims(3, 5, 2),
            new Operations.Dims(1, 7, 1), new Operations.Dims(7, 1, 3),
            new Operations.Dims(2, 9, 4));


    /**
     * Issue 18's image-layer factories, whose defaults still throw
     * {@link UnsupportedOperationException} until the general layers arrive (cnn-layers):
     * they have no direct check yet, and {@link #pendingFactoriesStillThrow()} fails as soon
     * as one is implemented, so that its check is written then and it leaves this list.
     */
    static final Set<String> PENDING = Set.of(
            "Backend.convolution(Window, Matrix, Matrix)", "Backend.maxPool(Window)",
            "Backend.averagePool(Window)", "Backend.dropout(int, double, DoubleSupplier)",
            "Backend.batchNormalization(ImageShape, Matrix, Matrix, Matrix, Matrix, double,"
                    + " double)");

    @Test
    default void everyPublicMethodOfTheApiHasADirectCheck() {
        TreeSet<String> api = Operations.publicMethods();
        api.removeAll(PENDING);
        TreeSet<String> checked = new TreeSet<>(Operations.all().keySet());
        assertEquals(api, checked, "the api's public methods (left) and the kit's direct checks"
                + " (right) differ");
    }

    @Test
    default void pendingFactoriesStillThrow() {
        Backend be = backendUnderTest();
        Window window = Window.square(new ImageShape(4, 4, 1), 2, 2, Window.Padding.VALID);
        Matrix one = be.linearAlgebra().zeros(1, 1);
        List<Executable> calls = List.of(
                () -> be.convolution(window, be.linearAlgebra().zeros(1, 4), one),
                () -> be.maxPool(window), () -> be.averagePool(window),
                () -> be.dropout(4, 0.5, () -> 0.5),
                () -> be.batchNormalization(new ImageShape(4, 4, 1), one, one, one, one, 0.9,
                        1e-5));
        assertEquals(PENDING.size(), calls.size(), "one call per pending factory");
        for (Executable call : calls) {
            assertThrows(UnsupportedOperationException.class, call, "a factory in " + PENDING
                    + " is implemented now: give it a direct check in Operations and remove it"
                    + " from EveryPublicMethod.PENDING");
        }
    }

    static Stream<Operations.Operation> operations() {
        return Operations.all().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.EveryPublicMethod#operations")
    default void eachPublicMethodAgainstTheKitsOwnAnswer(Operations.Operation operation) {
        long seed = operation.signature().hashCode();
        for (Operations.Dims dims : SHAPES) {
            operation.check().run(backendUnderTest(), dims, seed++);
        }
    }
}
