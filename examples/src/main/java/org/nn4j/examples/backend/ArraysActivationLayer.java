package org.nn4j.examples.backend;

import org.nn4j.api.Activation;
import org.nn4j.api.spi.AbstractActivationLayer;
import org.nn4j.api.spi.ActivationKernels;

/**
 * {@code y = f(x)} element by element: {@link AbstractActivationLayer} checks the arguments
 * ({@code activation.forward}, {@code activation.backward}), keeps the lifecycle and the
 * buffers per batch size; the backend writes two kernels, here {@link ActivationKernels} (the
 * bits {@link Activation#apply} defines) on its arrays.
 */
final class ArraysActivationLayer extends AbstractActivationLayer<ArraysMatrix> {

    ArraysActivationLayer(ArraysLinearAlgebra la, Activation activation, int size) {
        super(la, activation, size);
    }

    @Override
    protected void forward(ArraysMatrix x, ArraysMatrix y) {
        ActivationKernels.forward(kind(), slope(), x.data, y.data, x.data.length);
    }

    @Override
    protected void backward(ArraysMatrix x, ArraysMatrix y, ArraysMatrix dy, ArraysMatrix dx) {
        ActivationKernels.backward(kind(), slope(), x.data, y.data, dy.data, dx.data,
                dy.data.length);
    }
}
