package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;

/**
 * The direct checks of {@link Backend}'s image-layer factories for {@link Operations}: each
 * layer's forward and backward on random data against {@link ImageOracle} and {@link Oracle}
 * (their gradients against finite differences are {@code ImageLayerGradients}), at the image
 * shapes and windows of {@link OperationsOnImages}.
 */
final class OperationsOnImageLayers {

    private OperationsOnImageLayers() {
    }

    private static Matrix m(Backend be, int rows, int cols, double[] data) {
        return be.linearAlgebra().fromRowMajor(rows, cols, data);
    }

    private static void within(String what, Oracle.Expected e, Matrix actual) {
        Oracle.check(what, e, actual.toRowMajor());
    }

    private static double[] abs(double[] a) {
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = Math.abs(a[i]);
        }
        return b;
    }

    static void add(List<Operations.Operation> ops) {
        ops.add(new Operations.Operation("Backend.convolution(Window, Matrix, Matrix)", true,
                OperationsOnImageLayers::convolution));
        ops.add(new Operations.Operation("Backend.maxPool(Window)", true,
                (be, d, seed) -> pooling(be, d, seed, true)));
        ops.add(new Operations.Operation("Backend.averagePool(Window)", true,
                (be, d, seed) -> pooling(be, d, seed, false)));
        ops.add(new Operations.Operation("Backend.dropout(int, double, DoubleSupplier)", true,
                OperationsOnImageLayers::dropout));
        ops.add(new Operations.Operation("Backend.batchNormalization(ImageShape, Matrix, Matrix,"
                + " Matrix, Matrix, double, double)", true,
                OperationsOnImageLayers::batchNormalizationInInference));
    }

    /** y = im2col(x)·Kᵀ + b; dx = col2im(dy·K), dK = dyᵀ·im2col(x), db = column sums of dy. */
    private static void convolution(Backend be, Operations.Dims d, long seed) {
        int filters = 3;
        for (Window w : OperationsOnImages.windows(d)) {
            ImageOracle.Geometry g = ImageOracle.Geometry.of(d.m(), w);
            int rows = d.m() * g.oh() * g.ow();
            double[] x = Oracle.random(seed, d.m() * g.imageSize());
            double[] k = Oracle.random(seed + 1, filters * g.patch());
            double[] b = Oracle.random(seed + 2, filters);
            double[] dy = Oracle.random(seed + 3, rows * filters);
            seed += 4;
            Layer layer = be.convolution(w, m(be, filters, g.patch(), k), m(be, 1, filters, b));
            String what = "convolution of " + filters + " filters, " + w + ", batch " + d.m();
            assertEquals(g.imageSize(), layer.inputSize(), what + ": inputSize");
            assertEquals(g.oh() * g.ow() * filters, layer.outputSize(), what + ": outputSize");
            double[] cols = ImageOracle.im2col(x, g).values();
            Oracle.Expected y = Oracle.gemm(1, cols, g.patch(), false, k, g.patch(), true, 0,
                    null, rows, filters, g.patch());
            for (int i = 0; i < y.values().length; i++) {
                y.values()[i] += b[i % filters];
                y.bounds()[i] += 2 * Tolerances.gamma(g.patch() + 2L) * Math.abs(b[i % filters]);
            }
            within(what + ": forward", y, layer.forward(m(be, d.m(), g.imageSize(), x)));
            Matrix dx = layer.backward(m(be, d.m(), layer.outputSize(), dy));
            // dx: a sum of filters·kh·kw products; the same sums of |terms| bound it.
            double[] dcols = Oracle.gemm(1, dy, filters, false, k, g.patch(), false, 0, null,
                    rows, g.patch(), filters).values();
            double[] absCols = Oracle.gemm(1, abs(dy), filters, false, abs(k), g.patch(), false,
                    0, null, rows, g.patch(), filters).values();
            double[] e = ImageOracle.col2im(dcols, g).values();
            double[] bound = ImageOracle.col2im(absCols, g).values();
            for (int i = 0; i < bound.length; i++) {
                bound[i] *= 2 * Tolerances.gamma((long) filters * g.kh() * g.kw() + 2);
            }
            within(what + ": input gradient", new Oracle.Expected(e, bound), dx);
            within(what + ": kernels gradient", Oracle.gemm(1, dy, filters, true, cols,
                    g.patch(), false, 0, null, filters, g.patch(), rows),
                    layer.parameters().get(0).gradient());
            within(what + ": bias gradient", Oracle.columnSums(dy, rows, filters),
                    layer.parameters().get(1).gradient());
        }
    }

    private static void pooling(Backend be, Operations.Dims d, long seed, boolean max) {
        for (Window w : OperationsOnImages.windows(d)) {
            ImageOracle.Geometry g = ImageOracle.Geometry.of(d.m(), w);
            double[] x = Oracle.random(seed, d.m() * g.imageSize());
            double[] dy = Oracle.random(seed + 1, d.m() * g.pooledSize());
            seed += 2;
            Layer layer = max ? be.maxPool(w) : be.averagePool(w);
            String what = (max ? "maxPool layer, " : "averagePool layer, ") + w;
            assertEquals(g.imageSize(), layer.inputSize(), what + ": inputSize");
            assertEquals(g.pooledSize(), layer.outputSize(), what + ": outputSize");
            Matrix y = layer.forward(m(be, d.m(), g.imageSize(), x));
            within(what + ": forward", max ? ImageOracle.maxPool(x, g)
                    : ImageOracle.averagePool(x, g), y);
            Matrix dx = layer.backward(m(be, d.m(), g.pooledSize(), dy));
            within(what + ": backward", max ? ImageOracle.maxPoolBackward(x, g, dy)
                    : ImageOracle.averagePoolBackward(g, dy), dx);
            assertEquals(List.of(), layer.parameters(), what + ": parameters");
        }
    }

    /** Rate 1/2 (mask 0 or 2, exact) with draws that alternate around it; then inference. */
    private static void dropout(Backend be, Operations.Dims d, long seed) {
        int n = d.m() * d.k();
        double[] x = Oracle.random(seed, n);
        double[] dy = Oracle.random(seed + 1, n);
        double[] draws = new double[n];
        double[] y = new double[n];
        double[] dx = new double[n];
        for (int i = 0; i < n; i++) {
            draws[i] = (i * 7 + seed & 3) / 4.0;     // 0, 0.25, 0.5, 0.75 in a scrambled order
            double mask = draws[i] >= 0.5 ? 2 : 0;
            y[i] = x[i] * mask;
            dx[i] = dy[i] * mask;
        }
        int[] next = {0};
        Layer layer = be.dropout(d.k(), 0.5, () -> draws[next[0]++]);
        String what = "dropout 1/2 on " + d;
        assertEquals(d.k(), layer.inputSize(), what + ": inputSize");
        Matrix mx = m(be, d.m(), d.k(), x);
        within(what + ": forward in training", Oracle.Expected.exact(y), layer.forward(mx));
        assertEquals(n, next[0], what + ": one draw per value");
        within(what + ": backward in training", Oracle.Expected.exact(dx),
                layer.backward(m(be, d.m(), d.k(), dy)));
        layer.setTraining(false);
        within(what + ": forward in inference (the input)", Oracle.Expected.exact(x),
                layer.forward(mx));
        assertEquals(n, next[0], what + ": no draws in inference");
    }

    /**
     * Inference: {@code y = γ·(x − running mean)/√(running variance + ε) + β} per channel,
     * {@code dx = γ/√(running variance + ε)·dy}; the state is the given running statistics.
     */
    private static void batchNormalizationInInference(Backend be, Operations.Dims d, long seed) {
        ImageShape shape = OperationsOnImages.image(d);
        int c = shape.channels();
        double[] x = Oracle.random(seed, d.m() * shape.size());
        double[] dy = Oracle.random(seed + 1, x.length);
        double[] gamma = Oracle.random(seed + 2, c);
        double[] beta = Oracle.random(seed + 3, c);
        double[] mean = Oracle.random(seed + 4, c);
        double[] variance = Oracle.random(seed + 5, c, 0.5, 2);
        double eps = 1e-3;
        Matrix runningMean = m(be, 1, c, mean);
        Matrix runningVariance = m(be, 1, c, variance);
        Layer layer = be.batchNormalization(shape, m(be, 1, c, gamma), m(be, 1, c, beta),
                runningMean, runningVariance, 0.1, eps);
        String what = "batchNormalization in inference, " + shape + ", batch " + d.m();
        assertEquals(List.of("runningMean", "runningVariance"), layer.state().stream()
                .map(Layer.State::name).toList(), what + ": state names");
        layer.setTraining(false);
        double[] y = new double[x.length];
        double[] yBound = new double[x.length];
        double[] dx = new double[x.length];
        double[] dxBound = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double s = Math.sqrt(variance[ch] + eps);
            y[i] = gamma[ch] * (x[i] - mean[ch]) / s + beta[ch];
            yBound[i] = Tolerances.formula() * (Math.abs(gamma[ch]) * (Math.abs(x[i])
                    + Math.abs(mean[ch])) / s + Math.abs(beta[ch]));
            dx[i] = gamma[ch] / s * dy[i];
            dxBound[i] = Tolerances.formula() * Math.abs(dx[i]);
        }
        within(what + ": forward", new Oracle.Expected(y, yBound),
                layer.forward(m(be, d.m(), shape.size(), x)));
        within(what + ": backward", new Oracle.Expected(dx, dxBound),
                layer.backward(m(be, d.m(), shape.size(), dy)));
        within(what + ": running mean unchanged", Oracle.Expected.exact(mean), runningMean);
        within(what + ": running variance unchanged", Oracle.Expected.exact(variance),
                runningVariance);
    }
}
