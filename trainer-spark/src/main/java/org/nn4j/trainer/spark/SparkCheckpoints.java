package org.nn4j.trainer.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.model.TrainingRecord;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.SavedOptimizerState;

/**
 * The checkpoints of a {@link SparkTraining} run, in the trainer's format
 * ({@link CheckpointFile}, {@code nn4j-checkpoint} version 1), and the checks a resume makes.
 *
 * <p>What a Spark run's state is: the parameters; the driver's optimizer state (synchronous
 * SGD; parameter averaging starts a fresh local optimizer every round, so it has none); the
 * generator given to {@code fit} as it was when the run began (the run's shuffle seed is drawn
 * from it, and every block's shuffle in an epoch follows from that seed, the epoch and the
 * block); the history. Rows never move between blocks, so the checkpoint's shuffle order is
 * the blocks' order, {@code 0 .. K-1}, and its {@code examples} is the number of blocks. Its
 * settings name the data (rows, blocks, a fingerprint of every value of every block, in
 * order), the partitioning and tree depth (they decide the order of the sums), the training's
 * {@link SparkTraining#settings() settings}, the model's description and precision; a resume
 * compares them all but {@code epochs}.
 */
final class SparkCheckpoints {

    private final Map<String, String> settings;
    private final int blocks;

    /**
     * @param training the training's settings
     * @param model    the model
     * @param data     the training blocks
     * @param sizes    their rows, in partition order
     * @param depth    the tree's depth
     */
    SparkCheckpoints(Map<String, Object> training, Sequential model, JavaRDD<DataBlock> data,
                     int[] sizes, int depth) {
        long rows = 0;
        for (int s : sizes) {
            rows += s;
        }
        this.blocks = sizes.length;
        TrainingRecord.Builder all = new TrainingRecord.Builder()
                .add("data_set", "spark blocks")
                .add("train_examples", rows)
                .add("train_blocks", sizes.length)
                .add("train_fingerprint", fingerprint(data))
                .add(training)
                .add("tree_depth", depth)
                .add(model.spec().settings())
                .add(Training.PRECISION_SETTING, model.precision().label());
        this.settings = all.build("spark blocks").hyperparameters();
    }

    /** A 64-bit digest of every value of every block, in partition order, in hexadecimal. */
    private static String fingerprint(JavaRDD<DataBlock> data) {
        long h = 0x9e3779b97f4a7c15L;
        for (long block : data.map(new BlockDigest()).collect()) {
            h = (h ^ block) * 0xbf58476d1ce4e5b9L;
        }
        String hex = Long.toHexString(h ^ (h >>> 31));
        return "0".repeat(16 - hex.length()) + hex;
    }

