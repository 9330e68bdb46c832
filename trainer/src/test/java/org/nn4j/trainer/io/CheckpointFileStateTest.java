package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.RunningStatisticsTest;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.model.TrainingHistory;

/**
 * A checkpoint file of a CNN with batch normalisation holds its running statistics, and its
 * best epoch's under early stopping: a run resumed from the file ends as the uninterrupted
 * run, bit for bit. A file whose statistics do not fit is refused, naming the file and array.
 */
class CheckpointFileStateTest {

    private static final DataSet TRAIN = RunningStatisticsTest.noise(40, 2);
    private static final DataSet VALIDATION = RunningStatisticsTest.noise(24, 3);
    private static final Backend BACKEND = Backends.get("ejml");

    @TempDir
    static Path dir;
    /** The uninterrupted run: its model and history; it wrote a checkpoint file every epoch. */
    private static Sequential whole;
    private static TrainingHistory wholeHistory;

    @BeforeAll
    static void trainWritingACheckpointFileEveryEpoch() {
        whole = RunningStatisticsTest.cnn(BACKEND, 1);
        Sequential model = whole;
        wholeHistory = RunningStatisticsTest.earlyStopping(model, VALIDATION)
                .checkpoints(1, c -> CheckpointFile.save(c, model,
                        dir.resolve(CheckpointFile.fileName(c.epochsCompleted()))))
                .fit(TRAIN, null, new Rng(4));
    }

    private static Path file(int epochsCompleted) {
        return dir.resolve(CheckpointFile.fileName(epochsCompleted));
    }

    /**
     * Resumed one epoch after the best, from the file alone (into a model of another seed): the
     * best epoch's statistics restored at the end can only have come from the file.
     */
    @Test
    void aCnnResumedFromItsCheckpointFileEndsBitForBitAsTheUninterruptedRun() throws IOException {
        int best = wholeHistory.bestEpoch();
        int epochs = wholeHistory.epochs().size();
        assertTrue(best + 2 < epochs, wholeHistory.message());
        for (int completed : new int[] {1, best + 2}) {
            TrainingCheckpoint loaded = CheckpointFile.load(file(completed)).checkpoint();
            assertEquals(2, loaded.state().size(), "the running mean and variance");
            assertEquals(2, loaded.best().state().size(), "the best epoch's so far");
            Sequential resumed = RunningStatisticsTest.cnn(BACKEND, 77);
            TrainingHistory history = RunningStatisticsTest.earlyStopping(resumed, VALIDATION)
                    .resume(loaded, TRAIN, null);
            List<double[]> expected = RunningStatisticsTest.everything(whole);
            List<double[]> actual = RunningStatisticsTest.everything(resumed);
            assertEquals(expected.size(), actual.size());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i), actual.get(i), "resumed after epoch "
                        + completed + ": array " + i + " of the parameters, then the state");
            }
            assertEquals(best, history.bestEpoch());
            assertEquals(epochs, history.epochs().size());
        }
    }

    @Test
    void aStateArrayOfTheWrongShapeIsRefusedNamingTheFileAndTheArray() throws IOException {
        Path source = file(wholeHistory.bestEpoch() + 2);
        for (String entry : List.of("batch-norm0.running_mean.npy",
                "best.batch-norm0.running_variance.npy")) {
            Path tampered = rewrite(source, "wrong-" + entry, UnaryOperator.identity(),
                    Map.of(entry, Npy.encode(new long[] {5}, new double[] {1, 1, 1, 1, 1})));
            assertEquals(tampered + ": " + entry + ": shape (5,) does not match the architecture,"
                    + " which needs (4,)", assertThrows(ModelFormatException.class,
                    () -> CheckpointFile.load(tampered)).getMessage());
        }
    }

    /**
     * A file from before the best epoch's statistics were kept loads, and resuming it with
     * early stopping is refused: its best epoch would come back with another epoch's statistics.
     */
    @Test
    void aFileWithoutTheBestEpochsStateLoadsAndIsRefusedForResume() throws IOException {
        int best = wholeHistory.bestEpoch();
        Path old = rewrite(file(best + 2), "old.nn4j.npz",
                json -> json.replace(", \"state\": true", ""),
                Map.of("best.batch-norm0.running_mean.npy", new byte[0],
                        "best.batch-norm0.running_variance.npy", new byte[0]));
        TrainingCheckpoint loaded = CheckpointFile.load(old).checkpoint();
        assertTrue(loaded.best().state().isEmpty());
        Sequential model = RunningStatisticsTest.cnn(BACKEND, 77);
        String message = assertThrows(IllegalArgumentException.class,
                () -> RunningStatisticsTest.earlyStopping(model, VALIDATION)
                        .resume(loaded, TRAIN, null)).getMessage();
        assertTrue(message.startsWith("the checkpoint keeps its best epoch's (" + (best + 1)
                + ") parameters but not its state arrays"), message);

        Path noParameters = rewrite(file(best + 2), "no-parameters.nn4j.npz",
                json -> json.replace("\"parameters\": true", "\"parameters\": false"), Map.of());
        assertEquals(noParameters + ": checkpoint.json: best.state is true: a best epoch's state"
                + " arrays are kept with its parameters, and best.parameters is false",
                assertThrows(ModelFormatException.class,
                        () -> CheckpointFile.load(noParameters)).getMessage());
    }

    /**
     * Writes a copy of a checkpoint file with its state entry edited and some entries replaced
     * (an empty replacement drops the entry).
     */
    static Path rewrite(Path file, String name, UnaryOperator<String> json,
                        Map<String, byte[]> entries) throws IOException {
        Path copy = file.resolveSibling(name);
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                Files.newInputStream(file));
             java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(
                     Files.newOutputStream(copy))) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = entries.getOrDefault(e.getName(), in.readAllBytes());
                if (e.getName().equals(CheckpointFile.STATE_ENTRY)) {
                    data = json.apply(new String(data, StandardCharsets.UTF_8))
                            .getBytes(StandardCharsets.UTF_8);
                }
                if (data.length > 0) {
                    out.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                    out.write(data);
                    out.closeEntry();
                }
            }
        }
        return copy;
    }
}
