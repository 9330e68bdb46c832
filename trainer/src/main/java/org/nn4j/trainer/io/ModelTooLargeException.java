package org.nn4j.trainer.io;

/**
 * A model file declares more weights and biases than the caller allowed. The file may be
 * sound (nn4j can train and save larger models than its default limit); the caller decides
 * whether to raise the limit, and the exception carries both numbers for its message.
 */
public final class ModelTooLargeException extends ModelFormatException {

    private static final long serialVersionUID = 1L;

    /** The parameters the file declares. */
    private final long parameters;
    /** The limit the file exceeds. */
    private final long limit;

    /**
     * Creates the exception.
     *
     * @param message    the file and what it declares
     * @param parameters the parameters the file declares ({@link Long#MAX_VALUE} if more)
     * @param limit      the limit it exceeds
     */
    public ModelTooLargeException(String message, long parameters, long limit) {
        super(message);
        this.parameters = parameters;
        this.limit = limit;
    }

    /**
     * Returns the parameters the file declares, {@link Long#MAX_VALUE} if more than that.
     *
     * @return the parameters the file declares
     */
    public long parameters() {
        return parameters;
    }

    /**
     * Returns the limit the file exceeds.
     *
     * @return the limit the file exceeds
     */
    public long limit() {
        return limit;
    }
}
