package org.nn4j.api.spi;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;

/**
 * Max pooling on {@link LinearAlgebra#maxPool} and {@link LinearAlgebra#maxPoolBackward}, the
 * default of {@link org.nn4j.api.Backend#maxPool}: each output is the largest value its window
 * covers, channel by channel, and its gradient goes to that value's position.
 */
public class MaxPoolLayer extends PoolingLayer {

    /**
     * Creates the layer.
     *
     * @param la     the backend's linear algebra
     * @param window the geometry
     * @throws NullPointerException if an argument is null
     */
    public MaxPoolLayer(LinearAlgebra la, Window window) {
        super(la, window, "maxPool");
    }

    @Override
    protected void pool(LinearAlgebra la, Matrix x, Window window, Matrix y) {
        la.maxPool(x, window, y);
    }

    @Override
    protected void poolBackward(LinearAlgebra la, Matrix x, Window window, Matrix dy,
                                Matrix dx) {
        la.maxPoolBackward(x, window, dy, dx);
    }
}
