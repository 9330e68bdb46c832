package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.model.EarlyStopping;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.optim.Adam;

/**
 * A validation split with early stopping, checkpoints every two epochs, and a run resumed from
 * one: docs/model-files.md's example is {@link #train} and {@link #resume}.
 */
public final class CheckpointAndResume {

    private CheckpointAndResume() {
    }

    /** The same set-up for the first run and the resumed one: that is what a resume needs. */
    static Training training(Sequential model, ValidationSplit split) {
        return new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(12).batchSize(32)
                .validation(split.validation())
                .earlyStopping(EarlyStopping.onValidationLoss(3).minDelta(1e-4));
    }

    /**
     * Holds out a fifth of the data for validation, the same fifth every time.
     *
     * @param data the training data
     * @return the training and validation parts
     */
    public static ValidationSplit split(DataSet data) {
        return ValidationSplit.of(data, 0.2, new Rng(7));
    }

    /**
     * Trains with a checkpoint file every 2 epochs in {@code dir}.
     *
     * @param backend the backend
     * @param split   the training data and the validation set held out of it
     * @param dir     where the checkpoints go
     * @return the model, trained
     */
    public static Sequential train(Backend backend, ValidationSplit split, Path dir) {
        Rng rng = new Rng(42);
        Sequential model = model(backend, rng.split());
        training(model, split)
                .checkpoints(2, checkpoint -> CheckpointFile.save(checkpoint, model,
                        dir.resolve(CheckpointFile.fileName(checkpoint.epochsCompleted()))))
                .fit(split.train(), null, rng.split());
        return model;
    }

    /**
     * Continues from a checkpoint file; the weights end as {@link #train}'s, bit for bit.
     *
     * @param backend the backend
     * @param split   the same split
     * @param file    a checkpoint {@link #train} wrote
     * @return the model, trained
     * @throws IOException if the checkpoint cannot be read
     */
    public static Sequential resume(Backend backend, ValidationSplit split, Path file)
            throws IOException {
        Sequential model = model(backend, new Rng(1));   // any weights: they are replaced
        TrainingCheckpoint checkpoint = CheckpointFile.load(file).checkpoint();
        training(model, split).resume(checkpoint, split.train(), null);
        return model;
    }

    static Sequential model(Backend backend, Rng rng) {
        return Sequential.builder(backend).input(2)
                .dense(16).activation(Activation.tanh())
                .dense(2).softmaxCrossEntropy()
                .build(rng);
    }

    /**
     * Returns a model's parameters, row-major, to compare two models.
     *
     * @param model the model
     * @return each parameter's values
     */
    public static List<double[]> parameters(Sequential model) {
        List<double[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(p.value().toRowMajor());
        }
        return values;
    }
}
