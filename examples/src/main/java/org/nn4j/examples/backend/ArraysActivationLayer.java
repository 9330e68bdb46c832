package org.nn4j.examples.backend;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.spi.ActivationKernels;
import org.nn4j.api.spi.BatchSizeCache;
import org.nn4j.api.spi.Checks;

/**
 * {@code y = f(x)} element by element with {@link ActivationKernels} (the bits
 * {@link Activation#apply} defines), buffers per batch size in a {@link BatchSizeCache};
 * operation names {@code activation.forward} and {@code activation.backward}.
 */
final class ArraysActivationLayer implements Layer {

    private record Buffers(ArraysMatrix output, ArraysMatrix inputGradient) {
    }

    private final ArraysLinearAlgebra la;
    private final Activation activation;
    private final int size;
    private final BatchSizeCache<Buffers> buffers;
    private ArraysMatrix input;
    private Buffers current;

    ArraysActivationLayer(ArraysLinearAlgebra la, Activation activation, int size) {
        Objects.requireNonNull(activation, "activation: activation is null");
        Checks.layerSize("activation", size);
        this.la = la;
        this.activation = activation;
        this.size = size;
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY, rows -> new Buffers(
                new ArraysMatrix(rows, size, new double[rows * size]),
                new ArraysMatrix(rows, size, new double[rows * size])));
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
        ArraysMatrix x = la.own("activation.forward", "input", z);
        Checks.shape("activation.forward", "input", new Shape(Shape.ANY, size), x);
        current = buffers.get(x.rows);
        ActivationKernels.forward(activation.kind(), activation.negativeSlope(), x.data,
                current.output().data, x.data.length);
        input = x;
        return current.output();
    }

    @Override
    public Matrix backward(Matrix outputGradient) {
        if (input == null) {
            throw new IllegalStateException("activation.backward called before forward");
        }
        ArraysMatrix dy = la.own("activation.backward", "outputGradient", outputGradient);
        Checks.sameShape("activation.backward", current.output(), "outputGradient", dy);
        ActivationKernels.backward(activation.kind(), activation.negativeSlope(), input.data,
                current.output().data, dy.data, current.inputGradient().data, dy.data.length);
        return current.inputGradient();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }
}
