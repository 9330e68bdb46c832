package org.nn4j.api;

/**
 * A dense matrix of floating-point numbers in one {@link Precision}, as an opaque handle owned
 * by the backend that created it.
 *
 * <p>A matrix can only be passed to operations of the backend that made it; any other
 * backend rejects it with an {@link IllegalArgumentException} naming both backends. To move
 * data between backends, convert explicitly with {@link LinearAlgebra#convert(Matrix)} or
 * through {@link #toRowMajor()} and {@link LinearAlgebra#fromRowMajor(int, int, double...)}.
 *
 * <p>Matrices are mutable and not thread-safe: the operations of {@link LinearAlgebra} write
 * into the destinations they are given.
 */
public interface Matrix {

    /**
     * Returns the number of rows.
     *
     * @return the number of rows
     */
    int rows();

    /**
     * Returns the number of columns.
     *
     * @return the number of columns
     */
    int cols();

    /**
     * Returns the shape, {@code rows() x cols()}.
     *
     * @return the shape
     */
    default Shape shape() {
        return Shape.of(rows(), cols());
    }

    /**
     * Returns the name of the backend that owns this matrix, for example {@code "ejml"}.
     *
     * @return the owning backend's name
     */
    String backendName();

    /**
     * Returns the precision this matrix stores its elements in. Operations refuse to mix
     * matrices of different precisions. A matrix that does not override this is
     * {@link Precision#F64}.
     *
     * @return the precision
     */
    default Precision precision() {
        return Precision.F64;
    }

    /**
     * Returns the element at a position.
     *
     * @param row row index, {@code 0 <= row < rows()}
     * @param col column index, {@code 0 <= col < cols()}
     * @return the element
     * @throws IndexOutOfBoundsException naming the index and the shape, if out of range
     */
    double get(int row, int col);

    /**
     * Copies the elements out in row-major order: element {@code (i, j)} lands at
     * {@code i * cols() + j}. Elements of a {@link Precision#F32} matrix are widened exactly.
     *
     * @return a new array of {@code rows() * cols()} elements
     */
    double[] toRowMajor();
}
