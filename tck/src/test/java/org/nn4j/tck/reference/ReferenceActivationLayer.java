package org.nn4j.tck.reference;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.Checks;

/** {@code y = f(x)} element by element through {@link Activation}'s scalar reference. */
final class ReferenceActivationLayer implements Layer {

    private final ReferenceLinearAlgebra la;
    private final Breakage breakage;
    private final Activation activation;
    private final int size;
    private ReferenceMatrix input;
    private ReferenceMatrix output;
    private ReferenceMatrix inputGradient;

    ReferenceActivationLayer(ReferenceLinearAlgebra la, Breakage breakage, Activation activation,
                             int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.breakage = breakage;
        this.activation = activation;
        this.size = size;
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
        ReferenceMatrix x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", new Shape(Shape.ANY, size), x);
        if (output == null || output.rows != x.rows) {
            output = la.newZeros(x.rows, size);
        }
        for (int i = 0; i < x.data.length; i++) {
            output.data[i] = activation.apply(x.data[i]);
        }
        la.store(output);
        input = x;
        return output;
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        ReferenceMatrix dy = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", output, "outputGradient", dy);
        if (inputGradient == null || inputGradient.rows != dy.rows) {
            inputGradient = la.newZeros(dy.rows, size);
        }
        for (int i = 0; i < dy.data.length; i++) {
            inputGradient.data[i] = dy.data[i] * derivative(input.data[i]);
        }
        la.store(inputGradient);
        return inputGradient;
    }

    private double derivative(double x) {
        if (activation.kind() == Activation.Kind.RELU) {
            if (breakage == Breakage.RELU_GRADIENT_NOT_MASKED) {
                return 1;
            }
            if (breakage == Breakage.RELU_DERIVATIVE_ONE_AT_ZERO && x == 0) {
                return 1;
            }
        }
        return activation.derivative(x);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
