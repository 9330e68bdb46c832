package org.nn4j.trainer.io;

import java.util.Objects;
import org.nn4j.api.Activation;

/**
 * One layer of a {@link ModelArchitecture}: a fully connected layer of a number of units, or
 * an element-wise activation as wide as the layer before it.
 */
public sealed interface LayerSpec permits LayerSpec.Dense, LayerSpec.Elementwise {

    /**
     * A fully connected layer {@code y = x·W + b}.
     *
     * @param units its number of outputs, positive
     */
    record Dense(int units) implements LayerSpec {
        /**
         * Checks the size.
         *
         * @throws IllegalArgumentException if {@code units} is not positive
         */
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("a dense layer needs a positive number of"
                        + " units, got " + units);
            }
        }
    }

    /**
     * An element-wise activation layer.
     *
     * @param function the activation function
     */
    record Elementwise(Activation function) implements LayerSpec {
        /** Checks the function is given. */
        public Elementwise {
            Objects.requireNonNull(function, "function");
        }
    }

    /**
     * Returns a dense layer.
     *
     * @param units its outputs, positive
     * @return the layer
     */
    static LayerSpec dense(int units) {
        return new Dense(units);
    }

    /**
     * Returns an activation layer.
     *
     * @param function the function
     * @return the layer
     */
    static LayerSpec activation(Activation function) {
        return new Elementwise(function);
    }
}
