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
        if (y.size() < Nd4jSmallKernels.ELEMENT_THRESHOLD) {
            return 0.5 * Nd4jSmallKernels.squaredError(y, t, null, 1.0) / y.rows();
        }
        // Not INDArray.squaredDistance: it squares a square root, and the stopping rule
        // compares this value with 1e-15. Off the training step, so the temporary is fine.
        double sum = Nd4jLinearAlgebra.sumOfSquares(y.array.sub(t.array), y.size());
        return 0.5 * sum / y.rows();
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
        if (y.size() < Nd4jSmallKernels.ELEMENT_THRESHOLD) {
            return 0.5 * Nd4jSmallKernels.squaredError(y, t, g, rows) / rows;
        }
        y.array.sub(t.array, g.array);
        double sum = Nd4jLinearAlgebra.sumOfSquares(g.array, g.size());
        g.array.divi(rows);
        return 0.5 * sum / rows;
    }
}
