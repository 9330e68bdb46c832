package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;

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


    @Test
    default void everyPublicMethodOfTheApiHasADirectCheck() {
        TreeSet<String> api = Operations.publicMethods();
        TreeSet<String> checked = new TreeSet<>(Operations.all().keySet());
        assertEquals(api, checked, "the api's public methods (left) and the kit's direct checks"
                + " (right) differ");
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
