package org.nn4j.api.spi;

import java.util.Objects;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * A base for a backend's losses: the name, and every check of {@link Loss}'s contract with the
 * shared messages (operands of this backend, the shapes, a non-empty batch, a gradient that is
 * not an input), once for all backends. The backend supplies the two kernels on its own matrix
 * type, with arguments already checked; {@link LossKernels} holds them for backends whose
 * matrices are Java arrays.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractLoss<M extends Matrix> implements Loss {

    private final AbstractLinearAlgebra<M> la;
    private final String name;
    private final String valueOperation;
    private final String gradientOperation;

    /**
     * Creates the base.
     *
     * @param la     the backend's linear algebra, which owns the matrices
     * @param name   the loss's name, for example {@code "mean-squared-error"}
     * @param prefix the prefix of the operations in messages, for example {@code "mse"}: errors
     *               name {@code mse.value} and {@code mse.gradient}
     */
    protected AbstractLoss(AbstractLinearAlgebra<M> la, String name, String prefix) {
        this.la = Objects.requireNonNull(la, "la");
        this.name = Objects.requireNonNull(name, "name");
        this.valueOperation = prefix + ".value";
        this.gradientOperation = prefix + ".gradient";
    }

    /** The loss of checked, non-empty, same-shaped {@code y} and {@code t}. */
    protected abstract double doValue(M y, M t);

    /** The loss, and its gradient written into {@code g}, distinct from both inputs. */
    protected abstract double doValueAndGradient(M y, M t, M g);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final double value(Matrix prediction, Matrix target) {
        M y = la.own(valueOperation, "prediction", prediction);
        M t = la.own(valueOperation, "target", target);
        Checks.sameShape(valueOperation, y, "target", t);
        Checks.nonEmptyBatch(valueOperation, "prediction", y);
        return doValue(y, t);
    }

    @Override
    public final double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
        M y = la.own(gradientOperation, "prediction", prediction);
        M t = la.own(gradientOperation, "target", target);
        M g = la.own(gradientOperation, "gradient", gradient);
        Checks.sameShape(gradientOperation, y, "target", t);
        Checks.sameShape(gradientOperation, y, "gradient", g);
        Checks.nonEmptyBatch(gradientOperation, "prediction", y);
        Checks.distinct(gradientOperation, "gradient", g, "prediction", y);
        Checks.distinct(gradientOperation, "gradient", g, "target", t);
        return doValueAndGradient(y, t, g);
    }

    @Override
    public String toString() {
        return name + " (" + la.backendName() + ")";
    }
}
