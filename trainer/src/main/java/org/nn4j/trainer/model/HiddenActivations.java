package org.nn4j.trainer.model;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.nn4j.api.Activation;

/**
 * The activations a hidden layer is chosen by name from, as the command line's
 * {@code --activation} and Spark ML's {@code activation} param spell them: {@code relu},
 * {@code leaky-relu} (slope {@link Activation#DEFAULT_NEGATIVE_SLOPE}), {@code tanh} and
 * {@code sigmoid}, in any case. One lookup, so every front end accepts the same names.
 */
public final class HiddenActivations {

    /** The names, in the order a message lists them. */
    public static final List<String> NAMES = List.of("relu", "leaky-relu", "tanh", "sigmoid");

    private HiddenActivations() {
    }

    /**
     * Returns the activation of a name.
     *
     * @param name one of {@link #NAMES}, in any case
     * @return the activation, or empty if the name is none of them (the caller names its
     *         option in the message)
     */
    public static Optional<Activation> named(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "relu":
                return Optional.of(Activation.relu());
            case "leaky-relu":
                return Optional.of(Activation.leakyRelu(Activation.DEFAULT_NEGATIVE_SLOPE));
            case "tanh":
                return Optional.of(Activation.tanh());
            case "sigmoid":
                return Optional.of(Activation.sigmoid());
            default:
                return Optional.empty();
        }
    }
}
