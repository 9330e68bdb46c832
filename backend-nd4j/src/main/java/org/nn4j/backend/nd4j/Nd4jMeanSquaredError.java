package org.nn4j.backend.nd4j;

import org.nn4j.api.spi.AbstractLoss;

/**
 * {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}:
 * the difference is written into the gradient, squared-summed and divided there, three
 * native calls and no allocation.
 */
final class Nd4jMeanSquaredError extends AbstractLoss<Nd4jMatrix> {

    Nd4jMeanSquaredError(Nd4jLinearAlgebra la) {
        super(la, "mean-squared-error", "mse");
    }

    @Override
    protected double doValue(Nd4jMatrix y, Nd4jMatrix t) {
        if (y.size() == 0) {
            return 0.0;
        }
        return 0.5 * squaredError(y, t, null, 1.0) / y.rows();
    }

    @Override
    protected double doValueAndGradient(Nd4jMatrix y, Nd4jMatrix t, Nd4jMatrix g) {
        if (y.size() == 0) {
            return 0.0;
        }
        double rows = y.rows();
        return 0.5 * squaredError(y, t, g, rows) / rows;
    }

    private static double squaredError(Nd4jMatrix y, Nd4jMatrix t, Nd4jMatrix g, double divisor) {
        return y.isFloat() ? Nd4jFloatKernels.squaredError(y, t, g, divisor)
                : Nd4jJavaKernels.squaredError(y, t, g, divisor);
    }
}
