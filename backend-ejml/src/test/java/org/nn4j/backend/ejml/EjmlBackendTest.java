package org.nn4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.ShapeMismatchException;
import org.nn4j.api.spi.BackendProvider;

class EjmlBackendTest {

    private final Backend backend = new EjmlBackendProvider().create();
    private final LinearAlgebra la = backend.linearAlgebra();

    @Test
    void isDiscoveredThroughServiceLoaderAndSelectedByName() {
        assertTrue(ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == EjmlBackendProvider.class));
        BackendRegistry r = BackendRegistry.discover(getClass().getClassLoader());
        assertEquals("ejml", r.select("ejml").name());
    }

    @Test
    void denseForwardAndBackwardMatchTheTutorialsFormulas() {
        // z = [[1, 2], [3, 4]], W = [[1, 0, -1], [2, 1, 0]], b = [0.5, -1, 2], worked by hand.
        Matrix z = la.fromRowMajor(2, 2, 1, 2, 3, 4);
        Layer layer = backend.dense(la.fromRowMajor(2, 3, 1, 0, -1, 2, 1, 0),
                la.fromRowMajor(1, 3, 0.5, -1, 2));
        assertArrayEquals(new double[] {5.5, 1, 1, 11.5, 3, -1}, layer.forward(z).toRowMajor());
        Matrix dy = la.fromRowMajor(2, 3, 1, 0, 2, -1, 1, 1);
        Matrix dz = layer.backward(dy);
        List<Parameter> p = layer.parameters();
        assertArrayEquals(new double[] {-2, 3, 5, -2, 4, 8}, p.get(0).gradient().toRowMajor());
        assertArrayEquals(new double[] {0, 1, 3}, p.get(1).gradient().toRowMajor());
        assertArrayEquals(new double[] {-1, 2, -2, -1}, dz.toRowMajor());
    }

    @Test
    void meanSquaredErrorIsHalfTheTutorialsFigureWithGradientOverN() {
        Loss mse = backend.meanSquaredError();
        Matrix y = la.fromRowMajor(2, 3, 1, 2, 3, 4, 5, 6);
        Matrix t = la.fromRowMajor(2, 3, 1, 1, 1, 1, 1, 1);
        // Tutorial: mean over rows of Σ (y − t)² = ((0+1+4) + (9+16+25)) / 2 = 27.5.
        assertEquals(27.5 / 2, mse.value(y, t), 0.0);
        Matrix g = la.zeros(2, 3);
        assertEquals(27.5 / 2, mse.valueAndGradient(y, t, g), 0.0);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2, 2.5}, g.toRowMajor());
    }

    @Test
    void denseLayerAndLossGradientsAgreeWithCentralFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(7);
        DoubleSupplier draw = () -> r.nextDouble(-2, 2);
        Matrix z = random(3, 4, draw);
        Matrix t = random(3, 5, draw);
        Layer layer = backend.dense(random(4, 5, draw), random(1, 5, draw));
        Loss mse = backend.meanSquaredError();
        Matrix g = la.zeros(3, 5);
        mse.valueAndGradient(layer.forward(z), t, g);
        Matrix dz = la.copy(layer.backward(g));
        double eps = 1e-6;
        for (Parameter p : layer.parameters()) {
            Matrix analytic = la.copy(p.gradient());
            checkNumerically(p.value(), analytic, () -> mse.value(layer.forward(z), t), eps);
        }
        checkNumerically(z, dz, () -> mse.value(layer.forward(z), t), eps);
    }

    private void checkNumerically(Matrix x, Matrix analytic, DoubleSupplier loss, double eps) {
        double[] values = x.toRowMajor();
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + eps;
            la.copyFromRowMajor(values, 0, x);
            double plus = loss.getAsDouble();
            values[i] = saved - eps;
            la.copyFromRowMajor(values, 0, x);
            double minus = loss.getAsDouble();
            values[i] = saved;
            la.copyFromRowMajor(values, 0, x);
            double numeric = (plus - minus) / (2 * eps);
            double a = analytic.toRowMajor()[i];
            double relative = Math.abs(a - numeric) / Math.max(1e-8, Math.abs(a) + Math.abs(numeric));
            assertTrue(relative < 1e-6, "element " + i + ": analytic " + a + ", numeric " + numeric);
        }
    }

    @ParameterizedTest(name = "transA={0}, transB={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void gemmComputesAlphaOpAOpBPlusBetaCWithoutMaterialisingTransposes(boolean ta, boolean tb) {
        SplittableRandom r = new SplittableRandom(3);
        DoubleSupplier draw = () -> r.nextInt(-5, 6);
        Matrix a = ta ? random(4, 2, draw) : random(2, 4, draw);
        Matrix b = tb ? random(3, 4, draw) : random(4, 3, draw);
        Matrix c = random(2, 3, draw);
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    sum += (ta ? a.get(k, i) : a.get(i, k)) * (tb ? b.get(j, k) : b.get(k, j));
                }
                expected[i * 3 + j] = 2 * sum - 3 * c.get(i, j);
            }
        }
        la.gemm(2, a, ta, b, tb, -3, c);
        assertArrayEquals(expected, c.toRowMajor(), 0.0);
    }

    @Test
    void gemmWithAnEmptyInnerDimensionLeavesBetaTimesC() {
        Matrix c = la.fromRowMajor(2, 2, 1, 2, 3, 4);
        la.gemm(1, la.zeros(2, 0), false, la.zeros(0, 2), false, 0.5, c);
        assertArrayEquals(new double[] {0.5, 1, 1.5, 2}, c.toRowMajor());
    }

    @Test
    void shapeErrorsNameTheOperationTheOperandAndBothShapes() {
        Matrix a = la.zeros(2, 3);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                () -> la.gemm(1, a, false, la.zeros(2, 3), false, 0, la.zeros(2, 3)));
        assertEquals("gemm: b is 2x3 but expected 3x?", e.getMessage());
        assertEquals("gemm: c is 2x2 but expected 2x3", assertThrows(ShapeMismatchException.class,
                () -> la.gemm(1, a, false, la.zeros(3, 3), false, 0, la.zeros(2, 2))).getMessage());
        Layer layer = backend.dense(la.zeros(2, 3), la.zeros(1, 3));
        assertEquals("dense.forward: input is 4x3 but expected ?x2", assertThrows(
                ShapeMismatchException.class, () -> layer.forward(la.zeros(4, 3))).getMessage());
        assertEquals("dense: bias is 1x2 but expected 1x3", assertThrows(
                ShapeMismatchException.class, () -> backend.dense(la.zeros(2, 3), la.zeros(1, 2)))
                .getMessage());
        assertEquals("mse.value: target is 2x2 but expected 2x3", assertThrows(
                ShapeMismatchException.class,
                () -> backend.meanSquaredError().value(a, la.zeros(2, 2))).getMessage());
    }

    @Test
    void misuseIsRejectedWithAClearMessage() {
        Matrix a = la.zeros(2, 2);
        assertEquals("gemm: c must not be the same matrix as a", assertThrows(
                IllegalArgumentException.class, () -> la.gemm(1, a, false, la.zeros(2, 2), false,
                        0, a)).getMessage());
        assertEquals("dense.backward called before forward", assertThrows(
                IllegalStateException.class, () -> backend.dense(la.zeros(2, 2), la.zeros(1, 2))
                        .backward(a)).getMessage());
        assertEquals("fromRowMajor: a 2x2 matrix needs 4 elements, but data has 3",
                assertThrows(IllegalArgumentException.class,
                        () -> la.fromRowMajor(2, 2, 1, 2, 3)).getMessage());
        assertEquals("copyFromRowMajor: src has 5 elements, but 4 are needed from offset 2",
                assertThrows(IndexOutOfBoundsException.class,
                        () -> la.copyFromRowMajor(new double[5], 2, a)).getMessage());
        assertEquals("index (2, 0) is outside a 2x2 matrix", assertThrows(
                IndexOutOfBoundsException.class, () -> a.get(2, 0)).getMessage());
        assertEquals("mse.value: prediction is an empty batch (0x2); at least one row is needed",
                assertThrows(IllegalArgumentException.class, () -> backend.meanSquaredError()
                        .value(la.zeros(0, 2), la.zeros(0, 2))).getMessage());
    }

    @Test
    void aForeignMatrixIsRejectedNamingBothBackends() {
        Matrix foreign = new Matrix() {
            @Override
            public int rows() {
                return 2;
            }

            @Override
            public int cols() {
                return 2;
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
                return new double[4];
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.axpy(1, foreign, la.zeros(2, 2)));
        assertTrue(e.getMessage().startsWith("axpy: x is a matrix of backend 'other'"), e.getMessage());
        assertTrue(e.getMessage().contains("but this is backend 'ejml'"), e.getMessage());
        assertArrayEquals(new double[4], la.convert(foreign).toRowMajor());
    }

    @Test
    void nonFiniteValuesPropagate() {
        Matrix y = la.fromRowMajor(1, 2, Double.NaN, Double.POSITIVE_INFINITY);
        assertTrue(Double.isNaN(backend.meanSquaredError().value(y, la.zeros(1, 2))));
        Matrix sum = la.add(y, la.fromRowMajor(1, 2, 1, Double.NEGATIVE_INFINITY));
        assertTrue(Double.isNaN(sum.get(0, 0)) && Double.isNaN(sum.get(0, 1)));
    }

    @Test
    void aTrainingStepAllocatesNothingOnceWarm() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] data = new double[500 * 5];
        new SplittableRandom(1).doubles(data.length, 0, 10).toArray();
        Matrix x2 = la.zeros(2, 2);
        Matrix t2 = la.zeros(2, 3);
        Matrix g2 = la.zeros(2, 3);
        Matrix x1 = la.zeros(1, 2);
        Matrix t1 = la.zeros(1, 3);
        Matrix g1 = la.zeros(1, 3);
        Layer layer = backend.dense(la.zeros(2, 3), la.zeros(1, 3));
        Loss mse = backend.meanSquaredError();
        List<Parameter> params = layer.parameters();
        Runnable steps = () -> {
            for (int i = 0; i < 20_000; i++) {
                boolean shortBatch = i % 100 == 0; // the seed's one-row batches come and go
                Matrix x = shortBatch ? x1 : x2;
                Matrix t = shortBatch ? t1 : t2;
                Matrix g = shortBatch ? g1 : g2;
                la.copyFromRowMajor(data, (i % 400) * 2, x);
                la.copyFromRowMajor(data, 1000 + (i % 400) * 3, t);
                mse.valueAndGradient(layer.forward(x), t, g);
                layer.backward(g);
                for (int k = 0; k < params.size(); k++) { // as SGD does: no iterator
                    la.axpy(-1e-4, params.get(k).gradient(), params.get(k).value());
                }
            }
        };
        steps.run(); // warm up: buffers reach their largest size, the JIT compiles
        steps.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        steps.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 20_000, "20,000 steps allocated " + allocated + " bytes");
    }

    private Matrix random(int rows, int cols, DoubleSupplier draw) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = draw.getAsDouble();
        }
        return la.fromRowMajor(rows, cols, d);
    }

    @Test
    void theForwardOutputIsTheLayersOwnBufferReusedAcrossCalls() {
        Layer layer = backend.dense(la.zeros(2, 3), la.zeros(1, 3));
        Matrix first = layer.forward(la.zeros(2, 2));
        assertSame(first, layer.forward(la.zeros(1, 2)));
        assertEquals(1, first.rows());
    }
}
