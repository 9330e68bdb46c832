package org.nn4j.trainer.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Counts of examples by true and predicted class: {@link #count(int, int) count(t, p)} examples
 * of true class {@code t} were predicted as class {@code p}. Rows are true classes, columns
 * predicted classes (scikit-learn's {@code confusion_matrix} convention), so the diagonal holds
 * the examples classified right, a row sums to the class's support and a column to how often
 * the class was predicted.
 *
 * <p>Immutable: {@link #toArray()} returns a copy.
 */
public final class ConfusionMatrix {

    private final int classes;
    private final long[] counts;
    private final long total;

    private ConfusionMatrix(int classes, long[] counts, long total) {
        this.classes = classes;
        this.counts = counts;
        this.total = total;
    }

    /**
     * Counts pairs of true and predicted labels.
     *
     * @param trueLabels      the true class of each example, in {@code [0, classes)}. Not modified.
     * @param predictedLabels the predicted class of each example, in {@code [0, classes)}, as
     *                        many as {@code trueLabels}. Not modified.
     * @param classes         the number of classes, positive
     * @return the matrix, {@code classes x classes}
     * @throws IllegalArgumentException if there are no examples, the lengths differ, or a label
     *                                  is out of range (naming the argument and the example)
     */
    public static ConfusionMatrix of(int[] trueLabels, int[] predictedLabels, int classes) {
        Objects.requireNonNull(trueLabels, "trueLabels");
        Objects.requireNonNull(predictedLabels, "predictedLabels");
        requireClasses(classes);
        requireExamples(trueLabels.length);
        if (predictedLabels.length != trueLabels.length) {
            throw new IllegalArgumentException(trueLabels.length + " true labels but "
                    + predictedLabels.length + " predicted labels; give one of each per example");
        }
        long[] counts = new long[Math.multiplyExact(classes, classes)];
        for (int i = 0; i < trueLabels.length; i++) {
            int t = requireLabel("true label", trueLabels[i], i, classes);
            int p = requireLabel("predicted label", predictedLabels[i], i, classes);
            counts[t * classes + p]++;
        }
        return new ConfusionMatrix(classes, counts, trueLabels.length);
    }

    static void requireClasses(int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("the number of classes must be positive, got "
                    + classes);
        }
    }

    static void requireExamples(int examples) {
        if (examples == 0) {
            throw new IllegalArgumentException("no examples: metrics need at least one");
        }
    }

    static int requireLabel(String what, int label, int example, int classes) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException(what + " " + label + " of example " + example
                    + " is out of range 0.." + (classes - 1) + " (" + classes + " classes)");
        }
        return label;
    }

    /**
     * Returns the number of classes: the matrix is {@code classes() x classes()}.
     *
     * @return the number of classes
     */
    public int classes() {
        return classes;
    }

    /**
     * Returns how many examples of one true class were predicted as another (or the same).
     *
     * @param trueClass      the row, in {@code [0, classes())}
     * @param predictedClass the column, in {@code [0, classes())}
     * @return the count
     * @throws IndexOutOfBoundsException if a class is out of range
     */
    public long count(int trueClass, int predictedClass) {
        Objects.checkIndex(trueClass, classes);
        Objects.checkIndex(predictedClass, classes);
        return counts[trueClass * classes + predictedClass];
    }

    /**
     * Returns the number of examples counted.
     *
     * @return the sum of every count, positive
     */
    public long total() {
        return total;
    }

    /**
     * Returns the support of a class: how many examples truly belong to it (its row's sum).
     *
     * @param trueClass the class, in {@code [0, classes())}
     * @return the row's sum
     * @throws IndexOutOfBoundsException if the class is out of range
     */
    public long support(int trueClass) {
        Objects.checkIndex(trueClass, classes);
        long sum = 0;
        for (int p = 0; p < classes; p++) {
            sum += counts[trueClass * classes + p];
        }
        return sum;
    }

    /**
     * Returns how many examples were predicted as a class (its column's sum).
     *
     * @param predictedClass the class, in {@code [0, classes())}
     * @return the column's sum
     * @throws IndexOutOfBoundsException if the class is out of range
     */
    public long predicted(int predictedClass) {
        Objects.checkIndex(predictedClass, classes);
        long sum = 0;
        for (int t = 0; t < classes; t++) {
            sum += counts[t * classes + predictedClass];
        }
        return sum;
    }

    /**
     * Returns how many examples were classified right (the diagonal's sum).
     *
     * @return the trace
     */
    public long correct() {
        long sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += counts[c * classes + c];
        }
        return sum;
    }

    /**
     * Returns the counts as a new array of rows: {@code toArray()[t][p] == count(t, p)}.
     *
     * @return a copy, {@code classes() x classes()}
     */
    public long[][] toArray() {
        long[][] rows = new long[classes][];
        for (int t = 0; t < classes; t++) {
            rows[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
        }
        return rows;
    }

    /**
     * Compares the counts.
     *
     * @param o another object
     * @return whether it is a confusion matrix with the same counts
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.classes == classes
                && Arrays.equals(m.counts, counts);
    }

    /**
     * Hashes the counts.
     *
     * @return a hash of the counts
     */
    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(counts);
    }

    /**
     * Returns the rows, as {@code [[50, 2], [3, 45]]}.
     *
     * @return the counts as nested lists
     */
    @Override
    public String toString() {
        return Arrays.deepToString(toArray());
    }
}
