package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.data.FashionMnistTestData;
import org.nn4j.trainer.data.Idx;
import org.nn4j.trainer.data.IdxArray;

/**
 * {@code nn4j fashion-mnist} as scripts see it. Most runs read a small copy of Fashion-MNIST
 * (the first 600 training and 300 test images, written as raw IDX files) through
 * {@code --data}, so they take a second each.
 */
class FashionMnistCommandTest {

    @TempDir
    static Path small;

    @BeforeAll
    static void writeSmallCopy() throws IOException {
        writeSmallCopy(small);
    }

    /** Writes the first 600 training and 300 test images and labels into a directory. */
    static void writeSmallCopy(Path directory) throws IOException {
        Path from = FashionMnistTestData.fullOrSubset();
        copy(from.resolve("train-images-idx3-ubyte.gz"), directory.resolve("train-images-idx3-ubyte"), 600);
        copy(from.resolve("train-labels-idx1-ubyte.gz"), directory.resolve("train-labels-idx1-ubyte"), 600);
        copy(from.resolve("t10k-images-idx3-ubyte.gz"), directory.resolve("t10k-images-idx3-ubyte"), 300);
        copy(from.resolve("t10k-labels-idx1-ubyte.gz"), directory.resolve("t10k-labels-idx1-ubyte"), 300);
    }

