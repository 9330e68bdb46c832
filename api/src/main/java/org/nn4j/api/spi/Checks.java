package org.nn4j.api.spi;

import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeMismatchException;

/**
 * The argument checks every backend makes before its library is reached, so that every
 * backend rejects bad input with the same exception and the same words.
 *
 * <p>Each check names the operation and the operand, for example
 * {@code Checks.shape("dense.forward", "input", new Shape(Shape.ANY, 2), x)}.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * Returns a matrix as the backend's own type, rejecting {@code null} and foreign matrices.
     *
     * @param type      the backend's matrix class
     * @param backend   the backend's name
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param matrix    the argument
     * @param <M>       the backend's matrix type
     * @return {@code matrix}, cast
     * @throws NullPointerException     if {@code matrix} is null
     * @throws IllegalArgumentException if {@code matrix} belongs to another backend
     */
    public static <M extends Matrix> M own(Class<M> type, String backend, String operation,
                                           String operand, Matrix matrix) {
        if (matrix == null) {
            throw new NullPointerException(operation + ": " + operand + " is null");
        }
        if (!type.isInstance(matrix)) {
            throw new IllegalArgumentException(operation + ": " + operand
                    + " is a matrix of backend '" + matrix.backendName() + "' ("
                    + matrix.getClass().getName() + "), but this is backend '" + backend
                    + "'; convert it first with LinearAlgebra.convert(Matrix)");
        }
        return type.cast(matrix);
    }

    /**
     * Rejects a matrix whose precision is not the one an operation computes in.
     *
     * @param expected  the operation's precision
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param matrix    the argument, not null
     * @throws IllegalArgumentException naming both precisions, if they differ
     */
    public static void precision(Precision expected, String operation, String operand,
                                 Matrix matrix) {
        Precision actual = matrix.precision();
        if (actual != expected) {
            throw new IllegalArgumentException(operation + ": " + operand + " is a "
                    + actual.label() + " matrix, but this " + matrix.backendName()
                    + " linear algebra computes in " + expected.label()
                    + "; convert it first with LinearAlgebra.convert(Matrix)");
        }
    }

    /**
     * Checks a matrix's shape against an expected one, whose dimensions may be open.
     *
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param expected  the expected shape; a dimension may be {@link Shape#ANY}
     * @param matrix    the argument
     * @throws ShapeMismatchException if it does not match
     */
    public static void shape(String operation, String operand, Shape expected, Matrix matrix) {
        shape(operation, operand, expected.rows(), expected.cols(), matrix);
    }

    /**
     * Checks a matrix's shape against expected dimensions, either of which may be
     * {@link Shape#ANY}. Allocates nothing unless it throws, so it is fit for a hot path.
     *
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param rows      the expected number of rows, or {@link Shape#ANY}
     * @param cols      the expected number of columns, or {@link Shape#ANY}
     * @param matrix    the argument
     * @throws ShapeMismatchException if it does not match
     */
    public static void shape(String operation, String operand, int rows, int cols, Matrix matrix) {
        int r = matrix.rows();
        int c = matrix.cols();
        if ((rows != Shape.ANY && rows != r) || (cols != Shape.ANY && cols != c)) {
            throw new ShapeMismatchException(operation, operand, new Shape(rows, cols),
                    Shape.of(r, c));
        }
    }

    /**
     * Checks that {@code other} has the shape of {@code reference}.
     *
     * @param operation the operation, for the message
     * @param reference the matrix whose shape is expected
     * @param operand   the argument's name, for the message
     * @param other     the argument checked
     * @throws ShapeMismatchException if it does not
     */
    public static void sameShape(String operation, Matrix reference, String operand, Matrix other) {
        shape(operation, operand, reference.rows(), reference.cols(), other);
    }

    /**
     * Rejects a destination that is also an input, where the operation cannot work in place.
     *
     * @param operation the operation, for the message
     * @param destName  the destination's name, for the message
     * @param dest      the destination
     * @param inputName the input's name, for the message
     * @param input     the input
     * @throws IllegalArgumentException if {@code dest == input}
     */
    public static void distinct(String operation, String destName, Matrix dest, String inputName,
                                Matrix input) {
        if (dest == input) {
            throw new IllegalArgumentException(operation + ": " + destName
                    + " must not be the same matrix as " + inputName);
        }
    }

    /**
     * Rejects an empty batch, where a mean over the rows is taken.
     *
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param matrix    the batch, one example a row
     * @throws IllegalArgumentException if {@code matrix} has no rows
     */
    public static void nonEmptyBatch(String operation, String operand, Matrix matrix) {
        if (matrix.rows() == 0) {
            throw new IllegalArgumentException(operation + ": " + operand
                    + " is an empty batch (" + matrix.shape() + "); at least one row is needed");
        }
    }

    /**
     * Checks a matrix's dimensions.
     *
     * @param operation the operation, for the message
     * @param rows      the number of rows
     * @param cols      the number of columns
     * @throws IllegalArgumentException if one is negative
     */
    public static void dimensions(String operation, int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(operation + ": a matrix cannot be " + rows + "x"
                    + cols + "; dimensions must be non-negative");
        }
    }

    /**
     * Checks that an array range {@code [offset, offset + count)} exists.
     *
     * @param operation the operation, for the message
     * @param arrayName the array's name, for the message
     * @param length    the array's length
     * @param offset    the first index of the range
     * @param count     the number of elements in the range
     * @throws IndexOutOfBoundsException naming the range and the array's length
     */
    public static void range(String operation, String arrayName, int length, int offset, long count) {
        if (offset < 0 || offset + count > length) {
            throw new IndexOutOfBoundsException(operation + ": " + arrayName + " has "
                    + length + " elements, but " + count + " are needed from offset " + offset);
        }
    }

    /**
     * Checks an element index against a shape.
     *
     * @param matrix the matrix indexed
     * @param row    the row index
     * @param col    the column index
     * @throws IndexOutOfBoundsException naming the index and the shape
     */
    public static void index(Matrix matrix, int row, int col) {
        if (row < 0 || row >= matrix.rows() || col < 0 || col >= matrix.cols()) {
            throw new IndexOutOfBoundsException("index (" + row + ", " + col
                    + ") is outside a " + matrix.shape() + " matrix");
        }
    }

    /**
     * Checks the number of features of a layer built from a size alone (an activation layer).
     *
     * @param operation the operation, for the message
     * @param size      the number of features
     * @throws IllegalArgumentException if {@code size} is negative
     */
    public static void layerSize(String operation, int size) {
        if (size < 0) {
            throw new IllegalArgumentException(operation + ": a layer cannot have " + size
                    + " features; the size must be non-negative");
        }
    }

    /**
     * Checks an optimizer's hyper-parameter lies in {@code [low, high)}, or {@code (low, high)}
     * when {@code lowIncluded} is false; NaN never does.
     *
     * @param operation   the operation, for the message
     * @param name        the hyper-parameter's name, for the message
     * @param value       its value
     * @param low         the lower bound
     * @param lowIncluded whether {@code low} itself is allowed
     * @param high        the upper bound, excluded
     * @throws IllegalArgumentException naming the operation, the hyper-parameter and its value
     */
    public static void hyperParameter(String operation, String name, double value, double low,
                                      boolean lowIncluded, double high) {
        boolean aboveLow = lowIncluded ? value >= low : value > low;
        if (!(aboveLow && value < high)) {
            throw new IllegalArgumentException(operation + ": " + name + " must be in "
                    + (lowIncluded ? "[" : "(") + low + ", " + high + "), got " + value);
        }
    }
}
