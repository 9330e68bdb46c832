package org.nn4j.trainer.testing;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractActivationLayer;
import org.nn4j.api.spi.AbstractBackend;
import org.nn4j.api.spi.AbstractDenseLayer;
import org.nn4j.api.spi.AbstractLinearAlgebra;
import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.ActivationKernels;
import org.nn4j.api.spi.Checks;
import org.nn4j.api.spi.LossKernels;

/**
 * A tiny test-only backend named {@code "f32test"} that supports float64 and float32, so the
 * trainer's precision plumbing can be tested without a real float32 backend. Its matrices store
 * {@code float[]} in float32 (a {@code double[]} in float64); each kernel widens its operands,
 * computes in double and rounds what it stores to the matrix's precision. Slow, plain loops:
 * for small tests only.
 */
public final class Float32TestBackend extends AbstractBackend<Float32TestBackend.TestMatrix> {

    /** The backend's name. */
    public static final String NAME = "f32test";

    private final TestLinearAlgebra la;

    private Float32TestBackend(TestLinearAlgebra la) {
        super(la, new SquaredError(la), new SoftmaxCe(la));
        this.la = la;
    }

    /**
     * Returns the backend in float64; {@code inPrecision(F32)} gives float32.
     *
     * @return a new backend
     */
    public static Backend create() {
        return new Float32TestBackend(new TestLinearAlgebra(Precision.F64));
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.allOf(Precision.class);
    }

    @Override
    protected Backend createInPrecision(Precision precision) {
        return new Float32TestBackend(new TestLinearAlgebra(precision));
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new Dense(la, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new ActivationLayer(la, activation, size);
    }

    /** A matrix: row-major values, each representable in its precision. */
    public static final class TestMatrix implements Matrix {
        final int rows;
        final int cols;
        final Precision precision;
        final double[] data;

        TestMatrix(int rows, int cols, Precision precision, double[] data) {
            this.rows = rows;
            this.cols = cols;
            this.precision = precision;
            this.data = data;
            round();
        }

        void round() {
            if (precision == Precision.F32) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) data[i];
                }
            }
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
        public Precision precision() {
            return precision;
        }

        @Override
        public String backendName() {
            return NAME;
        }

        @Override
        public double get(int row, int col) {
            Checks.index(this, row, col);
            return data[row * cols + col];
        }

