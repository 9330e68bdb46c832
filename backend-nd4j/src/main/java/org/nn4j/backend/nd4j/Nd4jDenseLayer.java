package org.nn4j.backend.nd4j;

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
 * <p>The fully connected layer {@code y = z·W + b} on ND4J: {@code Nd4j.gemm} with transpose
 * flags gives {@code dW = zᵀ·dy} and {@code dz = dy·Wᵀ} without transposed views;
 * {@code db = Σ_rows dy} is a sum over dimension 0 into the gradient's own array. Forward
 * is two native calls and backward three, each of which costs microseconds whatever the
 * size.
 *
 * <p>ND4J arrays cannot change shape in place, so the layer keeps its output and input
 * gradient buffers for the last {@value #BATCH_SIZES} batch sizes it has seen; a loop that
 * alternates between its batch size and the whole training set allocates nothing in steady
 * state.
 */
final class Nd4jDenseLayer implements Layer {

    /** How many batch sizes keep their buffers. */
    static final int BATCH_SIZES = 4;

    private final Nd4jLinearAlgebra la;
    private final Nd4jMatrix weights;
    private final Nd4jMatrix bias;
    private final Nd4jMatrix weightsGradient;
    private final Nd4jMatrix biasGradient;
    private final List<Parameter> parameters;
    private final Shape inputShape;

    /** Buffers by batch size, most recently used first. */
    private final BatchSizeCache<Buffers> buffers;
    private Buffers current;
    private Nd4jMatrix input;

    Nd4jDenseLayer(Nd4jLinearAlgebra la, Matrix weights, Matrix bias) {
        this.la = la;
        Nd4jMatrix w = la.own("dense", "weights", weights);
        Nd4jMatrix b = la.own("dense", "bias", bias);
        Checks.shape("dense", "bias", Shape.of(1, w.cols()), b);
        this.weights = w;
        this.bias = b;
        this.weightsGradient = Nd4jMatrix.zeros(w.rows(), w.cols());
        this.biasGradient = Nd4jMatrix.zeros(1, w.cols());
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
        Nd4jMatrix x = la.own("dense.forward", "input", z);
        Checks.shape("dense.forward", "input", inputShape, x);
        Buffers buf = buffers.get(x.rows());
        Nd4jMatrix y = buf.output;
        Nd4jLinearAlgebra.gemm(1.0, x, false, weights, false, 0.0, y);
        Nd4jLinearAlgebra.addRowVector(y, bias, y);
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
        Nd4jMatrix g = la.own("dense.backward", "outputGradient", outputGradient);
        Checks.sameShape("dense.backward", current.output, "outputGradient", g);
        Nd4jLinearAlgebra.gemm(1.0, input, true, g, false, 0.0, weightsGradient);
        Nd4jLinearAlgebra.columnSums(g, biasGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        Nd4jMatrix dz = current.inputGradient;
        Nd4jLinearAlgebra.gemm(1.0, g, false, weights, true, 0.0, dz);
        return dz;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The matrices the layer returns for one batch size. */
    private static final class Buffers {
        final Nd4jMatrix output;
        final Nd4jMatrix inputGradient;

        Buffers(int rows, int in, int out) {
            this.output = Nd4jMatrix.zeros(rows, out);
            this.inputGradient = Nd4jMatrix.zeros(rows, in);
        }
    }
}
