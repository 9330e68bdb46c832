package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.data.CsvTable;
import org.nn4j.trainer.data.TableSchema;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.metrics.RegressionMetrics;
import org.nn4j.trainer.model.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn4j predict --model FILE --csv FILE}: predictions of a model trained by nn4j train. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict each row of a CSV table with a model saved by nn4j train --save:"
                + " its feature columns are found by name (other columns are passed through),"
                + " its standardisation is applied, and the predictions are written as CSV:"
                + " line, the passed-through columns, the label if the file has it, predicted,"
                + " and a classifier's probability of each class.",
                "Exit status 0 on success, 2 for a bad command line or an unreadable CSV file,"
                        + " 3 when the backend cannot be provided, 5 when the model file cannot"
                        + " be read, 6 when the --output file or standard output cannot be"
                        + " written (an existing --output is never replaced without --force), 7"
                        + " when the heap is too small."})
final class PredictCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model file saved by nn4j train --save.")
    Path model;

    @Option(names = "--csv", paramLabel = "FILE", required = true,
            description = "The rows to predict: UTF-8 CSV with a header naming at least the"
                    + " model's feature columns.")
    Path csv;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Write the predictions to this CSV file (default: standard output).")
    Path output;

    @Option(names = "--force", description = "Replace the --output file if it exists.")
    boolean force;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to run the model on (default: nn4j.backend, NN4J_BACKEND, else"
                    + " the highest priority available).")
    String backend;

    @Mixin
    PrecisionOption.OfModelFile precision;

    @Option(names = "--json", description = "Print one JSON object (a summary) on stdout; needs"
            + " --output.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        Backend b = Backends.get(Checks.backend(backend));
        SavedModel saved;
        try {
            saved = ModelFile.load(model);
        } catch (IOException e) {
            err.println("nn4j: " + Terminal.safe(e instanceof NoSuchFileException
                    ? "no such model file: " + model : e instanceof AccessDeniedException
                    ? "cannot read model file " + model + ": permission denied"
                    : "cannot load model file " + model + ": " + e.getMessage()));
            return Nn4jCommand.UNREADABLE_MODEL;
        }
        TableSchema schema;
        try {
            schema = TableSchema.of(saved.provenance().hyperparameters()).orElse(null);
        } catch (IllegalArgumentException e) {
            err.println("nn4j: cannot load model file " + model + ": " + Terminal.safe(e.getMessage()));
            return Nn4jCommand.UNREADABLE_MODEL;
        }
        if (schema == null || schema.features().size() != saved.spec().inputSize()
                || schema.classes().size() > 0 && schema.classes().size() != saved.spec().outputSize()) {
            throw new IllegalArgumentException(model + " was not saved by nn4j train --csv: it"
                    + " does not record its feature columns and classes (" + saved.spec().describe()
                    + ", trained on '" + saved.provenance().dataSet() + "')");
        }
        TrainCommand.checkMemory(csv);
        CsvTable table;
        try {
            table = CsvTable.read(csv, schema.label(), false, schema.features(),
                    CsvTable.Limits.DEFAULT);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
        PrecisionOption.Placed placed = PrecisionOption.place(saved, model, b, precision.chosen);
        b = placed.backend();
        Predictor predictor = placed.model().predictor(b);
        boolean classifier = !schema.classes().isEmpty();
        // A classifier's columns are its probabilities, a regressor's its outputs.
        double[] outputs = classifier
                ? predictor.predictProbabilities(table.features(), table.rows())
                : predictor.predict(table.features(), table.rows());
        Double accuracy = null;
        double[] regression = null;
        try (Writer w = open(out);
             CSVPrinter printer = new CSVPrinter(w, CSVFormat.RFC4180)) {
            printer.printRecord(header(table, schema));
            int k = predictor.outputSize();
            int[] predicted = classifier
                    ? predictor.predictClasses(table.features(), table.rows()) : null;
            int right = 0;
            for (int i = 0; i < table.rows(); i++) {
                List<Object> row = new ArrayList<>();
                row.add(table.line(i));
                for (int c = 0; c < table.otherNames().size(); c++) {
                    row.add(table.other(i, c));
                }
                if (table.labels() != null) {
                    row.add(table.labels()[i]);
                }
                if (classifier) {
                    String name = schema.classes().get(predicted[i]);
                    row.add(name);
                    right += table.labels() != null && name.equals(table.labels()[i]) ? 1 : 0;
                    for (int j = 0; j < k; j++) {
                        row.add(Double.toString(outputs[i * k + j]));
                    }
                } else {
                    row.add(Double.toString(outputs[i]));
                }
                printer.printRecord(row);
            }
            if (table.labels() != null) {
                if (classifier) {
                    accuracy = (double) right / table.rows();
                } else {
                    regression = regressionMetrics(table, outputs);
                }
            }
            printer.flush();
            if (output == null && out.checkError()) {
                return Nn4jCommand.OUTPUT_FAILED;
            }
        } catch (FileAlreadyExistsException e) {
            err.println("nn4j: " + output + " exists; nn4j predict never replaces a file unless"
                    + " --force is given");
            return Nn4jCommand.OUTPUT_FAILED;
        } catch (IOException e) {
            err.println("nn4j: cannot write the predictions to " + output + ": "
                    + Terminal.safe(Checks.describe(e)));
            return Nn4jCommand.OUTPUT_FAILED;
        }
        report(out, err, b, table, schema, accuracy, regression);
        return Nn4jCommand.OK;
    }

    /** MAE, RMSE and R² when every label is a number; null (no measure) otherwise. */
    private static double[] regressionMetrics(CsvTable table, double[] outputs) {
        try {
            RegressionMetrics m = RegressionMetrics.of(table.regression().copyOfTargets(), outputs);
            return new double[] {m.meanAbsoluteError(), m.rootMeanSquaredError(), m.r2()};
        } catch (org.nn4j.trainer.data.CsvFormatException e) {
            return null;
        }
    }

    private void checkOptions() {
        if (output != null) {
            Outputs.check(output, "--output");
            Outputs.distinct(output, "--output", csv, "--csv");
            Outputs.distinct(output, "--output", model, "--model");
            if (!force && Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new Outputs.TargetException("cannot write the predictions to " + output
                        + " (--output): the file exists; nn4j predict replaces a file only with"
                        + " --force", Nn4jCommand.OUTPUT_FAILED);
            }
        } else if (force) {
            throw new IllegalArgumentException("--force applies to --output only");
        } else if (json) {
            throw new IllegalArgumentException("--json prints a summary on standard output, so"
                    + " the predictions need --output FILE");
        }
    }

    /** The output: a new file (created, never replaced, without --force), or standard output. */
    private Writer open(PrintWriter out) throws IOException {
        if (output == null) {
            // Standard output stays open: closing the printer only flushes it.
            return new java.io.FilterWriter(out) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        return Files.newBufferedWriter(output, StandardCharsets.UTF_8, force
                ? new StandardOpenOption[] {StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE});
    }

    private static List<String> header(CsvTable table, TableSchema schema) {
        List<String> header = new ArrayList<>();
        header.add("line");
        header.addAll(table.otherNames());
        if (table.labels() != null) {
            header.add(schema.label());
        }
        header.add("predicted");
        for (String c : schema.classes()) {
            header.add("probability_" + c);
        }
        return header;
    }

    private void report(PrintWriter out, PrintWriter err, Backend b, CsvTable table,
                        TableSchema schema, Double accuracy, double[] regression) {
        if (json) {
            ObjectNode o = Json.object();
            o.put("model_file", model.toString());
            o.put("csv", csv.toString());
            o.put("output", output.toString());
            o.put("backend", b.name());
            o.put("precision", b.precision().label());
            o.put("task", schema.task());
            o.put("label", schema.label());
            if (schema.classes().isEmpty()) {
                o.putNull("classes");
            } else {
                ArrayNode classes = o.putArray("classes");
                schema.classes().forEach(classes::add);
            }
            o.put("rows", table.rows());
            o.put("labelled", table.labels() != null);
            TrainCommand.putMetric(o, "accuracy", accuracy);
            TrainCommand.putMetric(o, "mae", regression == null ? null : regression[0]);
            TrainCommand.putMetric(o, "rmse", regression == null ? null : regression[1]);
            TrainCommand.putMetric(o, "r2", regression == null ? null : regression[2]);
            out.println(Json.write(o));
            return;
        }
        // With the predictions on standard output, the summary goes to stderr.
        PrintWriter summary = output == null ? err : out;
        String measured = accuracy != null ? String.format(Locale.ROOT, "; accuracy %.4f (%d of"
                + " %d rows)", accuracy, Math.round(accuracy * table.rows()), table.rows())
                : regression != null ? String.format(Locale.ROOT, "; MAE %.4g, RMSE %.4g, R² %.4f",
                regression[0], regression[1], regression[2]) : "";
        summary.printf(Locale.ROOT, "Predicted %d rows of %s with %s on backend %s%s%s.%n",
                table.rows(), Terminal.safe(csv.toString()), Terminal.safe(model.toString()),
                b.name(), output == null ? "" : " into " + Terminal.safe(output.toString()),
                measured);
        summary.flush();
    }
}
