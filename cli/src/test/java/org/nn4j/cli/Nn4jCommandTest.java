package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as scripts see it: stdout, stderr, exit status and JSON keys. */
class Nn4jCommandTest {

    record Run(int status, String out, String err) {
        JsonNode json() throws Exception {
            return Json.MAPPER.readTree(out);
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Nn4jCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void linearRegressionJsonHasTheDocumentedKeysAndExitsZeroWhenItConverges() throws Exception {
        Run r = run("linear-regression", "--json", "--seed", "4");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertEquals("", r.err());
        JsonNode j = r.json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("backend", "precision", "seed", "learning_rate", "batch_size", "target_loss",
                "max_steps", "confirm_on_training_set", "steps", "loss", "tutorial_loss",
                "training_set_loss", "unconfirmed_stops", "converged", "stop_reason", "message",
                "allclose", "W", "b", "seconds", "model_file"), keys);
        assertEquals("ejml", j.get("backend").asText());
        assertEquals(4, j.get("seed").asLong());
        assertTrue(j.get("converged").asBoolean());
        assertEquals("converged", j.get("stop_reason").asText());
        assertTrue(j.get("allclose").get("W").asBoolean());
        assertTrue(j.get("allclose").get("b").asBoolean());
        assertEquals(2, j.get("W").size());
        assertEquals(3, j.get("W").get(0).size());
        assertEquals(7.0, j.get("W").get(0).get(1).asDouble(), 1e-4);
        assertEquals(9.0, j.get("b").get(1).asDouble(), 1e-3);
        assertEquals(2 * j.get("loss").asDouble(), j.get("tutorial_loss").asDouble());
        assertTrue(j.get("tutorial_loss").asDouble() < 1e-15);
    }

    @Test
    void linearRegressionPrintsTheTutorialsProgressLinesAndAVerdict() {
        Run r = run("linear-regression", "--seed", "4", "--print-every", "2000");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("Training the tutorial's linear regression on backend ejml"),
                lines[0]);
        assertTrue(lines[1].matches("step 2000  loss \\S+  W \\[\\[\\S+ \\S+ \\S+\\] \\[\\S+ \\S+ \\S+\\]\\]"
                + "  b \\[\\S+ \\S+ \\S+\\]"), lines[1]);
        assertTrue(r.out().contains("W allclose to the truth: true"));
        assertTrue(r.out().strip().endsWith("PASS: converged to the truth."), r.out());
    }

    @Test
    void divergenceExitsOneAndSaysSo() throws Exception {
        Run r = run("linear-regression", "--json", "--lr", "1.0");
        assertEquals(Nn4jCommand.NOT_CONVERGED, r.status());
        assertEquals("diverged", r.json().get("stop_reason").asText());
        assertFalse(r.json().get("converged").asBoolean());
        Run text = run("linear-regression", "--lr", "1.0");
        assertTrue(text.out().contains("Training diverged at step "), text.out());
        assertTrue(text.out().strip().endsWith("FAIL: did not converge to the truth."));
    }

    @Test
    void theStepCapExitsOne() throws Exception {
        Run r = run("linear-regression", "--json", "--max-steps", "100");
        assertEquals(Nn4jCommand.NOT_CONVERGED, r.status());
        assertEquals("step_cap", r.json().get("stop_reason").asText());
        assertEquals(100, r.json().get("steps").asLong());
    }

    @Test
    void anUnknownBackendExitsThreeListingTheOnesFound() {
        Run r = run("linear-regression", "--backend", "cuda");
        assertEquals(Nn4jCommand.NO_BACKEND, r.status());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("nn4j: No nn4j backend named 'cuda' (requested by the"
                + " argument). Found: "), r.err());
        assertTrue(r.err().contains("ejml (priority 100, available)"), r.err());
    }

    @Test
    void badValuesExitTwoNamingTheValue() {
        Run lr = run("linear-regression", "--lr", "-1");
        assertEquals(Nn4jCommand.USAGE, lr.status());
        assertEquals("nn4j: --lr must be positive and finite, got -1.0\n", lr.err());
        Run word = run("linear-regression", "--seed", "abc");
        assertEquals(Nn4jCommand.USAGE, word.status());
        assertTrue(word.err().contains("'abc' is not a long"), word.err());
        Run unknown = run("linear-regression", "--frobnicate");
        assertEquals(Nn4jCommand.USAGE, unknown.status());
        assertTrue(unknown.err().contains("Unknown option: '--frobnicate'"), unknown.err());
        assertEquals(Nn4jCommand.USAGE, run("linear-regression", "--print-every", "0").status());
    }

    @Test
    void backendsListsEachWithTheDefault() throws Exception {
        Run r = run("backends", "--json");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("ejml", j.get("default").asText());
        assertEquals(20_000, j.get("large_work_threshold").asLong());
        assertEquals("nd4j", j.get("large_work_backend").asText());
        JsonNode ejml = null;
        for (JsonNode b : j.get("backends")) {
            List<String> keys = new ArrayList<>();
            b.fieldNames().forEachRemaining(keys::add);
            assertEquals(List.of("name", "priority", "available", "reason", "default",
                    "api_version", "provider", "large_work", "precisions"), keys);
            assertEquals(b.get("name").asText().equals("nd4j"), b.get("large_work").asBoolean());
            // commons has no float type: float64 only, whatever the others gain.
            if (b.get("name").asText().equals("commons")) {
                assertEquals("[\"float64\"]", b.get("precisions").toString());
            }
            if (b.get("name").asText().equals("ejml")) {
                ejml = b;
            }
        }
        assertTrue(ejml != null && ejml.get("default").asBoolean() && ejml.get("available")
                .asBoolean());
        Run table = run("backends");
        assertTrue(table.out().startsWith("BACKEND  PRIORITY  AVAILABLE   PRECISIONS         NOTE\n"),
                table.out());
        assertTrue(table.out().contains("\ncommons        50  yes         float64            "),
                table.out());
        assertTrue(table.out().matches("(?s).*\nejml          100  yes         [a-z0-9,]+ +default\n.*"),
                table.out());
        assertTrue(table.out().contains("Commands that build a network (fashion-mnist, train) choose"
                + " by its work unless --backend, nn4j.backend or NN4J_BACKEND names a backend: nd4j"
                + " from 20,000 multiply-adds per batch (fashion-mnist's default network:"
                + " 30,048,256), else ejml.\n"), table.out());
    }
}
