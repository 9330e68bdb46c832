package org.nn4j.api;

/**
 * The shape of a matrix: a number of rows and a number of columns.
 *
 * <p>An <em>expected</em> shape, as carried by {@link ShapeMismatchException}, may leave a
 * dimension open with {@link #ANY}; it prints as {@code ?}. The shape of an actual matrix
 * never does.
 *
 * @param rows the number of rows, non-negative, or {@link #ANY} in an expected shape
 * @param cols the number of columns, non-negative, or {@link #ANY} in an expected shape
 */
public record Shape(int rows, int cols) {

    /** A dimension left open in an expected shape. */
    public static final int ANY = -1;

    /**
     * Checks the dimensions.
     *
     * @param rows the number of rows, non-negative, or {@link #ANY}
     * @param cols the number of columns, non-negative, or {@link #ANY}
     * @throws IllegalArgumentException if a dimension is below {@link #ANY}
     */
    public Shape {
        if (rows < ANY || cols < ANY) {
            throw new IllegalArgumentException("a shape's dimensions must be non-negative, got "
                    + rows + "x" + cols);
        }
    }

    /**
     * Returns the shape of an actual matrix.
     *
     * @param rows number of rows, non-negative
     * @param cols number of columns, non-negative
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative
     */
    public static Shape of(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("a matrix cannot have a negative dimension, got "
                    + rows + "x" + cols);
        }
        return new Shape(rows, cols);
    }

    /**
     * Tells whether an actual shape fits this (possibly open) expected shape.
     *
     * @param actual the shape of an actual matrix
     * @return true when every fixed dimension of this shape equals the actual one
     */
    public boolean matches(Shape actual) {
        return (rows == ANY || rows == actual.rows) && (cols == ANY || cols == actual.cols);
    }

    /**
     * Returns the number of elements, {@code rows * cols}, of an actual shape.
     *
     * @return the number of elements
     */
    public long size() {
        return (long) rows * cols;
    }

    /** Prints as {@code 2x3}, an open dimension as {@code ?}. */
    @Override
    public String toString() {
        return dimension(rows) + "x" + dimension(cols);
    }

    private static String dimension(int d) {
        return d == ANY ? "?" : Integer.toString(d);
    }
}
