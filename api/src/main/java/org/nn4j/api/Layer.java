package org.nn4j.api;

import java.util.List;

/**
 * One layer of a network: a differentiable map from a batch of inputs (one example a row)
 * to a batch of outputs.
 *
 * <p><b>Lifecycle.</b> Call {@link #forward(Matrix)}, then at most once
 * {@link #backward(Matrix)} with the gradient of the loss with respect to that output; then
 * an optimizer may update {@link #parameters()}; then the next {@code forward}. Calling
 * {@code backward} before any {@code forward} is an {@link IllegalStateException}.
 *
 * <p><b>Buffers.</b> A layer owns the matrices it returns and reuses them, so a training step
 * allocates nothing once every batch size has been seen: the output of {@code forward} is
 * valid until the next {@code forward}, the result of {@code backward} until the next
 * {@code backward}. The layer keeps a reference to the input of {@code forward} for
 * {@code backward}: do not modify it in between. Copy what you want to keep.
 *
 * <p><b>Gradients.</b> {@code backward} computes the plain derivatives of the loss: any
 * averaging over the batch belongs to the loss (see {@link Loss}), not to the layer.
 *
 * <p>A layer is not thread-safe; train one layer from one thread at a time.
 */
public interface Layer {

    /**
     * Returns the number of input features, the columns of {@link #forward(Matrix)}'s input.
     *
     * @return the number of input features
     */
    int inputSize();

    /**
     * Returns the number of output features, the columns of the output.
     *
     * @return the number of output features
     */
    int outputSize();

    /**
     * Computes the output for a batch.
     *
     * @param input {@code N x inputSize()}, one example a row; {@code N >= 1}. Not modified;
     *              kept by reference until the next {@code forward}.
     * @return the output, {@code N x outputSize()}, owned by the layer
     * @throws ShapeMismatchException if {@code input} has the wrong number of columns
     */
    Matrix forward(Matrix input);

    /**
     * Back-propagates the gradient of the loss with respect to the last output: overwrites
     * every parameter's gradient and returns the gradient with respect to the last input.
     *
     * @param outputGradient {@code N x outputSize()}, the shape of the last output. Not modified.
     * @return the gradient with respect to the input, {@code N x inputSize()}, owned by the layer
     * @throws IllegalStateException  if {@code forward} has not been called
     * @throws ShapeMismatchException if {@code outputGradient} is not the last output's shape
     */
    Matrix backward(Matrix outputGradient);

    /**
     * Back-propagates as {@link #backward(Matrix)} does, but skips the gradient with respect to
     * the input when it is not needed: the first layer of a network, whose input is the data,
     * has no one to pass it to, and for a dense layer it is a third of the backward pass's
     * arithmetic. Every parameter's gradient is overwritten either way, with the same values.
     *
     * <p>The default calls {@link #backward(Matrix)} and drops the result; a layer that can skip
     * the work overrides it.
     *
     * @param outputGradient      as for {@link #backward(Matrix)}
     * @param inputGradientNeeded whether to compute and return the input's gradient
     * @return the gradient with respect to the input, owned by the layer, or {@code null} when
     *         {@code inputGradientNeeded} is false
     * @throws IllegalStateException  if {@code forward} has not been called
     * @throws ShapeMismatchException if {@code outputGradient} is not the last output's shape
     */
    default Matrix backward(Matrix outputGradient, boolean inputGradientNeeded) {
        Matrix inputGradient = backward(outputGradient);
        return inputGradientNeeded ? inputGradient : null;
    }

    /**
     * Returns the trainable parameters with their gradients, in a fixed order.
     *
     * @return an unmodifiable list; the matrices are the layer's own, not copies
     */
    List<Parameter> parameters();

    /**
     * Switches the layer between training and inference. A layer whose forward pass differs
     * between the two overrides it: dropout drops units only in training; batch normalisation
     * normalises with the batch's statistics (and updates its running ones) in training, with
     * the running statistics in inference. A new layer is in training mode; a predictor's
     * copies are switched to inference. The default does nothing: for most layers the two are
     * the same.
     *
     * @param training true for training, false for inference
     */
    default void setTraining(boolean training) {
    }

    /**
     * Returns the arrays the layer updates itself while training and uses in inference, such
     * as batch normalisation's running mean and variance: saved with the model like the
     * parameters, but no optimizer touches them and they have no gradient.
     *
     * @return an unmodifiable list in a fixed order; empty (the default) for a layer without
     *         such state. The matrices are the layer's own, not copies.
     */
    default List<State> state() {
        return List.of();
    }

    /**
     * One array of a layer's {@link #state()}.
     *
     * @param name  a short name, unique within its layer, such as {@code runningMean}
     * @param value the array, the layer's own
     */
    record State(String name, Matrix value) {

        /**
         * Checks the components.
         *
         * @throws NullPointerException if a component is null
         * @param name as the record
         * @param value as the record
         */
        public State {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(value, "value");
        }
    }
}
