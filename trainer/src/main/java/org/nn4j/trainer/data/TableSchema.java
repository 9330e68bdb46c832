package org.nn4j.trainer.data;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What a model trained on a table needs to read another table: its feature columns' names,
 * in order, the label column's name, the task, and a classifier's classes in output order.
 * Saved with the model as settings of its training ({@link #settings()}, in the model file's
 * provenance), each list written as one CSV record, so prediction matches columns by name and
 * prints the original labels.
 *
 * @param features the feature columns' names, in the order of the model's inputs
 * @param label    the label column's name
 * @param task     {@value #CLASSIFICATION} or {@value #REGRESSION}
 * @param classes  the classes, output {@code k} being {@code classes.get(k)}; empty for a
 *                 regression
 */
public record TableSchema(List<String> features, String label, String task,
                          List<String> classes) {

    /** A classification task: softmax cross-entropy over the classes. */
    public static final String CLASSIFICATION = "classification";
    /** A regression task: one numeric output, mean squared error. */
    public static final String REGRESSION = "regression";

    private static final String FEATURES = "feature_columns";
    private static final String LABEL = "label_column";
    private static final String TASK = "task";
    private static final String CLASSES = "classes";

    /**
     * Checks and copies the values.
     *
     * @param features at least one name
     * @param label    the label column's name
     * @param task     {@value #CLASSIFICATION} or {@value #REGRESSION}
     * @param classes  at least one class for a classification, none for a regression
     * @throws IllegalArgumentException if a value does not fit the task
     */
    public TableSchema {
        features = List.copyOf(features);
        Objects.requireNonNull(label, "label");
        classes = List.copyOf(classes);
        if (features.isEmpty()) {
            throw new IllegalArgumentException("a table schema needs at least one feature");
        }
        if (!task.equals(CLASSIFICATION) && !task.equals(REGRESSION)) {
            throw new IllegalArgumentException("the task is " + CLASSIFICATION + " or "
                    + REGRESSION + ", got '" + task + "'");
        }
        if (task.equals(CLASSIFICATION) == classes.isEmpty()) {
            throw new IllegalArgumentException("a classification has classes, a regression none;"
                    + " got " + task + " with " + classes.size());
        }
    }

    /**
     * Returns the schema as settings of a training, to be saved with the model.
     *
     * @return {@code feature_columns}, {@code label_column}, {@code task} and, for a
     *         classification, {@code classes}; lists as CSV records
     */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(FEATURES, record(features));
        settings.put(LABEL, label);
        settings.put(TASK, task);
        if (!classes.isEmpty()) {
            settings.put(CLASSES, record(classes));
        }
        return settings;
    }

    /**
     * Reads a schema back from a model's training settings.
     *
     * @param settings the settings, as a model file's provenance holds them
     * @return the schema, or empty if the settings hold none (a model not trained on a table)
     * @throws IllegalArgumentException if they hold one that is malformed
     */
    public static Optional<TableSchema> of(Map<String, String> settings) {
        if (!settings.containsKey(FEATURES)) {
            return Optional.empty();
        }
        String task = settings.getOrDefault(TASK, "");
        String label = settings.get(LABEL);
        if (label == null) {
            throw new IllegalArgumentException("the model names its feature columns but not its"
                    + " label column");
        }
        return Optional.of(new TableSchema(parse(settings.get(FEATURES)), label, task,
                settings.containsKey(CLASSES) ? parse(settings.get(CLASSES)) : List.of()));
    }

    private static String record(List<String> values) {
        return CSVFormat.RFC4180.builder().setRecordSeparator("").get()
                .format(values.toArray());
    }

    private static List<String> parse(String text) {
        try (CSVParser parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new IllegalArgumentException("a column list is one CSV record, got "
                        + records.size());
            }
            List<String> values = new ArrayList<>();
            records.get(0).forEach(values::add);
            return values;
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("a malformed column list in the model: "
                    + e.getMessage(), e);
        }
    }
}
