package org.nn4j.tck;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;

/**
 * Every operation that computes, at shapes that cross the chunk and block boundaries a
 * backend's library typically has: 4,095, 4,096, 4,097 and 65,537 elements, as rows, as
 * columns and as odd rectangles, and products whose dimensions straddle 64 and 128. A kernel
 * that handles its last partial chunk or block wrongly passes every 2x3 test; it fails here.
 * Answers and tolerances are {@link Oracle}'s, computed in the test.
 */
interface Sizes extends ConformanceChecks {

    /**
     * {@code m x k} operands ({@code (m x k)·(k x n)} products, dense layers {@code k → n} on
     * batches of {@code m}).
     */
    static final List<Operations.Dims> SIZES = List.of(
            new Operations.Dims(1, 4095, 1), new Operations.Dims(4095, 1, 2),
            new Operations.Dims(63, 65, 3), new Operations.Dims(1, 4096, 2),
            new Operations.Dims(64, 64, 64), new Operations.Dims(4097, 1, 1),
            new Operations.Dims(1, 4097, 3), new Operations.Dims(17, 241, 5),
            new Operations.Dims(3, 4097, 2), new Operations.Dims(129, 63, 65),
            new Operations.Dims(65537, 1, 1), new Operations.Dims(1, 65537, 1));


    static Stream<Operations.Operation> computingOperations() {
        // One run per distinct check: the two forms of an operation share theirs.
        Set<Operations.Check> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        return Operations.all().values().stream().filter(Operations.Operation::computes)
                .filter(op -> !op.signature().startsWith("Layer."))
                .filter(op -> seen.add(op.check()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Sizes#computingOperations")
    default void atSizesAcrossChunkAndBlockBoundaries(Operations.Operation operation) {
        long seed = 31L * operation.signature().hashCode();
        for (Operations.Dims dims : SIZES) {
            operation.check().run(backendUnderTest(), dims, seed++);
        }
    }
}
