package org.nn4j.trainer.data;

import org.nn4j.trainer.Rng;

/**
 * Chooses the next mini-batch as a run of consecutive rows of a data set.
 *
 * <p>Not thread-safe.
 */
public interface BatchSampler {

    /**
     * Returns the first row of the next batch, in {@code [0, size)}. The batch holds the rows
     * from there up to the batch size, cut short at the end of the data, as numpy slicing
     * {@code x[start:start + batch]} does.
     *
     * @return the start row
     */
    int nextStart();

    /**
     * The tutorial's sampler: a uniformly random start in {@code [0, size)}, so a batch that
     * starts near the end is short.
     *
     * @param size the number of rows, positive
     * @param rng  the generator; the sampler draws one integer per batch
     * @return the sampler
     */
    static BatchSampler randomStart(int size, Rng rng) {
        if (size <= 0) {
            throw new IllegalArgumentException("cannot sample batches from " + size + " rows");
        }
        return () -> rng.nextInt(size);
    }
}
