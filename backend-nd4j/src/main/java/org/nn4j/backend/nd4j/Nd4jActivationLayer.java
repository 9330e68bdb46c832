package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;
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
 * <p>An element-wise activation on ND4J arrays. As in {@link Nd4jDenseLayer}, the output
 * and input-gradient buffers of the last {@value #BATCH_SIZES} batch sizes are kept, so a
 * steady training loop allocates no arrays.
 */
final class Nd4jActivationLayer implements Layer {

    /** How many batch sizes keep their buffers. */
    static final int BATCH_SIZES = 4;

    private final Nd4jLinearAlgebra la;
    private final Activation activation;
    private final int size;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final Buffers[] buffers = new Buffers[BATCH_SIZES];
    private Buffers current;
    private Nd4jMatrix input;

    Nd4jActivationLayer(Nd4jLinearAlgebra la, Activation activation, int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
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
        DoubleBuffer xs = x.elements();
        DoubleBuffer ys = buf.output.elements();
        for (int i = 0, n = x.size(); i < n; i++) {
            ys.put(i, activation.apply(xs.get(i)));
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
        Nd4jMatrix g = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", current.output, "outputGradient", g);
        DoubleBuffer xs = input.elements();
        DoubleBuffer dys = g.elements();
        DoubleBuffer dxs = current.inputGradient.elements();
        for (int i = 0, n = g.size(); i < n; i++) {
            dxs.put(i, dys.get(i) * activation.derivative(xs.get(i)));
        }
        return current.inputGradient;
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
            b = new Buffers(rows, size);
        }
        System.arraycopy(buffers, 0, buffers, 1, found);
        buffers[0] = b;
        return b;
    }

    /** The matrices the layer returns for one batch size. */
    private static final class Buffers {
        final int rows;
        final Nd4jMatrix output;
        final Nd4jMatrix inputGradient;

        Buffers(int rows, int size) {
            this.rows = rows;
            this.output = Nd4jMatrix.zeros(rows, size);
            this.inputGradient = Nd4jMatrix.zeros(rows, size);
        }
    }
}
