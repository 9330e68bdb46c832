package org.nn4j.trainer.data;

import java.util.Objects;

/**
 * A supervised data set held in row-major arrays: row {@code i} of the features is
 * {@code features[i * featureCount .. (i + 1) * featureCount)}, and likewise for targets.
 * The arrays are owned by the data set; do not modify them.
 *
 * <p><b>Only finite values.</b> The constructor rejects NaN and ±infinity in the features or
 * the targets, naming the first one by example and column, so bad data is refused when the
 * data set is built, before any training starts and before any weight is touched. (Changing
 * the arrays afterwards bypasses the check; a trainer then stops on the non-finite loss.)
 * An empty data set (size 0) is allowed; training on one is refused.
 *
 * <p><b>Thread safety.</b> Immutable once built (as long as nobody writes to the arrays
 * passed in): one data set may feed any number of trainings on any threads at once.
 */
public final class DataSet {

    private final int size;
    private final int featureCount;
    private final int targetCount;
    private final double[] features;
    private final double[] targets;
    private String name = "unnamed";

    /**
     * Creates a data set, checking that the arrays fit the counts.
     *
     * @param size         number of examples
     * @param featureCount features per example
     * @param targetCount  targets per example
     * @param features     {@code size * featureCount} values, row-major; kept, not copied
     * @param targets      {@code size * targetCount} values, row-major; kept, not copied
     * @throws IllegalArgumentException if an array's length does not fit, or if a value is
     *                                  NaN or infinite (naming its example and column)
     */
    public DataSet(int size, int featureCount, int targetCount, double[] features,
                   double[] targets) {
        this(size, featureCount, targetCount, features, targets, true);
    }

    private DataSet(int size, int featureCount, int targetCount, double[] features,
                    double[] targets, boolean checkValues) {
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
        if (checkValues) {
            requireFinite("feature", features, featureCount);
            requireFinite("target", targets, targetCount);
        }
        this.size = size;
        this.featureCount = featureCount;
        this.targetCount = targetCount;
        this.features = features;
        this.targets = targets;
    }

