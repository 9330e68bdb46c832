package org.nn4j.api.spi;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;

/**
 * Average pooling on {@link LinearAlgebra#averagePool} and
 * {@link LinearAlgebra#averagePoolBackward}, the default of
 * {@link org.nn4j.api.Backend#averagePool}: each output is the mean of the image values its
 * window covers (padding not counted), and its gradient is shared equally among them.
 */
public class AveragePoolLayer extends PoolingLayer {

    /**
     * Creates the layer.
     *
     * @param la     the backend's linear algebra
     * @param window the geometry
     * @throws NullPointerException if an argument is null
     */
    public AveragePoolLayer(LinearAlgebra la, Window window) {
        super(la, window, "averagePool");
    }

    @Override
    protected void pool(LinearAlgebra la, Matrix x, Window window, Matrix y) {
        la.averagePool(x, window, y);
    }

    @Override
    protected void poolBackward(LinearAlgebra la, Matrix x, Window window, Matrix dy,
                                Matrix dx) {
        la.averagePoolBackward(window, dy, dx);
    }
}
