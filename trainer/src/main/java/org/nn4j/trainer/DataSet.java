package org.nn4j.trainer;

import java.util.Objects;

/**
 * A supervised data set held in row-major arrays: row {@code i} of the features is
 * {@code features[i * featureCount .. (i + 1) * featureCount)}, and likewise for targets.
 * The arrays are owned by the data set; do not modify them.
 */
public final class DataSet {

    private final int size;
    private final int featureCount;
    private final int targetCount;
    private final double[] features;
    private final double[] targets;

    /**
     * Creates a data set, checking that the arrays fit the counts.
     *
     * @param size         number of examples
     * @param featureCount features per example
     * @param targetCount  targets per example
     * @param features     {@code size * featureCount} values, row-major; kept, not copied
     * @param targets      {@code size * targetCount} values, row-major; kept, not copied
     * @throws IllegalArgumentException if an array's length does not fit
     */
    public DataSet(int size, int featureCount, int targetCount, double[] features,
                   double[] targets) {
        if (size < 0 || featureCount < 0 || targetCount < 0) {
            throw new IllegalArgumentException("counts must be non-negative, got size " + size
                    + ", features " + featureCount + ", targets " + targetCount);
        }
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(targets, "targets");
        if (features.length != (long) size * featureCount) {
            throw new IllegalArgumentException(size + " examples of " + featureCount
                    + " features need " + (long) size * featureCount + " values, got "
                    + features.length);
        }
        if (targets.length != (long) size * targetCount) {
            throw new IllegalArgumentException(size + " examples of " + targetCount
                    + " targets need " + (long) size * targetCount + " values, got "
                    + targets.length);
        }
        this.size = size;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /** Returns the number of examples. */
    public int size() {
        return size;
    }

    /** Returns the number of features per example. */
    public int featureCount() {
        return featureCount;
    }

    /** Returns the number of targets per example. */
    public int targetCount() {
        return targetCount;
    }

    /** Returns the features, row-major; the array itself, not a copy. */
    double[] features() {
        return features;
    }

    /** Returns the targets, row-major; the array itself, not a copy. */
    double[] targets() {
        return targets;
    }

    /** Returns a copy of the features, row-major. */
    public double[] copyOfFeatures() {
        return features.clone();
    }

    /** Returns a copy of the targets, row-major. */
    public double[] copyOfTargets() {
        return targets.clone();
    }
}
