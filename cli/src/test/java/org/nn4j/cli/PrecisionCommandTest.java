package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.testing.Float32TestBackend;

/**
 * {@code --precision f32|f64}: parsed naming the option and the value, refused on a backend
 * without float32 naming the backends that have it, refused by the tutorial's regression,
 * reported in {@code --json}; a float32 model file runs in float32 or says how to widen it.
 */
class PrecisionCommandTest {

    @TempDir
    static Path small;

    @BeforeAll
    static void writeSmallTestSet() throws IOException {
        FashionMnistCommandTest.writeSmallCopy(small);
    }

    /** The available backends that declare float32, found without the code under test. */
    static List<String> float32Backends() {
        List<String> names = new ArrayList<>();
        for (BackendStatus s : Backends.registry().statuses(true)) {
            if (s.available() && Backends.get(s.name()).precisions().contains(Precision.F32)) {
                names.add(s.name());
            }
        }
        return names;
    }

    /** What the refusals add after "it supports float64 only". */
    static String whichDo() {
        List<String> able = float32Backends();
        return able.isEmpty() ? "; no available backend computes in float32"
                : "; " + String.join(", ", able) + (able.size() == 1 ? " does" : " do")
                + " (--backend " + able.get(0) + ")";
    }

    @Test
    void anUnknownPrecisionIsAUsageErrorNamingTheOptionAndTheValue() {
        for (String command : List.of("fashion-mnist", "linear-regression")) {
            Run r = Nn4jCommandTest.run(command, "--precision", "f16");
            assertEquals(Nn4jCommand.USAGE, r.status(), r.err());
            assertTrue(r.err().startsWith("Invalid value for option '--precision': 'f16' is not a"
                    + " precision; use f32 (float32) or f64 (float64)"), r.err());
        }
    }

    @Test
    void float32OnCommonsIsRefusedNamingTheBackendAndTheBackendsThatHaveIt() {
        Run r = Nn4jCommandTest.run("fashion-mnist", "--precision", "f32", "--backend",
                "commons", "--data", small.toString(), "--epochs", "1");
        assertEquals(Nn4jCommand.NO_BACKEND, r.status(), r.err());
        assertEquals("nn4j: --precision f32: backend 'commons' does not compute in float32; it"
                + " supports float64 only" + whichDo() + "\n", r.err());
        assertEquals("", r.out(), "refused before any output");
        Path csv = small.resolve("tiny.csv");
        try {
            java.nio.file.Files.writeString(csv, "a,y\n1,p\n2,q\n3,p\n4,q\n5,p\n6,q\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run t = Nn4jCommandTest.run("train", "--csv", csv.toString(), "--label", "y",
                "--precision", "float32", "--backend", "commons", "--batch-size", "2");
        assertEquals(Nn4jCommand.NO_BACKEND, t.status(), t.err());
        assertTrue(t.err().startsWith("nn4j: --precision f32: backend 'commons' does not"
                + " compute in float32"), t.err());
    }

    @Test
    void theTutorialsRegressionRefusesFloat32WithASentenceAndExitStatus2() {
        Run r = Nn4jCommandTest.run("linear-regression", "--precision", "f32");
        assertEquals(Nn4jCommand.USAGE, r.status(), r.err());
        assertEquals("nn4j: --precision f32: the tutorial's linear regression trains in float64"
                + " only: its target loss of 1e-15 is below what float32 can resolve (unit"
                + " round-off 2^-24, about 6e-8 relative), so it would never converge; leave"
                + " --precision out or give --precision f64\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void jsonReportsThePrecisionFloat64ByDefault() throws Exception {
        Run lr = Nn4jCommandTest.run("linear-regression", "--json", "--precision", "f64",
                "--max-steps", "10");
        assertEquals("float64", lr.json().get("precision").asText());
        Run f = Nn4jCommandTest.run("fashion-mnist", "--json", "--data", small.toString(),
                "--epochs", "1", "--hidden", "8");
        assertEquals(Nn4jCommand.OK, f.status(), f.err());
        assertEquals("float64", f.json().get("precision").asText());
    }

    @Test
    void aFloat32ModelFileIsRefusedByCommonsWithTheWayOutWhichWorks(@TempDir Path dir)
            throws Exception {
        Sequential model = Sequential.builder(Float32TestBackend.create()
                .inPrecision(Precision.F32)).input(784).dense(10).softmaxCrossEntropy().seed(3)
                .build();
        Path file = dir.resolve("f32.npz");
        ModelFile.save(model, file);
        Run refused = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                small.toString(), "--backend", "commons");
        assertEquals(Nn4jCommand.NO_BACKEND, refused.status(), refused.err());
        assertEquals("nn4j: " + file + " (a float32 model): backend 'commons' does not compute"
                + " in float32; it supports float64 only" + whichDo() + "; or --precision f64"
                + " runs it in float64, its weights widened exactly\n", refused.err());

        Run widened = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                small.toString(), "--backend", "commons", "--precision", "f64", "--json");
        assertEquals(Nn4jCommand.OK, widened.status(), widened.err());
        assertEquals("float64", widened.json().get("precision").asText());
        assertEquals("commons", widened.json().get("backend").asText());
    }

    @Test
    void fashionMnistTrainsSavesAndEvaluatesInFloat32() throws Exception {
        List<String> able = float32Backends();
        assumeFalse(able.isEmpty(), "no backend on the class path computes in float32 yet");
        for (String backend : able) {
            Path file = small.resolve(backend + "-f32.npz");
            Run trained = Nn4jCommandTest.run("fashion-mnist", "--data", small.toString(),
                    "--json", "--epochs", "1", "--hidden", "16", "--seed", "2", "--precision",
                    "f32", "--backend", backend, "--save", file.toString());
            assertEquals(Nn4jCommand.OK, trained.status(), trained.err());
            JsonNode t = trained.json();
            assertEquals("float32", t.get("precision").asText());
            assertEquals(Precision.F32, ModelFile.load(file).precision());
            // The file's precision, without --precision: the same test accuracy, to the bit.
            Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                    small.toString(), "--backend", backend, "--json");
            assertEquals(Nn4jCommand.OK, r.status(), r.err());
            assertEquals("float32", r.json().get("precision").asText());
            assertEquals(t.get("test_accuracy").asDouble(), r.json().get("accuracy").asDouble());
            Run text = Nn4jCommandTest.run("fashion-mnist", "--data", small.toString(),
                    "--epochs", "1", "--hidden", "8", "--precision", "f32", "--backend", backend);
            assertTrue(text.out().startsWith("Fashion-MNIST on backend " + backend
                    + " in float32: "), text.out());
        }
    }
}
