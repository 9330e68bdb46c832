package org.nn4j.api.spi;

import java.util.Objects;
import java.util.function.IntFunction;

/**
 * A layer's buffers for its most recently seen batch sizes, most recent first, so a training
 * loop that alternates between a few batch sizes (a mini-batch, its short last batch, the
 * whole training set) allocates nothing in steady state. Backends whose matrices cannot be
 * reshaped in place keep their per-batch-size buffers here.
 *
 * <p>Not thread-safe, like the layers that use it.
 *
 * @param <B> the buffers of one batch size
 */
public final class BatchSizeCache<B> {

    /** The number of batch sizes the layers keep buffers for. */
    public static final int DEFAULT_CAPACITY = 4;

    private final IntFunction<B> factory;
    private final Object[] values;
    private final int[] rows;
    private int size;

    /**
     * Creates an empty cache.
     *
     * @param capacity how many batch sizes to keep, positive; the least recently used goes
     * @param factory  creates the buffers for a number of rows
     */
    public BatchSizeCache(int capacity, IntFunction<B> factory) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.values = new Object[capacity];
        this.rows = new int[capacity];
    }

    /**
     * Returns the buffers for a batch size, creating them (and dropping the least recently
     * used) if it is not kept.
     *
     * @param batchRows the number of rows
     * @return the buffers, now the most recently used
     */
    @SuppressWarnings("unchecked")
    public B get(int batchRows) {
        int found = -1;
        for (int i = 0; i < size; i++) {
            if (rows[i] == batchRows) {
                found = i;
                break;
            }
        }
        B b;
        if (found >= 0) {
            b = (B) values[found];
        } else {
            b = factory.apply(batchRows);
            found = size < values.length ? size++ : values.length - 1;
        }
        System.arraycopy(values, 0, values, 1, found);
        System.arraycopy(rows, 0, rows, 1, found);
        values[0] = b;
        rows[0] = batchRows;
        return b;
    }
}
