package org.nn4j.backend.ejml;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.Checks;

/**
 * The fully connected layer {@code y = z·W + b} on EJML: {@code dW = zᵀ·dy} with
 * {@code multTransA}, {@code db = Σ_rows dy}, {@code dz = dy·Wᵀ} with {@code multTransB}.
 * Buffers are reshaped in place, so a change of batch size allocates only when the batch
 * grows beyond every earlier one.
 */
final class EjmlDenseLayer implements Layer {

    private final EjmlLinearAlgebra la;
    private final DMatrixRMaj weights;
    private final DMatrixRMaj bias;
    private final DMatrixRMaj weightsGradient;
    private final DMatrixRMaj biasGradient;
    private final List<Parameter> parameters;
    private final Shape inputShape;

    private final EjmlMatrix output = new EjmlMatrix(new DMatrixRMaj(0, 0));
    private final EjmlMatrix inputGradient = new EjmlMatrix(new DMatrixRMaj(0, 0));
    private DMatrixRMaj input;

    EjmlDenseLayer(EjmlLinearAlgebra la, Matrix weights, Matrix bias) {
        this.la = la;
        EjmlMatrix w = la.own("dense", "weights", weights);
        EjmlMatrix b = la.own("dense", "bias", bias);
        Checks.shape("dense", "bias", Shape.of(1, w.cols()), b);
        this.weights = w.data;
        this.bias = b.data;
        EjmlMatrix dw = new EjmlMatrix(new DMatrixRMaj(w.rows(), w.cols()));
        EjmlMatrix db = new EjmlMatrix(new DMatrixRMaj(1, w.cols()));
        this.weightsGradient = dw.data;
        this.biasGradient = db.data;
        this.parameters = List.of(new Parameter("W", w, dw), new Parameter("b", b, db));
        this.inputShape = new Shape(Shape.ANY, w.rows());
    }

    @Override
    public int inputSize() {
        return weights.numRows;
    }

    @Override
    public int outputSize() {
        return weights.numCols;
    }

    @Override
    public Matrix forward(Matrix z) {
        EjmlMatrix x = la.own("dense.forward", "input", z);
        Checks.shape("dense.forward", "input", inputShape, x);
        DMatrixRMaj y = output.data;
        y.reshape(x.rows(), weights.numCols, false);
        EjmlLinearAlgebra.forward(x.data, weights, bias, y);
        input = x.data;
        return output;
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
        EjmlMatrix g = la.own("dense.backward", "outputGradient", outputGradient);
        Checks.sameShape("dense.backward", output, "outputGradient", g);
        DMatrixRMaj dy = g.data;
        EjmlLinearAlgebra.gemm(1.0, input, true, dy, false, 0.0, weightsGradient);
        EjmlLinearAlgebra.columnSums(dy, biasGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        DMatrixRMaj dz = inputGradient.data;
        dz.reshape(dy.numRows, weights.numRows, false);
        EjmlLinearAlgebra.gemm(1.0, dy, false, weights, true, 0.0, dz);
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
