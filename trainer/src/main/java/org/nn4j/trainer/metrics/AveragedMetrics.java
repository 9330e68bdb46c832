package org.nn4j.trainer.metrics;

/**
 * Precision, recall and F1 averaged over the classes: each the mean of the per-class values
 * ({@link ClassMetrics}), unweighted for the macro average and weighted by each class's
 * support for the weighted average (scikit-learn's {@code average="macro"} and
 * {@code average="weighted"}). The F1 here is the average of the per-class F1 values, not the
 * F1 of the averaged precision and recall.
 *
 * @param precision the averaged precision, 0 to 1
 * @param recall    the averaged recall, 0 to 1
 * @param f1        the averaged F1, 0 to 1
 */
public record AveragedMetrics(double precision, double recall, double f1) {
}
