package org.nn4j.backend.nd4j;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}:
 * the difference is written into the gradient, squared-summed and divided there, three
 * native calls and no allocation.
 */
final class Nd4jMeanSquaredError implements Loss {

    private final Nd4jLinearAlgebra la;

    Nd4jMeanSquaredError(Nd4jLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        Nd4jMatrix y = la.own("mse.value", "prediction", prediction);
        Nd4jMatrix t = la.own("mse.value", "target", target);
        Checks.sameShape("mse.value", y, "target", t);
        Checks.nonEmptyBatch("mse.value", "prediction", y);
        if (y.size() == 0) {
            return 0.0;
        }
        return 0.5 * Nd4jJavaKernels.squaredError(y, t, null, 1.0) / y.rows();
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        Nd4jMatrix y = la.own("mse.gradient", "prediction", prediction);
        Nd4jMatrix t = la.own("mse.gradient", "target", target);
        Nd4jMatrix g = la.own("mse.gradient", "gradient", gradient);
        Checks.sameShape("mse.gradient", y, "target", t);
        Checks.sameShape("mse.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("mse.gradient", "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "target", t);
        if (y.size() == 0) {
            return 0.0;
        }
        double rows = y.rows();
        return 0.5 * Nd4jJavaKernels.squaredError(y, t, g, rows) / rows;
    }
}
