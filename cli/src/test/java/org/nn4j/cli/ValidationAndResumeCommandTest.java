package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.data.FashionMnistTestData;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;

/**
 * {@code nn4j fashion-mnist} with a validation split, early stopping, checkpoints and
 * {@code --resume}, on the checked-in Fashion-MNIST subset (first 600 training examples).
 */
class ValidationAndResumeCommandTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("fashion-mnist", "--data",
                FashionMnistTestData.subset().toString(), "--limit", "600",
                "--batch-size", "64", "--no-progress"));
        all.addAll(List.of(args));
        if (!all.contains("--hidden")) {
            all.addAll(List.of("--hidden", "16"));
        }
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    /** The acceptance, small: resumed from epoch 2, the saved weights are the same. */
    @ParameterizedTest
    @MethodSource("backends")
    void resumingFromEpoch2SavesTheWeightsOfTheUninterruptedRun(String backend, @TempDir Path dir)
            throws Exception {
        Path d = dir.resolve("D");
        Run a = run("--backend", backend, "--epochs", "4", "--checkpoint-every", "2",
                "--checkpoint-dir", d.toString(), "--save", dir.resolve("A.npz").toString(),
                "--json");
        assertEquals(Nn4jCommand.OK, a.status(), a.err());
        assertTrue(Files.isRegularFile(d.resolve("epoch-0002.nn4j.npz")));
        assertTrue(Files.isRegularFile(d.resolve("epoch-0004.nn4j.npz")));
        assertEquals(2, a.json().get("checkpoints").size());
        Run b = run("--backend", backend, "--epochs", "4", "--resume",
                d.resolve("epoch-0002.nn4j.npz").toString(), "--save",
                dir.resolve("B.npz").toString(), "--json");
        assertEquals(Nn4jCommand.OK, b.status(), b.err());
        assertEquals(2, b.json().get("resumed_after_epoch").asInt());
        assertEquals(a.json().get("train_loss"), b.json().get("train_loss"));
        // Epochs 1 and 2 were not run again: their timings are the checkpoint's.
        assertEquals(a.json().get("seconds_per_epoch").get(1),
                b.json().get("seconds_per_epoch").get(1));
        assertTrue(b.out().isEmpty() || b.json() != null);
        SavedModel ma = ModelFile.load(dir.resolve("A.npz"));
        SavedModel mb = ModelFile.load(dir.resolve("B.npz"));
        for (int i = 0; i < ma.parameters().size(); i++) {
            assertArrayEquals(ma.parameters().get(i), mb.parameters().get(i), backend + " " + i);
        }
    }

    @Test
    void validationAndEarlyStoppingAreReportedInJson() throws Exception {
        // A high learning rate on 600 examples: the validation loss soon stops improving.
        Run r = run("--epochs", "30", "--lr", "0.01", "--lr-decay", "1", "--hidden", "64",
                "--validation-split", "0.2", "--early-stopping", "2", "--json");
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        JsonNode j = r.json();
        assertEquals(480, j.get("train_examples").asInt());
        assertEquals(120, j.get("validation_examples").asInt());
        assertTrue(j.get("stopped_early").asBoolean(), j.toString());
        int epochs = j.get("epochs_completed").asInt();
        JsonNode losses = j.get("validation_loss_per_epoch");
        assertEquals(epochs, losses.size());
        int best = 0;
        for (int e = 1; e < epochs; e++) {
            if (losses.get(e).asDouble() < losses.get(best).asDouble()) {
                best = e;
            }
        }
        assertEquals(best + 1, j.get("best_epoch").asInt(), "1-based, the lowest loss");
        assertEquals(best + 1 + 2, epochs, "stopped after 2 epochs without improvement");
        assertEquals(best + 1, j.get("weights_of_epoch").asInt());
        assertEquals(j.get("test_accuracy_per_epoch").get(best).asDouble(),
                j.get("test_accuracy").asDouble(), "the test accuracy of the restored weights");
    }

    @Test
    void badValuesAreRefusedNamingTheOption(@TempDir Path dir) throws Exception {
        assertRefused(Nn4jCommand.USAGE, "--validation-split must be a fraction in (0, 1), got 1.0",
                "--validation-split", "1");
        assertRefused(Nn4jCommand.USAGE, "--validation-split must be a fraction in (0, 1), got 0.0",
                "--validation-split", "0");
        assertRefused(Nn4jCommand.USAGE, "--early-stopping needs --validation-split: it watches"
                + " the validation set", "--early-stopping", "3");
        assertRefused(Nn4jCommand.USAGE, "--early-stopping must be a positive number of epochs,"
                + " got 0", "--validation-split", "0.1", "--early-stopping", "0");
        assertRefused(Nn4jCommand.USAGE, "--min-delta applies to --early-stopping, which is not"
                + " given", "--min-delta", "0.01");
        assertRefused(Nn4jCommand.USAGE, "--monitor must be validation-loss or"
                + " validation-accuracy, got 'loss'", "--validation-split", "0.1",
                "--early-stopping", "2", "--monitor", "loss");
        assertRefused(Nn4jCommand.USAGE, "--checkpoint-every needs --checkpoint-dir DIR",
                "--checkpoint-every", "2");
        assertRefused(Nn4jCommand.USAGE, "--checkpoint-every must be a positive number of"
                + " epochs, got 0", "--checkpoint-every", "0", "--checkpoint-dir", dir.toString());
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        assertRefused(Nn4jCommand.UNREADABLE_MODEL, "cannot write checkpoints to " + notADirectory
                + " (--checkpoint-dir): it is not a directory", "--checkpoint-every", "1",
                "--checkpoint-dir", notADirectory.toString());
        Path model = dir.resolve("model.npz");
        assertEquals(Nn4jCommand.OK, run("--epochs", "1", "--save", model.toString()).status());
        Run notACheckpoint = run("--resume", model.toString());
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, notACheckpoint.status());
        assertTrue(notACheckpoint.err().startsWith("nn4j: cannot resume from " + model
                + " (--resume): " + model + ": entry 1 is 'model.json'"), notACheckpoint.err());
    }

    @Test
    void aCheckpointOfOtherSettingsOrAnExistingCheckpointFileIsRefused(@TempDir Path dir) {
        Path d = dir.resolve("D");
        assertEquals(Nn4jCommand.OK, run("--epochs", "2", "--checkpoint-every", "1",
                "--checkpoint-dir", d.toString()).status());
        String first = d.resolve("epoch-0001.nn4j.npz").toString();
        Run other = run("--epochs", "2", "--resume", first, "--hidden", "17");
        assertEquals(Nn4jCommand.USAGE, other.status());
        assertTrue(other.err().startsWith("nn4j: the checkpoint is of another run: model is 784"
                + " -> dense 16 -> relu"), other.err());
        assertTrue(other.out().isEmpty(), "refused before the header: " + other.out());
        Run seed = run("--epochs", "2", "--resume", first, "--seed", "5");
        assertEquals("nn4j: the checkpoint is of another run: seed is 0 in the checkpoint but 5"
                + " here\n", seed.err());
        Run again = run("--epochs", "2", "--checkpoint-every", "1", "--checkpoint-dir",
                d.toString());
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, again.status());
        assertEquals("nn4j: cannot write checkpoints to " + d + " (--checkpoint-dir): this run"
                + " would write " + first + ", which exists already; a checkpoint never replaces"
                + " a file (move it away or choose another directory)\n", again.err());
        assertFalse(again.out().contains("epoch"), again.out());
    }

    private static void assertRefused(int status, String message, String... args) {
        Run r = run(args);
        assertEquals(status, r.status(), r.err());
        assertEquals("nn4j: " + message + "\n", r.err());
    }
}
