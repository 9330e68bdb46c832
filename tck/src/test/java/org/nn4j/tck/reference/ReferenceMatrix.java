package org.nn4j.tck.reference;

import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.Checks;

/**
 * A matrix of the reference backend: a row-major {@code double[]}; in float32 every element
 * holds a float value (its linear algebra rounds what it stores).
 */
final class ReferenceMatrix implements Matrix {

    final int rows;
    final int cols;
    final double[] data;
    final Precision precision;

    ReferenceMatrix(int rows, int cols, double[] data, Precision precision) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.precision = precision;
    }

    @Override
    public Precision precision() {
        return precision;
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
        return ReferenceBackendProvider.NAME;
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
