package org.nn4j.trainer.io;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingRecord;

/**
 * Where a saved model comes from: an immutable record kept in the model file beside the
 * weights, so a model found on disk can be traced to the run that made it.
 *
 * @param backend         the backend it was trained on, such as {@code ejml}
 * @param seed            the seed of its initial weights and batches
 * @param dataSet         what it was trained on, such as {@code fashion-mnist} or
 *                        {@code linear-regression}
 * @param hyperparameters the settings of its training, names to values, in a stable order
 *                        (for example {@code optimizer -> adam}, {@code learning_rate -> 0.001})
 * @param nn4jVersion     the nn4j version that trained it
 * @param created         when it was saved (whole seconds, UTC)
 */
public record Provenance(String backend, long seed, String dataSet,
                         Map<String, String> hyperparameters, String nn4jVersion,
                         Instant created) {

    /** What {@link #currentVersion()} says when nn4j does not run from its released jar. */
    public static final String DEVELOPMENT_VERSION = "development build";
    /** The data set of a model that was never trained. */
    public static final String UNTRAINED = "none (untrained)";

    /**
     * Checks and copies the values.
     *
     * @param backend         the backend's name
     * @param seed            the seed of the initial weights and batches
     * @param dataSet         the data set's name
     * @param hyperparameters the settings, in order; copied
     * @param nn4jVersion     the nn4j version
     * @param created         when it was saved; truncated to whole seconds
     * @throws NullPointerException if any is missing
     */
    public Provenance {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(dataSet, "dataSet");
        Objects.requireNonNull(nn4jVersion, "nn4jVersion");
        Objects.requireNonNull(created, "created");
        Map<String, String> copy = new LinkedHashMap<>();
        hyperparameters.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "hyperparameter name"),
                Objects.requireNonNull(v, () -> "hyperparameter " + k)));
        hyperparameters = Collections.unmodifiableMap(copy);
        created = created.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * Returns the provenance of a model trained now by this nn4j.
     *
     * @param backend         the backend's name
     * @param seed            the seed
     * @param dataSet         the data set's name
     * @param hyperparameters the settings, in order
     * @return the record, with {@link #currentVersion()} and the current time
     */
    public static Provenance now(String backend, long seed, String dataSet,
                                 Map<String, String> hyperparameters) {
        return new Provenance(backend, seed, dataSet, hyperparameters, currentVersion(),
                Instant.now());
    }

    /**
     * Returns what the library knows of a model's provenance: its backend and seed; for a
     * trained model, the training set's name and every setting of its last training
     * ({@link Sequential#lastTraining()}); for one never trained, the data set
     * {@value #UNTRAINED} and its specification's settings.
     *
     * @param model the model
     * @return the record, with {@link #currentVersion()} and the current time
     */
    public static Provenance of(Sequential model) {
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        String dataSet = UNTRAINED;
        Optional<TrainingRecord> training = model.lastTraining();
        if (training.isPresent()) {
            dataSet = training.get().dataSet();
            hyperparameters.putAll(training.get().hyperparameters());
        } else {
            model.spec().settings().forEach((k, v) -> hyperparameters.put(k, String.valueOf(v)));
        }
        return now(model.backend().name(), model.seed(), dataSet, hyperparameters);
    }

    /**
     * Returns this provenance with the caller's own facts added after the library's, such as
     * {@code Provenance.of(model).with(Map.of("owner", "fraud-team"))}.
     *
     * @param more names to values, in order
     * @return a new record
     * @throws IllegalArgumentException if a name is already recorded (the library's facts are
     *                                  not overwritten)
     */
    public Provenance with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(hyperparameters);
        more.forEach((k, v) -> {
            if (all.putIfAbsent(Objects.requireNonNull(k, "name"), v) != null) {
                throw new IllegalArgumentException("the provenance already records '" + k
                        + "' (" + hyperparameters.get(k) + "); choose another name");
            }
        });
        return new Provenance(backend, seed, dataSet, all, nn4jVersion, created);
    }

    /**
     * Returns this provenance with another data set's name, for a model trained by hand
     * (which {@link #of(Sequential)} knows as {@value #UNTRAINED}).
     *
     * @param name what it was trained on
     * @return a new record
     */
    public Provenance withDataSet(String name) {
        return new Provenance(backend, seed, name, hyperparameters, nn4jVersion, created);
    }

    /**
     * Returns this nn4j's version, from the trainer jar's manifest, or
     * {@value #DEVELOPMENT_VERSION} when classes run from a build directory.
     *
     * @return the version
     */
    public static String currentVersion() {
        String v = Provenance.class.getPackage().getImplementationVersion();
        return v == null ? DEVELOPMENT_VERSION : v;
    }
}
