package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Window;
import org.nn4j.api.Window.Padding;
import org.nn4j.tck.Operations.Check;
import org.nn4j.tck.Operations.Dims;
import org.nn4j.tck.Operations.Operation;

/**
 * The direct checks of {@link Backend}'s image-layer factories and of
 * {@link Layer#setTraining} and {@link Layer#state}, for {@link Operations}: each layer on a
 * batch of {@code dims.m()} random images against the kit's own answers, computed here by
 * direct loops over the output pixels (no im2col), with the bounds of {@link Tolerances}: a
 * sum of {@code n} terms within {@code 2γ(n + 2)·Σ|terms|}, max pooling and dropout's
 * selections bit for bit, batch normalisation within a few roundings per value of its
 * {@code M}-term statistics. They do not compute at large sizes (a batch is at most a few
 * images), so {@code Sizes} leaves them out.
 */
final class ImageLayerOperations {

    private ImageLayerOperations() {
    }

    /** The geometry of the checks: stride 2 and uneven {@code same} padding, two channels. */
    private static final Window WINDOW = new Window(new ImageShape(5, 4, 2), 3, 2, 2,
            Padding.SAME);

    static void add(List<Operation> ops) {
        ops.add(new Operation("Backend.convolution(Window, Matrix, Matrix)", false,
                ImageLayerOperations::convolution));
        ops.add(new Operation("Backend.maxPool(Window)", false, (be, d, seed) ->
                pooling(be, d, seed, true)));
        ops.add(new Operation("Backend.averagePool(Window)", false, (be, d, seed) ->
                pooling(be, d, seed, false)));
        Check dropout = ImageLayerOperations::dropout;
        Check normalization = ImageLayerOperations::batchNormalization;
        ops.add(new Operation("Backend.dropout(int, double, DoubleSupplier)", false, dropout));
        ops.add(new Operation("Backend.batchNormalization(ImageShape, Matrix, Matrix, Matrix,"
                + " Matrix, double, double)", false, normalization));
        Check modes = (be, d, seed) -> {
            dropout(be, d, seed);
            batchNormalization(be, d, seed);
        };
        ops.add(new Operation("Layer.setTraining(boolean)", false, modes));
        ops.add(new Operation("Layer.state()", false, modes));
    }

    private static Matrix m(Backend be, int rows, int cols, double[] data) {
        return be.linearAlgebra().fromRowMajor(rows, cols, data);
    }

    /** A sum's answer and bound, accumulated term by term. */
    private static final class Sums {
        final double[] value;
        final double[] magnitude;
        final int[] terms;

        Sums(int n) {
            value = new double[n];
            magnitude = new double[n];
            terms = new int[n];
        }

        void add(int i, double term) {
            value[i] += term;
            magnitude[i] += Math.abs(term);
            terms[i]++;
        }

        Oracle.Expected expected() {
            double[] bound = new double[value.length];
            for (int i = 0; i < bound.length; i++) {
                bound[i] = 2 * Tolerances.gamma(terms[i] + 2) * magnitude[i];
            }
            return new Oracle.Expected(value, bound);
        }
    }

    /** Calls {@code visit(n, output pixel index, input pixel index or −1, ky, kx)}. */
    private interface Visit {
        void at(int n, int out, int in, int ky, int kx);
    }

    private static void windows(int batch, Window w, Visit visit) {
        ImageShape in = w.input();
        for (int n = 0; n < batch; n++) {
            for (int oy = 0; oy < w.outputHeight(); oy++) {
                for (int ox = 0; ox < w.outputWidth(); ox++) {
                    for (int ky = 0; ky < w.kernelHeight(); ky++) {
                        for (int kx = 0; kx < w.kernelWidth(); kx++) {
                            int iy = oy * w.stride() - w.padTop() + ky;
                            int ix = ox * w.stride() - w.padLeft() + kx;
                            boolean inside = iy >= 0 && iy < in.height() && ix >= 0
                                    && ix < in.width();
                            visit.at(n, oy * w.outputWidth() + ox,
                                    inside ? iy * in.width() + ix : -1, ky, kx);
                        }
                    }
                }
            }
        }
    }

