package org.nn4j.backend.commons;

import java.util.List;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.BatchSizeCache;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc}
 *
 * <p>The fully connected layer {@code y = z·W + b} on Commons Math's row arrays:
 * {@code dW = zᵀ·dy} and {@code dz = dy·Wᵀ} by the transposed kernels of
 * {@link CommonsLinearAlgebra#gemm}, without materialising a transpose;
 * {@code db = Σ_rows dy}.
 *
 * <p>Commons Math matrices cannot change shape, so the layer keeps its output and input
 * gradient buffers for the last {@value #BATCH_SIZES} batch sizes it has seen: a training
 * loop that alternates between its batch size and the whole training set (as the
 * tutorial's convergence check does) allocates nothing in steady state.
 */
final class CommonsDenseLayer implements Layer {

    /** How many batch sizes keep their buffers. */
    static final int BATCH_SIZES = 4;

    private final CommonsLinearAlgebra la;
    private final CommonsMatrix weights;
    private final CommonsMatrix bias;
    private final CommonsMatrix weightsGradient;
    private final CommonsMatrix biasGradient;
    private final List<Parameter> parameters;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final BatchSizeCache<Buffers> buffers;
    private Buffers current;
    private CommonsMatrix input;

    CommonsDenseLayer(CommonsLinearAlgebra la, Matrix weights, Matrix bias) {
        this.la = la;
        CommonsMatrix w = la.own("dense", "weights", weights);
        CommonsMatrix b = la.own("dense", "bias", bias);
        Checks.shape("dense", "bias", Shape.of(1, w.cols()), b);
        this.weights = w;
        this.bias = b;
        this.weightsGradient = CommonsMatrix.zeros(w.rows(), w.cols());
        this.biasGradient = CommonsMatrix.zeros(1, w.cols());
        this.parameters = List.of(new Parameter("W", w, weightsGradient),
                new Parameter("b", b, biasGradient));
        this.inputShape = new Shape(Shape.ANY, w.rows());
        this.buffers = new BatchSizeCache<>(BATCH_SIZES,
                rows -> new Buffers(rows, w.rows(), w.cols()));
    }

    @Override
    public int inputSize() {
        return weights.rows();
    }

    @Override
    public int outputSize() {
        return weights.cols();
    }

    @Override
    public Matrix forward(Matrix z) {
        CommonsMatrix x = la.own("dense.forward", "input", z);
        Checks.shape("dense.forward", "input", inputShape, x);
        Buffers buf = buffers.get(x.rows());
        CommonsMatrix y = buf.output;
        CommonsLinearAlgebra.gemm(1.0, x.data, x.cols(), false, weights.data, weights.cols(),
                false, 0.0, y.data);
        CommonsLinearAlgebra.addRowVector(y.data, bias.data[0], y.data);
        current = buf;
        input = x;
        return y;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        return backward(outputGradient, true);
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
        if (input == null) {
            throw new IllegalStateException("dense.backward called before forward");
        }
        CommonsMatrix g = la.own("dense.backward", "outputGradient", outputGradient);
        Checks.sameShape("dense.backward", current.output, "outputGradient", g);
        CommonsLinearAlgebra.gemm(1.0, input.data, input.cols(), true, g.data, g.cols(), false,
                0.0, weightsGradient.data);
        CommonsLinearAlgebra.columnSums(g.data, biasGradient.data[0]);
        if (!inputGradientNeeded) {
            return null;
        }
        CommonsMatrix dz = current.inputGradient;
        CommonsLinearAlgebra.gemm(1.0, g.data, g.cols(), false, weights.data, weights.cols(),
                true, 0.0, dz.data);
        return dz;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The matrices the layer returns for one batch size. */
    private static final class Buffers {
        final CommonsMatrix output;
        final CommonsMatrix inputGradient;

        Buffers(int rows, int in, int out) {
            this.output = CommonsMatrix.zeros(rows, out);
            this.inputGradient = CommonsMatrix.zeros(rows, in);
        }
    }
}
