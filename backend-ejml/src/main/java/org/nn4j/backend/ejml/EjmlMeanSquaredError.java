package org.nn4j.backend.ejml;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/** {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. */
final class EjmlMeanSquaredError extends AbstractLoss<EjmlMatrix> {

    EjmlMeanSquaredError(EjmlLinearAlgebra la) {
        super(la, "mean-squared-error", "mse");
    }

    @Override
    protected double doValue(EjmlMatrix y, EjmlMatrix t) {
        return 0.5 * LossKernels.squaredError(0.0, y.data.data, 0, t.data.data, 0, null, 0,
                y.data.getNumElements(), y.rows()) / y.rows();
    }

    @Override
    protected double doValueAndGradient(EjmlMatrix y, EjmlMatrix t, EjmlMatrix g) {
        double rows = y.rows();
        return 0.5 * LossKernels.squaredError(0.0, y.data.data, 0, t.data.data, 0, g.data.data, 0,
                y.data.getNumElements(), rows) / rows;
    }
}
