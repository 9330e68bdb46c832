package org.nn4j.backend.ejml;

import org.ejml.data.DMatrixRMaj;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/** A {@link Matrix} of the EJML backend: a handle on a {@link DMatrixRMaj}. */
final class EjmlMatrix implements Matrix {

    final DMatrixRMaj data;

    EjmlMatrix(DMatrixRMaj data) {
        this.data = data;
    }

    @Override
    public int rows() {
        return data.numRows;
    }

    @Override
    public int cols() {
        return data.numCols;
    }

    @Override
    public String backendName() {
        return EjmlBackendProvider.NAME;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        return data.unsafe_get(row, col);
    }

    @Override
    public double[] toRowMajor() {
        double[] out = new double[data.getNumElements()];
        System.arraycopy(data.data, 0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "EjmlMatrix " + shape();
    }
}
