package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4jCommandTest.Run;

/**
 * docs/reliability.md, as a script sees it: what each bad input prints and
 * which exit status it gives, and what a diverged run reports.
 */
class ReliabilityCommandTest {

    @TempDir
    static Path tiny;

    @TempDir
    static Path badLabel;

    /** 20 training and 10 test images of 28x28, labels 0..9; and a copy with a label 10. */
    @BeforeAll
    static void writeTinyData() throws IOException {
        writeSet(tiny);
        writeSet(badLabel);
        writeLabels(badLabel.resolve("train-labels-idx1-ubyte"), 20, 13, 10);
    }

    private static void writeSet(Path dir) throws IOException {
        writeImages(dir.resolve("train-images-idx3-ubyte"), 20);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), 20, -1, 0);
        writeImages(dir.resolve("t10k-images-idx3-ubyte"), 10);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), 10, -1, 0);
    }

    private static void writeImages(Path file, int n) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {0, 0, 0x08, 3});
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n * 784; i++) {
                out.write((i * 31 + i / 784 * 7) & 0xff);
            }
        }
    }

    /** Labels {@code i % 10}, except example {@code bad}, which gets {@code value}. */
    private static void writeLabels(Path file, int n, int bad, int value) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {0, 0, 0x08, 1});
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.write(i == bad ? value : i % 10);
            }
        }
    }

    private static Run fashion(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("fashion-mnist", "--data", data.toString(),
                "--hidden", "4", "--epochs", "1"));
        all.addAll(List.of(args));
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    private static void assertUsage(String err, Run r) {
        assertEquals(Nn4jCommand.USAGE, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("nn4j: " + err + "\n", r.err());
    }

    /** The seed at lr 1.0: exit 1, "diverged", step 100 named, W and b those of step 99. */
    @Test
    void theDivergingSeedReportsTheStepAndKeepsStep99sWeights() throws Exception {
        Run r = Nn4jCommandTest.run("linear-regression", "--json", "--lr", "1.0");
        assertEquals(Nn4jCommand.NOT_CONVERGED, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("diverged", j.get("stop_reason").asText());
        assertFalse(j.get("converged").asBoolean());
        assertEquals(100, j.get("steps").asLong());
        assertEquals("training diverged at step 100: the loss is Infinity (learning rate 1.0);"
                + " the parameters are those of step 99", j.get("message").asText());
        JsonNode step99 = Nn4jCommandTest.run("linear-regression", "--json", "--lr", "1.0",
                "--max-steps", "99").json();
        assertEquals("step_cap", step99.get("stop_reason").asText());
        assertEquals(step99.get("W"), j.get("W"));
        assertEquals(step99.get("b"), j.get("b"));
        for (JsonNode row : j.get("W")) {
            for (JsonNode w : row) {
                assertTrue(w.isNumber() && Double.isFinite(w.asDouble()), "W holds " + w);
            }
        }
    }

    @Test
    void badLearningRatesExitTwo() {
        for (String lr : new String[] {"0", "-1", "NaN", "Infinity", "-Infinity"}) {
            String shown = String.valueOf(Double.parseDouble(lr));
            assertUsage("--lr must be positive and finite, got " + shown,
                    Nn4jCommandTest.run("linear-regression", "--lr", lr));
            assertUsage("--lr must be positive and finite, got " + shown,
                    fashion(tiny, "--lr", lr, "--batch-size", "10"));
        }
    }

    @Test
    void badBatchSizesExitTwo() {
        assertUsage("--batch-size must be positive, got 0",
                Nn4jCommandTest.run("linear-regression", "--batch-size", "0"));
        assertUsage("--batch-size must be positive, got -3",
                Nn4jCommandTest.run("linear-regression", "--batch-size", "-3"));
        assertUsage("--batch-size 501 is larger than the tutorial's 500 examples",
                Nn4jCommandTest.run("linear-regression", "--batch-size", "501"));
        assertUsage("--batch-size must be positive, got -1", fashion(tiny, "--batch-size", "-1"));
        assertUsage("--batch-size 21 is larger than the 20 training examples in " + tiny,
                fashion(tiny, "--batch-size", "21"));
        assertUsage("--batch-size 16 is larger than the 10 training examples of --limit 10",
                fashion(tiny, "--batch-size", "16", "--limit", "10"));
        Run full = fashion(tiny, "--batch-size", "20", "--json");
        assertEquals(Nn4jCommand.OK, full.status(), full.err());
    }

    @Test
    void aLabelOutOfRangeExitsTwoNamingTheFileAndTheExample() {
        assertUsage(badLabel.resolve("train-labels-idx1-ubyte") + ": label 10 of example 13 is"
                + " out of range 0..9", fashion(badLabel, "--batch-size", "10"));
    }
}
