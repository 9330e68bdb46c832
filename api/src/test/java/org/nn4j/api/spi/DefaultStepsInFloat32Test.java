package org.nn4j.api.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * {@link AbstractLinearAlgebra}'s default optimizer steps on a float32 backend that overrides
 * none of them: they store float32 values, the same bits as the {@code float[]} kernels of
 * {@link OptimizerKernels}; and {@code clipGlobalNorm} refuses a float64 matrix of the same
 * class, naming both precisions.
 */
class DefaultStepsInFloat32Test {

    /** A matrix of one class in either precision: elements kept as doubles, rounded on entry. */
    static final class ArrayMatrix implements Matrix {
        final int rows;
        final int cols;
        final Precision precision;
        final double[] data;

        ArrayMatrix(int rows, int cols, Precision precision) {
            this.rows = rows;
            this.cols = cols;
            this.precision = precision;
            this.data = new double[rows * cols];
        }

        @Override
        public int rows() {
            return rows;
        }

        @Override
        public int cols() {
            return cols;
        }

        @Override
        public String backendName() {
            return "arrays";
        }

        @Override
        public Precision precision() {
            return precision;
        }

        @Override
        public double get(int row, int col) {
            return data[row * cols + col];
        }

        @Override
        public double[] toRowMajor() {
            return data.clone();
        }
    }

    /** Only what the defaults under test need; every other kernel is unsupported. */
    static final class ArrayLinearAlgebra extends AbstractLinearAlgebra<ArrayMatrix> {
        ArrayLinearAlgebra(Precision precision) {
            super("arrays", ArrayMatrix.class, precision);
        }

        @Override
        protected ArrayMatrix newZeros(int rows, int cols) {
            return new ArrayMatrix(rows, cols, precision());
        }

        @Override
        protected ArrayMatrix newFromRowMajor(int rows, int cols, double[] data) {
            ArrayMatrix m = newZeros(rows, cols);
            doCopyFromRowMajor(data, 0, m);
            return m;
        }

        @Override
        protected void doCopyFromRowMajor(double[] src, int offset, ArrayMatrix dest) {
            for (int i = 0; i < dest.data.length; i++) {
                dest.data[i] = precision().round(src[offset + i]);
            }
        }

        @Override
        protected void doCopyToRowMajor(ArrayMatrix src, double[] dest, int offset) {
            System.arraycopy(src.data, 0, dest, offset, src.data.length);
        }

        @Override
        protected void doScale(double alpha, ArrayMatrix a, ArrayMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = precision().round(alpha * a.data[i]);
            }
        }

        @Override
        protected double doSumOfSquares(ArrayMatrix a) {
            double sum = 0.0;
            for (double x : a.data) {
                sum += x * x;
            }
            return sum;
        }

        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("not needed by this test");
        }

        @Override
        protected void doCopy(ArrayMatrix src, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doFill(double value, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doGemm(double alpha, ArrayMatrix a, boolean transA, ArrayMatrix b,
                              boolean transB, double beta, ArrayMatrix c) {
            throw unused();
        }

        @Override
        protected void doAddRowVector(ArrayMatrix a, ArrayMatrix row, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doColumnSums(ArrayMatrix a, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doAxpy(double alpha, ArrayMatrix x, ArrayMatrix y) {
            throw unused();
        }

        @Override
        protected void doAdd(ArrayMatrix a, ArrayMatrix b, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doSubtract(ArrayMatrix a, ArrayMatrix b, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doMultiplyElements(ArrayMatrix a, ArrayMatrix b, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doDivideElements(ArrayMatrix a, ArrayMatrix b, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doSqrt(ArrayMatrix a, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doAddScalar(double alpha, ArrayMatrix a, ArrayMatrix dest) {
            throw unused();
        }

        @Override
        protected void doArgmaxRows(ArrayMatrix a, int[] dest) {
            throw unused();
        }
    }

    private final ArrayLinearAlgebra la = new ArrayLinearAlgebra(Precision.F32);
    private final Random random = new Random(20);

    private Matrix random(double scale, boolean nonNegative) {
        double[] x = new double[3 * 50];
        for (int i = 0; i < x.length; i++) {
            double v = scale * random.nextGaussian();
            x[i] = nonNegative ? Math.abs(v) : v;
        }
        return la.fromRowMajor(3, 50, x);
    }

    private static float[] floats(Matrix m) {
        double[] d = m.toRowMajor();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
            assertEquals(f[i], d[i], 0.0, "element " + i + " is not a float32 value");
        }
        return f;
    }

    private static void assertSame(float[] expected, Matrix actual, String what) {
        assertArrayEquals(expected, floats(actual), what);
    }

    @Test
    void defaultStepsMatchTheFloatKernels() {
        Matrix g = random(1.0, false);
        Matrix s = random(1.0, false);
        Matrix t = random(0.1, true);
        Matrix p = random(1.0, false);
        float[] gf = floats(g);
        float[] sf = floats(s);
        float[] tf = floats(t);
        float[] pf = floats(p);
        int n = pf.length;

        la.momentumStep(0.01, 0.9, 1e-3, g, s, p);
        OptimizerKernels.momentum(0.01, 0.9, 1e-3, gf, sf, pf, n);
        assertSame(sf, s, "momentum velocity");
        assertSame(pf, p, "momentum parameter");

        la.adaGradStep(0.01, 1e-7, g, t, p);
        OptimizerKernels.adaGrad(0.01, 1e-7, gf, tf, pf, n);
        assertSame(tf, t, "adaGrad sum of squares");
        assertSame(pf, p, "adaGrad parameter");

        la.rmsPropStep(0.001, 0.9, 1e-7, g, t, p);
        OptimizerKernels.rmsProp(0.001, 0.9, 1e-7, gf, tf, pf, n);
        assertSame(tf, t, "rmsProp mean square");
        assertSame(pf, p, "rmsProp parameter");

        la.adamStep(0.001, 0.9, 0.999, 1e-8, 3, g, s, t, p);
        OptimizerKernels.adam(0.001, 0.9, 0.999, 1e-8, 3, gf, sf, tf, pf, n);
        assertSame(sf, s, "adam first moment");
        assertSame(tf, t, "adam second moment");
        assertSame(pf, p, "adam parameter");
    }

    @Test
    void defaultAdamWStoresFloat32Values() {
        Matrix g = random(1.0, false);
        Matrix m = random(0.1, false);
        Matrix v = random(0.1, true);
        Matrix p = random(1.0, false);
        la.adamWStep(0.001, 0.9, 0.999, 1e-8, 0.01, 2, g, m, v, p);
        floats(m);
        floats(v);
        floats(p);
    }

    @Test
    void clipGlobalNormRefusesAMatrixOfTheSameClassInAnotherPrecision() {
        Matrix mine = random(1.0, false);
        Matrix other = new ArrayLinearAlgebra(Precision.F64).zeros(3, 50);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> la.clipGlobalNorm(1.0, List.of(mine, other)));
        assertTrue(e.getMessage().contains("gradients[1]")
                && e.getMessage().contains("float64")
                && e.getMessage().contains("float32"), e.getMessage());
    }
}
