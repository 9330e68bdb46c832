package org.nn4j.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.nn4j.trainer.data.DataSet;

/**
 * How a model was trained, as the trainer assembled it from the objects that took part: the
 * data set's name and every setting, each reported by its owner (the optimizer's
 * {@code settings()}, the schedule's, the training's own and the model specification's).
 * A model file records it as the model's provenance.
 *
 * @param dataSet         the training set's name ({@code DataSet.name()})
 * @param hyperparameters every setting, names to values as text, in a stable order
 */
public record TrainingRecord(String dataSet, Map<String, String> hyperparameters) {

    /**
     * Checks and copies the values.
     *
     * @param dataSet         the training set's name
     * @param hyperparameters every setting, names to values as text, in order; copied
     * @throws NullPointerException if any is missing
     */
    public TrainingRecord {
        Objects.requireNonNull(dataSet, "dataSet");
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /**
     * Starts the record of a training as {@code Training.fit} leaves it on the model, for
     * trainers that report the same history (Spark's), which may add their own settings.
     *
     * @param model    the model trained
     * @param settings the training's settings as they were when it started, such as
     *                 {@link Training#settings()}
     * @param train    the training set
     * @param history  how it ended
     * @return a builder holding the settings, then {@code epochs_completed},
     *         {@code train_examples}, {@code test_accuracy} (when there was a test set) and
     *         the model specification's settings
     */
    public static Builder builder(Sequential model, Map<String, ?> settings, DataSet train,
                                  TrainingHistory history) {
        Builder record = new Builder().add(settings)
                .add("epochs_completed", history.epochs().size())
                .add("train_examples", train.size());
        if (!Double.isNaN(history.finalTestAccuracy())) {
            record.add("test_accuracy", history.finalTestAccuracy());
        }
        return record.add(model.spec().settings());
    }

    /** Collects settings in order, refusing a name given twice (two owners of one setting). */
    public static final class Builder {

        private final Map<String, String> settings = new LinkedHashMap<>();

        /**
         * Adds settings.
         *
         * @param more names to values (numbers, strings), in order
         * @return this
         * @throws IllegalStateException if a name is already there
         */
        public Builder add(Map<String, ?> more) {
            more.forEach(this::add);
            return this;
        }

        /**
         * Adds a setting.
         *
         * @param name  its name
         * @param value its value, written with {@code String.valueOf}
         * @return this
         * @throws IllegalStateException if the name is already there
         */
        public Builder add(String name, Object value) {
            if (settings.putIfAbsent(name, String.valueOf(value)) != null) {
                throw new IllegalStateException("the setting '" + name + "' is reported twice");
            }
            return this;
        }

        /**
         * Returns the record.
         *
         * @param dataSet the training set's name
         * @return the record
         */
        public TrainingRecord build(String dataSet) {
            return new TrainingRecord(dataSet, settings);
        }
    }
}
