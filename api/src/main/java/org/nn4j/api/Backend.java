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

    // ---------------------------------------------------------------- image layers (issue 18)
    // Defaults: org.nn4j.api.spi's general layers on linearAlgebra(), correct on any backend
    // (ConvolutionLayer, MaxPoolLayer, AveragePoolLayer, DropoutLayer, BatchNormalizationLayer);
    // a backend overrides one only where its library is measurably faster. Every factory
    // checks its arguments: a matrix of another backend or precision is an
    // IllegalArgumentException, a parameter of the wrong shape a ShapeMismatchException.

    /**
     * Returns a 2-D convolution layer: output channel {@code o} at output pixel {@code (oy, ox)}
     * is {@code bias[o] + Σ kernels[o][(ky·kernelWidth + kx)·channels + c] · x(…)} over the
     * window (see {@link Window}); computed as {@code im2col(x) · kernelsᵀ + bias}. Input
     * {@code N x window.input().size()}, output {@code N x window.output(filters).size()},
     * both NHWC ({@link ImageShape}).
     *
     * @param window  the geometry
     * @param kernels {@code filters x window.patchSize()}, one filter a row in
     *                {@code (ky, kx, channel)} order; the layer's own from now on
     * @param bias    {@code 1 x filters}; the layer's own from now on
     * @return the layer, parameters {@code kernels} and {@code bias}
     * @throws ShapeMismatchException   if {@code kernels} is not {@code filters x patchSize} or
     *                                  {@code bias} not {@code 1 x filters}
     * @throws IllegalArgumentException if a matrix belongs to another backend or precision, or
     *                                  {@code kernels} has no rows
     * @throws NullPointerException     if an argument is null
     */
    default Layer convolution(Window window, Matrix kernels, Matrix bias) {
        return new org.nn4j.api.spi.ConvolutionLayer(linearAlgebra(), window, kernels, bias);
    }

    /**
     * Returns a max-pooling layer ({@link LinearAlgebra#maxPool}); no parameters.
     *
     * @param window the geometry
     * @return the layer
     */
    default Layer maxPool(Window window) {
        return new org.nn4j.api.spi.MaxPoolLayer(linearAlgebra(), window);
    }

    /**
     * Returns an average-pooling layer ({@link LinearAlgebra#averagePool}); no parameters.
     *
     * @param window the geometry
     * @return the layer
     */
    default Layer averagePool(Window window) {
        return new org.nn4j.api.spi.AveragePoolLayer(linearAlgebra(), window);
    }

    /**
     * Returns an inverted dropout layer: in training each value is kept with probability
     * {@code 1 − rate} and then divided by {@code 1 − rate}, or set to 0; in inference
     * ({@link Layer#setTraining}) it passes values unchanged. The keep/drop draws come from
     * {@code uniform} (values in {@code [0, 1)}, one per value, row-major, keep when
     * {@code u >= rate}), so the caller's seeded generator makes every backend drop the same
     * values.
     *
     * @param size    the features per example, positive
     * @param rate    the probability of dropping, in {@code [0, 1)}
     * @param uniform draws in {@code [0, 1)}; used only from the training thread
     * @return the layer; no parameters
     * @throws IllegalArgumentException if {@code size} is not positive or {@code rate} is
     *                                  outside {@code [0, 1)}
     * @throws NullPointerException     if {@code uniform} is null
     */
    default Layer dropout(int size, double rate, java.util.function.DoubleSupplier uniform) {
        return new org.nn4j.api.spi.DropoutLayer(linearAlgebra(), size, rate, uniform);
    }

    /**
     * Returns a batch normalisation layer over the channels of {@code shape}: in training each
     * channel is normalised with the mean and (biased) variance of its values over the batch
     * and the pixels, {@code y = scale · (x − mean) / √(variance + epsilon) + shift}, and the
     * running statistics move by {@code running ← (1 − momentum)·running + momentum·batch}
     * (the running variance takes the unbiased batch variance, as PyTorch does); in inference
     * the running statistics are used.
     *
     * @param shape           the input image (a vector is {@code 1 x 1 x d})
     * @param scale           {@code 1 x channels}, trained; the layer's own
     * @param shift           {@code 1 x channels}, trained; the layer's own
     * @param runningMean     {@code 1 x channels}, state; the layer's own
     * @param runningVariance {@code 1 x channels}, state; the layer's own
     * @param momentum        in {@code (0, 1]}
     * @param epsilon         positive
     * @return the layer, parameters {@code scale} and {@code shift}, state
     *         {@code runningMean} and {@code runningVariance}
     * @throws ShapeMismatchException   if a matrix is not {@code 1 x channels}
     * @throws IllegalArgumentException if a matrix belongs to another backend or precision, two
     *                                  are the same matrix, or {@code momentum} or
     *                                  {@code epsilon} is out of range
     * @throws NullPointerException     if an argument is null
     */
    default Layer batchNormalization(ImageShape shape, Matrix scale, Matrix shift,
                                     Matrix runningMean, Matrix runningVariance,
                                     double momentum, double epsilon) {
        return new org.nn4j.api.spi.BatchNormalizationLayer(linearAlgebra(), shape, scale, shift,
                runningMean, runningVariance, momentum, epsilon);
    }
}
