package org.nn4j.trainer.spark;

import java.io.Serializable;
import java.util.Objects;
import org.nn4j.trainer.Rng;

/**
 * The examples of one partition, packed row-major: what one Spark task trains on. Packing
 * many rows into two arrays keeps the cached RDD small and lets a task copy a mini-batch with
 * {@link System#arraycopy}, where one object per example would cost a header and a pointer
 * chase each.
 *
 * <p>Immutable by contract: the arrays are owned by the block and never modified.
 */
public final class DataBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int id;
    private final int rows;
    private final int featureCount;
    private final int targetCount;
    private final double[] features;
    private final double[] targets;

    /**
     * Creates a block.
     *
     * @param id           the block's number, which seeds its shuffles; unique in a data set
     * @param rows         examples, non-negative
     * @param featureCount features per example, positive
     * @param targetCount  targets per example, positive
     * @param features     {@code rows · featureCount} values; kept, not copied
     * @param targets      {@code rows · targetCount} values; kept, not copied
     * @throws IllegalArgumentException if a length does not fit the counts
     */
    public DataBlock(int id, int rows, int featureCount, int targetCount, double[] features,
                     double[] targets) {
        if (rows < 0 || featureCount <= 0 || targetCount <= 0) {
            throw new IllegalArgumentException("block " + id + ": rows must be non-negative and"
                    + " counts positive, got " + rows + " rows, " + featureCount + " features, "
                    + targetCount + " targets");
        }
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if (features.length != (long) rows * featureCount
                || targets.length != (long) rows * targetCount) {
            throw new IllegalArgumentException("block " + id + ": " + rows + " rows need "
                    + (long) rows * featureCount + " features and " + (long) rows * targetCount
                    + " targets, got " + features.length + " and " + targets.length);
        }
        this.id = id;
        this.rows = rows;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /** Returns the block's number. */
    public int id() {
        return id;
    }

    /** Returns the number of examples. */
    public int rows() {
        return rows;
    }

    /** Returns the features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** Returns the targets per example. */
    public int targetCount() {
        return targetCount;
    }

    /**
     * Returns this block's order of its rows in an epoch: a Fisher–Yates shuffle drawn from a
     * generator seeded by the run's seed, the epoch and the block's number, so every executor
     * (and every retry of a task) computes the same order.
     *
     * @param seed  the run's seed
     * @param epoch the epoch, from 0
     * @return a permutation of {@code 0 .. rows() - 1}
     */
    int[] order(long seed, int epoch) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Rng rng = new Rng(mix(mix(seed, epoch), id));
        for (int i = rows - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }

    /**
     * Copies rows, in a given order, into row-major buffers.
     *
     * @param order    row indices. Not modified.
     * @param from     first position in {@code order}
     * @param count    how many rows
     * @param xs       receives {@code count · featureCount()} values. Modified.
     * @param ts       receives {@code count · targetCount()} values. Modified.
     */
    void copyRows(int[] order, int from, int count, double[] xs, double[] ts) {
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            System.arraycopy(features, row * featureCount, xs, r * featureCount, featureCount);
            System.arraycopy(targets, row * targetCount, ts, r * targetCount, targetCount);
        }
    }

    /** SplitMix64's finaliser over a combination: distinct inputs give unrelated seeds. */
    /**
     * Returns the seed of the dropout draws for the batch of this block's rows that starts at
     * {@code from} in an epoch: a function of the run, the epoch, the block and the batch
     * only, so every executor (and every retry of a task) drops the same values.
     */
    long noiseSeed(long seed, int epoch, int from) {
        return mix(mix(mix(seed ^ 0x6a09e667f3bcc909L, epoch), id), from);
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
