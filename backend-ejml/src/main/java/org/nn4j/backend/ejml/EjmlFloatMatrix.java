package org.nn4j.backend.ejml;

import org.ejml.data.FMatrixRMaj;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.Checks;

/**
 * A float32 {@link Matrix} of the EJML backend: a handle on an {@link FMatrixRMaj}. Elements
 * widen exactly to {@code double} on the way out.
 */
final class EjmlFloatMatrix implements Matrix {

    final FMatrixRMaj data;

    EjmlFloatMatrix(FMatrixRMaj data) {
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
    public Precision precision() {
        return Precision.F32;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        return data.unsafe_get(row, col);
    }

    @Override
    public double[] toRowMajor() {
        int n = data.getNumElements();
        double[] out = new double[n];
        float[] x = data.data;
        for (int i = 0; i < n; i++) {
            out[i] = x[i];
        }
        return out;
    }

    @Override
    public String toString() {
        return "EjmlFloatMatrix " + shape();
    }
}
