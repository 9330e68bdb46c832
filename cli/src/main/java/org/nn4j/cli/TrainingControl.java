package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.model.EarlyStopping;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.model.TrainingHistory;
import picocli.CommandLine.Option;

/**
 * The options of {@code nn4j fashion-mnist} that control how a training run is watched and
 * kept: a validation split and early stopping, checkpoints every N epochs, and resuming from
 * one. Checked before any work; their {@code --json} keys are written here.
 */
final class TrainingControl {

    @Option(names = "--validation-split", paramLabel = "FRACTION",
            description = "Hold out this fraction of the training examples (chosen from --seed)"
                    + " as a validation set, evaluated after every epoch; the test set stays"
                    + " separate.")
    Double validationSplit;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE",
            description = "Stop once the validation metric has not improved for this many"
                    + " epochs, and keep the best epoch's weights; needs --validation-split.")
    Integer patience;

    @Option(names = "--min-delta", paramLabel = "DELTA",
            description = "With --early-stopping: the smallest change that counts as an"
                    + " improvement (default: 0).")
    Double minDelta;

    @Option(names = "--monitor", paramLabel = "METRIC",
            description = "With --early-stopping: validation-loss (default) or"
                    + " validation-accuracy.")
    String monitor;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint (weights, optimizer state, shuffle state) every N"
                    + " epochs into --checkpoint-dir, as epoch-NNNN.nn4j.npz.")
    Integer checkpointEvery;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where --checkpoint-every writes; created if missing; an existing"
                    + " checkpoint file is never replaced.")
    Path checkpointDir;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run a checkpoint was made by: the same options (only"
                    + " --epochs may be larger) give the weights of the run that was not"
                    + " interrupted, bit for bit.")
    Path resume;

    private TrainingCheckpoint checkpoint;
    private final List<String> written = new ArrayList<>();

    /**
     * Checks the options together, before any work: values in range, what needs what, the
     * checkpoint directory writable and free of the files this run would write.
     *
     * @param epochs the run's epochs
     * @param spark  whether training runs on Spark, which none of these options supports
     */
    void check(int epochs, boolean spark) {
        if (validationSplit != null && !(validationSplit > 0.0 && validationSplit < 1.0)) {
            throw new IllegalArgumentException("--validation-split must be a fraction in (0, 1),"
                    + " got " + validationSplit);
        }
        if (patience != null && validationSplit == null) {
            throw new IllegalArgumentException("--early-stopping needs --validation-split: it"
                    + " watches the validation set");
        }
        if (patience != null && patience <= 0) {
            throw new IllegalArgumentException("--early-stopping must be a positive number of"
                    + " epochs, got " + patience);
        }
        if ((minDelta != null || monitor != null) && patience == null) {
            throw new IllegalArgumentException((minDelta != null ? "--min-delta" : "--monitor")
                    + " applies to --early-stopping, which is not given");
        }
        if (minDelta != null && (!(minDelta >= 0.0) || Double.isInfinite(minDelta))) {
            throw new IllegalArgumentException("--min-delta must be non-negative and finite, got "
                    + minDelta);
        }
        monitor();
        if ((checkpointEvery == null) != (checkpointDir == null)) {
            throw new IllegalArgumentException(checkpointEvery == null
                    ? "--checkpoint-dir needs --checkpoint-every N"
                    : "--checkpoint-every needs --checkpoint-dir DIR");
        }
        if (checkpointEvery != null && checkpointEvery <= 0) {
            throw new IllegalArgumentException("--checkpoint-every must be a positive number of"
                    + " epochs, got " + checkpointEvery);
        }
        if (spark && (validationSplit != null || checkpointEvery != null || resume != null)) {
            throw new IllegalArgumentException("--spark trains without --validation-split,"
                    + " --early-stopping, --checkpoint-every or --resume");
        }
        if (resume != null) {
            loadCheckpoint();
        }
        if (checkpointDir != null) {
            checkDirectory(epochs);
        }
    }

    private EarlyStopping.Monitor monitor() {
        if (monitor == null) {
            return EarlyStopping.Monitor.VALIDATION_LOSS;
        }
        for (EarlyStopping.Monitor m : EarlyStopping.Monitor.values()) {
            if (m.label().equals(monitor.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("--monitor must be validation-loss or"
                + " validation-accuracy, got '" + monitor + "'");
    }

    private void loadCheckpoint() {
        try {
            checkpoint = CheckpointFile.load(resume).checkpoint();
        } catch (IOException e) {
            throw new Outputs.TargetException("cannot resume from " + resume + " (--resume): "
                    + Checks.describe(e), Nn4jCommand.UNREADABLE_MODEL);
        }
    }

    /** The directory exists (or is made) and holds none of the checkpoints this run writes. */
    private void checkDirectory(int epochs) {
        String where = "cannot write checkpoints to " + checkpointDir + " (--checkpoint-dir): ";
        try {
            if (Files.isSymbolicLink(checkpointDir) || (Files.exists(checkpointDir,
                    LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(checkpointDir))) {
                throw new Outputs.TargetException(where + "it is not a directory",
                        Nn4jCommand.UNREADABLE_MODEL);
            }
            Files.createDirectories(checkpointDir);
        } catch (IOException e) {
            throw new Outputs.TargetException(where + Checks.describe(e),
                    Nn4jCommand.UNREADABLE_MODEL);
        }
        if (!Files.isWritable(checkpointDir)) {
            throw new Outputs.TargetException(where + "permission denied",
                    Nn4jCommand.UNREADABLE_MODEL);
        }
        int first = checkpoint == null ? 0 : checkpoint.epochsCompleted();
        for (int e = first + 1; e <= epochs; e++) {
            Path file = checkpointDir.resolve(CheckpointFile.fileName(e));
            if (e % checkpointEvery == 0 && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new Outputs.TargetException(where + "this run would write " + file
                        + ", which exists already; a checkpoint never replaces a file (move it"
                        + " away or choose another directory)", Nn4jCommand.UNREADABLE_MODEL);
            }
        }
    }

    /**
     * Splits off the validation set, if asked, from its own stream of the run's generator.
     *
     * @param train the training set
     * @param rng   the generator for the split
     * @return the training and validation parts, or {@code null} without --validation-split
     */
    ValidationSplit split(DataSet train, Rng rng) {
        return validationSplit == null ? null : ValidationSplit.of(train, validationSplit, rng);
    }

    /**
     * Sets up the training: validation, early stopping, checkpoints, and the settings a
     * checkpoint records and a resume compares.
     *
     * @param training   the training
     * @param model      the model trained
     * @param validation the validation set, or {@code null}
     * @param seed       the run's seed
     */
    void configure(Training training, Sequential model, DataSet validation, long seed) {
        training.setting("seed", seed);
        if (validationSplit != null) {
            training.setting("validation_split", validationSplit);
        }
        training.validation(validation);
        if (patience != null) {
            training.earlyStopping(new EarlyStopping(monitor(), patience,
                    minDelta == null ? 0.0 : minDelta));
        }
        if (checkpointEvery != null) {
            training.checkpoints(checkpointEvery, c -> {
                Path file = checkpointDir.resolve(CheckpointFile.fileName(c.epochsCompleted()));
                CheckpointFile.save(c, model, file);
                written.add(file.toString());
            });
        }
    }

    /**
     * Trains: fits from the start, or resumes from --resume.
     *
     * @param training the configured training
     * @param train    the training set
     * @param test     the test set
     * @param shuffles the shuffling generator (unused when resuming: the checkpoint has its state)
     * @return the history
     * @throws Outputs.TargetException if a checkpoint cannot be written
     */
    TrainingHistory fit(Training training, DataSet train, DataSet test, Rng shuffles) {
        try {
            return checkpoint == null ? training.fit(train, test, shuffles)
                    : training.resume(checkpoint, train, test);
        } catch (UncheckedIOException e) {
            throw new Outputs.TargetException("cannot write a checkpoint to " + checkpointDir
                    + " (--checkpoint-dir): " + Checks.describe(e.getCause()),
                    Nn4jCommand.UNREADABLE_MODEL);
        }
    }

    /**
     * Checks a resume before any output: the checkpoint is of this run's settings.
     *
     * @param training the configured training
     * @param train    the training set
     * @param test     the test set
     */
    void checkResume(Training training, DataSet train, DataSet test) {
        // resume() checks everything before it changes anything; this runs the same checks on
        // the first call, so a mismatch is reported before the header is printed.
        if (checkpoint != null) {
            training.checkResume(checkpoint, train, test);
        }
    }

    /** The epoch a resumed run continues after, or 0. */
    int resumedAfter() {
        return checkpoint == null ? 0 : checkpoint.epochsCompleted();
    }

    /**
     * Adds the --json keys of validation, early stopping and checkpoints.
     *
     * @param o          the object
     * @param history    the run's history
     * @param validation the validation set, or {@code null}
     */
    void putJson(ObjectNode o, TrainingHistory history, DataSet validation) {
        putNumber(o, "validation_split", validationSplit);
        if (validation == null) {
            o.putNull("validation_examples");
        } else {
            o.put("validation_examples", validation.size());
        }
        List<EpochSummary> epochs = validation == null ? List.of() : history.epochs();
        o.set("validation_loss_per_epoch", Json.array(epochs.stream()
                .mapToDouble(EpochSummary::validationLoss).toArray()));
        o.set("validation_accuracy_per_epoch", Json.array(epochs.stream()
                .mapToDouble(EpochSummary::validationAccuracy).toArray()));
        if (history.bestEpoch() < 0) {
            o.putNull("best_epoch");
        } else {
            o.put("best_epoch", history.bestEpoch() + 1);
        }
        o.put("stopped_early", history.stoppedEarly());
        putNumber(o, "early_stopping_patience", patience == null ? null : patience.doubleValue());
        if (patience == null) {
            o.putNull("early_stopping_monitor");
        } else {
            o.put("early_stopping_monitor", monitor().label());
        }
        putNumber(o, "early_stopping_min_delta", patience == null ? null
                : minDelta == null ? 0.0 : minDelta);
        o.put("weights_of_epoch", history.epochs().isEmpty() ? 0
                : history.finalEpoch().epoch() + 1);
        if (resume == null) {
            o.putNull("resumed_from");
        } else {
            o.put("resumed_from", resume.toString());
        }
        o.put("resumed_after_epoch", resumedAfter());
        ArrayNode files = o.putArray("checkpoints");
        written.forEach(files::add);
    }

    private static void putNumber(ObjectNode o, String key, Double value) {
        if (value == null) {
            o.putNull(key);
        } else if (value == Math.rint(value) && key.endsWith("patience")) {
            o.put(key, value.intValue());
        } else {
            o.put(key, value);
        }
    }
}
