package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;

/**
 * NaN and infinities are not rejected: they propagate as IEEE 754 says, as
 * {@code LinearAlgebra}'s javadoc documents, so a trainer can see divergence. The operands
 * have no zeros, so a kernel that skips zero multiplications cannot hide a NaN.
 */
interface NonFiniteValues extends ConformanceChecks {

    static final double NAN = Double.NaN;
    static final double INF = Double.POSITIVE_INFINITY;


    @Test
    default void gemmPropagatesNaNToEveryElementItReaches() {
        Matrix c = la().zeros(2, 2);
        la().gemm(1, matrix(2, 2, NAN, 1, 1, 1), false, matrix(2, 2, 1, 2, 3, 4), false, 0, c);
        Expect.matrix("[[NaN,1],[1,1]]·[[1,2],[3,4]]", 2, 2, new double[] {NAN, NAN, 4, 6}, c);
        la().gemm(1, matrix(2, 2, 1, 1, 1, 1), false, matrix(2, 2, 1, 2, 3, 4), false, 1, c);
        Expect.matrix("beta = 1 keeps NaN in c", 2, 2, new double[] {NAN, NAN, 8, 12}, c);
    }

    @Test
    default void gemmPropagatesInfinityAndInfinityMinusInfinityIsNaN() {
        Matrix c = la().zeros(2, 2);
        la().gemm(1, matrix(2, 2, INF, 1, 1, 1), false, matrix(2, 2, 1, 2, 3, 4), false, 0, c);
        Expect.matrix("[[∞,1],[1,1]]·[[1,2],[3,4]]", 2, 2, new double[] {INF, INF, 4, 6}, c);
        Matrix d = la().zeros(1, 1);
        la().gemm(1, matrix(1, 2, INF, -INF), false, matrix(2, 1, 1, 1), false, 0, d);
        Expect.matrix("[∞,−∞]·[1,1]ᵀ", 1, 1, new double[] {NAN}, d);
    }

    @Test
    default void gemmWithBetaZeroIgnoresNaNInTheDestination() {
        Matrix c = matrix(1, 2, NAN, INF);
        la().gemm(1, matrix(1, 1, 2), false, matrix(1, 2, 3, 4), false, 0, c);
        Expect.matrix("beta = 0 over [NaN, ∞]", 1, 2, new double[] {6, 8}, c);
    }

    @Test
    default void elementWiseOperationsFollowIeee754() {
        Matrix a = matrix(1, 4, INF, NAN, INF, 1);
        Matrix b = matrix(1, 4, INF, 2, -INF, 3);
        Expect.matrix("add", 1, 4, new double[] {INF, NAN, NAN, 4}, la().add(a, b));
        Expect.matrix("subtract", 1, 4, new double[] {NAN, NAN, INF, -2}, la().subtract(a, b));
        Expect.matrix("multiplyElements", 1, 4, new double[] {INF, NAN, -INF, 3},
                la().multiplyElements(a, b));
        Expect.matrix("scale by −2", 1, 4, new double[] {-INF, NAN, -INF, -2}, la().scale(-2, a));
        Expect.matrix("scale by 0 (0·∞ is NaN)", 1, 4, new double[] {NAN, NAN, NAN, 0},
                la().scale(0, a));
        Matrix y = matrix(1, 4, 1, 1, -INF, 1);
        la().axpy(2, a, y);
        Expect.matrix("axpy", 1, 4, new double[] {INF, NAN, NAN, 3}, y);
    }

    @Test
    default void broadcastsAndReductionsFollowIeee754() {
        Matrix a = matrix(2, 3, INF, NAN, 1, -INF, 1, 1);
        Expect.matrix("columnSums", 1, 3, new double[] {NAN, NAN, 2}, la().columnSums(a));
        Matrix dest = la().zeros(2, 3);
        la().addRowVector(a, matrix(1, 3, 1, 1, INF), dest);
        Expect.matrix("addRowVector", 2, 3, new double[] {INF, NAN, INF, -INF, 2, INF}, dest);
        assertEquals(NAN, la().sumOfSquares(a), "sumOfSquares with a NaN");
        assertEquals(INF, la().sumOfSquares(matrix(1, 2, 1e200, 1)), "sumOfSquares overflowing");
    }

    @Test
    default void layerAndLossPropagateNonFiniteValues() {
        Layer layer = backendUnderTest().dense(matrix(2, 1, 1, 1), matrix(1, 1, 0));
        Matrix y = layer.forward(matrix(2, 2, NAN, 1, INF, 1));
        Expect.matrix("forward", 2, 1, new double[] {NAN, INF}, y);
        Matrix gradient = la().zeros(1, 1);
        double nan = backendUnderTest().meanSquaredError().valueAndGradient(matrix(1, 1, NAN),
                matrix(1, 1, 1), gradient);
        assertEquals(NAN, nan, "mean squared error of a NaN prediction");
        Expect.matrix("its gradient", 1, 1, new double[] {NAN}, gradient);
        assertEquals(INF, backendUnderTest().meanSquaredError().value(matrix(1, 1, INF), matrix(1, 1, 1)),
                "mean squared error of an infinite prediction");
    }
}
