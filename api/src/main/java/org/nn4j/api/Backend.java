package org.nn4j.api;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A linear-algebra backend: its matrices and operations, and the layers and losses built on
 * them in the backend's own types.
 *
 * <p>Obtain one from {@link Backends}; never name an implementation class. A backend is
 * thread-safe; the layers it creates are not (see {@link Layer}).
 *
 * <p><b>Precision.</b> A backend instance computes in one {@link #precision()}:
 * {@link Backends} gives it in {@link Precision#F64}, and {@link #inPrecision(Precision)} gives
 * the same backend in another precision it {@linkplain #precisions() supports}. Its linear
 * algebra, layers and losses all work in that precision.
 */
public interface Backend {

    /**
     * Returns the backend's name, for example {@code "ejml"}; lower case, unique.
     *
     * @return the backend's name
     */
    String name();

    /**
     * Returns the backend's linear algebra.
     *
     * @return the linear algebra
     */
    LinearAlgebra linearAlgebra();

    /**
     * Returns the precision this backend instance computes in: its linear algebra's.
     *
     * @return the precision
     */
    default Precision precision() {
        return linearAlgebra().precision();
    }

    /**
     * Returns every precision this backend supports; it always contains {@link #precision()}.
     * A backend that does not override this supports its own precision only.
     *
     * @return the supported precisions, a new set
     */
    default Set<Precision> precisions() {
        return EnumSet.of(precision());
    }

    /**
     * Returns this backend computing in the given precision: this instance if it already
     * does.
     *
     * @param precision the precision wanted
     * @return the backend in that precision
     * @throws UnsupportedOperationException naming the backend, the precision asked for and
     *                                       the ones it supports, if it does not support it
     */
    default Backend inPrecision(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        if (precision == precision()) {
            return this;
        }
        throw unsupportedPrecision(this, precision);
    }

    /**
     * The refusal of {@link #inPrecision(Precision)} for a precision a backend does not
     * support, worded once for every backend.
     *
     * @param backend   the backend
     * @param precision the precision asked for
     * @return the exception to throw
     */
    static UnsupportedOperationException unsupportedPrecision(Backend backend,
                                                              Precision precision) {
        return new UnsupportedOperationException("backend '" + backend.name()
                + "' does not compute in " + precision.label() + "; it supports "
                + Precision.labels(backend.precisions()));
    }

    /**
     * Creates a fully connected layer {@code y = z·W + b} that takes ownership of the given
     * parameter matrices and trains them in place.
     *
     * @param weights {@code in x out}, a matrix of this backend
     * @param bias    {@code 1 x out}, a matrix of this backend
     * @return a new layer
     * @throws ShapeMismatchException   if the bias does not fit the weights
     * @throws IllegalArgumentException if a matrix belongs to another backend
     */
    Layer dense(Matrix weights, Matrix bias);

    /**
     * Returns the mean-squared-error loss
     * {@code L = 1/(2N) · Σ_n Σ_j (y[n][j] − t[n][j])²} with gradient
     * {@code ∂L/∂y = (y − t) / N}.
     *
     * <p>The ½ makes the gradient exactly the one the numpy tutorial back-propagates, so
     * training follows the tutorial's trajectory step for step; the tutorial prints
     * {@code 2 · L}.
     *
     * @return the loss
     */
    Loss meanSquaredError();

    /**
     * Creates an element-wise activation layer {@code y = f(x)}: no parameters
     * ({@link Layer#parameters()} is empty), {@code inputSize() == outputSize() == size}.
     *
     * <p>{@code forward} writes {@code y[n][j] = f(x[n][j])}; {@code backward} returns
     * {@code dx[n][j] = dy[n][j] · f'(x[n][j])}, where {@code f} and {@code f'} are
     * {@link Activation#apply(double)} and {@link Activation#derivative(double)} (to within
     * rounding: a backend may compute the sigmoid's and tanh's derivative from the cached
     * output, {@code y(1 − y)} and {@code 1 − y²}). The buffer and lifecycle rules of
     * {@link Layer} apply: the output and the input gradient are owned and reused by the
     * layer, and the layer keeps the input (or the output) of {@code forward} for
     * {@code backward}. Errors read {@code activation.forward: input is 4x3 but expected ?x2}
     * and {@code activation.backward: outputGradient is ...}.
     *
     * @param activation the function
     * @param size       the number of features, non-negative
     * @return a new layer
     * @throws NullPointerException     if {@code activation} is null
     * @throws IllegalArgumentException if {@code size} is negative
     */
    Layer activation(Activation activation, int size);

    /**
     * Returns the softmax cross-entropy loss on logits: with
     * {@code softmax(y)[n][j] = e^{y[n][j]} / Σ_k e^{y[n][k]}},
     * {@code L = −(1/N) · Σ_n Σ_j t[n][j] · log softmax(y)[n][j]} and
     * {@code ∂L/∂y = (softmax(y) − t) / N}.
     *
     * <p>The prediction is the logits (the output of the last dense layer, no activation);
     * each target row is a probability distribution over the {@code d} classes, for example
     * one-hot: non-negative, summing to 1. The gradient is the exact derivative of the value
     * when every target row sums to 1 (in general it is
     * {@code (softmax(y) · Σ_j t[n][j] − t) / N}); targets are not checked.
     *
     * <p>Computed stably by log-sum-exp, {@code log Σ_k e^{y_k} = m + log Σ_k e^{y_k − m}} with
     * {@code m = max_k y_k}: finite logits never overflow, so logits of ±1000 give a finite
     * value and gradient, and a confidently wrong row costs about the gap between its logits
     * (for example {@code y = [1000, −1000]}, {@code t = [0, 1]}: 2000 per row). NaN and
     * infinite logits give NaN or infinite values. A matrix of zero columns has value 0.
     * Operation names in errors: {@code softmax-ce.value} and {@code softmax-ce.gradient},
     * operands {@code prediction}, {@code target}, {@code gradient} (as for the mean squared
     * error).
     *
     * @return the loss, named {@code "softmax-cross-entropy"}
     */
    Loss softmaxCrossEntropy();
}
