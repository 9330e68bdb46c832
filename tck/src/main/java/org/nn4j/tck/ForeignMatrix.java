package org.nn4j.tck;

import java.util.Arrays;
import org.nn4j.api.Matrix;

/**
 * A matrix that belongs to no real backend, to check that a backend rejects matrices it did
 * not make with an {@link IllegalArgumentException} naming both backends.
 */
final class ForeignMatrix implements Matrix {

    /** The name this matrix reports as its backend's. */
    static final String BACKEND = "tck-foreign";

    private final int rows;
    private final int cols;
    private final double[] data;

    ForeignMatrix(int rows, int cols) {
        this(rows, cols, new double[rows * cols]);
    }

    /** A matrix holding the given row-major data (not copied). */
    ForeignMatrix(int rows, int cols, double[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
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
        return BACKEND;
    }

    @Override
    public double get(int row, int col) {
        return data[row * cols + col];
    }

    @Override
    public double[] toRowMajor() {
        return Arrays.copyOf(data, data.length);
    }

    @Override
    public String toString() {
        return "ForeignMatrix " + rows + "x" + cols;
    }
}
