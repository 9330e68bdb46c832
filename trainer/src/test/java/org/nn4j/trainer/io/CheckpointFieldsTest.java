package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.model.EarlyStopping;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.optim.Adam;

/**
 * Each field of a checkpoint's state at the ends of its range: a copy of one real checkpoint
 * (after epoch 2 of 3, 12 training examples, Adam's 2 slots, a best epoch with its parameters)
 * with one field changed reads when the value is in range, and is refused naming the field
 * when it is not. Its entries, in order: checkpoint.json, model.json, the model's 2 arrays,
 * 2 slots of 2 arrays, shuffle_order.npy (9th), history.npy, best's 2 arrays.
 */
class CheckpointFieldsTest {

    @TempDir
    static Path dir;
    private static Path file;
    private static int copies;

    @BeforeAll
    static void checkpointAfterTwoEpochs() {
        Sequential model = Sequential.builder(Backends.get("ejml")).input(2).dense(3)
                .softmaxCrossEntropy().build(new Rng(1));
        double[] x = new double[16 * 2];
        int[] y = new int[16];
        for (int i = 0; i < 16; i++) {
            y[i] = i % 3;
            x[2 * i] = i % 3;
            x[2 * i + 1] = (i * 7) % 5;
        }
        ValidationSplit split = ValidationSplit.of(DataSet.oneHot(16, 2, x, y, 3), 0.25,
                new Rng(6));
        file = dir.resolve("c.nn4j.npz");
        new Training(model, Adam.builder().learningRate(0.05).build()).epochs(3).batchSize(4)
                .validation(split.validation()).earlyStopping(EarlyStopping.onValidationLoss(5))
                .checkpoints(2, c -> {
                    if (c.epochsCompleted() == 2) {
                        CheckpointFile.save(c, model, file);
                    }
                }).fit(split.train(), split.validation(), new Rng(4));
    }

    /** A copy whose state has the first match of a pattern replaced, and entries replaced. */
    private static Path tampered(String regex, String replacement, Map<String, byte[]> entries)
            throws IOException {
        UnaryOperator<String> edit = text -> {
            Matcher m = Pattern.compile(regex).matcher(text);
            assertTrue(m.find(), regex + " in " + text);
            return m.replaceFirst(Matcher.quoteReplacement(replacement));
        };
        return CheckpointFileStateTest.rewrite(file, "copy" + (copies++) + ".npz", edit, entries);
    }

    private static Path tampered(String regex, String replacement) throws IOException {
        return tampered(regex, replacement, Map.of());
    }

    private static TrainingCheckpoint read(Path copy) throws IOException {
        return CheckpointFile.load(copy).checkpoint();
    }

    private static void assertRefused(String expected, Path copy) {
        assertEquals(copy + ": " + expected, assertThrows(ModelFormatException.class,
                () -> CheckpointFile.load(copy)).getMessage());
    }

    @Test
    void theCheckpointAsWrittenReads() throws IOException {
        TrainingCheckpoint c = read(tampered("\"version\": 1", "\"version\": 1"));
        assertEquals(2, c.epochsCompleted());
        assertEquals(12, c.shuffleOrder().length);
        assertEquals(2, c.optimizer().slots().size());
        assertEquals(1, c.best().epoch());
    }

    @Test
    void anotherVersionIsRefusedByNumber() throws IOException {
        assertRefused("checkpoint.json: nn4j-checkpoint version 2 is not supported; this nn4j"
                + " reads version 1", tampered("\"version\": 1", "\"version\": 2"));
        assertRefused("checkpoint.json: version is 1.0: expected an integer in the range of a"
                + " Java long", tampered("\"version\": 1", "\"version\": 1.0"));
    }

