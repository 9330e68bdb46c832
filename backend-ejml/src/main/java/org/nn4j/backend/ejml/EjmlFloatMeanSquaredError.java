package org.nn4j.backend.ejml;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@inheritDoc} Mean squared error in float32, {@code 1/(2N) Σ (y − t)²}, summed in
 * {@code double}; the gradient {@code (y − t)/N} is rounded once per element.
 */
final class EjmlFloatMeanSquaredError extends AbstractLoss<EjmlFloatMatrix> {

    EjmlFloatMeanSquaredError(EjmlFloatLinearAlgebra la) {
        super(la, "mean-squared-error", "mse");
    }

    @Override
    protected double doValue(EjmlFloatMatrix y, EjmlFloatMatrix t) {
        return valueAndGradient(y, t, null);
    }

    @Override
    protected double doValueAndGradient(EjmlFloatMatrix y, EjmlFloatMatrix t,
                                        EjmlFloatMatrix g) {
        return valueAndGradient(y, t, g);
    }

    private static double valueAndGradient(EjmlFloatMatrix y, EjmlFloatMatrix t,
                                           EjmlFloatMatrix g) {
        double rows = y.rows();
        return 0.5 * LossKernels.squaredError(0.0, y.data.data, 0, t.data.data, 0,
                g == null ? null : g.data.data, 0, y.data.getNumElements(), rows) / rows;
    }
}
