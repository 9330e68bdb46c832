package org.nn4j.examples.backend;

import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** A matrix of the arrays backend: its shape and a row-major {@code double[]}. */
final class ArraysMatrix implements Matrix {

    final int rows;
    final int cols;
    final double[] data;

    ArraysMatrix(int rows, int cols, double[] data) {
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
        return ArraysBackendProvider.NAME;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        return data[row * cols + col];
    }

    @Override
    public double[] toRowMajor() {
        return data.clone();
    }
}
