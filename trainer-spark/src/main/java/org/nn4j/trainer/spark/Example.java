package org.nn4j.trainer.spark;

import java.io.Serializable;
import java.util.Objects;

/**
 * One training example, as a user's {@code JavaRDD} holds it before
 * {@link DataBlocks#fromExamples} packs a partition's examples into a {@link DataBlock}.
 *
 * @param features its features. Not copied; do not modify.
 * @param targets  its targets (one-hot for a classifier). Not copied; do not modify.
 */
public record Example(double[] features, double[] targets) implements Serializable {

    /** Checks that both arrays are there. */
    public Example {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
    }
}
