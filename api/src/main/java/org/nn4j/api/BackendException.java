package org.nn4j.api;

/**
 * No backend could be provided: none on the class path, none of the requested name, or the
 * one requested could not load. The message says what was searched and what was found.
 */
public final class BackendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was asked for, what was found and what to do
     */
    public BackendException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was asked for, what was found and what to do
     * @param cause   the failure behind it
     */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