    static void convolution(Backend be, Dims d, long seed) {
        int batch = d.m();
        int filters = Math.max(d.n(), 1);
        Window w = WINDOW;
        int c = w.input().channels();
        int pixels = w.outputHeight() * w.outputWidth();
        double[] x = Oracle.random(seed, batch * w.input().size());
        double[] k = Oracle.random(seed + 1, filters * w.patchSize());
        double[] b = Oracle.random(seed + 2, filters);
        double[] dy = Oracle.random(seed + 3, batch * pixels * filters);
        Sums y = new Sums(dy.length);
        Sums dx = new Sums(x.length);
        Sums dk = new Sums(k.length);
        Sums db = new Sums(filters);
        for (int i = 0; i < dy.length; i++) {
            y.add(i, b[i % filters]);
            db.add(i % filters, dy[i]);
        }
        int inSize = w.input().size();
        windows(batch, w, (n, out, in, ky, kx) -> {
            if (in < 0) {
                return;
            }
            for (int f = 0; f < filters; f++) {
                int o = (n * pixels + out) * filters + f;
                for (int ch = 0; ch < c; ch++) {
                    int kIndex = f * w.patchSize() + (ky * w.kernelWidth() + kx) * c + ch;
                    int xIndex = n * inSize + in * c + ch;
                    y.add(o, k[kIndex] * x[xIndex]);
                    dk.add(kIndex, dy[o] * x[xIndex]);
                    dx.add(xIndex, dy[o] * k[kIndex]);
                }
            }
        });
        Matrix kernels = m(be, filters, w.patchSize(), k);
        Matrix bias = m(be, 1, filters, b);
        Layer layer = be.convolution(w, kernels, bias);
        String what = "convolution " + w + ", " + filters + " filters, batch " + batch;
        assertEquals(inSize, layer.inputSize(), what + ": inputSize");
        assertEquals(pixels * filters, layer.outputSize(), what + ": outputSize");
        List<Parameter> params = layer.parameters();
        assertEquals(List.of("kernels", "bias"), params.stream().map(Parameter::name).toList(),
                what + ": parameter names");
        assertSame(kernels, params.get(0).value(), what + ": kernels is the given matrix");
        assertSame(bias, params.get(1).value(), what + ": bias is the given matrix");
        Oracle.check(what + ": forward", y.expected(),
                layer.forward(m(be, batch, inSize, x)).toRowMajor());
        assertNull(layer.backward(m(be, batch, pixels * filters, dy), false),
                what + ": backward(dy, false)");
        Oracle.check(what + ": dKernels", dk.expected(), params.get(0).gradient().toRowMajor());
        Oracle.check(what + ": dBias", db.expected(), params.get(1).gradient().toRowMajor());
        Oracle.check(what + ": dx", dx.expected(),
                layer.backward(m(be, batch, pixels * filters, dy)).toRowMajor());
    }

