package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Backend;
import org.nn4j.api.Matrix;

/** Every operation of {@code LinearAlgebra} against answers computed by hand. */
interface LinearAlgebraOperations extends ConformanceChecks {


    @Test
    default void zerosHasTheRequestedShapeAndOnlyZeros() {
        Expect.matrix("zeros(2, 3)", 2, 3, new double[6], la().zeros(2, 3));
    }

    @Test
    default void fromRowMajorAndToRowMajorKeepRowMajorOrderAndCopy() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Matrix m = la().fromRowMajor(2, 3, data);
        assertEquals(3.0, m.get(0, 2), "element (0, 2)");
        assertEquals(4.0, m.get(1, 0), "element (1, 0)");
        data[0] = 99;
        double[] out = m.toRowMajor();
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, out,
                "toRowMajor (fromRowMajor must copy its data)");
        out[1] = 99;
        assertEquals(2.0, m.get(0, 1), "toRowMajor must return a copy");
        assertEquals(la().backendName(), m.backendName(), "a new matrix's backend");
    }

    @Test
    default void copyFromRowMajorReadsFromTheOffset() {
        Matrix dest = la().zeros(2, 2);
        la().copyFromRowMajor(new double[] {9, 9, 1, 2, 3, 4, 9}, 2, dest);
        Expect.matrix("copyFromRowMajor", 2, 2, new double[] {1, 2, 3, 4}, dest);
    }

    @Test
    default void copyToRowMajorWritesAtTheOffsetAndNothingElse() {
        double[] dest = ConformanceChecks.filled(7, -1);
        la().copyToRowMajor(matrix(2, 2, 1, 2, 3, 4), dest, 3);
        assertArrayEquals(new double[] {-1, -1, -1, 1, 2, 3, 4}, dest);
    }

    @Test
    default void copyCopiesEveryElement() {
        Matrix src = matrix(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix dest = la().zeros(2, 3);
        la().copy(src, dest);
        Expect.matrix("copy", 2, 3, new double[] {1, 2, 3, 4, 5, 6}, dest);
        la().fill(0, dest);
        Expect.matrix("copy's source after its copy changed", 2, 3,
                new double[] {1, 2, 3, 4, 5, 6}, src);
    }

    @Test
    default void fillSetsEveryElement() {
        Matrix m = matrix(2, 2, 1, 2, 3, 4);
        la().fill(-2.5, m);
        Expect.matrix("fill", 2, 2, ConformanceChecks.filled(4, -2.5), m);
    }

    /**
     * {@code c = 2·op(a)·op(b) − 3·c} for a = [[1,2],[3,4]], b = [[5,6],[7,8]],
     * c = [[1,−1],[2,0.5]]: square operands, so a misread flag gives another answer.
     * By hand: a·b = [[19,22],[43,50]], aᵀ·b = [[26,30],[38,44]], a·bᵀ = [[17,23],[39,53]],
     * aᵀ·bᵀ = [[23,31],[34,46]].
     */
    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({
        "false, false, 35 47 80 98.5",
        "true,  false, 49 63 70 86.5",
        "false, true,  31 49 72 104.5",
        "true,  true,  43 65 62 90.5"})
    default void gemmOfSquareMatricesWithAlphaAndBeta(boolean transA, boolean transB, String expected) {
        Matrix a = matrix(2, 2, 1, 2, 3, 4);
        Matrix b = matrix(2, 2, 5, 6, 7, 8);
        Matrix c = matrix(2, 2, 1, -1, 2, 0.5);
        la().gemm(2.0, a, transA, b, transB, -3.0, c);
        Expect.matrix("gemm", 2, 2, parse(expected), c);
        Expect.matrix("gemm's a afterwards", 2, 2, new double[] {1, 2, 3, 4}, a);
        Expect.matrix("gemm's b afterwards", 2, 2, new double[] {5, 6, 7, 8}, b);
    }

    /**
     * The product A·B = [[58,64],[139,154]] of A = [[1,2,3],[4,5,6]] and
     * B = [[7,8],[9,10],[11,12]], each operand stored as itself or as its transpose.
     */
    @ParameterizedTest(name = "transA={0}, transB={1}, alpha={2}, beta={3}")
    @CsvSource({
        "false, false,  2.0, 0.5, 1 1 1 1, 116.5 128.5 278.5 308.5",
        "true,  false, -1.0, 2.0, 1 2 3 4, -56 -60 -133 -146",
        "false, true,   0.5, 0.0, 0 0 0 0, 29 32 69.5 77",
        "true,  true,   1.0, 1.0, 1 0 0 1, 59 64 139 155"})
    default void gemmOfRectangularMatricesWithAlphaAndBeta(boolean transA, boolean transB, double alpha,
                                                   double beta, String c0, String expected) {
        Matrix a = transA ? matrix(3, 2, 1, 4, 2, 5, 3, 6) : matrix(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = transB ? matrix(2, 3, 7, 9, 11, 8, 10, 12) : matrix(3, 2, 7, 8, 9, 10, 11, 12);
        Matrix c = la().fromRowMajor(2, 2, parse(c0));
        la().gemm(alpha, a, transA, b, transB, beta, c);
        Expect.matrix("gemm", 2, 2, parse(expected), c);
    }

    @Test
    default void multiplyReturnsTheProduct() {
        Matrix product = la().multiply(matrix(2, 3, 1, 2, 3, 4, 5, 6),
                matrix(3, 2, 7, 8, 9, 10, 11, 12));
        Expect.matrix("multiply", 2, 2, new double[] {58, 64, 139, 154}, product);
    }

    @Test
    default void addRowVectorAddsTheRowToEveryRow() {
        Matrix a = matrix(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix row = matrix(1, 3, 10, 20, 30);
        Matrix dest = la().zeros(2, 3);
        la().addRowVector(a, row, dest);
        Expect.matrix("addRowVector", 2, 3, new double[] {11, 22, 33, 14, 25, 36}, dest);
        la().addRowVector(a, row, a);
        Expect.matrix("addRowVector in place", 2, 3, new double[] {11, 22, 33, 14, 25, 36}, a);
    }

    @Test
    default void columnSumsSumsEachColumnOverTheRows() {
        Matrix a = matrix(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix dest = matrix(1, 3, 7, 7, 7);
        la().columnSums(a, dest);
        Expect.matrix("columnSums", 1, 3, new double[] {5, 7, 9}, dest);
        Expect.matrix("columnSums(a)", 1, 3, new double[] {5, 7, 9}, la().columnSums(a));
    }

    @Test
    default void sumOfSquaresAddsTheSquaresOfAllElements() {
        assertEquals(91.0, la().sumOfSquares(matrix(2, 3, 1, -2, 3, 4, -5, 6)), Tolerances.knownAnswer());
    }

    @Test
    default void scaleMultipliesEveryElement() {
        Matrix a = matrix(2, 2, 1, -2, 3, 0.5);
        Expect.matrix("scale", 2, 2, new double[] {-3, 6, -9, -1.5}, la().scale(-3, a));
        la().scale(2, a, a);
        Expect.matrix("scale in place", 2, 2, new double[] {2, -4, 6, 1}, a);
    }

    @Test
    default void axpyAddsAlphaTimesXToY() {
        Matrix x = matrix(2, 2, 10, 20, 30, 40);
        Matrix y = matrix(2, 2, 1, 2, 3, 4);
        la().axpy(-0.5, x, y);
        Expect.matrix("axpy's y", 2, 2, new double[] {-4, -8, -12, -16}, y);
        Expect.matrix("axpy's x afterwards", 2, 2, new double[] {10, 20, 30, 40}, x);
    }

    @Test
    default void addSubtractAndMultiplyElementsWorkElementByElement() {
        Matrix a = matrix(2, 2, 1, 2, 3, 4);
        Matrix b = matrix(2, 2, 10, -20, 0.5, 4);
        Expect.matrix("add", 2, 2, new double[] {11, -18, 3.5, 8}, la().add(a, b));
        Expect.matrix("subtract", 2, 2, new double[] {-9, 22, 2.5, 0}, la().subtract(a, b));
        Expect.matrix("multiplyElements", 2, 2, new double[] {10, -40, 1.5, 16},
                la().multiplyElements(a, b));
    }

    @Test
    default void elementWiseOperationsWorkInPlaceOnEitherOperand() {
        Matrix a = matrix(1, 3, 1, 2, 3);
        Matrix b = matrix(1, 3, 4, 5, 6);
        la().add(a, b, a);
        Expect.matrix("add into a", 1, 3, new double[] {5, 7, 9}, a);
        la().subtract(a, b, b);
        Expect.matrix("subtract into b", 1, 3, new double[] {1, 2, 3}, b);
        la().multiplyElements(a, b, a);
        Expect.matrix("multiplyElements into a", 1, 3, new double[] {5, 14, 27}, a);
    }

    @Test
    default void convertBringsAMatrixOfAnotherBackendOver() {
        Matrix converted = la().convert(new ForeignMatrix(2, 1));
        assertEquals(la().backendName(), converted.backendName());
        Expect.matrix("convert", 2, 1, new double[2], converted);
    }

    private static double[] parse(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).mapToDouble(Double::parseDouble)
                .toArray();
    }
}
