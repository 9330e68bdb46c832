package org.nn4j.api.spi;

import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;

/**
 * What the general layers of this package ({@link ConvolutionLayer}, {@link PoolingLayer},
 * {@link DropoutLayer}, {@link BatchNormalizationLayer}) share: they are written against
 * {@link LinearAlgebra} alone, so they cannot cast to a backend's matrix type and check
 * ownership by backend name and precision, in the words of {@link Checks#own}.
 */
final class GeneralLayers {

    private GeneralLayers() {
    }

    /**
     * Rejects {@code null} and a matrix of another backend or precision than {@code la}'s.
     *
     * @param la        the linear algebra the layer computes with
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param matrix    the argument
     * @return {@code matrix}
     * @throws NullPointerException     if {@code matrix} is null
     * @throws IllegalArgumentException if it belongs to another backend or precision
     */
    static Matrix own(LinearAlgebra la, String operation, String operand, Matrix matrix) {
        if (matrix == null) {
            throw new NullPointerException(operation + ": " + operand + " is null");
        }
        if (!la.backendName().equals(matrix.backendName())) {
            throw new IllegalArgumentException(operation + ": " + operand
                    + " is a matrix of backend '" + matrix.backendName() + "' ("
                    + matrix.getClass().getName() + "), but this is backend '"
                    + la.backendName() + "'; convert it first with LinearAlgebra.convert(Matrix)");
        }
        Checks.precision(la.precision(), operation, operand, matrix);
        return matrix;
    }

    /**
     * Multiplies two dimensions of a buffer, refusing sizes a matrix cannot have.
     *
     * @param operation the operation, for the message
     * @param what      the buffer, for the message
     * @param rows      its rows
     * @param cols      its columns
     * @return {@code rows} (checked)
     * @throws IllegalArgumentException if {@code rows · cols} exceeds {@link Integer#MAX_VALUE}
     */
    static int rows(String operation, String what, long rows, long cols) {
        if (rows > Integer.MAX_VALUE || rows * cols > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(operation + ": " + what + " would be " + rows
                    + "x" + cols + ", more than " + Integer.MAX_VALUE
                    + " elements; use a smaller batch");
        }
        return (int) rows;
    }

    /**
     * The error of {@code backward} before any {@code forward}.
     *
     * @param layer the layer's name
     * @return the exception to throw
     */
    static IllegalStateException backwardBeforeForward(String layer) {
        return new IllegalStateException(layer + ".backward called before forward");
    }
}
