package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeMismatchException;

/**
 * The ND4J backend's own code on small examples worked out by hand (the full conformance
 * kit lives in the tck module).
 */
class Nd4jKnownValuesTest {

    private final Backend backend =
            BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
    private final LinearAlgebra la = backend.linearAlgebra();

    private static final double[] Z = {1, 2, 3, 4};              // 2x2
    private static final double[] W = {1, 0, -1, 2, 1, 0};       // 2x3
    private static final double[] B = {0.5, -1, 2};              // 1x3

    @Test
    void denseForwardIsInputTimesWeightsPlusBias() {
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        Matrix y = layer.forward(la.fromRowMajor(2, 2, Z));
        // [1 2]·W = [5 2 -1], [3 4]·W = [11 4 -3]; plus b
        assertEquals(Shape.of(2, 3), y.shape());
        assertArrayEquals(new double[] {5.5, 1, 1, 11.5, 3, -1}, y.toRowMajor(), 0.0);
    }

    @Test
    void denseBackwardGivesPlainDerivatives() {
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        layer.forward(la.fromRowMajor(2, 2, Z));
        Matrix dz = layer.backward(la.fromRowMajor(2, 3, 1, 0, 2, -1, 1, 0));
        List<Parameter> p = layer.parameters();
        // dW = zᵀ·dy, db = column sums of dy, dz = dy·Wᵀ
        assertArrayEquals(new double[] {-2, 3, 2, -2, 4, 4}, p.get(0).gradient().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {0, 1, 2}, p.get(1).gradient().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {-1, 2, -1, -1}, dz.toRowMajor(), 0.0);
    }

    @Test
    void denseHandlesAChangeOfBatchSize() {
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        layer.forward(la.fromRowMajor(2, 2, Z));
        Matrix y = layer.forward(la.fromRowMajor(1, 2, 3, 4));
        assertArrayEquals(new double[] {11.5, 3, -1}, y.toRowMajor(), 0.0);
        Matrix dz = layer.backward(la.fromRowMajor(1, 3, -1, 1, 0));
        assertArrayEquals(new double[] {-3, 3, 0, -4, 4, 0},
                layer.parameters().get(0).gradient().toRowMajor(), 0.0);
        assertArrayEquals(new double[] {-1, -1}, dz.toRowMajor(), 0.0);
        y = layer.forward(la.fromRowMajor(2, 2, Z));
        assertArrayEquals(new double[] {5.5, 1, 1, 11.5, 3, -1}, y.toRowMajor(), 0.0);
    }

    @Test
    void meanSquaredErrorValueAndGradient() {
        Loss mse = backend.meanSquaredError();
        Matrix y = la.fromRowMajor(2, 2, 1, 2, 3, 5);
        Matrix t = la.fromRowMajor(2, 2, 0, 2, 3, 3);
        Matrix g = la.zeros(2, 2);
        // differences [[1 0] [0 2]]: Σ d² = 5, N = 2, value 5 / (2·2), gradient d / 2
        assertEquals(1.25, mse.value(y, t), 0.0);
        assertEquals(1.25, mse.valueAndGradient(y, t, g), 0.0);
        assertArrayEquals(new double[] {0.5, 0, 0, 1}, g.toRowMajor(), 0.0);
    }

    @Test
    void gemmWithTransposeFlags() {
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix b = la.fromRowMajor(2, 3, 1, 0, 1, 0, 1, 0);
        Matrix c = la.fromRowMajor(2, 2, 1, 1, 1, 1);
        // a·bᵀ = [[4 2] [10 5]]; 2·that + 1·c
        la.gemm(2.0, a, false, b, true, 1.0, c);
        assertArrayEquals(new double[] {9, 5, 21, 11}, c.toRowMajor(), 0.0);
        Matrix d = la.zeros(3, 3);
        // aᵀ·b: rows of aᵀ are [1 4] [2 5] [3 6]
        la.gemm(1.0, a, true, b, false, 0.0, d);
        assertArrayEquals(new double[] {1, 4, 1, 2, 5, 2, 3, 6, 3}, d.toRowMajor(), 0.0);
    }

    @Test
    void rowAndElementwiseOperations() {
        Matrix a = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix dest = la.zeros(2, 3);
        la.addRowVector(a, la.fromRowMajor(1, 3, 10, 20, 30), dest);
        assertArrayEquals(new double[] {11, 22, 33, 14, 25, 36}, dest.toRowMajor(), 0.0);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toRowMajor(), 0.0);
        assertArrayEquals(new double[] {5, 7, 9}, la.columnSums(a).toRowMajor(), 0.0);
        assertEquals(91.0, la.sumOfSquares(a), 0.0);
        la.axpy(-2.0, a, dest); // dest - 2a
        assertArrayEquals(new double[] {9, 18, 27, 6, 15, 24}, dest.toRowMajor(), 0.0);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2, 2.5, 3}, la.scale(0.5, a).toRowMajor(), 0.0);
        assertArrayEquals(new double[] {8, 16, 24, 2, 10, 18},
                la.subtract(dest, a).toRowMajor(), 0.0);
        assertArrayEquals(new double[] {9, 36, 81, 24, 75, 144},
                la.multiplyElements(dest, a).toRowMajor(), 0.0);
    }

    @Test
    void foreignMatrixIsRejectedNamingBothBackends() {
        Matrix foreign = new ForeignMatrix();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.add(foreign, la.zeros(1, 1), la.zeros(1, 1)));
        assertTrue(e.getMessage().contains("'other'") && e.getMessage().contains("'nd4j'"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> backend.dense(foreign, la.zeros(1, 1)));
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        assertThrows(IllegalArgumentException.class, () -> layer.forward(foreign));
    }

    @Test
    void shapeMismatchesAreReportedBeforeTheLibrary() {
        Layer layer = backend.dense(la.fromRowMajor(2, 3, W), la.fromRowMajor(1, 3, B));
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> layer.forward(la.zeros(2, 3)));
        assertTrue(e.getMessage().contains("2x3"), e.getMessage());
        assertThrows(ShapeMismatchException.class,
                () -> backend.dense(la.zeros(2, 3), la.zeros(1, 2)));
        assertThrows(ShapeMismatchException.class,
                () -> la.gemm(1.0, la.zeros(2, 3), false, la.zeros(2, 3), false, 0.0, la.zeros(2, 3)));
        assertThrows(ShapeMismatchException.class,
                () -> backend.meanSquaredError().value(la.zeros(2, 2), la.zeros(2, 3)));
    }

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

    /** A matrix of no real backend. */
    private static final class ForeignMatrix implements Matrix {
        @Override
        public int rows() {
            return 1;
        }

        @Override
        public int cols() {
            return 1;
        }

        @Override
        public String backendName() {
            return "other";
        }

        @Override
        public double get(int row, int col) {
            return 0;
        }

        @Override
        public double[] toRowMajor() {
            return new double[1];
        }
    }
}