    /**
     * epochs_completed and examples are bounded (1 to 2^20, 1 to 2^26); within the bounds a
     * count that is not the file's is found out by the array it sizes.
     */
    @Test
    void epochAndExampleCountsAreBounded() throws IOException {
        String epochs = "\"epochs_completed\": 2";
        assertRefused("checkpoint.json: epochs_completed is 0: expected 1 to 1048576",
                tampered(epochs, "\"epochs_completed\": 0"));
        assertRefused("checkpoint.json: epochs_completed is 1048577: expected 1 to 1048576",
                tampered(epochs, "\"epochs_completed\": 1048577"));
        assertRefused("history.npy: shape (2, 10) does not match the architecture, which needs"
                + " (1, 10)", tampered(epochs, "\"epochs_completed\": 1"));
        assertRefused("history.npy: shape (2, 10) does not match the architecture, which needs"
                + " (1048576, 10)", tampered(epochs, "\"epochs_completed\": 1048576"));
        String examples = "\"examples\": 12";
        assertRefused("checkpoint.json: examples is 0: expected 1 to 67108864",
                tampered(examples, "\"examples\": 0"));
        assertRefused("checkpoint.json: examples is 67108865: expected 1 to 67108864",
                tampered(examples, "\"examples\": 67108865"));
        assertRefused("shuffle_order.npy: shape (12,) does not match the architecture, which"
                + " needs (1,)", tampered(examples, "\"examples\": 1"));
        assertRefused("shuffle_order.npy: shape (12,) does not match the architecture, which"
                + " needs (67108864,)", tampered(examples, "\"examples\": 67108864"));
    }

    @Test
    void theGeneratorsStateIsChecked() throws IOException {
        String gamma = "\"gamma\": -?[0-9]+";
        assertRefused("checkpoint.json: rng.gamma is 2: a generator's gamma is odd",
                tampered(gamma, "\"gamma\": 2"));
        assertRefused("checkpoint.json: rng.gamma is -4: a generator's gamma is odd",
                tampered(gamma, "\"gamma\": -4"));
        assertEquals(-7, read(tampered(gamma, "\"gamma\": -7")).rng().gamma());
        String spare = "\"has_spare\": false, \"spare_gaussian\": 0.0";
        assertRefused("checkpoint.json: rng.has_spare is 0: expected true or false",
                tampered(spare, "\"has_spare\": 0, \"spare_gaussian\": 0.0"));
        assertRefused("checkpoint.json: rng.spare_gaussian is 0.5: finite, and 0 when has_spare"
                + " is false", tampered(spare, "\"has_spare\": false, \"spare_gaussian\": 0.5"));
        assertRefused("checkpoint.json: rng.spare_gaussian is Infinity: finite, and 0 when"
                + " has_spare is false",
                tampered(spare, "\"has_spare\": true, \"spare_gaussian\": 1e400"));
        Rng.State kept = read(tampered(spare, "\"has_spare\": true, \"spare_gaussian\": 0.5"))
                .rng();
        assertTrue(kept.hasSpare());
        assertEquals(0.5, kept.spareGaussian());
        assertRefused("checkpoint.json: rng is with the unknown key \"extra\": it has exactly"
                + " the keys [gamma, has_spare, position, seed, spare_gaussian]",
                tampered(spare, spare + ", \"extra\": 1"));
    }

    /** Slots 0 to 8 are allowed; a count that is not the file's meets the wrong entry. */
    @Test
    void theOptimizersSlotCountIsBoundedAndMatched() throws IOException {
        String slots = "\"slots\": 2";
        assertRefused("checkpoint.json: optimizer.slots is -1: expected 0 to 8",
                tampered(slots, "\"slots\": -1"));
        assertRefused("entry 9 is 'shuffle_order.npy' where the checkpoint format has"
                + " optimizer.slot2.dense0.weights.npy", tampered(slots, "\"slots\": 8"));
        assertRefused("entry 5 is 'optimizer.slot0.dense0.weights.npy' where the checkpoint"
                + " format has shuffle_order.npy", tampered(slots, "\"slots\": 0"));
    }

