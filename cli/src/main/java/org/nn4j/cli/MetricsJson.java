package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.nn4j.trainer.metrics.AveragedMetrics;
import org.nn4j.trainer.metrics.ClassMetrics;
import org.nn4j.trainer.metrics.ClassificationMetrics;
import org.nn4j.trainer.metrics.ConfusionMatrix;
import org.nn4j.trainer.metrics.RegressionMetrics;

/**
 * The metrics' {@code --json} keys, a public interface documented in docs/cli.md:
 * {@code macro_average}, {@code weighted_average}, {@code top_k_accuracy}, {@code per_class},
 * {@code confusion_matrix} for a classifier; {@code mae}, {@code rmse}, {@code r2} for a
 * regression.
 */
final class MetricsJson {

    private MetricsJson() {
    }

    /**
     * Adds a classifier's keys, in this order: {@code macro_average} and
     * {@code weighted_average} ({@code {"precision", "recall", "f1"}}), {@code top_k_accuracy}
     * (element k−1 is the top-k accuracy, k = 1 .. classes), {@code per_class} (one object per
     * class in class order: {@code label}, {@code precision}, {@code recall}, {@code f1},
     * {@code support}) and {@code confusion_matrix} (rows are true classes).
     *
     * @param o     the JSON object. Modified.
     * @param measured the metrics, built from scores; when there are none every key is null
     * @param names    one label per class, in class order
     */
    static void putClassification(ObjectNode o, Measured<ClassificationMetrics> measured,
                                  List<String> names) {
        ClassificationMetrics m = measured.metrics();
        if (m == null) {
            for (String key : new String[] {"macro_average", "weighted_average", "top_k_accuracy",
                "per_class", "confusion_matrix"}) {
                o.putNull(key);
            }
            return;
        }
        average(o.putObject("macro_average"), m.macroAverage());
        average(o.putObject("weighted_average"), m.weightedAverage());
        ArrayNode topK = o.putArray("top_k_accuracy");
        for (int k = 1; k <= m.classes(); k++) {
            topK.add(m.topKAccuracy(k));
        }
        ArrayNode perClass = o.putArray("per_class");
        for (ClassMetrics c : m.perClass()) {
            ObjectNode entry = perClass.addObject();
            entry.put("label", names.get(c.classIndex()));
            entry.put("precision", c.precision());
            entry.put("recall", c.recall());
            entry.put("f1", c.f1());
            entry.put("support", c.support());
        }
        ArrayNode rows = o.putArray("confusion_matrix");
        ConfusionMatrix cm = m.confusionMatrix();
        for (int t = 0; t < cm.classes(); t++) {
            ArrayNode row = rows.addArray();
            for (int p = 0; p < cm.classes(); p++) {
                row.add(cm.count(t, p));
            }
        }
    }

    private static void average(ObjectNode o, AveragedMetrics a) {
        o.put("precision", a.precision());
        o.put("recall", a.recall());
        o.put("f1", a.f1());
    }

    /**
     * Adds a regression's keys: {@code mae}, {@code rmse}, {@code r2}, each averaged over the
     * outputs.
     *
     * @param o the JSON object. Modified.
     * @param measured the metrics; when there are none every key is null
     */
    static void putRegression(ObjectNode o, Measured<RegressionMetrics> measured) {
        RegressionMetrics m = measured.metrics();
        if (m == null) {
            o.putNull("mae");
            o.putNull("rmse");
            o.putNull("r2");
            return;
        }
        o.put("mae", m.meanAbsoluteError());
        o.put("rmse", m.rootMeanSquaredError());
        o.put("r2", m.r2());
    }
}
