package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;

/**
 * What only ND4J needs checked: every array it makes is double precision, and zero-size
 * operands never reach libnd4j. The known values of dense layers, losses and operations that
 * this class and its Commons Math twin used to repeat are the conformance kit's (tck), which
 * both backends run.
 */
class Nd4jKnownValuesTest {

    private final Backend backend =
            BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
    private final LinearAlgebra la = backend.linearAlgebra();

    private static final double[] Z = {1, 2, 3, 4};              // 2x2
    private static final double[] W = {1, 0, -1, 2, 1, 0};       // 2x3
    private static final double[] B = {0.5, -1, 2};              // 1x3

    @Test
    void everyArrayIsDoublePrecision() {
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        Matrix y = layer.forward(la.fromRowMajor(2, 2, Z));
        Matrix dz = layer.backward(la.fromRowMajor(2, 3, 1, 0, 2, -1, 1, 0));
        for (Matrix m : List.of(la.zeros(2, 2), y, dz, layer.parameters().get(0).gradient(),
                layer.parameters().get(1).gradient())) {
            assertEquals(DataType.DOUBLE, ((Nd4jMatrix) m).array.dataType(), m.toString());
        }
        // 1 + 2⁻⁴⁰ survives a round trip and an addition only in double precision.
        double fine = 1.0 + Math.scalb(1.0, -40);
        Matrix a = la.fromRowMajor(1, 1, fine);
        assertEquals(fine + fine, la.add(a, a).get(0, 0), 0.0);
    }

    @Test
    void zeroSizedMatricesNeverReachNd4j() {
        Matrix empty = la.zeros(0, 3);
        assertEquals(0.0, la.sumOfSquares(empty), 0.0);
        Matrix c = la.fromRowMajor(2, 2, Double.NaN, 1, 1, 1);
        la.gemm(1.0, la.zeros(2, 0), false, la.zeros(0, 2), false, 0.0, c);
        assertArrayEquals(new double[4], c.toRowMajor(), 0.0);
        Matrix sums = la.fromRowMajor(1, 3, 1, 1, 1);
        la.columnSums(empty, sums);
        assertArrayEquals(new double[3], sums.toRowMajor(), 0.0);
    }
}
