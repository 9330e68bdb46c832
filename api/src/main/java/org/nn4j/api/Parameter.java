package org.nn4j.api;

import java.util.Objects;

/**
 * A trainable parameter of a layer: its current value and the gradient of the loss with
 * respect to it, as computed by the layer's last {@link Layer#backward(Matrix)}.
 *
 * <p>Both matrices belong to the layer and have the same shape. An optimizer updates
 * {@code value} in place, reading {@code gradient}.
 *
 * @param name     a short name, unique within its layer, such as {@code "W"} or {@code "b"}
 * @param value    the parameter itself
 * @param gradient the gradient of the loss with respect to {@code value}
 */
public record Parameter(String name, Matrix value, Matrix gradient) {

    /**
     * Checks the components.
     *
     * @param name     a short name, unique within its layer
     * @param value    the parameter itself
     * @param gradient the gradient of the loss with respect to {@code value}, same shape
     * @throws ShapeMismatchException if the gradient's shape differs from the value's
     */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
        if (!value.shape().equals(gradient.shape())) {
            throw new ShapeMismatchException("parameter " + name, "gradient", value.shape(),
                    gradient.shape());
        }
    }
}