    static void pooling(Backend be, Dims d, long seed, boolean max) {
        int batch = d.m();
        Window w = WINDOW;
        int c = w.input().channels();
        int inSize = w.input().size();
        int outSize = w.pooled().size();
        double[] x = Oracle.random(seed, batch * inSize);
        double[] dy = Oracle.random(seed + 1, batch * outSize);
        double[] y = new double[dy.length];
        java.util.Arrays.fill(y, Double.NEGATIVE_INFINITY);
        int[] argmax = new int[dy.length];
        int[] count = new int[dy.length];
        Sums sum = new Sums(dy.length);
        windows(batch, w, (n, out, in, ky, kx) -> {
            if (in < 0) {
                return;
            }
            for (int ch = 0; ch < c; ch++) {
                int o = n * outSize + out * c + ch;
                int xi = n * inSize + in * c + ch;
                if (x[xi] > y[o]) {
                    y[o] = x[xi];
                    argmax[o] = xi;
                }
                count[o]++;
                sum.add(o, x[xi]);
            }
        });
        Sums dx = new Sums(x.length);
        if (max) {
            for (int o = 0; o < dy.length; o++) {
                dx.add(argmax[o], dy[o]);
            }
        } else {
            windows(batch, w, (n, out, in, ky, kx) -> {
                for (int ch = 0; in >= 0 && ch < c; ch++) {
                    int o = n * outSize + out * c + ch;
                    dx.add(n * inSize + in * c + ch, dy[o] / count[o]);
                }
            });
        }
        Oracle.Expected forward = Oracle.Expected.exact(y);
        if (!max) {
            Oracle.Expected s = sum.expected();
            double[] mean = new double[y.length];
            double[] bound = new double[y.length];
            for (int o = 0; o < y.length; o++) {
                mean[o] = s.values()[o] / count[o];
                bound[o] = (s.bounds()[o] + Tolerances.roundings(2) * sum.magnitude[o]) / count[o];
            }
            forward = new Oracle.Expected(mean, bound);
        }
        Oracle.Expected backward = dx.expected();
        if (!max) {
            for (int i = 0; i < x.length; i++) {
                backward.bounds()[i] += Tolerances.roundings(2) * dx.magnitude[i];
            }
        }
        Layer layer = max ? be.maxPool(w) : be.averagePool(w);
        String what = (max ? "maxPool " : "averagePool ") + w + ", batch " + batch;
        assertEquals(inSize, layer.inputSize(), what + ": inputSize");
        assertEquals(outSize, layer.outputSize(), what + ": outputSize");
        assertEquals(List.of(), layer.parameters(), what + ": parameters");
        Oracle.check(what + ": forward", forward, layer.forward(m(be, batch, inSize, x))
                .toRowMajor());
        Oracle.check(what + ": backward", backward, layer.backward(m(be, batch, outSize, dy))
                .toRowMajor());
    }

