package org.nn4j.backend.ejml;

import org.nn4j.api.Activation;
import org.nn4j.api.spi.AbstractActivationLayer;
import org.nn4j.api.spi.ActivationKernels;

/**
 * {@inheritDoc}
 *
 * <p>An element-wise activation on EJML's row-major arrays: one loop per pass, specialised
 * by kind ({@link ActivationKernels}). Backward multiplies {@code dy} by {@code f'}: from the
 * input for ReLU and leaky ReLU, from the cached output for sigmoid ({@code y(1 − y)}) and
 * tanh ({@code 1 − y²}).
 */
final class EjmlActivationLayer extends AbstractActivationLayer<EjmlMatrix> {

    EjmlActivationLayer(EjmlLinearAlgebra la, Activation activation, int size) {
        super(la, activation, size);
    }

    @Override
    protected void forward(EjmlMatrix x, EjmlMatrix y) {
        ActivationKernels.forward(kind(), slope(), x.data.data, y.data.data,
                x.data.getNumElements());
    }

    @Override
    protected void backward(EjmlMatrix x, EjmlMatrix y, EjmlMatrix dy, EjmlMatrix dx) {
        ActivationKernels.backward(kind(), slope(), x.data.data, y.data.data, dy.data.data,
                dx.data.data, dy.data.getNumElements());
    }
}
