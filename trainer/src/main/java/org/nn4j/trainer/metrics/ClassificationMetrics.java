package org.nn4j.trainer.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A classifier's metrics on a set of examples: the confusion matrix, per-class precision,
 * recall, F1 and support, their macro and weighted averages, the accuracy and, when built
 * from scores, the top-k accuracy for every k. Definitions and edge cases as scikit-learn's
 * (see the {@linkplain org.nn4j.trainer.metrics package}): a precision, recall or F1 whose
 * denominator is 0 is 0, and {@link #undefinedPrecision()} and {@link #undefinedRecall()}
 * say where that happened, as scikit-learn's warning would. The averages run over every
 * class in {@code 0 .. classes-1}, including classes absent from the examples.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ClassificationMetrics {

    private final ConfusionMatrix confusion;
    private final List<ClassMetrics> perClass;
    private final AveragedMetrics macro;
    private final AveragedMetrics weighted;
    /** {@code rankCounts[r]}: examples whose true class had rank r by score; null without scores. */
    private final long[] rankCounts;

    private ClassificationMetrics(ConfusionMatrix confusion, long[] rankCounts) {
        this.confusion = confusion;
        this.rankCounts = rankCounts;
        int classes = confusion.classes();
        List<ClassMetrics> list = new ArrayList<>(classes);
        double[] macroSums = new double[3];
        double[] weightedSums = new double[3];
        for (int c = 0; c < classes; c++) {
            ClassMetrics m = ClassMetrics.of(c, confusion.count(c, c), confusion.predicted(c),
                    confusion.support(c));
            list.add(m);
            macroSums[0] += m.precision();
            macroSums[1] += m.recall();
            macroSums[2] += m.f1();
            weightedSums[0] += m.precision() * m.support();
            weightedSums[1] += m.recall() * m.support();
            weightedSums[2] += m.f1() * m.support();
        }
        this.perClass = Collections.unmodifiableList(list);
        this.macro = new AveragedMetrics(macroSums[0] / classes, macroSums[1] / classes,
                macroSums[2] / classes);
        double total = confusion.total();
        this.weighted = new AveragedMetrics(weightedSums[0] / total, weightedSums[1] / total,
                weightedSums[2] / total);
    }

    /**
     * Computes the metrics from predicted labels (without scores there is no top-k accuracy
     * beyond k = 1).
     *
     * @param trueLabels      the true class of each example, in {@code [0, classes)}, at least
     *                        one. Not modified.
     * @param predictedLabels the predicted class of each example, as many. Not modified.
     * @param classes         the number of classes, positive
     * @return the metrics
     * @throws IllegalArgumentException as {@link ConfusionMatrix#of(int[], int[], int)} says
     */
    public static ClassificationMetrics of(int[] trueLabels, int[] predictedLabels, int classes) {
        return new ClassificationMetrics(ConfusionMatrix.of(trueLabels, predictedLabels, classes),
                null);
    }

    /**
     * Computes the metrics from scores (logits, probabilities, any values ordered like them):
     * the predicted class of an example is the index of its largest score, the lowest index
     * among equal largest scores (as {@link org.nn4j.trainer.model.Sequential#predict} does),
     * and the rank of its true class gives the top-k accuracy.
     *
     * @param trueLabels the true class of each example, in {@code [0, classes)}, at least one.
     *                   Not modified.
     * @param scores     {@code trueLabels.length · classes} values, row-major (row {@code i}
     *                   scores example {@code i}), none NaN (±infinity is ordered and allowed).
     *                   Not modified.
     * @param classes    the number of classes, positive
     * @return the metrics
     * @throws IllegalArgumentException if there are no examples, the lengths do not agree, a
     *                                  label is out of range or a score is NaN (naming the
     *                                  example and the class)
     */
    public static ClassificationMetrics fromScores(int[] trueLabels, double[] scores, int classes) {
        Objects.requireNonNull(trueLabels, "trueLabels");
        Objects.requireNonNull(scores, "scores");
        ConfusionMatrix.requireClasses(classes);
        ConfusionMatrix.requireExamples(trueLabels.length);
        if (scores.length != (long) trueLabels.length * classes) {
            throw new IllegalArgumentException(trueLabels.length + " examples of " + classes
                    + " classes need " + (long) trueLabels.length * classes + " scores, got "
                    + scores.length);
        }
        int[] predicted = new int[trueLabels.length];
        long[] rankCounts = new long[classes];
        for (int i = 0; i < trueLabels.length; i++) {
            int t = ConfusionMatrix.requireLabel("true label", trueLabels[i], i, classes);
            int offset = i * classes;
            int best = 0;
            int rank = 0;
            double own = scores[offset + t];
            for (int j = 0; j < classes; j++) {
                double s = scores[offset + j];
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("score " + j + " of example " + i
                            + " is NaN; cannot rank the classes");
                }
                if (s > scores[offset + best]) {
                    best = j;
                }
                // Ties rank the lower index first, as the argmax does.
                if (s > own || (s == own && j < t)) {
                    rank++;
                }
            }
            predicted[i] = best;
            rankCounts[rank]++;
        }
        return new ClassificationMetrics(ConfusionMatrix.of(trueLabels, predicted, classes),
                rankCounts);
    }

    /**
     * Returns the number of classes.
     *
     * @return the number of classes
     */
    public int classes() {
        return confusion.classes();
    }

    /**
     * Returns the number of examples.
     *
     * @return the number of examples, positive
     */
    public long examples() {
        return confusion.total();
    }

    /**
     * Returns the confusion matrix (rows are true classes).
     *
     * @return the confusion matrix
     */
    public ConfusionMatrix confusionMatrix() {
        return confusion;
    }

    /**
     * Returns every class's precision, recall, F1 and support, in class order.
     *
     * @return an unmodifiable list of {@link #classes()} entries
     */
    public List<ClassMetrics> perClass() {
        return perClass;
    }

    /**
     * Returns the unweighted mean over the classes of precision, recall and F1
     * (scikit-learn's {@code average="macro"}).
     *
     * @return the macro average
     */
    public AveragedMetrics macroAverage() {
        return macro;
    }

    /**
     * Returns the mean over the classes of precision, recall and F1 weighted by support
     * (scikit-learn's {@code average="weighted"}).
     *
     * @return the weighted average
     */
    public AveragedMetrics weightedAverage() {
        return weighted;
    }

    /**
     * Returns the fraction of examples classified right (the confusion matrix's trace over its
     * total).
     *
     * @return the accuracy, 0 to 1
     */
    public double accuracy() {
        return (double) confusion.correct() / confusion.total();
    }

    /**
     * Returns whether the metrics were built from scores, so that {@link #topKAccuracy(int)}
     * answers for every k.
     *
     * @return whether scores were given
     */
    public boolean hasScores() {
        return rankCounts != null;
    }

    /**
     * Returns the fraction of examples whose true class is among the {@code k} classes of
     * largest score; equal scores rank the lower class index first, so the top-1 accuracy is
     * the {@link #accuracy()} (scikit-learn's {@code top_k_accuracy_score} ranks the higher
     * index first; without ties the two agree). The top-{@code classes()} accuracy is 1.
     *
     * @param k how many classes count, in {@code [1, classes()]}
     * @return the top-k accuracy, 0 to 1
     * @throws IllegalArgumentException if {@code k} is out of range
     * @throws IllegalStateException    if {@code k > 1} and the metrics were built from labels,
     *                                  not scores
     */
    public double topKAccuracy(int k) {
        if (k < 1 || k > classes()) {
            throw new IllegalArgumentException("k must be in 1.." + classes() + " (the number"
                    + " of classes), got " + k);
        }
        if (k == 1) {
            return accuracy();
        }
        if (rankCounts == null) {
            throw new IllegalStateException("top-" + k + " accuracy needs scores; these metrics"
                    + " were built from predicted labels (use fromScores)");
        }
        long within = 0;
        for (int r = 0; r < k; r++) {
            within += rankCounts[r];
        }
        return (double) within / confusion.total();
    }

    /**
     * Returns the classes that were never predicted: their precision is 0/0, reported as 0
     * (where scikit-learn warns "Precision is ill-defined and being set to 0.0").
     *
     * @return the class indices, ascending; empty if every class was predicted
     */
    public List<Integer> undefinedPrecision() {
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < classes(); c++) {
            if (confusion.predicted(c) == 0) {
                classes.add(c);
            }
        }
        return List.copyOf(classes);
    }

    /**
     * Returns the classes without examples (support 0): their recall is 0/0, reported as 0
     * (where scikit-learn warns "Recall is ill-defined and being set to 0.0").
     *
     * @return the class indices, ascending; empty if every class has an example
     */
    public List<Integer> undefinedRecall() {
        List<Integer> classes = new ArrayList<>();
        for (ClassMetrics m : perClass) {
            if (m.support() == 0) {
                classes.add(m.classIndex());
            }
        }
        return List.copyOf(classes);
    }

    /**
     * Returns a one-line summary.
     *
     * @return the examples, classes, accuracy and macro F1
     */
    @Override
    public String toString() {
        return "ClassificationMetrics[examples=" + examples() + ", classes=" + classes()
                + ", accuracy=" + accuracy() + ", macroF1=" + macro.f1() + "]";
    }
}
