package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4jCommandTest.Run;

/** {@code --save} and {@code nn4j evaluate}: train, save, load on every backend, evaluate. */
class EvaluateCommandTest {

    private static final List<String> BACKENDS = List.of("ejml", "commons", "nd4j");

    @TempDir
    static Path small;

    @BeforeAll
    static void writeSmallTestSet() throws IOException {
        FashionMnistCommandTest.writeSmallCopy(small);
    }

    static List<String> keys(JsonNode j) {
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void aSavedLinearRegressionEvaluatesOnEveryBackend(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("lr.npz");
        Run trained = Nn4jCommandTest.run("linear-regression", "--json", "--seed", "4",
                "--save", file.toString());
        assertEquals(Nn4jCommand.OK, trained.status(), trained.err());
        JsonNode t = trained.json();
        assertEquals(file.toString(), t.get("model_file").asText());
        assertTrue(Files.isRegularFile(file));
        for (String backend : BACKENDS) {
            Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--backend",
                    backend, "--json");
            assertEquals(Nn4jCommand.OK, r.status(), r.err());
            JsonNode j = r.json();
            assertEquals(List.of("model_file", "format", "format_version", "model", "parameters",
                    "provenance", "backend", "precision", "data_set", "examples", "loss", "tutorial_loss",
                    "mae", "rmse", "r2", "allclose", "W", "b", "passed", "seconds"), keys(j));
            assertEquals(backend, j.get("backend").asText());
            assertEquals("nn4j-model", j.get("format").asText());
            assertEquals(1, j.get("format_version").asInt());
            assertEquals("ejml", j.get("provenance").get("backend").asText());
            assertEquals(4, j.get("provenance").get("seed").asLong());
            assertEquals("linear-regression", j.get("provenance").get("data_set").asText());
            assertEquals("0.01", j.get("provenance").get("hyperparameters").get("learning_rate")
                    .asText());
            assertEquals(500, j.get("examples").asInt());
            assertEquals(t.get("W"), j.get("W"), "the weights, bit for bit");
            assertEquals(t.get("b"), j.get("b"));
            assertTrue(j.get("allclose").get("W").asBoolean());
            assertTrue(j.get("passed").asBoolean());
            double expected = t.get("training_set_loss").asDouble();
            assertEquals(expected, j.get("loss").asDouble(), 1e-9 * expected + 1e-300, backend);
        }
        Run text = Nn4jCommandTest.run("evaluate", "--model", file.toString());
        assertEquals(Nn4jCommand.OK, text.status(), text.err());
        assertTrue(text.out().contains("PASS: W and b are the truth."), text.out());
    }

    @Test
    void aLinearRegressionFarFromTheTruthExitsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("early.npz");
        Run trained = Nn4jCommandTest.run("linear-regression", "--json", "--max-steps", "10",
                "--save", file.toString());
        assertEquals(Nn4jCommand.NOT_CONVERGED, trained.status());
        Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--json");
        assertEquals(Nn4jCommand.NOT_CONVERGED, r.status(), r.err());
        assertEquals(false, r.json().get("passed").asBoolean());
        assertEquals("10", r.json().get("provenance").get("hyperparameters").get("steps").asText());
    }

    @Test
    void aSavedClassifierEvaluatesOnEveryBackendAsItTested(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mlp.npz");
        Run trained = Nn4jCommandTest.run("fashion-mnist", "--data", small.toString(), "--json",
                "--epochs", "1", "--hidden", "16", "--seed", "2", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, trained.status(), trained.err());
        double accuracy = trained.json().get("test_accuracy").asDouble();
        double loss = trained.json().get("test_loss").asDouble();
        for (String backend : BACKENDS) {
            Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                    small.toString(), "--backend", backend, "--json");
            assertEquals(Nn4jCommand.OK, r.status(), r.err());
            JsonNode j = r.json();
            assertEquals(List.of("model_file", "format", "format_version", "model", "parameters",
                    "provenance", "backend", "precision", "data_set", "examples", "loss", "accuracy",
                    "macro_average", "weighted_average", "top_k_accuracy", "per_class",
                    "confusion_matrix", "min_accuracy", "passed", "seconds"), keys(j));
            assertEquals("784 -> dense 16 -> relu -> dense 10 -> softmax-cross-entropy",
                    j.get("model").asText());
            assertEquals(784 * 16 + 16 + 16 * 10 + 10, j.get("parameters").asLong());
            assertEquals("fashion-mnist", j.get("provenance").get("data_set").asText());
            assertEquals("adam", j.get("provenance").get("hyperparameters").get("optimizer").asText());
            assertEquals(300, j.get("examples").asInt());
            assertEquals(accuracy, j.get("accuracy").asDouble(), backend);
            assertEquals(loss, j.get("loss").asDouble(), 1e-12, backend);
        }
        Run limited = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data-dir",
                small.toString(), "--limit", "100", "--min-accuracy", "1.0", "--json");
        assertEquals(Nn4jCommand.NOT_CONVERGED, limited.status(), limited.err());
        assertEquals(100, limited.json().get("examples").asInt());
    }

    @Test
    void anUnreadableModelFileExitsFiveNamingTheFault(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.npz");
        Run r = Nn4jCommandTest.run("evaluate", "--model", missing.toString());
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, r.status());
        assertEquals("nn4j: no such model file: " + missing, r.err().strip());

        Path file = dir.resolve("lr.npz");
        assertEquals(Nn4jCommand.OK, Nn4jCommandTest.run("linear-regression", "--json",
                "--save", file.toString()).status());
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        r = Nn4jCommandTest.run("evaluate", "--model", cut.toString(), "--json");
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("nn4j: cannot load model file " + cut + ": " + cut + ": "),
                r.err());

        Path text = dir.resolve("notes.npz");
        Files.writeString(text, "not a model");
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, Nn4jCommandTest.run("evaluate", "--model",
                text.toString()).status());
    }

    @Test
    void savingWhereNoFileCanBeWrittenExitsFive(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-such-directory").resolve("lr.npz");
        Run r = Nn4jCommandTest.run("linear-regression", "--json", "--save", nowhere.toString());
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, r.status());
        assertTrue(r.err().startsWith("nn4j: cannot save the model to " + nowhere), r.err());
    }

    @Test
    void evaluateNeedsAModelAndKnownOptions(@TempDir Path dir) {
        assertEquals(Nn4jCommand.USAGE, Nn4jCommandTest.run("evaluate").status());
        Run r = Nn4jCommandTest.run("evaluate", "--model", dir.resolve("x.npz").toString(),
                "--limit", "0");
        assertEquals(Nn4jCommand.USAGE, r.status());
        assertEquals("nn4j: --limit must be positive, got 0", r.err().strip());
    }
}
