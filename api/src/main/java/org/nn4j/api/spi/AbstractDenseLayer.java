package org.nn4j.api.spi;

import java.util.List;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;

/**
 * A base for a backend's fully connected layer, {@code y = z·W + b}, on matrices that cannot
 * change shape: it checks the arguments, keeps the gradients and the parameter list, and keeps
 * the output and input-gradient buffers for the last {@value BatchSizeCache#DEFAULT_CAPACITY}
 * batch sizes seen ({@link BatchSizeCache}), so a loop that alternates between its batch size
 * and the whole training set allocates nothing in steady state. The backend supplies the three
 * kernels, on its own matrix type, with arguments already checked.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractDenseLayer<M extends Matrix> implements Layer {

    private final AbstractLinearAlgebra<M> la;
    private final M weights;
    private final M bias;
    private final M weightsGradient;
    private final M biasGradient;
    private final List<Parameter> parameters;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final BatchSizeCache<Buffers<M>> buffers;
    private Buffers<M> current;
    private M input;

    /**
     * Creates the layer on the given parameters, trained in place.
     *
     * @param la      the backend's linear algebra, which owns the matrices
     * @param weights {@code W}, {@code in x out}
     * @param bias    {@code b}, {@code 1 x out}
     * @throws org.nn4j.api.ShapeMismatchException if {@code b} is not {@code 1 x out}
     * @throws IllegalArgumentException if a matrix belongs to another backend
     */
    protected AbstractDenseLayer(AbstractLinearAlgebra<M> la, Matrix weights, Matrix bias) {
        this.la = la;
        M w = la.own("dense", "weights", weights);
        M b = la.own("dense", "bias", bias);
        Checks.shape("dense", "bias", Shape.of(1, w.cols()), b);
        this.weights = w;
        this.bias = b;
        this.weightsGradient = zeros(w.rows(), w.cols());
        this.biasGradient = zeros(1, w.cols());
        this.parameters = List.of(new Parameter("W", w, weightsGradient),
                new Parameter("b", b, biasGradient));
        this.inputShape = new Shape(Shape.ANY, w.rows());
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY,
                rows -> new Buffers<>(zeros(rows, w.cols()), zeros(rows, w.rows())));
    }

    /** {@code y = x·W + b}; {@code y} is {@code x.rows() x out}. */
    protected abstract void forward(M x, M weights, M bias, M y);

    /** {@code dW = xᵀ·dy}, {@code db = Σ_rows dy}, overwriting both. */
    protected abstract void parameterGradients(M x, M dy, M weightsGradient, M biasGradient);

    /** {@code dz = dy·Wᵀ}, overwriting {@code dz}. */
    protected abstract void inputGradient(M dy, M weights, M dz);

    @Override
    public final int inputSize() {
        return weights.rows();
    }

    @Override
    public final int outputSize() {
        return weights.cols();
    }

    @Override
    public final Matrix forward(Matrix z) {
        M x = la.own("dense.forward", "input", z);
        Checks.shape("dense.forward", "input", inputShape, x);
        Buffers<M> buf = buffers.get(x.rows());
        forward(x, weights, bias, buf.output);
        current = buf;
        input = x;
        return buf.output;
    }

    @Override
    public final Matrix backward(Matrix outputGradient) {
        return backward(outputGradient, true);
    }

    @Override
    public final Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
        if (input == null) {
            throw new IllegalStateException("dense.backward called before forward");
        }
        M g = la.own("dense.backward", "outputGradient", outputGradient);
        Checks.sameShape("dense.backward", current.output, "outputGradient", g);
        parameterGradients(input, g, weightsGradient, biasGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        inputGradient(g, weights, current.inputGradient);
        return current.inputGradient;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    private M zeros(int rows, int cols) {
        return la.own("dense", "buffer", la.zeros(rows, cols));
    }

    /** The matrices the layer returns for one batch size. */
    private record Buffers<M>(M output, M inputGradient) {
    }
}
