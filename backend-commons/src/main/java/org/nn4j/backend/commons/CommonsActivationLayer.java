package org.nn4j.backend.commons;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.ActivationKernels;
import org.nn4j.api.spi.BatchSizeCache;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on Commons Math's row arrays: one loop per row, specialised
 * by kind. Backward multiplies {@code dy} by {@code f'}: from the input for ReLU and leaky
 * ReLU, from the cached output for sigmoid ({@code y(1 − y)}) and tanh ({@code 1 − y²}).
 * As in {@link CommonsDenseLayer}, the output and input-gradient buffers of the last
 * {@value #BATCH_SIZES} batch sizes are kept, so a steady training loop allocates nothing.
 */
final class CommonsActivationLayer implements Layer {

    /** How many batch sizes keep their buffers. */
    static final int BATCH_SIZES = 4;

    private final CommonsLinearAlgebra la;
    private final Activation activation;
    private final Activation.Kind kind;
    private final double slope;
    private final int size;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final BatchSizeCache<Buffers> buffers;
    private Buffers current;
    private CommonsMatrix input;

    CommonsActivationLayer(CommonsLinearAlgebra la, Activation activation, int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
        this.kind = activation.kind();
        this.slope = activation.negativeSlope();
        this.size = size;
        this.inputShape = new Shape(Shape.ANY, size);
        this.buffers = new BatchSizeCache<>(BATCH_SIZES, rows -> new Buffers(rows, size));
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
        CommonsMatrix x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", inputShape, x);
        Buffers buf = buffers.get(x.rows());
        double[][] xs = x.data;
        double[][] ys = buf.output.data;
        for (int i = 0; i < xs.length; i++) {
            ActivationKernels.forward(kind, slope, xs[i], ys[i], size);
        }
        current = buf;
        input = x;
        return buf.output;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        CommonsMatrix g = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", current.output, "outputGradient", g);
        double[][] xs = input.data;
        double[][] ys = current.output.data;
        double[][] dys = g.data;
        double[][] dxs = current.inputGradient.data;
        for (int i = 0; i < dys.length; i++) {
            ActivationKernels.backward(kind, slope, xs[i], ys[i], dys[i], dxs[i], size);
        }
        return current.inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "CommonsActivationLayer " + activation + " x" + size;
    }

    /** The matrices the layer returns for one batch size. */
    private static final class Buffers {
        final CommonsMatrix output;
        final CommonsMatrix inputGradient;

        Buffers(int rows, int size) {
            this.output = CommonsMatrix.zeros(rows, size);
            this.inputGradient = CommonsMatrix.zeros(rows, size);
        }
    }
}
