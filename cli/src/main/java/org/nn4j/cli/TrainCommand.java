package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendChoice;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.CsvTable;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.Standardization;
import org.nn4j.trainer.data.TableSchema;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.metrics.ModelMetrics;
import org.nn4j.trainer.metrics.RegressionMetrics;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.model.TrainingRecord;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.Optimizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn4j train --csv FILE --label COLUMN}: a perceptron trained on your own table. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron on a CSV table: the --label column is the"
                + " target, every other column a numeric feature, standardised with the mean and"
                + " standard deviation of the training rows (saved in the model). A test set is"
                + " split off by --seed; its accuracy (classification) or MAE, RMSE and R²"
                + " (regression) are reported.",
                "Exit status 0 when training completed, 1 when it stopped early (diverged), 2 for"
                        + " a bad command line or an unreadable CSV file, 3 when the backend"
                        + " cannot be provided, 5 when the --save file cannot be written, 6 when"
                        + " standard output cannot be written, 7 when the heap is too small."})
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE", required = true,
            description = "The table: UTF-8 CSV with a header row.")
    Path csv;

    @Option(names = "--label", paramLabel = "COLUMN", required = true,
            description = "The target column's name, as in the header.")
    String label;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "classification",
            description = "classification (the labels are classes: any text) or regression (the"
                    + " labels are numbers) (default: ${DEFAULT-VALUE}).")
    String task;

    @Option(names = "--hidden", paramLabel = "SIZES", defaultValue = "64,32",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE}); empty"
                    + " (--hidden=) for a linear model.")
    String hiddenSizes;

    @Option(names = "--dropout", paramLabel = "RATE", defaultValue = "0",
            description = "Inverted dropout after each hidden layer, dropping this fraction in"
                    + " training only, in [0, 1); 0 for none (default: ${DEFAULT-VALUE}).")
    double dropout;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100",
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "32",
            description = "Rows per mini-batch, at most the training rows (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.003",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--test-fraction", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Fraction of the rows held out as the test set, chosen by --seed; at"
                    + " least one row each side (default: ${DEFAULT-VALUE}).")
    double testFraction;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seeds the split, the initial weights and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (default: nn4j.backend, NN4J_BACKEND, else the highest"
                    + " priority available).")
    String backend;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Save the trained model, with its standardisation, columns and classes,"
                    + " to this model file (nn4j predict reads it); replaced atomically if it"
                    + " exists.")
    Path save;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    private List<Integer> hidden;

    /** The backend and why, chosen once the data's width is known. */
    private BackendChoice choice;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        checkMemory(csv);
        CsvTable table = read();
        boolean classification = task.equals(TableSchema.CLASSIFICATION);
        List<String> classes = classification ? CsvTable.classes(table.labels()) : List.of();
        if (classification && classes.size() > MAX_CLASSES) {
            throw new IllegalArgumentException(csv + ": the label column '" + label + "' has "
                    + classes.size() + " distinct values, more than the " + MAX_CLASSES
                    + " classes a classification takes; for a numeric target use --task regression");
        }
        if (classification && classes.size() < 2) {
            throw new IllegalArgumentException(csv + ": the label column '" + label + "' has a"
                    + " single class, '" + classes.get(0) + "'; a classifier needs at least two");
        }
        DataSet all = dataSet(table, classes);
        Rng root = new Rng(seed);
        DataSet[] split = TableSplit.split(all, testFraction, root.split());
        DataSet train = split[0];
        DataSet test = split[1];
        if (batchSize > train.size()) {
            throw new IllegalArgumentException("--batch-size " + batchSize + " is larger than the "
                    + train.size() + " training rows of " + csv);
        }
        TableSchema schema = new TableSchema(table.featureNames(), label, task, classes);
        List<Integer> widths = new ArrayList<>();
        widths.add(train.featureCount());
        widths.addAll(hidden);
        widths.add(classification ? classes.size() : 1);
        choice = BackendSelection.choose(backend, widths, batchSize);
        Backend b = precision.on(choice.backend());
        Sequential model = model(b, train, classification, classes.size(), root.split());
        Optimizer adam = Adam.builder().learningRate(learningRate).build();
        Training training = new Training(model, adam).epochs(epochs).batchSize(batchSize);
        training.check(train, classification ? test : null);
        long started = System.nanoTime();
        TrainingHistory history = training.fit(train, classification ? test : null, root.split());
        double seconds = (System.nanoTime() - started) / 1e9;
        TrainingRecord record = model.lastTraining().orElseThrow();
        Map<String, String> settings = new LinkedHashMap<>(record.hyperparameters());
        settings.putAll(schema.settings());
        model.recordTraining(new TrainingRecord(record.dataSet(), settings));
        double[] metrics = classification ? new double[] {accuracy(model, test)}
                : regression(ModelMetrics.regression(model, test, Training.EVALUATION_BATCH_SIZE));
        if (save != null && !Outputs.saveModel(save, spec.commandLine().getErr(),
                () -> ModelFile.save(model, save))) {
            return Nn4jCommand.UNREADABLE_MODEL;
        }
        if (json) {
            out.println(Json.write(toJson(b, table, schema, model, train, test, history, metrics,
                    seconds)));
        } else {
            printResult(out, b, table, model, train, test, history, metrics, seconds);
            out.println(BackendSelection.line(choice));
        }
        return history.completed() ? Nn4jCommand.OK : Nn4jCommand.NOT_CONVERGED;
    }

    /** The most classes: more distinct labels than this are most likely a numeric target. */
    static final int MAX_CLASSES = 1000;

    private void checkOptions() {
        if (!task.equals(TableSchema.CLASSIFICATION) && !task.equals(TableSchema.REGRESSION)) {
            throw new IllegalArgumentException("--task must be classification or regression, got '"
                    + task + "'");
        }
        if (label.isBlank()) {
            throw new IllegalArgumentException("--label needs a column's name, got '" + label + "'");
        }
        Checks.positive("--epochs", epochs);
        Checks.positive("--batch-size", batchSize);
        Checks.positiveFinite("--lr", learningRate);
        if (!(testFraction > 0.0 && testFraction < 1.0)) {
            throw new IllegalArgumentException("--test-fraction must be in (0, 1), got "
                    + testFraction);
        }
        hidden = hiddenSizes(hiddenSizes);
        if (!(dropout >= 0.0 && dropout < 1.0)) {
            throw new IllegalArgumentException("--dropout must be in [0, 1), got " + dropout);
        }
        if (save != null) {
            Outputs.check(save, "--save");
        }
    }

    static List<Integer> hiddenSizes(String text) {
        List<Integer> sizes = new ArrayList<>();
        if (text.isBlank()) {
            return sizes;
        }
        for (String size : text.split(",", -1)) {
            int n;
            try {
                n = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0 || n > 100_000) {
                throw new IllegalArgumentException("--hidden takes sizes from 1 to 100000"
                        + " separated by commas, such as 64,32; got '" + text + "'");
            }
            sizes.add(n);
        }
        return sizes;
    }

    /**
     * The table's values take at most 8 bytes for every 2 bytes of file (a one-digit value and
     * its comma), three times over (the table, the split, the standardization's fit). A file
     * over the size limit is left to the reader, which refuses it by name.
     */
    static void checkMemory(Path csv) {
        try {
            if (Files.isRegularFile(csv) && Files.size(csv) <= CsvTable.Limits.DEFAULT.maxBytes()) {
                long size = Files.size(csv);
                Memory.require(Memory.saturated(size, 12), "the table " + csv + " ("
                        + Memory.mebibytes(size) + ")", "use a smaller table");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
    }

    private CsvTable read() {
        try {
            return CsvTable.read(csv, label, CsvTable.Limits.DEFAULT);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
    }

    private DataSet dataSet(CsvTable table, List<String> classes) {
        try {
            return classes.isEmpty() ? table.regression() : table.classification(classes);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
    }

    /**
     * standardize -> (dense -> relu)* -> dense, and for a regression a last standardization
     * that maps standardised targets back to the targets' units.
     */
    private Sequential model(Backend b, DataSet train, boolean classification, int classes,
                             Rng rng) {
        Sequential.Builder builder = Sequential.builder(b).input(train.featureCount())
                .layer(LayerSpec.standardize(Standardization.fit(train)));
        for (int size : hidden) {
            builder.dense(size).activation(Activation.relu());
            if (dropout > 0.0) {
                builder.dropout(dropout);
            }
        }
        if (classification) {
            return builder.dense(classes).softmaxCrossEntropy().build(rng);
        }
        Standardization targets = Standardization.fit(train.copyOfTargets(), train.size(), 1);
        return builder.dense(1).layer(LayerSpec.standardize(targets.inverse()))
                .meanSquaredError().build(rng);
    }

    /** MAE, RMSE and R², in the order the report and the JSON give them. */
    private static double[] regression(RegressionMetrics m) {
        return new double[] {m.meanAbsoluteError(), m.rootMeanSquaredError(), m.r2()};
    }

    private static double accuracy(Sequential model, DataSet test) {
        return model.evaluate(test, Training.EVALUATION_BATCH_SIZE).accuracy();
    }

    private void printResult(PrintWriter out, Backend b, CsvTable table, Sequential model,
                             DataSet train, DataSet test, TrainingHistory history,
                             double[] metrics, double seconds) {
        out.printf(Locale.ROOT, "%s on backend %s: %d rows (%d train, %d test), %d features;"
                        + " %s, %,d parameters; Adam lr %s, batch %d, %d epochs, seed %d%n",
                Terminal.safe(csv.toString()), b.name() + PrecisionOption.suffix(b.precision()),
                table.rows(), train.size(), test.size(),
                table.featureNames().size(), model.describe(), model.parameterCount(),
                learningRate, batchSize, epochs, seed);
        List<EpochSummary> run = history.epochs();
        String loss = run.isEmpty() ? "none" : String.format(Locale.ROOT, "%.4f",
                run.get(run.size() - 1).trainLoss());
        if (task.equals(TableSchema.CLASSIFICATION)) {
            out.printf(Locale.ROOT, "%s: final train loss %s, test accuracy %.4f (%d of %d), %.1f s.%n",
                    Terminal.capitalised(history.message()), loss, metrics[0],
                    Math.round(metrics[0] * test.size()), test.size(), seconds);
        } else {
            out.printf(Locale.ROOT, "%s: final train loss %s, test MAE %.4g, RMSE %.4g, R² %.4f,"
                            + " %.1f s.%n", Terminal.capitalised(history.message()), loss,
                    metrics[0], metrics[1], metrics[2], seconds);
        }
        if (save != null) {
            out.println("Model saved to " + Terminal.safe(save.toString()));
        }
    }

    private ObjectNode toJson(Backend b, CsvTable table, TableSchema schema, Sequential model,
                              DataSet train, DataSet test, TrainingHistory history,
                              double[] metrics, double seconds) {
        ObjectNode o = Json.object();
        o.put("csv", csv.toString());
        o.put("label", label);
        o.put("task", task);
        ArrayNode features = o.putArray("features");
        schema.features().forEach(features::add);
        if (schema.classes().isEmpty()) {
            o.putNull("classes");
        } else {
            ArrayNode classes = o.putArray("classes");
            schema.classes().forEach(classes::add);
        }
        o.put("backend", b.name());
        BackendSelection.putJson(o, choice);
        o.put("precision", b.precision().label());
        o.put("seed", seed);
        o.put("epochs", epochs);
        o.put("epochs_completed", history.epochs().size());
        o.put("batch_size", batchSize);
        o.put("learning_rate", learningRate);
        ArrayNode h = o.putArray("hidden");
        hidden.forEach(h::add);
        o.put("dropout", dropout);
        o.put("model", model.describe());
        o.put("parameters", model.parameterCount());
        o.put("rows", table.rows());
        o.put("train_examples", train.size());
        o.put("test_examples", test.size());
        o.put("completed", history.completed());
        o.put("message", history.message());
        o.set("train_loss", Json.array(history.epochs().stream()
                .mapToDouble(EpochSummary::trainLoss).toArray()));
        boolean classification = task.equals(TableSchema.CLASSIFICATION);
        putMetric(o, "test_accuracy", classification ? metrics[0] : null);
        putMetric(o, "test_mae", classification ? null : metrics[0]);
        putMetric(o, "test_rmse", classification ? null : metrics[1]);
        putMetric(o, "test_r2", classification ? null : metrics[2]);
        if (save == null) {
            o.putNull("model_file");
        } else {
            o.put("model_file", save.toString());
        }
        o.put("seconds", seconds);
        return o;
    }

    static void putMetric(ObjectNode o, String key, Double value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
