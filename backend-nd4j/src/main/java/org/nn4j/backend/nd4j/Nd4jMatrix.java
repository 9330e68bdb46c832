package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nn4j.api.Matrix;
import org.nn4j.api.spi.Checks;

/**
 * A {@link Matrix} of the ND4J backend: a handle on a row-major ({@code 'c'}) {@code DOUBLE}
 * {@link INDArray} of rank 2 that this backend allocated itself (never a view), so its
 * elements are contiguous from offset 0.
 *
 * <p>Element access goes through a {@link DoubleBuffer} over the array's native memory,
 * made once per matrix, so copying a batch in or a result out is one bulk copy without a
 * native call per element. The handle keeps the array, and so its memory, alive.
 */
final class Nd4jMatrix implements Matrix {

    /** The array; empty (ND4J's kind of empty) when a dimension is zero. */
    final INDArray array;
    private final int rows;
    private final int cols;
    private DoubleBuffer elements;
    private DoublePointer pointer;

    private Nd4jMatrix(INDArray array, int rows, int cols) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
    }

    /** Creates a {@code rows x cols} matrix of zeros; dimensions already checked. */
    static Nd4jMatrix zeros(int rows, int cols) {
        INDArray a = Nd4j.create(DataType.DOUBLE, new long[] {rows, cols}, 'c');
        return new Nd4jMatrix(a, rows, cols);
    }

    /** Returns the number of elements. */
    int size() {
        return rows * cols;
    }

    /** Returns the elements, row-major, as a buffer over the native memory (absolute access only). */
    DoubleBuffer elements() {
        if (elements == null) {
            elements = size() == 0 ? DoubleBuffer.allocate(0) : array.data().asNioDouble();
        }
        return elements;
    }

    /** Returns the address of the first element, for BLAS; the matrix is not empty. */
    DoublePointer pointer() {
        if (pointer == null) {
            pointer = (DoublePointer) array.data().addressPointer();
        }
        return pointer;
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
        return Nd4jBackendProvider.NAME;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        return elements().get(row * cols + col);
    }

    @Override
    public double[] toRowMajor() {
        double[] out = new double[size()];
        elements().get(0, out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "Nd4jMatrix " + shape();
    }
}
