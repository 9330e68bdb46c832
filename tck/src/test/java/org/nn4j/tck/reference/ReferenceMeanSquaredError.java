package org.nn4j.tck.reference;

import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** {@code 1/(2N) Σ (y − t)²}, gradient {@code (y − t)/N}. */
final class ReferenceMeanSquaredError implements Loss {

    private final ReferenceLinearAlgebra la;
    private final Breakage breakage;

    ReferenceMeanSquaredError(ReferenceLinearAlgebra la, Breakage breakage) {
        this.la = la;
        this.breakage = breakage;
    }

    @Override
    public String name() {
        return "mean-squared-error";
    }

    @Override
    public double value(Matrix prediction, Matrix target) {
        ReferenceMatrix y = la.own("mse.value", "prediction", prediction);
        ReferenceMatrix t = la.own("mse.value", "target", target);
        if (breakage != Breakage.MISSING_SHAPE_CHECK) {
            Checks.sameShape("mse.value", y, "target", t);
        }
        Checks.nonEmptyBatch("mse.value", "prediction", y);
        double sum = 0;
        for (int i = 0; i < y.data.length; i++) {
            double d = y.data[i] - t.data[i];
            sum += d * d;
        }
        return 0.5 * sum / y.rows;
    }

    @Override
    public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        ReferenceMatrix y = la.own("mse.gradient", "prediction", prediction);
        ReferenceMatrix t = la.own("mse.gradient", "target", target);
        ReferenceMatrix g = la.own("mse.gradient", "gradient", gradient);
        if (breakage != Breakage.MISSING_SHAPE_CHECK) {
            Checks.sameShape("mse.gradient", y, "target", t);
        }
        Checks.sameShape("mse.gradient", y, "gradient", g);
        Checks.nonEmptyBatch("mse.gradient", "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "prediction", y);
        Checks.distinct("mse.gradient", "gradient", g, "target", t);
        double n = breakage == Breakage.MISSING_ONE_OVER_N ? 1 : y.rows;
        double sum = 0;
        for (int i = 0; i < y.data.length; i++) {
            double d = y.data[i] - t.data[i];
            sum += d * d;
            g.data[i] = d / n;
        }
        la.store(g);
        return 0.5 * sum / y.rows;
    }
}