    /** Writes the first {@code count} items of an IDX file as a raw IDX file. */
    static void copy(Path source, Path target, int count) throws IOException {
        IdxArray a = Idx.read(source);
        int[] dims = a.dimensions();
        int itemSize = a.size() / dims[0];
        dims[0] = count;
        try (OutputStream file = Files.newOutputStream(target);
             DataOutputStream out = new DataOutputStream(file)) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            for (int i = 0; i < count * itemSize; i++) {
                out.write(a.unsigned(i));
            }
        }
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("fashion-mnist", "--data", small.toString()));
        all.addAll(List.of(args));
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    @Test
    void jsonHasTheDocumentedKeys() throws Exception {
        Run r = run("--json", "--epochs", "2", "--hidden", "32", "--seed", "3");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        JsonNode j = r.json();
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("backend", "backend_basis", "backend_reason", "precision", "seed", "epochs", "epochs_completed", "batch_size",
                "optimizer", "learning_rate", "optimizer_settings", "lr_schedule", "model_type", "hidden",
                "activation", "model", "parameters", "train_examples", "test_examples", "data",
                "completed", "message", "test_accuracy", "test_loss", "min_accuracy", "passed", "train_loss",
                "test_loss_per_epoch", "test_accuracy_per_epoch", "learning_rate_per_epoch",
                "seconds_per_epoch", "cpu_seconds_per_epoch", "evaluation_seconds_per_epoch",
                "seconds", "validation_split", "validation_examples", "validation_loss_per_epoch",
                "validation_accuracy_per_epoch", "best_epoch", "stopped_early",
                "early_stopping_patience", "early_stopping_monitor", "early_stopping_min_delta",
                "weights_of_epoch", "resumed_from", "resumed_after_epoch", "checkpoints",
                "macro_average", "weighted_average", "top_k_accuracy", "per_class",
                "confusion_matrix", "plot", "model_file"), keys);
        // 128 · (784·32 + 32·10) = 3,252,224 multiply-adds per batch: large work, so nd4j.
        assertEquals("nd4j", j.get("backend").asText());
        assertEquals("large-work", j.get("backend_basis").asText());
        assertEquals("3,252,224 multiply-adds per batch, at least 20,000: the available backend"
                + " suited to large work", j.get("backend_reason").asText());
        assertEquals(3, j.get("seed").asLong());
        assertEquals(2, j.get("epochs").asInt());
        assertEquals(2, j.get("epochs_completed").asInt());
        assertEquals(128, j.get("batch_size").asInt());
        assertEquals("adam", j.get("optimizer").asText());
        assertEquals(0.001, j.get("learning_rate").asDouble());
        assertEquals("exponential decay 0.9 per epoch", j.get("lr_schedule").asText());
        assertEquals(32, j.get("hidden").get(0).asInt());
        assertEquals(784 * 32 + 32 + 32 * 10 + 10, j.get("parameters").asLong());
        assertEquals(600, j.get("train_examples").asInt());
        assertEquals(300, j.get("test_examples").asInt());
        assertTrue(j.get("completed").asBoolean());
        assertTrue(j.get("passed").asBoolean());
        assertTrue(j.get("min_accuracy").isNull());
        assertTrue(j.get("plot").isNull());
        assertEquals(2, j.get("train_loss").size());
        assertEquals(2, j.get("seconds_per_epoch").size());
        assertTrue(j.get("seconds_per_epoch").get(1).asDouble() > 0);
        assertTrue(j.get("cpu_seconds_per_epoch").get(1).asDouble() > 0);
        assertEquals(0.0009, j.get("learning_rate_per_epoch").get(1).asDouble(), 1e-15);
        double accuracy = j.get("test_accuracy").asDouble();
        assertEquals(accuracy, j.get("test_accuracy_per_epoch").get(1).asDouble());
        assertTrue(accuracy > 0.5 && accuracy <= 1.0, "600 images, 2 epochs: " + accuracy);
        assertTrue(j.get("train_loss").get(1).asDouble() < j.get("train_loss").get(0).asDouble());
    }

    @Test
    void theBackendIsChosenByTheNetworksWorkUnlessNamed() throws Exception {
        // 2 · 784 · 10 = 15,680 multiply-adds per batch: below the threshold, the default.
        JsonNode small = run("--json", "--epochs", "1", "--hidden=", "--batch-size", "2")
                .json();
        assertEquals("ejml", small.get("backend").asText());
        assertEquals("priority", small.get("backend_basis").asText());
        assertEquals("15,680 multiply-adds per batch, below 20,000: the default",
                small.get("backend_reason").asText());
        JsonNode named = run("--json", "--epochs", "1", "--hidden", "32", "--backend", "ejml")
                .json();
        assertEquals("ejml", named.get("backend").asText());
        assertEquals("named", named.get("backend_basis").asText());
        assertEquals("named by --backend", named.get("backend_reason").asText());
    }

    @Test
    void printsAHeaderALinePerEpochAndAVerdict() {
        Run r = run("--epochs", "2", "--hidden", "16,8", "--optimizer", "momentum", "--lr", "0.05");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("Fashion-MNIST on backend nd4j: 784 -> dense 16 -> relu ->"
                + " dense 8 -> relu -> dense 10"), lines[0]);
        assertTrue(lines[0].contains("momentum lr 0.05"), lines[0]);
        assertEquals("Backend nd4j: 1,632,256 multiply-adds per batch, at least 20,000: the"
                + " available backend suited to large work (--backend NAME chooses another; nn4j"
                + " backends lists them)", lines[1]);
        assertTrue(lines[2].matches("epoch  1/2  lr 0\\.0500  train loss \\d\\.\\d{4}  test loss"
                + " \\d\\.\\d{4}  test accuracy \\d\\.\\d{4}  \\d+\\.\\d\\d s \\(\\+\\d+\\.\\d\\d s test\\)"),
                lines[2]);
        assertTrue(lines[3].startsWith("epoch  2/2  lr 0.0450"), lines[3]);
        assertTrue(lines[4].startsWith("Completed 2 epochs: test accuracy "), lines[4]);
        assertEquals("", lines[5], "then the metrics table: " + r.out());
        assertTrue(lines[6].startsWith("Metrics on the test set, 300 examples: accuracy "), lines[6]);
        assertEquals("", r.err(), "no progress bar without a terminal");
    }

    @Test
    void anEmptyHiddenListTrainsALinearClassifier() throws Exception {
        Run r = run("--json", "--epochs", "1", "--hidden=");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertEquals(0, r.json().get("hidden").size());
        assertEquals("784 -> dense 10 -> softmax-cross-entropy", r.json().get("model").asText());
        assertEquals(784 * 10 + 10, r.json().get("parameters").asLong());
    }

    @Test
    void minAccuracyDecidesTheExitStatus() throws Exception {
        // 600 images, 2 epochs of batches of 32 at 0.01: 0.667 measured
        Run reached = run("--json", "--epochs", "2", "--hidden", "16", "--batch-size", "32",
                "--lr", "0.01", "--min-accuracy", "0.5");
        assertEquals(Nn4jCommand.OK, reached.status(), reached.err());
        assertTrue(reached.json().get("passed").asBoolean());
        Run missed = run("--json", "--epochs", "1", "--hidden", "16", "--min-accuracy", "0.999");
        assertEquals(Nn4jCommand.NOT_CONVERGED, missed.status(), missed.out());
        assertTrue(missed.json().get("completed").asBoolean());
        assertFalse(missed.json().get("passed").asBoolean());
        assertEquals(0.999, missed.json().get("min_accuracy").asDouble());
    }

    @Test
    void aDivergedRunExitsOneNamingEpochAndBatch() throws Exception {
        Run r = run("--json", "--epochs", "2", "--hidden", "16", "--optimizer", "sgd", "--lr", "1e300");
        assertEquals(Nn4jCommand.NOT_CONVERGED, r.status(), r.out());
        JsonNode j = r.json();
        assertFalse(j.get("completed").asBoolean());
        assertTrue(j.get("message").asText().matches("training diverged at epoch 1 of 2, batch \\d+"
                + " of 5: the loss is .*"), j.get("message").asText());
    }

    @Test
    void adamWWithDecayAndClippingReportsItsSettings() throws Exception {
        Run r = run("--json", "--epochs", "1", "--hidden", "16", "--optimizer", "adamw",
                "--clip-norm", "5", "--lr", "0.002");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals("adamw", j.get("optimizer").asText());
        JsonNode s = j.get("optimizer_settings");
        List<String> keys = new ArrayList<>();
        s.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("learning_rate", "beta1", "beta2", "epsilon", "weight_decay",
                "clip_global_norm"), keys);
        assertEquals(0.002, s.get("learning_rate").asDouble());
        assertEquals(0.01, s.get("weight_decay").asDouble(), "PyTorch's default");
        assertEquals(5.0, s.get("clip_global_norm").asDouble());
        assertTrue(j.get("completed").asBoolean());
        Run sgd = run("--json", "--epochs", "1", "--hidden", "16", "--optimizer", "momentum",
                "--weight-decay", "0.001");
        assertEquals(0.001, sgd.json().get("optimizer_settings").get("weight_decay").asDouble());
        assertTrue(sgd.json().get("optimizer_settings").get("clip_global_norm") == null,
                "no clipping unless asked");
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() {
        assertUsage("--batch-size must be positive, got 0", "--batch-size", "0");
        assertUsage("--hidden takes positive sizes separated by commas, such as 256,128; got"
                + " '256,0'", "--hidden", "256,0");
        assertUsage("got '256,,128'", "--hidden", "256,,128");
        assertUsage("--limit 601 is more than the 600 training examples in " + small, "--limit", "601");
        assertUsage("--lr-decay must be in (0, 1], got 1.5", "--lr-decay", "1.5");
        assertUsage("'nesterov' is not an optimizer; choose sgd, momentum, adagrad, rmsprop, adam"
                + " or adamw", "--optimizer", "nesterov");
        assertUsage("--weight-decay applies to --optimizer sgd and momentum (L2) and adamw"
                + " (decoupled) only, not adam; for Adam with weight decay use --optimizer adamw",
                "--weight-decay", "0.1");
        assertUsage("--weight-decay must be zero or positive and finite, got -0.01",
                "--optimizer", "adamw", "--weight-decay", "-0.01");
        assertUsage("--clip-norm must be positive and finite, got 0.0", "--clip-norm", "0");
        assertUsage("--clip-norm must be positive and finite, got NaN", "--clip-norm", "NaN");
        assertUsage("--plot writes a PNG; name the file *.png, got curves.jpg", "--plot", "curves.jpg");
        assertUsage("--lr must be positive and finite, got -0.1", "--lr", "-0.1");
    }

    private static void assertUsage(String message, String... args) {
        Run r = run(args);
        assertEquals(Nn4jCommand.USAGE, r.status(), r.out() + r.err());
        assertTrue(r.err().contains(message), r.err());
    }

    @Test
    void missingDataSaysHowToInstallIt(@TempDir Path empty) {
        Run r = Nn4jCommandTest.run("fashion-mnist", "--data", empty.toString());
        assertEquals(Nn4jCommand.USAGE, r.status(), r.err());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
        assertTrue(r.err().contains(empty.toString()), r.err());
    }

    @Test
    void anUnknownBackendExitsThree() {
        Run r = run("--backend", "no-such-backend");
        assertEquals(Nn4jCommand.NO_BACKEND, r.status(), r.err());
        assertTrue(r.err().contains("no-such-backend"), r.err());
    }

    @Test
    void plotWritesAPngOfTheCurves(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("curves.png");
        Run r = run("--json", "--epochs", "3", "--hidden", "16", "--plot", png.toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertEquals(png.toString(), r.json().get("plot").asText());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(CurvePlot.WIDTH, image.getWidth());
        assertEquals(CurvePlot.HEIGHT, image.getHeight());
        assertTrue(countColour(image, 0x2ca02c) > 200, "the accuracy curve is drawn");
        assertTrue(countColour(image, 0x1f77b4) > 40, "the train loss curve is drawn");
        assertTrue(countColour(image, 0xff7f0e) > 40, "the test loss curve is drawn");
    }

    private static int countColour(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    /** The default data directory and --limit: the real training set, cut short. */
    @Test
    void limitTrainsOnTheFirstExamplesOfTheRealData() throws Exception {
        FashionMnistTestData.requireFull();
        Run r = Nn4jCommandTest.run("fashion-mnist", "--json", "--limit", "300", "--epochs", "1",
                "--hidden", "8");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertEquals(300, r.json().get("train_examples").asInt());
        assertEquals(10_000, r.json().get("test_examples").asInt());
        assertEquals(FashionMnist.DEFAULT_DIRECTORY.toString(), r.json().get("data").asText());
    }

    /** --data with gzipped files and --limit: the checked-in subset, cut short. */
    @Test
    void limitTrainsOnTheFirstExamplesOfTheSubset() throws Exception {
        Path subset = FashionMnistTestData.subset();
        Run r = Nn4jCommandTest.run("fashion-mnist", "--json", "--data", subset.toString(),
                "--limit", "300", "--epochs", "1", "--hidden", "8");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertEquals(300, r.json().get("train_examples").asInt());
        assertEquals(FashionMnistTestData.SUBSET_TEST, r.json().get("test_examples").asInt());
        assertEquals(subset.toString(), r.json().get("data").asText());
    }
}
