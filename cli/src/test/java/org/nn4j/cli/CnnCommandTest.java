package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;

/**
 * {@code nn4j fashion-mnist --model cnn}: the default CNN trains with the MLP's options and
 * outputs, its file evaluates on every backend, and a CNN saved on one backend predicts the
 * same classes on the others. Runs read the first 600 training and 300 test images.
 */
class CnnCommandTest {

    /**
     * The short accuracy check of the default CNN that CI runs: 600 training images, 2 epochs,
     * seed 0, on ejml (the pure-Java default). Measured 2026-12-02 with the default batch of
     * 64: 0.7267 on ejml, nd4j and commons alike (0.6067 after epoch 1); the floor leaves
     * about 0.127 below, far above chance (0.10).
     */
    static final double FLOOR = 0.60;

    @TempDir
    static Path small;

    @BeforeAll
    static void writeSmallCopy() throws IOException {
        FashionMnistCommandTest.writeSmallCopy(small);
    }

    private static Run cnn(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("fashion-mnist", "--data",
                small.toString(), "--model", "cnn"));
        all.addAll(List.of(args));
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void theDefaultCnnReachesTheFloorAndItsFileEvaluatesOnEveryBackend(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("cnn.npz");
        Run r = cnn("--json", "--epochs", "2", "--backend", "ejml", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("cnn", j.get("model_type").asText());
        assertTrue(j.get("hidden").isNull());
        assertTrue(j.get("activation").isNull());
        assertEquals("28x28x1 -> conv2d 16 3x3 same -> relu -> max-pool 2x2 -> conv2d 32 3x3"
                + " same -> relu -> max-pool 2x2 -> flatten -> dense 128 -> relu -> dropout 0.25"
                + " -> dense 10 -> softmax-cross-entropy", j.get("model").asText());
        // conv 16·(9+1) + conv 32·(144+1) + dense (1568+1)·128 + (128+1)·10, by hand.
        assertEquals(160 + 4640 + 200_832 + 1290, j.get("parameters").asLong());
        assertEquals(2, j.get("epochs").asInt());
        assertEquals(64, j.get("batch_size").asInt(), "the CNN's default batch");
        double accuracy = j.get("test_accuracy").asDouble();
        assertTrue(accuracy >= FLOOR, "2 epochs on 600 images: " + accuracy + " < " + FLOOR);
        assertEquals(file.toString(), j.get("model_file").asText());

        for (String backend : List.of("ejml", "commons", "nd4j")) {
            Run e = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                    small.toString(), "--backend", backend, "--json");
            assertEquals(Nn4jCommand.OK, e.status(), e.err());
            assertEquals(accuracy, e.json().get("accuracy").asDouble(), 1e-12, backend);
        }
    }

    @Test
    void aCnnSavedOnOneBackendPredictsTheSameClassesOnTheOthers(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("cnn.npz");
        Run r = cnn("--json", "--epochs", "1", "--backend", "nd4j", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        SavedModel saved = ModelFile.load(file);
        DataSet test = FashionMnist.load(small, 600).test();
        double[] x = test.copyOfFeatures();
        int[] nd4j = saved.predictor(Backends.get("nd4j")).predictClasses(x, test.size());
        for (String backend : List.of("ejml", "commons")) {
            assertArrayEquals(nd4j, saved.predictor(Backends.get(backend))
                    .predictClasses(x, test.size()), backend);
        }
    }

    @Test
    void theMlpOptionsAreRefusedWithTheCnn() {
        Run r = cnn("--hidden", "32");
        assertEquals(Nn4jCommand.USAGE, r.status());
        assertTrue(r.err().contains("--hidden shapes the perceptron (--model mlp); --model cnn"
                + " trains the default CNN"), r.err());
        Run other = Nn4jCommandTest.run("fashion-mnist", "--data", small.toString(), "--model",
                "rnn");
        assertEquals(Nn4jCommand.USAGE, other.status());
        assertTrue(other.err().contains("--model must be mlp or cnn, got 'rnn'"), other.err());
    }
}
