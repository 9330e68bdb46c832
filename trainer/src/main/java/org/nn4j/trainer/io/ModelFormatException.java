package org.nn4j.trainer.io;

import java.io.IOException;

/**
 * A model file is corrupt, hostile or not one this nn4j reads. The message names the file,
 * the entry and field at fault and the offending value, for example
 * {@code "model.npz: dense0.weights.npy: shape (784, 255) does not match the architecture,
 * which needs (784, 256)"}.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, the entry and what is wrong with it
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the library error that revealed the fault.
     *
     * @param message the file, the entry and what is wrong with it
     * @param cause   what the zip or parsing code threw
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
