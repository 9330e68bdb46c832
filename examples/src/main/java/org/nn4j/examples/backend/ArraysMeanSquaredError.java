package org.nn4j.examples.backend;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * {@code L = 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. The operation names
 * {@code mse.value} and {@code mse.gradient} and the operand names are the ones the kit
 * compares word for word.
 */
final class ArraysMeanSquaredError implements Loss {

    private final ArraysLinearAlgebra la;

    ArraysMeanSquaredError(ArraysLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        ArraysMatrix y = la.own("mse.value", "prediction", prediction);
        ArraysMatrix t = la.own("mse.value", "target", target);
        Checks.sameShape("mse.value", y, "target", t);
        Checks.nonEmptyBatch("mse.value", "prediction", y);
        return compute(y, t, null);
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        ArraysMatrix y = la.own("mse.gradient", "prediction", prediction);
        ArraysMatrix t = la.own("mse.gradient", "target", target);
        ArraysMatrix g = la.own("mse.gradient", "gradient", gradient);
        Checks.sameShape("mse.gradient", y, "target", t);
        Checks.sameShape("mse.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("mse.gradient", "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "target", t);
        return compute(y, t, g);
    }

    private static double compute(ArraysMatrix y, ArraysMatrix t, ArraysMatrix g) {
        double sum = 0;
        for (int i = 0; i < y.data.length; i++) {
            double d = y.data[i] - t.data[i];
            sum += d * d;
            if (g != null) {
                g.data[i] = d / y.rows;
            }
        }
        return sum / (2.0 * y.rows);
    }
}
