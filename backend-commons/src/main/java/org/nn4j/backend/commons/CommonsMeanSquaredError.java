package org.nn4j.backend.commons;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. */
final class CommonsMeanSquaredError implements Loss {

    private final CommonsLinearAlgebra la;

    CommonsMeanSquaredError(CommonsLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        CommonsMatrix y = la.own("mse.value", "prediction", prediction);
        CommonsMatrix t = la.own("mse.value", "target", target);
        Checks.sameShape("mse.value", y, "target", t);
        Checks.nonEmptyBatch("mse.value", "prediction", y);
        double sum = 0.0;
        for (int i = 0; i < y.data.length; i++) {
            double[] yi = y.data[i];
            double[] ti = t.data[i];
            for (int j = 0; j < yi.length; j++) {
                double d = yi[j] - ti[j];
                sum += d * d;
            }
        }
        return 0.5 * sum / y.rows();
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        CommonsMatrix y = la.own("mse.gradient", "prediction", prediction);
        CommonsMatrix t = la.own("mse.gradient", "target", target);
        CommonsMatrix g = la.own("mse.gradient", "gradient", gradient);
        Checks.sameShape("mse.gradient", y, "target", t);
        Checks.sameShape("mse.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("mse.gradient", "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "target", t);
        double rows = y.rows();
        double sum = 0.0;
        for (int i = 0; i < y.data.length; i++) {
            double[] yi = y.data[i];
            double[] ti = t.data[i];
            double[] gi = g.data[i];
            for (int j = 0; j < yi.length; j++) {
                double d = yi[j] - ti[j];
                sum += d * d;
                gi[j] = d / rows;
            }
        }
        return 0.5 * sum / rows;
    }
}
