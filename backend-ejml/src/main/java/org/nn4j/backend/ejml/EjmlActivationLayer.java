package org.nn4j.backend.ejml;

import java.util.List;
import java.util.Objects;
import org.ejml.data.DMatrixRMaj;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.ActivationKernels;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on EJML's row-major arrays: one loop per pass, specialised
 * by kind. Backward multiplies {@code dy} by {@code f'}: from the input for ReLU and leaky
 * ReLU, from the cached output for sigmoid ({@code y(1 − y)}) and tanh ({@code 1 − y²}).
 * Buffers are reshaped in place, so a step allocates nothing once the largest batch has
 * been seen.
 */
final class EjmlActivationLayer implements Layer {

    private final EjmlLinearAlgebra la;
    private final Activation activation;
    private final Activation.Kind kind;
    private final double slope;
    private final int size;
    private final Shape inputShape;

    private final EjmlMatrix output;
    private final EjmlMatrix inputGradient;
    private DMatrixRMaj input;

    EjmlActivationLayer(EjmlLinearAlgebra la, Activation activation, int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
        this.kind = activation.kind();
        this.slope = activation.negativeSlope();
        this.size = size;
        this.inputShape = new Shape(Shape.ANY, size);
        this.output = new EjmlMatrix(new DMatrixRMaj(0, size));
        this.inputGradient = new EjmlMatrix(new DMatrixRMaj(0, size));
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
        EjmlMatrix x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", inputShape, x);
        DMatrixRMaj y = output.data;
        y.reshape(x.rows(), size, false);
        ActivationKernels.forward(kind, slope, x.data.data, y.data, x.data.getNumElements());
        input = x.data;
        return output;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        EjmlMatrix g = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", output, "outputGradient", g);
        DMatrixRMaj dx = inputGradient.data;
        dx.reshape(g.rows(), size, false);
        ActivationKernels.backward(kind, slope, input.data, output.data.data, g.data.data, dx.data,
                g.data.getNumElements());
        return inputGradient;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "EjmlActivationLayer " + activation + " x" + size;
    }
}