    static void dropout(Backend be, Dims d, long seed) {
        int rows = d.m();
        int size = d.k();
        double rate = 0.375;
        double[] draws = Oracle.random(seed, rows * size, 0, 1);
        double[] x = Oracle.random(seed + 1, rows * size);
        double[] dy = Oracle.random(seed + 2, rows * size);
        double[] y = new double[x.length];
        double[] dx = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            boolean keep = draws[i] >= rate;
            y[i] = keep ? x[i] / (1 - rate) : 0;
            dx[i] = keep ? dy[i] / (1 - rate) : 0;
        }
        Layer layer = be.dropout(size, rate, ImageLayerGradients.replaying(draws));
        String what = "dropout " + rate + ", " + rows + "x" + size;
        assertEquals(size, layer.inputSize(), what + ": inputSize");
        assertEquals(size, layer.outputSize(), what + ": outputSize");
        assertEquals(List.of(), layer.parameters(), what + ": parameters");
        assertEquals(List.of(), layer.state(), what + ": state");
        // x·round(1/(1 − rate)): two roundings in float32 (1/0.625 = 1.6 is not a float)
        Oracle.check(what + ": forward in training", within(y, 2),
                layer.forward(m(be, rows, size, x)).toRowMajor());
        Oracle.check(what + ": backward in training", within(dx, 2),
                layer.backward(m(be, rows, size, dy)).toRowMajor());
        layer.setTraining(false);
        Oracle.check(what + ": forward in inference", Oracle.Expected.exact(x),
                layer.forward(m(be, rows, size, x)).toRowMajor());
        Oracle.check(what + ": backward in inference", Oracle.Expected.exact(dy),
                layer.backward(m(be, rows, size, dy)).toRowMajor());
    }

    /** Within {@code roundings} of each value; a dropped value is a zero of either sign. */
    private static Oracle.Expected within(double[] values, double roundings) {
        double[] bound = new double[values.length];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = values[i] == 0 ? Double.MIN_VALUE
                    : Tolerances.roundings(roundings) * Math.abs(values[i]);
        }
        return new Oracle.Expected(values, bound);
    }

    static void batchNormalization(Backend be, Dims d, long seed) {
        int batch = d.m();
        ImageShape image = new ImageShape(2, 1 + d.k() % 3, 1 + d.n() % 3);
        int c = image.channels();
        int size = image.size();
        int rows = batch * image.pixels();
        double eps = 1e-3;
        double momentum = 0.25;
        double[] x = Oracle.random(seed, batch * size, -2, 2);
        double[] gamma = Oracle.random(seed + 1, c, 0.5, 1.5);
        double[] beta = Oracle.random(seed + 2, c);
        double[] mean0 = Oracle.random(seed + 3, c);
        double[] var0 = Oracle.random(seed + 4, c, 0.5, 2);
        double[] mean = new double[c];
        double[] var = new double[c];
        double[] spread = new double[c];
        for (int i = 0; i < x.length; i++) {
            mean[i % c] += x[i] / rows;
        }
        for (int i = 0; i < x.length; i++) {
            var[i % c] += (x[i] - mean[i % c]) * (x[i] - mean[i % c]) / rows;
            spread[i % c] = Math.max(spread[i % c], Math.abs(x[i]));
        }
        Matrix runningMean = m(be, 1, c, mean0);
        Matrix runningVariance = m(be, 1, c, var0);
        Layer layer = be.batchNormalization(image, m(be, 1, c, gamma), m(be, 1, c, beta),
                runningMean, runningVariance, momentum, eps);
        String what = "batchNormalization " + image + ", batch " + batch;
        assertEquals(size, layer.inputSize(), what + ": inputSize");
        assertEquals(size, layer.outputSize(), what + ": outputSize");
        assertEquals(List.of("runningMean", "runningVariance"),
                layer.state().stream().map(Layer.State::name).toList(), what + ": state names");
        assertSame(runningMean, layer.state().get(0).value(), what + ": runningMean");
        assertSame(runningVariance, layer.state().get(1).value(), what + ": runningVariance");
        boolean training = rows > 1;
        if (training) {
            Oracle.check(what + ": training forward", normalized(x, gamma, beta, mean, var,
                    spread, eps, rows), layer.forward(m(be, batch, size, x)).toRowMajor());
            double[] runningM = new double[c];
            double[] runningV = new double[c];
            double[] bound = new double[c];
            for (int ch = 0; ch < c; ch++) {
                runningM[ch] = (1 - momentum) * mean0[ch] + momentum * mean[ch];
                runningV[ch] = (1 - momentum) * var0[ch]
                        + momentum * var[ch] * rows / (rows - 1.0);
                bound[ch] = Tolerances.roundings(8 * (rows + 8)) * (4 + spread[ch] * spread[ch]);
            }
            Oracle.check(what + ": running mean", new Oracle.Expected(runningM, bound),
                    runningMean.toRowMajor());
            Oracle.check(what + ": running variance", new Oracle.Expected(runningV, bound),
                    runningVariance.toRowMajor());
            mean0 = runningMean.toRowMajor();
            var0 = runningVariance.toRowMajor();
        }
        layer.setTraining(false);
        Oracle.check(what + ": inference forward", normalized(x, gamma, beta, mean0, var0,
                spread, eps, 1), layer.forward(m(be, batch, size, x)).toRowMajor());
        Oracle.check(what + ": inference leaves the running mean", Oracle.Expected.exact(mean0),
                runningMean.toRowMajor());
    }

    /** {@code γ·(x − μ)/√(σ² + ε) + β}, within a few roundings of each of its terms. */
    private static Oracle.Expected normalized(double[] x, double[] gamma, double[] beta,
                                              double[] mean, double[] var, double[] spread,
                                              double eps, int rows) {
        int c = gamma.length;
        double[] y = new double[x.length];
        double[] bound = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int ch = i % c;
            double deviation = Math.sqrt(var[ch] + eps);
            y[i] = gamma[ch] * (x[i] - mean[ch]) / deviation + beta[ch];
            bound[i] = Tolerances.roundings(8 * (rows + 8))
                    * (Math.abs(gamma[ch]) * (spread[ch] + Math.abs(mean[ch])) / deviation
                    * (1 + spread[ch] * spread[ch] / (var[ch] + eps)) + Math.abs(beta[ch]));
        }
        return new Oracle.Expected(y, bound);
    }
}
