package org.nn4j.backend.commons;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * A {@link Matrix} of the Commons Math backend: a handle on an {@link Array2DRowRealMatrix}
 * whose {@code double[][]} rows the kernels read and write in place.
 *
 * <p>Commons Math rejects matrices with a zero dimension, which nn4j allows; such a matrix
 * keeps its (empty) rows here and has no {@code Array2DRowRealMatrix}.
 */
final class CommonsMatrix implements Matrix {

    /** The rows, shared with {@link #matrix} (not copied): {@code rows x cols}. */
    final double[][] data;
    private final int rows;
    private final int cols;
    private final Array2DRowRealMatrix matrix;

    private CommonsMatrix(int rows, int cols, double[][] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.matrix = rows > 0 && cols > 0 ? new Array2DRowRealMatrix(data, false) : null;
    }

    /** Creates a {@code rows x cols} matrix of zeros; dimensions already checked. */
    static CommonsMatrix zeros(int rows, int cols) {
        return new CommonsMatrix(rows, cols, new double[rows][cols]);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public String backendName() {
        return CommonsBackendProvider.NAME;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        return matrix.getEntry(row, col);
    }

    @Override
    public double[] toRowMajor() {
        double[] out = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data[i], 0, out, i * cols, cols);
        }
        return out;
    }

    @Override
    public String toString() {
        return "CommonsMatrix " + shape();
    }
}
