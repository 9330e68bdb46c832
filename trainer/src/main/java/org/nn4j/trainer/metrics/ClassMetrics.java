package org.nn4j.trainer.metrics;

/**
 * One class's scores, treating it as the positive class and every other as negative: with
 * {@code tp} its examples predicted as it, {@code fp} other examples predicted as it and
 * {@code fn} its examples predicted as another class,
 * precision = tp / (tp + fp), recall = tp / (tp + fn),
 * F1 = 2 · precision · recall / (precision + recall).
 * A ratio whose denominator is 0 is 0, as scikit-learn's default: precision when the class was
 * never predicted, recall when it has no examples (support 0), F1 when precision and recall
 * are both 0.
 *
 * @param classIndex the class, from 0
 * @param precision  the fraction of the examples predicted as this class that belong to it
 * @param recall     the fraction of this class's examples predicted as it
 * @param f1         the harmonic mean of precision and recall
 * @param support    how many examples truly belong to the class
 */
public record ClassMetrics(int classIndex, double precision, double recall, double f1,
                           long support) {

    /**
     * Computes the scores of a class from its counts.
     *
     * @param classIndex the class
     * @param truePositives  its examples predicted as it
     * @param predicted  the examples predicted as it (true and false positives)
     * @param support    its examples
     * @return the scores
     */
    static ClassMetrics of(int classIndex, long truePositives, long predicted, long support) {
        double precision = ratio(truePositives, predicted);
        double recall = ratio(truePositives, support);
        return new ClassMetrics(classIndex, precision, recall, f1(precision, recall), support);
    }

    /** scikit-learn's {@code _prf_divide} with {@code zero_division="warn"}: 0/0 is 0. */
    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0.0 : (double) numerator / denominator;
    }

    /** F1 from precision and recall, as scikit-learn 1.2 computes it: 0 when both are 0. */
    static double f1(double precision, double recall) {
        double sum = precision + recall;
        return sum == 0.0 ? 0.0 : 2.0 * precision * recall / sum;
    }
}
