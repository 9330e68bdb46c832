package org.nn4j.trainer.model;

import java.util.List;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * {@code y[n][j] = (x[n][j] − mean[j]) / scale[j]} on any backend: a fixed map, no trainable
 * parameters. The arithmetic is done on row-major copies in Java (the same numbers on every
 * backend); the buffers are kept for the last batch size, so steady-state calls allocate
 * nothing.
 */
final class StandardizationLayer implements Layer {

    private final LinearAlgebra la;
    private final double[] mean;
    private final double[] scale;
    private final int width;
    private double[] buffer = new double[0];
    private Matrix output;
    private Matrix inputGradient;
    private boolean forwarded;

    StandardizationLayer(LinearAlgebra la, double[] mean, double[] scale) {
        this.la = la;
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.width = mean.length;
    }

    @Override
    public int inputSize() {
        return width;
    }

    @Override
    public int outputSize() {
        return width;
    }

    @Override
    public Matrix forward(Matrix input) {
        check(input, "input");
        output = sized(output, input.rows());
        double[] x = rowMajor(input);
        for (int i = 0, n = input.rows() * width; i < n; i++) {
            int j = i % width;
            x[i] = (x[i] - mean[j]) / scale[j];
        }
        la.copyFromRowMajor(x, 0, output);
        forwarded = true;
        return output;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (!forwarded) {
            throw new IllegalStateException("standardize.backward before forward");
        }
        check(outputGradient, "outputGradient");
        inputGradient = sized(inputGradient, outputGradient.rows());
        double[] g = rowMajor(outputGradient);
        for (int i = 0, n = outputGradient.rows() * width; i < n; i++) {
            g[i] /= scale[i % width];
        }
        la.copyFromRowMajor(g, 0, inputGradient);
        return inputGradient;
    }

    @Override
    public Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
        if (!inputGradientNeeded) {
            // No parameters: nothing to compute when no one wants the input's gradient.
            if (!forwarded) {
                throw new IllegalStateException("standardize.backward before forward");
            }
            check(outputGradient, "outputGradient");
            return null;
        }
        return backward(outputGradient);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    private void check(Matrix m, String operand) {
        if (m.cols() != width) {
            throw new org.nn4j.api.ShapeMismatchException("standardize", operand,
                    new org.nn4j.api.Shape(m.rows(), width), m.shape());
        }
    }

    private Matrix sized(Matrix m, int rows) {
        return m != null && m.rows() == rows ? m : la.zeros(rows, width);
    }

    private double[] rowMajor(Matrix m) {
        int n = m.rows() * width;
        if (buffer.length < n) {
            buffer = new double[n];
        }
        la.copyToRowMajor(m, buffer, 0);
        return buffer;
    }
}
