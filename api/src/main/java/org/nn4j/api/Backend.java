package org.nn4j.api;

/**
 * A linear-algebra backend: its matrices and operations, and the layers and losses built on
 * them in the backend's own types.
 *
 * <p>Obtain one from {@link Backends}; never name an implementation class. A backend is
 * thread-safe; the layers it creates are not (see {@link Layer}).
 */
public interface Backend {

    /** Returns the backend's name, for example {@code "ejml"}; lower case, unique. */
    String name();

    /** Returns the backend's linear algebra. */
    LinearAlgebra linearAlgebra();

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
}
