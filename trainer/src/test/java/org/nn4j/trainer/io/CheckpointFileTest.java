package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.data.Standardization;
import org.nn4j.trainer.model.EarlyStopping;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.optim.Adam;

/** A checkpoint file holds the whole state, numpy reads it, and a damaged one is refused. */
class CheckpointFileTest {

    private static Sequential model(Backend backend) {
        return Sequential.builder(backend).input(5).dense(8).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy().build(new Rng(1));
    }

    private static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian() + (j == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 5, x, labels, 3);
    }

    private static final ValidationSplit SPLIT = ValidationSplit.of(blobs(120, 5), 0.25, new Rng(6));

    private static Training training(Sequential model) {
        return new Training(model, Adam.builder().learningRate(0.05).build()).epochs(30)
                .batchSize(10).validation(SPLIT.validation())
                .earlyStopping(EarlyStopping.onValidationLoss(2).minDelta(1e-3));
    }

    private static List<double[]> parameters(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value().toRowMajor());
        }
        return all;
    }

    /** Trains with a checkpoint file after epoch 2, returns the finished model's parameters. */
    private static List<double[]> trainWithCheckpoint(Backend backend, Path file) {
        Sequential model = model(backend);
        training(model).checkpoints(2, c -> {
            if (c.epochsCompleted() == 2) {
                CheckpointFile.save(c, model, file);
            }
        }).fit(SPLIT.train(), blobs(30, 3), new Rng(4));
        return parameters(model);
    }

    @Test
    void aCheckpointFileRoundTripsAndResumesBitForBit(@TempDir Path dir) throws IOException {
        Backend backend = Backends.get("ejml");
        Path file = dir.resolve(CheckpointFile.fileName(2));
        assertEquals("epoch-0002.nn4j.npz", file.getFileName().toString());
        List<TrainingCheckpoint> inMemory = new ArrayList<>();
        Sequential model = model(backend);
        training(model).checkpoints(2, c -> {
            if (c.epochsCompleted() == 2) {
                inMemory.add(c);
                CheckpointFile.save(c, model, file);
            }
        }).fit(SPLIT.train(), blobs(30, 3), new Rng(4));
        TrainingCheckpoint expected = inMemory.get(0);
        TrainingCheckpoint loaded = CheckpointFile.load(file).checkpoint();
        assertEquals(expected.epochsCompleted(), loaded.epochsCompleted());
        assertEquals(expected.settings(), loaded.settings());
        assertEquals(expected.rng(), loaded.rng());
        assertArrayEquals(expected.shuffleOrder(), loaded.shuffleOrder());
        assertEquals(expected.optimizer().optimizer(), loaded.optimizer().optimizer());
        assertEquals(expected.optimizer().counters(), loaded.optimizer().counters());
        assertEquals(2, loaded.optimizer().slots().size(), "Adam's m and v");
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < expected.parameters().size(); i++) {
                assertArrayEquals(expected.optimizer().slots().get(s).get(i),
                        loaded.optimizer().slots().get(s).get(i), "slot " + s + " parameter " + i);
            }
        }
        for (int i = 0; i < expected.parameters().size(); i++) {
            assertArrayEquals(expected.parameters().get(i), loaded.parameters().get(i));
            assertArrayEquals(expected.best().parameters().get(i),
                    loaded.best().parameters().get(i));
        }
        assertEquals(expected.best().epoch(), loaded.best().epoch());
        assertEquals(expected.best().value(), loaded.best().value());
        assertEquals(expected.best().epochsWithoutImprovement(),
                loaded.best().epochsWithoutImprovement());
        for (int e = 0; e < 2; e++) {
            EpochSummary a = expected.history().get(e);
            EpochSummary b = loaded.history().get(e);
            assertEquals(a, b, "epoch " + e);
        }

        Sequential resumed = model(backend);
        training(resumed).resume(loaded, SPLIT.train(), blobs(30, 3));
        List<double[]> whole = parameters(model);
        List<double[]> fromFile = parameters(resumed);
        for (int i = 0; i < whole.size(); i++) {
            assertArrayEquals(whole.get(i), fromFile.get(i), "parameter " + i);
        }
    }

    private static Sequential standardized(double[] mean) {
        return Sequential.builder(Backends.get("ejml")).input(5)
                .layer(LayerSpec.standardize(new Standardization(mean,
                        new double[] {2, 0.5, 1, 3, 1})))
                .dense(8).activation(Activation.relu()).dense(3).softmaxCrossEntropy()
                .build(new Rng(1));
    }

    /** A model with fixed arrays (a standardization): the file holds them, the state does not. */
    @Test
    void aStandardizedModelResumesFromAFileAndAnotherStandardizationIsRefused(@TempDir Path dir)
            throws IOException {
        double[] mean = {0.1, -0.2, 0.3, 0, 1};
        Path file = dir.resolve(CheckpointFile.fileName(2));
        Sequential whole = standardized(mean);
        training(whole).checkpoints(2, c -> {
            if (c.epochsCompleted() == 2) {
                CheckpointFile.save(c, whole, file);
            }
        }).fit(SPLIT.train(), null, new Rng(4));
        CheckpointFile.Loaded loaded = CheckpointFile.load(file);
        assertArrayEquals(mean, loaded.model().parameter("standardize0.mean"), 0.0);
        Sequential resumed = standardized(mean);
        training(resumed).resume(loaded.checkpoint(), SPLIT.train(), null);
        List<double[]> a = parameters(whole);
        List<double[]> b = parameters(resumed);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
        }
        Sequential other = standardized(new double[] {0.1, -0.2, 0.3, 0, 2});
        String message = assertThrows(IllegalArgumentException.class,
                () -> training(other).resume(loaded.checkpoint(), SPLIT.train(), null))
                .getMessage();
        assertTrue(message.startsWith("the checkpoint is of another run: fixed_arrays_fingerprint"),
                message);
    }

    @Test
    void aCheckpointNeverReplacesAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve(CheckpointFile.fileName(2));
        Files.writeString(file, "precious");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> trainWithCheckpoint(Backends.get("ejml"), file));
        assertTrue(e.getMessage().contains("exists already; a checkpoint never replaces a file"),
                e.getMessage());
        assertEquals("precious", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary is left behind");
        }
    }

    @Test
    void aModelFileIsNotACheckpoint(@TempDir Path dir) throws IOException {
        Sequential model = model(Backends.get("ejml"));
        Path file = dir.resolve("model.npz");
        ModelFile.save(model, file);
        String message = assertThrows(ModelFormatException.class,
                () -> CheckpointFile.load(file)).getMessage();
        assertEquals(file + ": entry 1 is 'model.json' where the checkpoint format has"
                + " checkpoint.json; this is not an nn4j checkpoint (an nn4j model file starts"
                + " with model.json; resume from an epoch-NNNN.nn4j.npz file of"
                + " --checkpoint-dir)", message);
    }

    /** Cut anywhere or with any byte changed, a checkpoint is refused as such, never half read. */
    @Test
    void aDamagedCheckpointIsRefusedWithAFormatError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.nn4j.npz");
        trainWithCheckpoint(Backends.get("ejml"), file);
        byte[] bytes = Files.readAllBytes(file);
        TrainingCheckpoint intact = CheckpointFile.read(new ByteArrayInputStream(bytes), "intact")
                .checkpoint();
        for (int cut = 0; cut < bytes.length; cut += 97) {
            byte[] part = java.util.Arrays.copyOf(bytes, cut);
            assertThrows(ModelFormatException.class,
                    () -> CheckpointFile.read(new ByteArrayInputStream(part), "cut"), "cut at " + cut);
        }
        Random random = new Random(1);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++) {
            byte[] damaged = bytes.clone();
            int at = random.nextInt(damaged.length);
            damaged[at] ^= (byte) (1 + random.nextInt(255));
            TrainingCheckpoint read;
            try {
                read = CheckpointFile.read(new ByteArrayInputStream(damaged), "damaged")
                        .checkpoint();
            } catch (ModelFormatException e) {
                refused++;
                continue;
            }
            // A changed byte in a field no reader uses (a time stamp, the central directory's
            // copy of a header) may pass, but then what is read is what was written: an
            // entry's data are covered by its CRC.
            assertEquals(intact.settings(), read.settings(), "byte " + at);
            assertEquals(intact.rng(), read.rng(), "byte " + at);
            assertArrayEquals(intact.shuffleOrder(), read.shuffleOrder(), "byte " + at);
            assertEquals(intact.history(), read.history(), "byte " + at);
            for (int i = 0; i < intact.parameters().size(); i++) {
                assertArrayEquals(intact.parameters().get(i), read.parameters().get(i));
                assertArrayEquals(intact.optimizer().slots().get(1).get(i),
                        read.optimizer().slots().get(1).get(i));
            }
        }
        assertTrue(refused > 100, refused + " of 300 damaged files refused");
    }

    @Test
    void aTamperedStateIsRefusedNamingTheField(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.nn4j.npz");
        trainWithCheckpoint(Backends.get("ejml"), file);
        String replaced = rewriteState(file, "\"format\": \"nn4j-checkpoint\"",
                "\"format\": \"nn4j-checkpoinX\"");
        assertEquals(replaced + ": checkpoint.json: format is \"nn4j-checkpoinX\": this is not"
                + " an nn4j checkpoint; the format must be \"nn4j-checkpoint\"",
                assertThrows(ModelFormatException.class,
                        () -> CheckpointFile.load(Path.of(replaced))).getMessage());
        String slots = rewriteState(file, "\"slots\": 2", "\"slots\": 9");
        assertEquals(slots + ": checkpoint.json: optimizer.slots is 9: expected 0 to 8",
                assertThrows(ModelFormatException.class,
                        () -> CheckpointFile.load(Path.of(slots))).getMessage());
    }

    /** Writes a copy of the checkpoint whose state entry has one text replaced. */
    private static String rewriteState(Path file, String from, String to) throws IOException {
        return CheckpointFileStateTest.rewrite(file, "tampered-" + to.hashCode() + ".npz",
                text -> {
                    assertTrue(text.contains(from), text);
                    return text.replace(from, to);
                }, java.util.Map.of()).toString();
    }

    @Test
    void numpyReadsEveryArrayOfACheckpoint(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.nn4j.npz");
        trainWithCheckpoint(Backends.get("ejml"), file);
        TrainingCheckpoint c = CheckpointFile.load(file).checkpoint();
        String script = String.join("\n",
                "import json, sys, numpy",
                "d = numpy.load(sys.argv[1], allow_pickle=False)",
                "print(' '.join(d.files))",
                "s = json.loads(bytes(d['checkpoint.json']).decode('utf-8'))",
                "print(s['format'], s['epochs_completed'], s['optimizer']['counters']['steps'])",
                "print(int(d['optimizer.slot1.dense0.weights'][0:1, 1:2].view(numpy.int64)[0, 0]))",
                "print(int(d['shuffle_order'][7]), d['history'].shape)");
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", script, file.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(!out.contains("No module named 'numpy'"), "numpy is not installed");
        assertEquals(0, p.exitValue(), out);
        String[] lines = out.split("\n");
        assertEquals("checkpoint.json model.json dense0.weights dense0.bias dense1.weights"
                + " dense1.bias optimizer.slot0.dense0.weights optimizer.slot0.dense0.bias"
                + " optimizer.slot0.dense1.weights optimizer.slot0.dense1.bias"
                + " optimizer.slot1.dense0.weights optimizer.slot1.dense0.bias"
                + " optimizer.slot1.dense1.weights optimizer.slot1.dense1.bias shuffle_order"
                + " history best.dense0.weights best.dense0.bias best.dense1.weights"
                + " best.dense1.bias", lines[0]);
        assertEquals("nn4j-checkpoint 2 " + c.optimizer().counters().get("steps"), lines[1]);
        assertEquals(String.valueOf(Double.doubleToRawLongBits(
                c.optimizer().slots().get(1).get(0)[1])), lines[2], "the bits of v[0, 1]");
        assertEquals(c.shuffleOrder()[7] + " (2, 10)", lines[3]);
        assertFalse(out.contains("Error"), out);
    }
}