    /** A block's digest: its rows, counts and values. */
    private static final class BlockDigest implements
            org.apache.spark.api.java.function.Function<DataBlock, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call(DataBlock block) {
            long h = ((long) block.rows() << 32) ^ ((long) block.featureCount() << 16)
                    ^ block.targetCount();
            double[] x = new double[block.featureCount()];
            double[] t = new double[block.targetCount()];
            int[] row = new int[1];
            for (int r = 0; r < block.rows(); r++) {
                row[0] = r;
                block.copyRows(row, 0, 1, x, t);
                for (double v : x) {
                    h = (h ^ Double.doubleToLongBits(v)) * 0xbf58476d1ce4e5b9L;
                }
                for (double v : t) {
                    h = (h ^ Double.doubleToLongBits(v)) * 0x94d049bb133111ebL;
                }
            }
            return h;
        }
    }

    /**
     * The checkpoint after {@code epochs} epochs.
     *
     * @param epochs    the epochs completed
     * @param model     the model, its parameters now
     * @param optimizer the driver's optimizer, or {@code null} (parameter averaging)
     * @param start     the state of the run's generator when it began
     * @param history   the epochs' summaries
     * @return the checkpoint
     */
    TrainingCheckpoint make(int epochs, Sequential model, Optimizer optimizer, Rng.State start,
                            List<EpochSummary> history) {
        List<double[]> parameters = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            parameters.add(p.value().toRowMajor());
        }
        int[] order = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            order[i] = i;
        }
        SavedOptimizerState state = optimizer == null
                ? new SavedOptimizerState("none", Map.of(), List.of()) : optimizer.saveState();
        return new TrainingCheckpoint(epochs, settings, parameters, state, start, order,
                history, null);
    }

    /**
     * Checks a checkpoint is of a run set up as this one, before anything changes, then puts
     * its parameters in the model and its state in the optimizer.
     *
     * @param checkpoint the checkpoint
     * @param model      the model
     * @param optimizer  the driver's optimizer, or {@code null}
     * @param epochs     the epochs this run is to end after
     * @throws IllegalArgumentException naming every setting that differs, with both values,
     *                                  or the first other mismatch
     */
    void restore(TrainingCheckpoint checkpoint, Sequential model, Optimizer optimizer,
                 int epochs) {
        Set<String> keys = new LinkedHashSet<>(settings.keySet());
        keys.addAll(checkpoint.settings().keySet());
        List<String> differences = new ArrayList<>();
        for (String key : keys) {
            String was = checkpoint.settings().get(key);
            String is = settings.get(key);
            if (!key.equals("epochs") && !Objects.equals(was, is)) {
                differences.add(key + " is " + (was == null ? "not set" : was)
                        + " in the checkpoint but " + (is == null ? "not set" : is) + " here");
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint is of another run: "
                    + String.join("; ", differences));
        }
        if (checkpoint.epochsCompleted() > epochs) {
            throw new IllegalArgumentException("the checkpoint is after epoch "
                    + checkpoint.epochsCompleted() + ", past the " + epochs + " epochs asked for");
        }
        if (checkpoint.shuffleOrder().length != blocks || checkpoint.best() != null) {
            throw new IllegalArgumentException("the checkpoint is not of a Spark run over "
                    + blocks + " blocks (its shuffle order has " + checkpoint.shuffleOrder().length
                    + " entries" + (checkpoint.best() != null ? ", and it has a best epoch" : "")
                    + ")");
        }
        List<Parameter> parameters = model.parameters();
        if (checkpoint.parameters().size() != parameters.size()) {
            throw new IllegalArgumentException("the checkpoint has " + checkpoint.parameters().size()
                    + " parameters; the model has " + parameters.size());
        }
        LinearAlgebra la = model.backend().linearAlgebra();
        if (optimizer != null) {
            // The optimizer's own checks, on a copy: nothing has changed yet.
            optimizer.copy().restoreState(la, parameters, checkpoint.optimizer());
        }
        for (int i = 0; i < parameters.size(); i++) {
            la.copyFromRowMajor(checkpoint.parameters().get(i), 0, parameters.get(i).value());
        }
        if (optimizer != null) {
            optimizer.restoreState(la, parameters, checkpoint.optimizer());
        }
    }

    /**
     * A sink that writes each checkpoint to {@code directory/epoch-NNNN.nn4j.npz}.
     *
     * @param directory the directory, created if missing
     * @param model     the model the checkpoints are of
     * @return the sink
     */
    static TrainingCheckpoint.CheckpointSink toDirectory(Path directory, Sequential model) {
        return checkpoint -> {
            Files.createDirectories(directory);
            CheckpointFile.save(checkpoint, model,
                    directory.resolve(CheckpointFile.fileName(checkpoint.epochsCompleted())));
        };
    }

    /**
     * Refuses, before training, a run that would write a checkpoint file that exists already.
     *
     * @param directory the directory
     * @param every     epochs between checkpoints
     * @param first     the first epoch this run trains, from 0
     * @param epochs    the epochs it ends after
     * @throws UncheckedIOException naming the file
     */
    static void refuseExisting(Path directory, int every, int first, int epochs) {
        for (int e = (first / every + 1) * every; e <= epochs; e += every) {
            Path file = directory.resolve(CheckpointFile.fileName(e));
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException(new IOException(file + " exists already: this run"
                        + " would write its checkpoint after epoch " + e + " there, and a"
                        + " checkpoint never replaces a file (move it away or choose another"
                        + " directory)"));
            }
        }
    }
}
