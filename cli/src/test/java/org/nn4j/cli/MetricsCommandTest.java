package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Sequential;

/**
 * The metrics of {@code nn4j fashion-mnist} and {@code nn4j evaluate}: the {@code --json} keys
 * (docs/cli.md) agree with each other and with the accuracy, the table names the classes, and
 * a linear regression gets MAE, RMSE and R². The metrics' values themselves are checked by hand
 * and against scikit-learn in the trainer's tests; here, that the command reports them whole.
 */
class MetricsCommandTest {

    private static final List<String> NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    @TempDir
    static Path small;

    @TempDir
    static Path models;

    private static JsonNode trained;

    @BeforeAll
    static void trainOnASmallCopy() throws Exception {
        FashionMnistCommandTest.writeSmallCopy(small);
        Run r = Nn4jCommandTest.run("fashion-mnist", "--data", small.toString(), "--json",
                "--epochs", "2", "--hidden", "32", "--seed", "5", "--save",
                models.resolve("mlp.npz").toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        trained = r.json();
    }

    /** Every metric key of a classifier, checked against the confusion matrix. */
    private static void assertConsistent(JsonNode j, double accuracy, int examples) {
        JsonNode cm = j.get("confusion_matrix");
        assertEquals(10, cm.size());
        long total = 0;
        long diagonal = 0;
        long[] columns = new long[10];
        JsonNode perClass = j.get("per_class");
        assertEquals(10, perClass.size());
        for (int t = 0; t < 10; t++) {
            JsonNode row = cm.get(t);
            assertEquals(10, row.size());
            long support = 0;
            for (int p = 0; p < 10; p++) {
                assertTrue(row.get(p).isIntegralNumber(), row.toString());
                support += row.get(p).asLong();
                columns[p] += row.get(p).asLong();
            }
            total += support;
            diagonal += row.get(t).asLong();
            JsonNode c = perClass.get(t);
            List<String> keys = new ArrayList<>();
            c.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("label", "precision", "recall", "f1", "support"), keys);
            assertEquals(NAMES.get(t), c.get("label").asText());
            assertEquals(support, c.get("support").asLong(), "a row of the matrix is a true class");
            assertEquals(support == 0 ? 0.0 : (double) row.get(t).asLong() / support,
                    c.get("recall").asDouble(), 1e-15, NAMES.get(t));
        }
        assertEquals(examples, total);
        assertEquals(accuracy, (double) diagonal / total, 1e-15);
        double macroPrecision = 0;
        for (int p = 0; p < 10; p++) {
            double precision = columns[p] == 0 ? 0.0 : (double) cm.get(p).get(p).asLong() / columns[p];
            assertEquals(precision, perClass.get(p).get("precision").asDouble(), 1e-15, NAMES.get(p));
            macroPrecision += precision / 10;
        }
        assertEquals(macroPrecision, j.get("macro_average").get("precision").asDouble(), 1e-12);
        assertEquals(accuracy, j.get("weighted_average").get("recall").asDouble(), 1e-12,
                "the weighted recall is the accuracy");
        JsonNode topK = j.get("top_k_accuracy");
        assertEquals(10, topK.size());
        assertEquals(accuracy, topK.get(0).asDouble(), 1e-15);
        for (int k = 1; k < 10; k++) {
            assertTrue(topK.get(k).asDouble() >= topK.get(k - 1).asDouble(), topK.toString());
        }
        assertEquals(1.0, topK.get(9).asDouble());
    }

    @Test
    void fashionMnistJsonHasTheMetricsOfTheTestSet() {
        assertConsistent(trained, trained.get("test_accuracy").asDouble(), 300);
    }

    @Test
    void evaluateReportsTheSameMetricsOnEveryBackend() throws Exception {
        for (String backend : List.of("ejml", "commons", "nd4j")) {
            Run r = Nn4jCommandTest.run("evaluate", "--model", models.resolve("mlp.npz").toString(),
                    "--data", small.toString(), "--backend", backend, "--json");
            assertEquals(Nn4jCommand.OK, r.status(), r.err());
            JsonNode j = r.json();
            assertConsistent(j, j.get("accuracy").asDouble(), 300);
            for (String key : List.of("confusion_matrix", "per_class", "top_k_accuracy")) {
                assertEquals(trained.get(key), j.get(key), key + " on " + backend);
            }
        }
    }

