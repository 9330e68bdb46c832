package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;

/**
 * A base for a backend's element-wise activation layer (see
 * {@link org.nn4j.api.Backend#activation}): it checks the arguments with the shared messages,
 * keeps the lifecycle (no backward before forward; the input kept for backward) and the output
 * and input-gradient buffers of the last {@value BatchSizeCache#DEFAULT_CAPACITY} batch sizes
 * ({@link BatchSizeCache}), so a steady training loop allocates nothing. The backend supplies
 * the two kernels on its own matrix type, usually {@link ActivationKernels} on its arrays, so
 * every backend computes the same bits.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractActivationLayer<M extends Matrix> implements Layer {

    private final AbstractLinearAlgebra<M> la;
    private final Activation activation;
    private final int size;
    private final Shape inputShape;
    private final BatchSizeCache<Buffers<M>> buffers;
    private Buffers<M> current;
    private M input;

    /**
     * Creates the layer.
     *
     * @param la         the backend's linear algebra, which owns the matrices
     * @param activation the function
     * @param size       the number of features, non-negative
     * @throws NullPointerException     if {@code activation} is null
     * @throws IllegalArgumentException if {@code size} is negative
     */
    protected AbstractActivationLayer(AbstractLinearAlgebra<M> la, Activation activation,
                                      int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
        this.size = size;
        this.inputShape = new Shape(Shape.ANY, size);
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY,
                rows -> new Buffers<>(zeros(rows), zeros(rows)));
    }

    /** The function's kind, for the kernels. */
    protected final Activation.Kind kind() {
        return activation.kind();
    }

    /** Leaky ReLU's slope for negative inputs (0 for the other kinds), for the kernels. */
    protected final double slope() {
        return activation.negativeSlope();
    }

    /** {@code y = f(x)}, element by element; {@code y} has {@code x}'s shape. */
    protected abstract void forward(M x, M y);

    /**
     * {@code dx = dy · f'(x)}, element by element, given the last forward's input {@code x}
     * and output {@code y}; all four have the same shape.
     */
    protected abstract void backward(M x, M y, M dy, M dx);

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    @Override
    public final Matrix forward(Matrix z) {
        M x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", inputShape, x);
        Buffers<M> buf = buffers.get(x.rows());
        forward(x, buf.output);
        current = buf;
        input = x;
        return buf.output;
    }

    @Override
    public final Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        M g = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", current.output, "outputGradient", g);
        backward(input, current.output, g, current.inputGradient);
        return current.inputGradient;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "activation " + activation + " x" + size + " (" + la.backendName() + ")";
    }

    private M zeros(int rows) {
        return la.own("activation", "buffer", la.zeros(rows, size));
    }

    /** The matrices the layer returns for one batch size. */
    private record Buffers<M>(M output, M inputGradient) {
    }
}