    /**
     * Builds a classification data set from class labels: the targets are one-hot,
     * {@code classes} per example.
     *
     * @param size         number of examples
     * @param featureCount features per example
     * @param features     {@code size * featureCount} values, row-major; kept, not copied
     * @param labels       {@code size} class indices, each in {@code [0, classes)}. Not modified.
     * @param classes      number of classes, positive
     * @return the data set
     * @throws IllegalArgumentException if a label is out of range (naming the example and the
     *                                  label), or as {@link #DataSet(int, int, int, double[],
     *                                  double[])} says
     */
    public static DataSet oneHot(int size, int featureCount, double[] features, int[] labels,
                                 int classes) {
        Objects.requireNonNull(labels, "labels");
        if (classes <= 0) {
            throw new IllegalArgumentException("the number of classes must be positive, got "
                    + classes);
        }
        if (size < 0 || labels.length != size) {
            throw new IllegalArgumentException(size + " examples need " + size
                    + " labels, got " + labels.length);
        }
        double[] targets = new double[Math.multiplyExact(size, classes)];
        for (int i = 0; i < size; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException("label " + label + " of example " + i
                        + " is out of range 0.." + (classes - 1) + " (" + classes + " classes)");
            }
            targets[i * classes + label] = 1.0;
        }
        return new DataSet(size, featureCount, classes, features, targets);
    }

    private static void requireFinite(String what, double[] values, int perExample) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " " + (i % perExample) + " of example "
                        + (i / perExample) + " is " + values[i] + "; a data set holds finite"
                        + " values only");
            }
        }
    }

    /**
     * Returns the number of examples.
     *
     * @return the number of examples
     */
    public int size() {
        return size;
    }

    /**
     * Returns the number of features per example.
     *
     * @return the number of features per example
     */
    public int featureCount() {
        return featureCount;
    }

    /**
     * Returns the number of targets per example.
     *
     * @return the number of targets per example
     */
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

    /**
     * Returns the first examples as a new data set (the arrays are copied), for quick runs on
     * a subset.
     *
     * @param count how many, {@code 0 <= count <= size()}
     * @return the first {@code count} examples
     * @throws IllegalArgumentException if {@code count} is out of range
     */
    public DataSet head(int count) {
        DataSet head = headOf(count);
        head.name = count == size ? name : name + " (first " + count + ")";
        return head;
    }

    /**
     * Returns the data set's name, which a trained model's provenance records: the one given
     * to {@link #named(String)}, else {@code "unnamed"}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the same examples (the arrays are shared, not copied) under a name.
     *
     * @param name what the data are, such as {@code "fashion-mnist"}
     * @return a data set with that name
     */
    public DataSet named(String name) {
        DataSet named = new DataSet(size, featureCount, targetCount, features, targets, false);
        named.name = java.util.Objects.requireNonNull(name, "name");
        return named;
    }

    private DataSet headOf(int count) {
        if (count < 0 || count > size) {
            throw new IllegalArgumentException("cannot take the first " + count + " of " + size
                    + " examples");
        }
        return new DataSet(count, featureCount, targetCount,
                java.util.Arrays.copyOf(features, count * featureCount),
                java.util.Arrays.copyOf(targets, count * targetCount), false);
    }

    /**
     * Copies examples, in a given order, into row-major buffers: the rows
     * {@code order[from] .. order[from + count - 1]}, as a shuffled mini-batch is gathered.
     *
     * @param order          example indices, each in {@code [0, size())}. Not modified.
     * @param from           first position in {@code order}
     * @param count          how many examples
     * @param featureBuffer  receives {@code count · featureCount()} values from index 0. Modified.
     * @param targetBuffer   receives {@code count · targetCount()} values from index 0. Modified.
     * @throws IndexOutOfBoundsException if a position, an index or a buffer is too small,
     *                                   naming which
     */
    public void copyRows(int[] order, int from, int count, double[] featureBuffer,
                         double[] targetBuffer) {
        if (from < 0 || count < 0 || from > order.length - count) {
            throw new IndexOutOfBoundsException("rows " + from + ".." + (from + count - 1)
                    + " of an order of " + order.length);
        }
        if (featureBuffer.length < count * featureCount || targetBuffer.length < count * targetCount) {
            throw new IndexOutOfBoundsException("buffers of " + featureBuffer.length + " and "
                    + targetBuffer.length + " values cannot hold " + count + " examples of "
                    + featureCount + " features and " + targetCount + " targets");
        }
        for (int r = 0; r < count; r++) {
            int example = order[from + r];
            if (example < 0 || example >= size) {
                throw new IndexOutOfBoundsException("example " + example + " of " + size);
            }
            System.arraycopy(features, example * featureCount, featureBuffer, r * featureCount,
                    featureCount);
            System.arraycopy(targets, example * targetCount, targetBuffer, r * targetCount,
                    targetCount);
        }
    }

    /**
     * Returns examples, in a given order, as a new data set (the arrays are copied): the rows
     * {@code order[from] .. order[from + count - 1]}, as {@link #copyRows} gathers them. Its name
     * is {@code "unnamed"} until {@link #named(String)} gives one.
     *
     * @param order example indices, each in {@code [0, size())}. Not modified.
     * @param from  first position in {@code order}
     * @param count how many examples
     * @return the examples, in that order
     * @throws IndexOutOfBoundsException as {@link #copyRows} does
     */
    public DataSet rows(int[] order, int from, int count) {
        double[] x = new double[count * featureCount];
        double[] t = new double[count * targetCount];
        copyRows(order, from, count, x, t);
        return new DataSet(count, featureCount, targetCount, x, t);
    }

    /**
     * Returns a copy of the features, row-major.
     *
     * @return a copy of the features
     */
    public double[] copyOfFeatures() {
        return features.clone();
    }

    /**
     * Returns a copy of the targets, row-major.
     *
     * @return a copy of the targets
     */
    public double[] copyOfTargets() {
        return targets.clone();
    }
}
