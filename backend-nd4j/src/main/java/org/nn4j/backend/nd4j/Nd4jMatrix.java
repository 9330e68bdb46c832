package org.nn4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.Checks;

/**
 * A {@link Matrix} of the ND4J backend: a handle on a row-major ({@code 'c'}) {@link INDArray}
 * of rank 2 that this backend allocated itself (never a view), so its elements are contiguous
 * from offset 0. The array's data type is the matrix's precision: {@code DOUBLE} for
 * {@link Precision#F64}, {@code FLOAT} for {@link Precision#F32}; one class serves both, so
 * the linear algebra's {@code own} tells them apart by {@link #precision()}.
 *
 * <p>Element access goes through a {@link DoubleBuffer} (float64) or a {@link FloatBuffer}
 * (float32) over the array's native memory, made once per matrix, so copying a batch in or a
 * result out is one bulk copy without a native call per element. The handle keeps the array,
 * and so its memory, alive.
 */
final class Nd4jMatrix implements Matrix {

    /** The array; empty (ND4J's kind of empty) when a dimension is zero. */
    final INDArray array;
    private final int rows;
    private final int cols;
    private final Precision precision;
    private DoubleBuffer elements;
    private FloatBuffer floats;
    private DoublePointer pointer;
    private FloatPointer floatPointer;

    private Nd4jMatrix(INDArray array, int rows, int cols, Precision precision) {
        this.array = array;
        this.rows = rows;
        this.cols = cols;
        this.precision = precision;
    }

    /** Creates a {@code rows x cols} matrix of zeros in a precision; dimensions already checked. */
    static Nd4jMatrix zeros(Precision precision, int rows, int cols) {
        DataType type = precision == Precision.F32 ? DataType.FLOAT : DataType.DOUBLE;
        INDArray a = Nd4j.create(type, new long[] {rows, cols}, 'c');
        return new Nd4jMatrix(a, rows, cols, precision);
    }

    /** Returns the number of elements. */
    int size() {
        return rows * cols;
    }

    /** Whether the elements are float32 ({@link #floats()}) rather than float64 ({@link #elements()}). */
    boolean isFloat() {
        return precision == Precision.F32;
    }

    /**
     * Returns the elements of a float64 matrix, row-major, as a buffer over the native memory
     * (absolute access only).
     */
    DoubleBuffer elements() {
        if (elements == null) {
            elements = size() == 0 ? DoubleBuffer.allocate(0) : array.data().asNioDouble();
        }
        return elements;
    }

    /**
     * Returns the elements of a float32 matrix, row-major, as a buffer over the native memory
     * (absolute access only).
     */
    FloatBuffer floats() {
        if (floats == null) {
            floats = size() == 0 ? FloatBuffer.allocate(0) : array.data().asNioFloat();
        }
        return floats;
    }

    /** Returns the address of the first element of a float64 matrix, for BLAS; not empty. */
    DoublePointer pointer() {
        if (pointer == null) {
            pointer = (DoublePointer) array.data().addressPointer();
        }
        return pointer;
    }

    /** Returns the address of the first element of a float32 matrix, for BLAS; not empty. */
    FloatPointer floatPointer() {
        if (floatPointer == null) {
            floatPointer = (FloatPointer) array.data().addressPointer();
        }
        return floatPointer;
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
    public Precision precision() {
        return precision;
    }

    @Override
    public double get(int row, int col) {
        Checks.index(this, row, col);
        int i = row * cols + col;
        return isFloat() ? floats().get(i) : elements().get(i);
    }

    @Override
    public double[] toRowMajor() {
        double[] out = new double[size()];
        if (isFloat()) {
            FloatBuffer f = floats();
            for (int i = 0; i < out.length; i++) {
                out[i] = f.get(i);
            }
        } else {
            elements().get(0, out, 0, out.length);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Nd4jMatrix " + shape() + " " + precision.label();
    }
}
