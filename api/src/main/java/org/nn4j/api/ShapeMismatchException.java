package org.nn4j.api;

/**
 * A matrix had the wrong shape for an operation.
 *
 * <p>Every backend throws this one exception, with the same wording, before its own library
 * is reached: {@code "gemm: c is 2x4 but expected 2x3"}. It carries the facts as well as the
 * words: the operation, the operand, the expected shape (possibly with open dimensions, see
 * {@link Shape#ANY}) and the actual shape.
 */
public final class ShapeMismatchException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The operation that rejected the operand. */
    private final String operation;
    /** The name of the operand whose shape was wrong. */
    private final String operand;
    /** The shape that was expected; open dimensions are {@link Shape#ANY}. */
    private final Shape expected;
    /** The shape that was given. */
    private final Shape actual;

    /**
     * Creates the exception.
     *
     * @param operation the operation that was called, for example {@code "gemm"}
     * @param operand   the argument whose shape is wrong, for example {@code "c"}
     * @param expected  the shape the operation needed; dimensions may be {@link Shape#ANY}
     * @param actual    the shape it was given
     */
    public ShapeMismatchException(String operation, String operand, Shape expected, Shape actual) {
        super(operation + ": " + operand + " is " + actual + " but expected " + expected);
        this.operation = operation;
        this.operand = operand;
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Returns the operation that rejected the operand, for example {@code "gemm"}.
     *
     * @return the operation
     */
    public String operation() {
        return operation;
    }

    /**
     * Returns the name of the operand whose shape was wrong.
     *
     * @return the operand's name
     */
    public String operand() {
        return operand;
    }

    /**
     * Returns the shape that was expected; open dimensions are {@link Shape#ANY}.
     *
     * @return the expected shape
     */
    public Shape expected() {
        return expected;
    }

    /**
     * Returns the shape that was given.
     *
     * @return the actual shape
     */
    public Shape actual() {
        return actual;
    }
}
