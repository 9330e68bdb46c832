package org.nn4j.backend.nd4j;

import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.factory.Nd4j;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.ActivationKernels;
import org.nn4j.api.spi.BatchSizeCache;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on ND4J arrays, each kind the way measured fastest on
 * 128×256 with one OpenMP thread (A/B in one JVM, best of 25 runs of 100 calls):
 * <ul>
 *   <li>sigmoid forward: libnd4j's {@code Sigmoid} transform (193 µs, against 329 µs for the
 *       Java loop between copies), within the kit's stated tolerance of the Java sigmoid;</li>
 *   <li>tanh forward: the Java loop between copies, {@link Math#tanh} as in the other
 *       backends, so a tanh network trains bit for bit as on EJML and Commons Math. libnd4j's
 *       {@code Tanh} was faster (612 against 1,090 µs) but off by up to about ten ulps near 0,
 *       and a 2-16-16-2 tanh classifier's trajectory split from the others' by epoch 150;</li>
 *   <li>ReLU and leaky ReLU forward, and every backward pass: Java loops specialised by
 *       kind, between two bulk copies out of and into native memory (each a
 *       {@code memcpy}, about 3 µs). Leaky ReLU took 44 µs against 96 µs for libnd4j's
 *       {@code LeakyReLU}, ReLU about the same as {@code RectifiedLinear}; the backward
 *       passes take 11 to 26 µs against 121 to 224 µs for {@code relu_bp},
 *       {@code sigmoid_bp} and {@code tanh_bp}, which recompute the function where the
 *       loops here use the cached output ({@code y(1 − y)}, {@code 1 − y²});</li>
 *   <li>the identity: a native {@code assign}.</li>
 * </ul>
 *
 * <p>The layer keeps a Java copy of the input (ReLU, leaky ReLU), of the output (tanh) or copies
 * the output in backward (sigmoid) for backward. As in {@link Nd4jDenseLayer}, the arrays of the
 * last {@value #BATCH_SIZES} batch sizes are kept, so a steady training loop allocates no
 * arrays. In float32 the Java copies are {@code float[]} and the loops
 * {@link ActivationKernels}' float32 ones.
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
    private final BatchSizeCache<Buffers> buffers;
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
        this.buffers = new BatchSizeCache<>(BATCH_SIZES,
                rows -> new Buffers(la.precision(), rows, size,
                        activation.kind() != Activation.Kind.IDENTITY));
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
        Buffers buf = buffers.get(x.rows());
        int n = x.size();
        if (n > 0) {
            switch (kind) {
                case IDENTITY -> buf.output.array.assign(x.array);
                case SIGMOID -> Nd4j.exec(new Sigmoid(x.array, buf.output.array));
                default -> {
                    if (x.isFloat()) {
                        x.floats().get(0, buf.inputFloats, 0, n);
                        if (kind == Activation.Kind.RELU) {
                            Nd4jFloatKernels.reluForward(buf.inputFloats, buf.outputFloats, n);
                        } else {
                            ActivationKernels.forward(kind, slope, buf.inputFloats,
                                    buf.outputFloats, n);
                        }
                        buf.output.floats().put(0, buf.outputFloats, 0, n);
                    } else {
                        x.elements().get(0, buf.input, 0, n);
                        ActivationKernels.forward(kind, slope, buf.input, buf.outputValues, n);
                        buf.output.elements().put(0, buf.outputValues, 0, n);
                    }
                }
            }
        }
        current = buf;
        return buf.output;
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
            } else if (g.isFloat()) {
                float[] dy = buf.gradientFloats;
                g.floats().get(0, dy, 0, n);
                if (kind == Activation.Kind.SIGMOID) {
                    buf.output.floats().get(0, buf.outputFloats, 0, n);
                }
                if (kind == Activation.Kind.RELU) {
                    Nd4jFloatKernels.reluBackward(buf.inputFloats, dy, dy, n);
                } else {
                    ActivationKernels.backward(kind, slope, buf.inputFloats, buf.outputFloats,
                            dy, dy, n);
                }
                buf.inputGradient.floats().put(0, dy, 0, n);
            } else {
                double[] dy = buf.gradient;
                g.elements().get(0, dy, 0, n);
                if (kind == Activation.Kind.SIGMOID) {
                    // The output was computed natively; its Java copy is made here, when needed.
                    buf.output.elements().get(0, buf.outputValues, 0, n);
                }
                ActivationKernels.backward(kind, slope, buf.input, buf.outputValues, dy, dy, n);
                buf.inputGradient.elements().put(0, dy, 0, n);
            }
        }
        return buf.inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "Nd4jActivationLayer " + activation + " x" + size;
    }

    /** The matrices the layer returns for one batch size, and its Java working arrays. */
    private static final class Buffers {
        final Nd4jMatrix output;
        final Nd4jMatrix inputGradient;
        /** The last input, output and output gradient, row-major, in float64; empty for
         *  the identity and in float32. */
        final double[] input;
        final double[] outputValues;
        final double[] gradient;
        /** The same in float32; empty for the identity and in float64. */
        final float[] inputFloats;
        final float[] outputFloats;
        final float[] gradientFloats;

        Buffers(Precision precision, int rows, int size, boolean javaArrays) {
            this.output = Nd4jMatrix.zeros(precision, rows, size);
            this.inputGradient = Nd4jMatrix.zeros(precision, rows, size);
            boolean f32 = precision == Precision.F32;
            int n = javaArrays && !f32 ? rows * size : 0;
            int nf = javaArrays && f32 ? rows * size : 0;
            this.input = new double[n];
            this.outputValues = new double[n];
            this.gradient = new double[n];
            this.inputFloats = new float[nf];
            this.outputFloats = new float[nf];
            this.gradientFloats = new float[nf];
        }
    }
}
