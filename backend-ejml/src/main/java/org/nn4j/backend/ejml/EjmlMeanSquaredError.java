package org.nn4j.backend.ejml;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** {@inheritDoc} Mean squared error, {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. */
final class EjmlMeanSquaredError implements Loss {

    private final EjmlLinearAlgebra la;

    EjmlMeanSquaredError(EjmlLinearAlgebra la) {
        this.la = la;
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        EjmlMatrix y = la.own("mse.value", "prediction", prediction);
        EjmlMatrix t = la.own("mse.value", "target", target);
        Checks.sameShape("mse.value", y, "target", t);
        Checks.nonEmptyBatch("mse.value", "prediction", y);
        double[] yd = y.data.data;
        double[] td = t.data.data;
        int n = y.data.getNumElements();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = yd[i] - td[i];
            sum += d * d;
        }
        return 0.5 * sum / y.rows();
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        EjmlMatrix y = la.own("mse.gradient", "prediction", prediction);
        EjmlMatrix t = la.own("mse.gradient", "target", target);
        EjmlMatrix g = la.own("mse.gradient", "gradient", gradient);
        Checks.sameShape("mse.gradient", y, "target", t);
        Checks.sameShape("mse.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("mse.gradient", "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "target", t);
        double[] yd = y.data.data;
        double[] td = t.data.data;
        double[] gd = g.data.data;
        int n = y.data.getNumElements();
        double rows = y.rows();
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            double d = yd[i] - td[i];
            sum += d * d;
            gd[i] = d / rows;
        }
        return 0.5 * sum / rows;
    }
}
