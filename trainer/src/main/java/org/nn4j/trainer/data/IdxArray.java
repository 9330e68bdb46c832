package org.nn4j.trainer.data;

import java.util.Arrays;

/**
 * The contents of an IDX file of unsigned bytes: its dimensions and its elements in row-major
 * order. An MNIST image file is {@code [count, 28, 28]}, a label file {@code [count]}.
 */
public final class IdxArray {

    private final int[] dimensions;
    private final byte[] data;

    IdxArray(int[] dimensions, byte[] data) {
        this.dimensions = dimensions;
        this.data = data;
    }

    /**
     * Returns the dimensions, outermost first; a copy.
     *
     * @return the dimensions
     */
    public int[] dimensions() {
        return dimensions.clone();
    }

    /**
     * Returns the size of dimension {@code i}.
     *
     * @param i the dimension, from 0
     * @return the size of dimension {@code i}
     */
    public int dimension(int i) {
        return dimensions[i];
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the number of dimensions
     */
    public int rank() {
        return dimensions.length;
    }

    /**
     * Returns the number of elements.
     *
     * @return the number of elements
     */
    public int size() {
        return data.length;
    }

    /**
     * Returns element {@code i} (row-major) as an unsigned value 0..255.
     *
     * @param i the element's row-major index
     * @return element {@code i}, 0..255
     */
    public int unsigned(int i) {
        return data[i] & 0xFF;
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dimensions);
    }
}
