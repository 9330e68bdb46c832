package org.nn4j.backend.ejml;

import org.nn4j.api.Activation;
import org.nn4j.api.spi.AbstractActivationLayer;
import org.nn4j.api.spi.ActivationKernels;

/**
 * {@inheritDoc}
 *
 * <p>The float32 element-wise activation on EJML's {@code float[]}: {@link ActivationKernels}'
 * {@code float[]} loops, each element computed in {@code double} and rounded once.
 */
final class EjmlFloatActivationLayer extends AbstractActivationLayer<EjmlFloatMatrix> {

    EjmlFloatActivationLayer(EjmlFloatLinearAlgebra la, Activation activation, int size) {
        super(la, activation, size);
    }

    @Override
    protected void forward(EjmlFloatMatrix x, EjmlFloatMatrix y) {
        ActivationKernels.forward(kind(), slope(), x.data.data, y.data.data,
                x.data.getNumElements());
    }

    @Override
    protected void backward(EjmlFloatMatrix x, EjmlFloatMatrix y, EjmlFloatMatrix dy,
                            EjmlFloatMatrix dx) {
        ActivationKernels.backward(kind(), slope(), x.data.data, y.data.data, dy.data.data,
                dx.data.data, dy.data.getNumElements());
    }
}