        @Override
        public double[] toRowMajor() {
            return data.clone();
        }
    }

    private static final class TestLinearAlgebra extends AbstractLinearAlgebra<TestMatrix> {

        TestLinearAlgebra(Precision precision) {
            super(NAME, TestMatrix.class, precision);
        }

        @Override
        protected TestMatrix newZeros(int rows, int cols) {
            return new TestMatrix(rows, cols, precision(), new double[rows * cols]);
        }

        @Override
        protected TestMatrix newFromRowMajor(int rows, int cols, double[] data) {
            return new TestMatrix(rows, cols, precision(), data.clone());
        }

        @Override
        protected void doCopyFromRowMajor(double[] src, int offset, TestMatrix dest) {
            System.arraycopy(src, offset, dest.data, 0, dest.data.length);
            dest.round();
        }

        @Override
        protected void doCopyToRowMajor(TestMatrix src, double[] dest, int offset) {
            System.arraycopy(src.data, 0, dest, offset, src.data.length);
        }

        @Override
        protected void doCopy(TestMatrix src, TestMatrix dest) {
            System.arraycopy(src.data, 0, dest.data, 0, src.data.length);
        }

        @Override
        protected void doFill(double value, TestMatrix dest) {
            Arrays.fill(dest.data, value);
            dest.round();
        }

        @Override
        protected void doGemm(double alpha, TestMatrix a, boolean transA, TestMatrix b,
                              boolean transB, double beta, TestMatrix c) {
            int k = transA ? a.rows : a.cols;
            for (int i = 0; i < c.rows; i++) {
                for (int j = 0; j < c.cols; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double x = transA ? a.data[p * a.cols + i] : a.data[i * a.cols + p];
                        double y = transB ? b.data[j * b.cols + p] : b.data[p * b.cols + j];
                        s += x * y;
                    }
                    int at = i * c.cols + j;
                    c.data[at] = beta == 0 ? alpha * s : alpha * s + beta * c.data[at];
                }
            }
            c.round();
        }

        @Override
        protected void doAddRowVector(TestMatrix a, TestMatrix row, TestMatrix dest) {
            for (int i = 0; i < a.rows; i++) {
                for (int j = 0; j < a.cols; j++) {
                    dest.data[i * a.cols + j] = a.data[i * a.cols + j] + row.data[j];
                }
            }
            dest.round();
        }

        @Override
        protected void doColumnSums(TestMatrix a, TestMatrix dest) {
            Arrays.fill(dest.data, 0.0);
            for (int i = 0; i < a.rows; i++) {
                for (int j = 0; j < a.cols; j++) {
                    dest.data[j] += a.data[i * a.cols + j];
                }
            }
            dest.round();
        }

        @Override
        protected double doSumOfSquares(TestMatrix a) {
            double s = 0;
            for (double v : a.data) {
                s += v * v;
            }
            return s;
        }

        @Override
        protected void doScale(double alpha, TestMatrix a, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = alpha * a.data[i];
            }
            dest.round();
        }

        @Override
        protected void doAxpy(double alpha, TestMatrix x, TestMatrix y) {
            for (int i = 0; i < x.data.length; i++) {
                y.data[i] += alpha * x.data[i];
            }
            y.round();
        }

        @Override
        protected void doAdd(TestMatrix a, TestMatrix b, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = a.data[i] + b.data[i];
            }
            dest.round();
        }

        @Override
        protected void doSubtract(TestMatrix a, TestMatrix b, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = a.data[i] - b.data[i];
            }
            dest.round();
        }

        @Override
        protected void doMultiplyElements(TestMatrix a, TestMatrix b, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = a.data[i] * b.data[i];
            }
            dest.round();
        }

        @Override
        protected void doDivideElements(TestMatrix a, TestMatrix b, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = a.data[i] / b.data[i];
            }
            dest.round();
        }

        @Override
        protected void doSqrt(TestMatrix a, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = Math.sqrt(a.data[i]);
            }
            dest.round();
        }

        @Override
        protected void doAddScalar(double alpha, TestMatrix a, TestMatrix dest) {
            for (int i = 0; i < a.data.length; i++) {
                dest.data[i] = a.data[i] + alpha;
            }
            dest.round();
        }

        @Override
        protected void doArgmaxRows(TestMatrix a, int[] dest) {
            for (int i = 0; i < a.rows; i++) {
                int best = 0;
                for (int j = 1; j < a.cols; j++) {
                    if (a.data[i * a.cols + j] > a.data[i * a.cols + best]) {
                        best = j;
                    }
                }
                dest[i] = best;
            }
        }
    }

    private static final class Dense extends AbstractDenseLayer<TestMatrix> {
        private final TestLinearAlgebra la;

        Dense(TestLinearAlgebra la, Matrix weights, Matrix bias) {
            super(la, weights, bias);
            this.la = la;
        }

        @Override
        protected void forward(TestMatrix x, TestMatrix weights, TestMatrix bias, TestMatrix y) {
            la.gemm(1.0, x, false, weights, false, 0.0, y);
            la.addRowVector(y, bias, y);
        }

        @Override
        protected void parameterGradients(TestMatrix x, TestMatrix dy, TestMatrix weightsGradient,
                                          TestMatrix biasGradient) {
            la.gemm(1.0, x, true, dy, false, 0.0, weightsGradient);
            la.columnSums(dy, biasGradient);
        }

        @Override
        protected void inputGradient(TestMatrix dy, TestMatrix weights, TestMatrix dz) {
            la.gemm(1.0, dy, false, weights, true, 0.0, dz);
        }
    }

    private static final class ActivationLayer extends AbstractActivationLayer<TestMatrix> {
        ActivationLayer(TestLinearAlgebra la, Activation activation, int size) {
            super(la, activation, size);
        }

        @Override
        protected void forward(TestMatrix x, TestMatrix y) {
            ActivationKernels.forward(kind(), slope(), x.data, y.data, x.data.length);
            y.round();
        }

        @Override
        protected void backward(TestMatrix x, TestMatrix y, TestMatrix dy, TestMatrix dx) {
            ActivationKernels.backward(kind(), slope(), x.data, y.data, dy.data, dx.data,
                    x.data.length);
            dx.round();
        }
    }

    private static final class SquaredError extends AbstractLoss<TestMatrix> {
        SquaredError(TestLinearAlgebra la) {
            super(la, "mean-squared-error", "mse");
        }

        @Override
        protected double doValue(TestMatrix y, TestMatrix t) {
            return 0.5 * LossKernels.squaredError(0.0, y.data, 0, t.data, 0, null, 0,
                    y.data.length, y.rows) / y.rows;
        }

        @Override
        protected double doValueAndGradient(TestMatrix y, TestMatrix t, TestMatrix g) {
            double sum = LossKernels.squaredError(0.0, y.data, 0, t.data, 0, g.data, 0,
                    y.data.length, y.rows);
            g.round();
            return 0.5 * sum / y.rows;
        }
    }

    private static final class SoftmaxCe extends AbstractLoss<TestMatrix> {
        SoftmaxCe(TestLinearAlgebra la) {
            super(la, "softmax-cross-entropy", "softmax-ce");
        }

        @Override
        protected double doValue(TestMatrix y, TestMatrix t) {
            return compute(y, t, null);
        }

        @Override
        protected double doValueAndGradient(TestMatrix y, TestMatrix t, TestMatrix g) {
            double value = compute(y, t, g.data);
            g.round();
            return value;
        }

        private static double compute(TestMatrix y, TestMatrix t, double[] g) {
            if (y.cols == 0) {
                return 0.0;
            }
            double total = 0.0;
            for (int i = 0; i < y.rows; i++) {
                int base = i * y.cols;
                total += LossKernels.softmaxCrossEntropyRow(y.data, base, t.data, base, g, base,
                        y.cols, y.rows);
            }
            return total / y.rows;
        }
    }
}
