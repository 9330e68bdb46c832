package org.nn4j.examples.backend;

import org.nn4j.api.spi.AbstractLoss;
import org.nn4j.api.spi.LossKernels;

/**
 * {@code L = 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}: {@link AbstractLoss} gives the
 * name, the operation names {@code mse.value} and {@code mse.gradient} and every check; the
 * backend writes two kernels, here {@link LossKernels} on its array.
 */
final class ArraysMeanSquaredError extends AbstractLoss<ArraysMatrix> {

    ArraysMeanSquaredError(ArraysLinearAlgebra la) {
        super(la, "mean-squared-error", "mse");
    }

    @Override
    protected double doValue(ArraysMatrix y, ArraysMatrix t) {
        return doValueAndGradient(y, t, null);
    }

    @Override
    protected double doValueAndGradient(ArraysMatrix y, ArraysMatrix t, ArraysMatrix g) {
        double sum = LossKernels.squaredError(0.0, y.data, 0, t.data, 0,
                g == null ? null : g.data, 0, y.data.length, y.rows);
        return 0.5 * sum / y.rows;
    }
}
