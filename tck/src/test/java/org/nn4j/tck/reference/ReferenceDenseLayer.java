package org.nn4j.tck.reference;

import java.util.List;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.Checks;

/** {@code y = z·W + b} with plain loops; a new output buffer whenever the batch size changes. */
final class ReferenceDenseLayer implements Layer {

    private final ReferenceLinearAlgebra la;
    private final Breakage breakage;
    private final ReferenceMatrix weights;
    private final ReferenceMatrix bias;
    private final ReferenceMatrix weightsGradient;
    private final ReferenceMatrix biasGradient;
    private final List<Parameter> parameters;
    private ReferenceMatrix input;
    private ReferenceMatrix output;
    private ReferenceMatrix inputGradient;

    ReferenceDenseLayer(ReferenceLinearAlgebra la, Breakage breakage, Matrix w, Matrix b) {
        this.la = la;
        this.breakage = breakage;
        this.weights = la.own("dense", "weights", w);
        this.bias = la.own("dense", "bias", b);
        Checks.shape("dense", "bias", Shape.of(1, weights.cols), bias);
        this.weightsGradient = la.newZeros(weights.rows, weights.cols);
        this.biasGradient = la.newZeros(1, weights.cols);
        this.parameters = List.of(new Parameter("W", weights, weightsGradient),
                new Parameter("b", bias, biasGradient));
    }

    @Override
    public int inputSize() {
        return weights.rows;
    }

    @Override
    public int outputSize() {
        return weights.cols;
    }

    @Override
    public Matrix forward(Matrix z) {
        ReferenceMatrix x = la.own("dense.forward", "input", z);
        Checks.shape("dense.forward", "input", new Shape(Shape.ANY, weights.rows), x);
        if (output == null || output.rows != x.rows) {
            output = la.newZeros(x.rows, weights.cols);
        }
        la.gemm(1, x.data, x.cols, false, weights.data, weights.cols, false,
                0, output.data, x.rows, weights.cols, weights.rows);
        la.addRowVector(output, bias, output);
        input = x;
        return output;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("dense.backward called before forward");
        }
        ReferenceMatrix dy = la.own("dense.backward", "outputGradient", outputGradient);
        Checks.sameShape("dense.backward", output, "outputGradient", dy);
        int n = dy.rows;
        int in = weights.rows;
        int out = weights.cols;
        if (breakage == Breakage.WRONG_TRANSPOSE_IN_WEIGHT_GRADIENT) {
            // dyᵀ·z is out×in; written into the in×out buffer as if it fitted.
            la.gemm(1, dy.data, out, true, input.data, in, false, 0,
                    weightsGradient.data, out, in, n);
        } else {
            la.gemm(1, input.data, in, true, dy.data, out, false, 0,
                    weightsGradient.data, in, out, n);
        }
        if (breakage == Breakage.BIAS_GRADIENT_SUMMED_OVER_THE_WRONG_AXIS) {
            java.util.Arrays.fill(biasGradient.data, 0.0);
            for (int i = 0; i < Math.min(n, out); i++) {
                for (int j = 0; j < out; j++) {
                    biasGradient.data[i] += dy.data[i * out + j];
                }
            }
        } else {
            ReferenceLinearAlgebra.columnSums(dy.data, n, out, biasGradient.data);
        }
        if (inputGradient == null || inputGradient.rows != n) {
            inputGradient = la.newZeros(n, in);
        }
        la.gemm(1, dy.data, out, false, weights.data, out, true, 0,
                inputGradient.data, n, in, out);
        la.store(weightsGradient);
        la.store(biasGradient);
        la.store(inputGradient);
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }
}
