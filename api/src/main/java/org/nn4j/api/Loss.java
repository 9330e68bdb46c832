package org.nn4j.api;

/**
 * A loss function over a batch of predictions and targets, one example a row.
 *
 * <p>A loss is its own average over the batch: the value is a mean over the {@code N} rows,
 * and the gradient is the exact derivative of that value, the {@code 1/N} included. Layers
 * therefore back-propagate plain derivatives.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Loss {

    /**
     * Returns a short name, for example {@code "mean-squared-error"}.
     *
     * @return the loss's name
     */
    String name();

    /**
     * Computes the loss.
     *
     * @param prediction {@code N x d}, {@code N >= 1}. Not modified.
     * @param target     the same shape. Not modified.
     * @return the loss value; NaN or infinite if an input element is
     * @throws ShapeMismatchException   if the shapes differ
     * @throws IllegalArgumentException if the batch is empty
     */
    double value(Matrix prediction, Matrix target);

    /**
     * Computes the loss and writes its gradient with respect to the prediction.
     *
     * @param prediction {@code N x d}, {@code N >= 1}. Not modified.
     * @param target     the same shape. Not modified.
     * @param gradient   the same shape; receives {@code ∂loss/∂prediction}. Modified. Must
     *                   not be {@code prediction} or {@code target}.
     * @return the loss value, as {@link #value(Matrix, Matrix)} returns it
     * @throws ShapeMismatchException   if the shapes differ
     * @throws IllegalArgumentException if the batch is empty or {@code gradient} aliases an input
     */
    double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient);
}
