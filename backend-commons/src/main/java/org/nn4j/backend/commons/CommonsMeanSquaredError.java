package org.nn4j.backend.commons;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/** {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. */
final class CommonsMeanSquaredError extends AbstractLoss<CommonsMatrix> {

    CommonsMeanSquaredError(CommonsLinearAlgebra la) {
        super(la, "mean-squared-error", "mse");
    }

    @Override
    protected double doValue(CommonsMatrix y, CommonsMatrix t) {
        double rows = y.rows();
        double sum = 0.0;
        for (int i = 0; i < y.data.length; i++) {
            sum = LossKernels.squaredError(sum, y.data[i], 0, t.data[i], 0, null, 0, y.cols(), rows);
        }
        return 0.5 * sum / rows;
    }

    @Override
    protected double doValueAndGradient(CommonsMatrix y, CommonsMatrix t, CommonsMatrix g) {
        double rows = y.rows();
        double sum = 0.0;
        for (int i = 0; i < y.data.length; i++) {
            sum = LossKernels.squaredError(sum, y.data[i], 0, t.data[i], 0, g.data[i], 0, y.cols(),
                    rows);
        }
        return 0.5 * sum / rows;
    }
}
