package org.nn4j.backend.nd4j;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on ND4J arrays, computed in Java between two bulk copies:
 * the input is copied out of native memory into a Java array, the function applied by a
 * loop specialised by kind, and the result copied back (each copy a {@code memcpy}, about
 * 3 µs for 128×256). Measured on 128×256 with one OpenMP thread, libnd4j's own transforms
 * were slower: ReLU 67 µs forward and 207 µs backward ({@code relu_bp}) against about 20 µs
 * here, sigmoid 351 and 603 µs against about 230 and 25 µs, tanh 784 and 953 µs against
 * about 740 and 25 µs (the backward passes here use the cached output, {@code y(1 − y)} and
 * {@code 1 − y²}, where libnd4j recomputes the function). The identity is a native
 * {@code assign}.
 *
 * <p>The layer keeps a Java copy of the input (ReLU, leaky ReLU) or of the output (sigmoid,
 * tanh) for backward. As in {@link Nd4jDenseLayer}, the arrays of the last
 * {@value #BATCH_SIZES} batch sizes are kept, so a steady training loop allocates nothing.
 */
final class Nd4jActivationLayer implements Layer {

    /** How many batch sizes keep their buffers. */
    static final int BATCH_SIZES = 4;

    private final Nd4jLinearAlgebra la;
    private final Activation activation;
    private final Activation.Kind kind;
    private final double slope;
    private final int size;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final Buffers[] buffers = new Buffers[BATCH_SIZES];
    private Buffers current;

    Nd4jActivationLayer(Nd4jLinearAlgebra la, Activation activation, int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
        this.kind = activation.kind();
        this.slope = activation.negativeSlope();
        this.size = size;
        this.inputShape = new Shape(Shape.ANY, size);
    }

    @Override
    public int inputSize() {
        return size;
    }

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public Matrix forward(Matrix z) {
        Nd4jMatrix x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", inputShape, x);
        Buffers buf = buffersFor(x.rows());
        int n = x.size();
        if (n > 0) {
            if (kind == Activation.Kind.IDENTITY) {
                buf.output.array.assign(x.array);
            } else {
                x.elements().get(0, buf.input, 0, n);
                forward(kind, slope, buf.input, buf.outputValues, n);
                buf.output.elements().put(0, buf.outputValues, 0, n);
            }
        }
        current = buf;
        return buf.output;
    }

    /** {@code y = f(x)} over the first {@code n} elements. */
    static void forward(Activation.Kind kind, double slope, double[] x, double[] y, int n) {
        switch (kind) {
            case IDENTITY:
                System.arraycopy(x, 0, y, 0, n);
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    y[i] = v > 0.0 ? v : v <= 0.0 ? 0.0 : v;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    y[i] = v > 0.0 ? v : slope * v;
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    if (v >= 0.0) {
                        y[i] = 1.0 / (1.0 + Math.exp(-v));
                    } else {
                        double e = Math.exp(v);
                        y[i] = e / (1.0 + e);
                    }
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    y[i] = Math.tanh(x[i]);
                }
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (current == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        Nd4jMatrix g = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", current.output, "outputGradient", g);
        Buffers buf = current;
        int n = g.size();
        if (n > 0) {
            if (kind == Activation.Kind.IDENTITY) {
                buf.inputGradient.array.assign(g.array);
            } else {
                double[] dy = buf.gradient;
                g.elements().get(0, dy, 0, n);
                backward(kind, slope, buf.input, buf.outputValues, dy, dy, n);
                buf.inputGradient.elements().put(0, dy, 0, n);
            }
        }
        return buf.inputGradient;
    }

    /** {@code dx = dy · f'(x)} over the first {@code n} elements, given {@code x} and {@code y}. */
    static void backward(Activation.Kind kind, double slope, double[] x, double[] y, double[] dy,
                         double[] dx, int n) {
        switch (kind) {
            case IDENTITY:
                System.arraycopy(dy, 0, dx, 0, n);
                break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    dx[i] = dy[i] * (v > 0.0 ? 1.0 : v <= 0.0 ? 0.0 : v);
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < n; i++) {
                    double v = x[i];
                    dx[i] = dy[i] * (v > 0.0 ? 1.0 : v <= 0.0 ? slope : v);
                }
                break;
            case SIGMOID:
                for (int i = 0; i < n; i++) {
                    double s = y[i];
                    dx[i] = dy[i] * (s * (1.0 - s));
                }
                break;
            case TANH:
                for (int i = 0; i < n; i++) {
                    double t = y[i];
                    dx[i] = dy[i] * (1.0 - t * t);
                }
                break;
            default:
                throw new AssertionError(kind);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Nd4jActivationLayer " + activation + " x" + size;
    }

    /** Returns the buffers for a batch size, moving them to the front; allocates if new. */
    private Buffers buffersFor(int rows) {
        int found = BATCH_SIZES - 1;
        for (int i = 0; i < BATCH_SIZES; i++) {
            if (buffers[i] == null || buffers[i].rows == rows) {
                found = i;
                break;
            }
        }
        Buffers b = buffers[found];
        if (b == null || b.rows != rows) {
            b = new Buffers(rows, size, kind != Activation.Kind.IDENTITY);
        }
        System.arraycopy(buffers, 0, buffers, 1, found);
        buffers[0] = b;
        return b;
    }

    /** The matrices the layer returns for one batch size, and its Java working arrays. */
    private static final class Buffers {
        final int rows;
        final Nd4jMatrix output;
        final Nd4jMatrix inputGradient;
        /** The last input, output and output gradient, row-major; empty for the identity. */
        final double[] input;
        final double[] outputValues;
        final double[] gradient;

        Buffers(int rows, int size, boolean javaArrays) {
            this.rows = rows;
            this.output = Nd4jMatrix.zeros(rows, size);
            this.inputGradient = Nd4jMatrix.zeros(rows, size);
            int n = javaArrays ? rows * size : 0;
            this.input = new double[n];
            this.outputValues = new double[n];
            this.gradient = new double[n];
        }
    }
}
