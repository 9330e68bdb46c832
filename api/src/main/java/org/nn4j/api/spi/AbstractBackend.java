package org.nn4j.api.spi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * A base for a backend's {@link Backend}: it holds the linear algebra and the two losses, and
 * names itself after the linear algebra; the backend supplies its layers.
 *
 * <p>A backend that supports more than one {@link Precision} overrides {@link #precisions()}
 * and {@link #createInPrecision(Precision)}; {@link #inPrecision(Precision)} checks the
 * request, creates each other precision's instance once and keeps it.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractBackend<M extends Matrix> implements Backend {

    private final AbstractLinearAlgebra<M> linearAlgebra;
    private final Loss meanSquaredError;
    private final Loss softmaxCrossEntropy;
    private final Map<Precision, Backend> inOtherPrecisions = new EnumMap<>(Precision.class);

    /**
     * Creates the base.
     *
     * @param linearAlgebra       the backend's linear algebra; its name is the backend's
     * @param meanSquaredError    the backend's mean squared error
     * @param softmaxCrossEntropy the backend's softmax cross-entropy
     */
    protected AbstractBackend(AbstractLinearAlgebra<M> linearAlgebra, Loss meanSquaredError,
                              Loss softmaxCrossEntropy) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.meanSquaredError = Objects.requireNonNull(meanSquaredError, "meanSquaredError");
        this.softmaxCrossEntropy = Objects.requireNonNull(softmaxCrossEntropy,
                "softmaxCrossEntropy");
    }

    @Override
    public abstract Layer dense(Matrix weights, Matrix bias);

    @Override
    public abstract Layer activation(Activation activation, int size);

    @Override
    public final String name() {
        return linearAlgebra.backendName();
    }

    @Override
    public final LinearAlgebra linearAlgebra() {
        return linearAlgebra;
    }

    @Override
    public final Precision precision() {
        return linearAlgebra.precision();
    }

    /**
     * {@inheritDoc}
     *
     * <p>This base supports its linear algebra's precision only; override together with
     * {@link #createInPrecision(Precision)}.
     */
    @Override
    public Set<Precision> precisions() {
        return EnumSet.of(precision());
    }

    @Override
    public final Backend inPrecision(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        if (precision == precision()) {
            return this;
        }
        if (!precisions().contains(precision)) {
            throw refusal(precision);
        }
        synchronized (inOtherPrecisions) {
            Backend other = inOtherPrecisions.get(precision);
            if (other == null) {
                other = createInPrecision(precision);
                if (other == null || other.precision() != precision
                        || !other.name().equals(name())) {
                    throw new IllegalStateException("backend '" + name()
                            + "': createInPrecision(" + precision + ") returned " + other
                            + (other == null ? "" : " in " + other.precision())
                            + " instead of backend '" + name() + "' in " + precision);
                }
                inOtherPrecisions.put(precision, other);
            }
            return other;
        }
    }

    /**
     * Creates this backend in another precision; called once per precision, and only for a
     * precision in {@link #precisions()} other than {@link #precision()}. The result must
     * have this backend's name and the requested precision.
     *
     * @param precision the precision wanted
     * @return a new backend instance computing in it
     * @throws UnsupportedOperationException by default: override with {@link #precisions()}
     */
    protected Backend createInPrecision(Precision precision) {
        throw refusal(precision);
    }

    /**
     * Says why this backend does not compute in a precision, for the refusal of
     * {@link #inPrecision(Precision)}; for example {@code "Commons Math has no float type"}.
     *
     * @param precision a precision not in {@link #precisions()}
     * @return the reason, or null (the default) to give none
     */
    protected String unsupportedPrecisionReason(Precision precision) {
        return null;
    }

    /** {@link Backend#unsupportedPrecision}, with {@link #unsupportedPrecisionReason} after it. */
    private UnsupportedOperationException refusal(Precision precision) {
        UnsupportedOperationException refusal = Backend.unsupportedPrecision(this, precision);
        String why = unsupportedPrecisionReason(precision);
        return why == null || why.isBlank() ? refusal
                : new UnsupportedOperationException(refusal.getMessage() + " (" + why + ")");
    }

    @Override
    public final Loss meanSquaredError() {
        return meanSquaredError;
    }

    @Override
    public final Loss softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }

    @Override
    public String toString() {
        return "nn4j backend " + name();
    }
}
