package org.nn4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.trainer.metrics.AveragedMetrics;
import org.nn4j.trainer.metrics.ClassMetrics;
import org.nn4j.trainer.metrics.ClassificationMetrics;
import org.nn4j.trainer.metrics.ConfusionMatrix;
import org.nn4j.trainer.metrics.RegressionMetrics;

/**
 * The metrics as text tables (docs/cli.md shows one): per class precision, recall, F1 and
 * support with the class's name, the macro and weighted averages, the top-k accuracies, then
 * the confusion matrix with true classes as rows.
 */
final class MetricsTable {

    /** The k of the top-k accuracies shown, when the model has more classes than k. */
    private static final int[] TOP_K = {2, 3, 5};

    private MetricsTable() {
    }

    /**
     * Prints the classification tables.
     *
     * @param out    where to
     * @param measured the metrics, or why there are none (said in one line)
     * @param names    one name per class, in class order
     * @param on       what was measured, such as {@code "test set"}
     */
    static void print(PrintWriter out, Measured<ClassificationMetrics> measured,
                      List<String> names, String on) {
        ClassificationMetrics m = measured.metrics();
        if (m == null) {
            out.println("No metrics: " + measured.problem());
            return;
        }
        int labelWidth = "weighted average".length();
        for (int c = 0; c < names.size(); c++) {
            labelWidth = Math.max(labelWidth, label(c, names).length());
        }
        String row = "%-" + labelWidth + "s  %9s  %9s  %9s  %9s%n";
        out.printf(Locale.ROOT, "%nMetrics on the %s, %,d examples: accuracy %.4f%s%n", on,
                m.examples(), m.accuracy(), topK(m));
        out.printf(Locale.ROOT, row, "class", "precision", "recall", "f1", "support");
        for (ClassMetrics c : m.perClass()) {
            out.printf(Locale.ROOT, row, label(c.classIndex(), names), number(c.precision()),
                    number(c.recall()), number(c.f1()), c.support());
        }
        average(out, row, "macro average", m.macroAverage(), m.examples());
        average(out, row, "weighted average", m.weightedAverage(), m.examples());
        if (!m.undefinedPrecision().isEmpty()) {
            out.printf(Locale.ROOT, "Never predicted, so precision 0/0, shown as 0: %s%n",
                    join(m.undefinedPrecision(), names));
        }
        if (!m.undefinedRecall().isEmpty()) {
            out.printf(Locale.ROOT, "No examples, so recall 0/0, shown as 0: %s%n",
                    join(m.undefinedRecall(), names));
        }
        confusion(out, m.confusionMatrix(), names, labelWidth);
    }

    private static void average(PrintWriter out, String row, String name, AveragedMetrics a,
                                long support) {
        out.printf(Locale.ROOT, row, name, number(a.precision()), number(a.recall()),
                number(a.f1()), support);
    }

    private static void confusion(PrintWriter out, ConfusionMatrix cm, List<String> names,
                                  int labelWidth) {
        long largest = 0;
        for (int t = 0; t < cm.classes(); t++) {
            for (int p = 0; p < cm.classes(); p++) {
                largest = Math.max(largest, cm.count(t, p));
            }
        }
        int width = Math.max(4, Long.toString(largest).length()) + 2;
        out.printf(Locale.ROOT, "%nConfusion matrix (rows: true class, columns: predicted"
                + " class)%n");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + labelWidth
                + "s", ""));
        for (int p = 0; p < cm.classes(); p++) {
            header.append(String.format(Locale.ROOT, "%" + width + "d", p));
        }
        out.println(header);
        for (int t = 0; t < cm.classes(); t++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + labelWidth
                    + "s", label(t, names)));
            for (int p = 0; p < cm.classes(); p++) {
                line.append(String.format(Locale.ROOT, "%" + width + "d", cm.count(t, p)));
            }
            out.println(line);
        }
    }

    /**
     * Prints the regression metrics on one line.
     *
     * @param out where to
     * @param measured the metrics, or why there are none
     */
    static void print(PrintWriter out, Measured<RegressionMetrics> measured) {
        RegressionMetrics m = measured.metrics();
        if (m == null) {
            out.println("No metrics: " + measured.problem());
            return;
        }
        out.printf(Locale.ROOT, "MAE %s, RMSE %s, R^2 %s (averaged over the %d outputs)%n",
                m.meanAbsoluteError(), m.rootMeanSquaredError(), m.r2(), m.outputs());
    }

    private static String label(int c, List<String> names) {
        return c + " " + names.get(c);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String topK(ClassificationMetrics m) {
        StringBuilder sb = new StringBuilder();
        for (int k : TOP_K) {
            if (m.hasScores() && k < m.classes()) {
                sb.append(String.format(Locale.ROOT, ", top-%d %.4f", k, m.topKAccuracy(k)));
            }
        }
        return sb.toString();
    }

    private static String join(List<Integer> classes, List<String> names) {
        List<String> labels = new ArrayList<>();
        for (int c : classes) {
            labels.add(label(c, names));
        }
        return String.join(", ", labels);
    }
}
