package org.nn4j.backend.commons;

import org.nn4j.api.Activation;
import org.nn4j.api.spi.AbstractActivationLayer;
import org.nn4j.api.spi.ActivationKernels;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on the {@code double[][]} rows, one {@link ActivationKernels}
 * loop a row. Backward multiplies {@code dy} by {@code f'}: from the input for ReLU and leaky
 * ReLU, from the cached output for sigmoid ({@code y(1 − y)}) and tanh ({@code 1 − y²}).
 */
final class CommonsActivationLayer extends AbstractActivationLayer<CommonsMatrix> {

    CommonsActivationLayer(CommonsLinearAlgebra la, Activation activation, int size) {
        super(la, activation, size);
    }

    @Override
    protected void forward(CommonsMatrix x, CommonsMatrix y) {
        for (int i = 0; i < x.data.length; i++) {
            ActivationKernels.forward(kind(), slope(), x.data[i], y.data[i], x.cols());
        }
    }

    @Override
    protected void backward(CommonsMatrix x, CommonsMatrix y, CommonsMatrix dy,
                            CommonsMatrix dx) {
        for (int i = 0; i < x.data.length; i++) {
            ActivationKernels.backward(kind(), slope(), x.data[i], y.data[i], dy.data[i],
                    dx.data[i], x.cols());
        }
    }
}