    @Test
    void theTableNamesTheClassesAndItsRowsSumToTheSupport() {
        Run r = Nn4jCommandTest.run("evaluate", "--model", models.resolve("mlp.npz").toString(),
                "--data", small.toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf("class             precision     recall         f1    support");
        assertTrue(header > 0, r.out());
        assertTrue(lines.get(header - 1).matches("Metrics on the test set, 300 examples: accuracy"
                + " 0\\.\\d{4}, top-2 0\\.\\d{4}, top-3 0\\.\\d{4}, top-5 0\\.\\d{4}"), lines.get(header - 1));
        long[] support = new long[10];
        for (int c = 0; c < 10; c++) {
            String line = lines.get(header + 1 + c);
            assertTrue(line.startsWith(c + " " + NAMES.get(c) + " "), line);
            String[] words = line.trim().split(" +");
            support[c] = Long.parseLong(words[words.length - 1]);
        }
        assertTrue(lines.get(header + 11).matches("macro average( +\\d\\.\\d{4}){3} +300"),
                lines.get(header + 11));
        assertTrue(lines.get(header + 12).matches("weighted average( +\\d\\.\\d{4}){3} +300"),
                lines.get(header + 12));
        int matrix = lines.indexOf("Confusion matrix (rows: true class, columns: predicted class)");
        assertTrue(matrix > header, r.out());
        assertTrue(lines.get(matrix + 1).trim().matches("0 +1 +2 +3 +4 +5 +6 +7 +8 +9"),
                lines.get(matrix + 1));
        for (int t = 0; t < 10; t++) {
            String line = lines.get(matrix + 2 + t);
            assertTrue(line.startsWith(t + " " + NAMES.get(t) + " "), line);
            long sum = 0;
            for (String count : line.substring((t + " " + NAMES.get(t)).length()).trim().split(" +")) {
                sum += Long.parseLong(count);
            }
            assertEquals(support[t], sum, line);
        }
    }

    /**
     * The loss is ½ · mean over examples of Σ_j (y − t)², so the mean squared error over every
     * value is 2 · loss / 3, and the mean of the three per-output RMSEs is at most its root.
     */
    @Test
    void evaluateGivesALinearRegressionMaeRmseAndR2() throws Exception {
        Path file = models.resolve("lr.npz");
        assertEquals(Nn4jCommand.OK, Nn4jCommandTest.run("linear-regression", "--json",
                "--save", file.toString()).status());
        Path early = models.resolve("early.npz");
        assertEquals(Nn4jCommand.NOT_CONVERGED, Nn4jCommandTest.run("linear-regression",
                "--json", "--max-steps", "20", "--save", early.toString()).status());
        for (Path model : List.of(file, early)) {
            Run r = Nn4jCommandTest.run("evaluate", "--model", model.toString(), "--json");
            JsonNode j = r.json();
            double loss = j.get("loss").asDouble();
            double mae = j.get("mae").asDouble();
            double rmse = j.get("rmse").asDouble();
            double r2 = j.get("r2").asDouble();
            assertTrue(mae > 0 && mae <= rmse, mae + " " + rmse);
            assertTrue(rmse <= Math.sqrt(2 * loss / 3) * (1 + 1e-12), rmse + " " + loss);
            assertTrue(rmse >= Math.sqrt(2 * loss / 3) / Math.sqrt(3), rmse + " " + loss);
            assertTrue(model == file ? r2 > 1 - 1e-12 : r2 < 0.999, model + ": R² " + r2);
            Run text = Nn4jCommandTest.run("evaluate", "--model", model.toString());
            assertTrue(text.out().contains("MAE " + mae + ", RMSE " + rmse + ", R^2 " + r2
                    + " (averaged over the 3 outputs)"), text.out());
        }
    }

    /**
     * A classifier file whose weights are NaN is still evaluated (its loss is NaN) but has no
     * metrics: their keys are null and the text says why, instead of a failing command.
     */
    @Test
    void aModelWithNanWeightsHasNullMetrics() throws Exception {
        Backend backend = Backends.get("ejml");
        Sequential model = Sequential.builder(backend).input(784).dense(10).softmaxCrossEntropy()
                .build(new Rng(1));
        backend.linearAlgebra().fill(Double.NaN, model.parameters().get(0).value());
        Path file = models.resolve("nan.npz");
        ModelFile.save(model, file);
        Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                small.toString(), "--json");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        for (String key : List.of("macro_average", "weighted_average", "top_k_accuracy",
                "per_class", "confusion_matrix")) {
            assertTrue(r.json().get(key).isNull(), key + ": " + r.out());
        }
        Run text = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                small.toString());
        assertEquals(Nn4jCommand.OK, text.status(), text.err());
        assertTrue(text.out().contains("No metrics: output 0 of example 0 is NaN"), text.out());
    }
}