    /** With 2 epochs completed the best epoch is -1 (none yet) to 1, and 0 to 2 without improvement. */
    @Test
    void theBestEpochIsInRange() throws IOException {
        String best = "\"epoch\": 1, \"value\": [-0-9.Ee]+, \"epochs_without_improvement\": 0";
        String value = "\"value\": 2.5";
        assertEquals(-1, read(tampered(best, "\"epoch\": -1, " + value
                + ", \"epochs_without_improvement\": 0")).best().epoch());
        TrainingCheckpoint.Best last = read(tampered(best, "\"epoch\": 1, " + value
                + ", \"epochs_without_improvement\": 2")).best();
        assertEquals(2, last.epochsWithoutImprovement());
        assertEquals(2.5, last.value());
        assertRefused("checkpoint.json: best is epoch -2, 0 without improvement: out of range"
                + " for 2 epochs", tampered(best, "\"epoch\": -2, " + value
                + ", \"epochs_without_improvement\": 0"));
        assertRefused("checkpoint.json: best is epoch 2, 0 without improvement: out of range"
                + " for 2 epochs", tampered(best, "\"epoch\": 2, " + value
                + ", \"epochs_without_improvement\": 0"));
        assertRefused("checkpoint.json: best is epoch 1, 3 without improvement: out of range"
                + " for 2 epochs", tampered(best, "\"epoch\": 1, " + value
                + ", \"epochs_without_improvement\": 3"));
        assertRefused("checkpoint.json: best is epoch 1, -1 without improvement: out of range"
                + " for 2 epochs", tampered(best, "\"epoch\": 1, " + value
                + ", \"epochs_without_improvement\": -1"));
        assertEquals(Double.NaN, read(tampered("\"value\": [-0-9.Ee]+", "\"value\": null"))
                .best().value());
        assertRefused("checkpoint.json: best.value is \"x\": expected a number",
                tampered("\"value\": [-0-9.Ee]+", "\"value\": \"x\""));
    }

    @Test
    void theBestEpochsArraysAreAsDeclared() throws IOException {
        String parameters = "\"parameters\": true";
        assertRefused("checkpoint.json: best.parameters is \"yes\": expected true or false",
                tampered(parameters, "\"parameters\": \"yes\""));
        assertRefused("checkpoint.json: best.state is true: a best epoch's state arrays are"
                + " kept with its parameters, and best.parameters is false",
                tampered(parameters, "\"parameters\": false, \"state\": true"));
        assertRefused("checkpoint.json: best.state is \"yes\": expected true or false",
                tampered(parameters, "\"parameters\": true, \"state\": \"yes\""));
        assertRefused("checkpoint.json: best.state is true: the architecture 2 -> dense 3 ->"
                + " softmax-cross-entropy has no state arrays",
                tampered(parameters, "\"parameters\": true, \"state\": true"));
        // Without the best parameters the reader does not look for them: the file's are extra.
        assertRefused("corrupt zip end record: 12 entries (the model has 10), directory of",
                tampered(parameters, "\"parameters\": false"), true);
        // "state": false is allowed and the same as no "state".
        assertEquals(2, read(tampered(parameters, "\"parameters\": true, \"state\": false"))
                .best().parameters().size());
    }

    private static void assertRefused(String start, Path copy, boolean prefixOnly) {
        String m = assertThrows(ModelFormatException.class, () -> CheckpointFile.load(copy))
                .getMessage();
        assertTrue(m.startsWith(copy + ": " + start), m);
    }

    /** The shuffle order must be a permutation of 0..11: each element a whole index in range. */
    @Test
    void theShuffleOrderMustHoldExampleIndices() throws IOException {
        double[] reversed = new double[12];
        for (int i = 0; i < 12; i++) {
            reversed[i] = 11 - i;
        }
        TrainingCheckpoint c = read(withOrder(reversed));
        assertArrayEquals(new int[] {11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}, c.shuffleOrder());
        for (double bad : new double[] {12, -1, 2.5, Double.NaN}) {
            double[] order = reversed.clone();
            order[3] = bad;
            assertRefused("shuffle_order.npy: element 3 is " + bad + ", not an example index"
                    + " from 0 to 11", withOrder(order));
        }
    }

    private static Path withOrder(double[] order) throws IOException {
        return tampered("\"version\": 1", "\"version\": 1",
                Map.of("shuffle_order.npy", Npy.encode(new long[] {12}, order)));
    }

    /** History row e must be of epoch e. */
    @Test
    void eachHistoryRowIsOfItsEpoch() throws IOException {
        double[] rows = new double[2 * 10];
        rows[10] = 1;
        assertEquals(1, read(withHistory(rows)).history().get(1).epoch());
        rows[10] = 0;
        assertRefused("history.npy: row 1 is of epoch 0.0, not 1", withHistory(rows));
        rows[10] = 1;
        rows[0] = -1;
        assertRefused("history.npy: row 0 is of epoch -1.0, not 0", withHistory(rows));
    }

    private static Path withHistory(double[] rows) throws IOException {
        return tampered("\"version\": 1", "\"version\": 1",
                Map.of("history.npy", Npy.encode(new long[] {2, 10}, rows)));
    }
}
