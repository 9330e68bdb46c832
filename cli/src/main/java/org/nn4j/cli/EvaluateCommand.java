package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.Provenance;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.metrics.ClassificationMetrics;
import org.nn4j.trainer.metrics.RegressionMetrics;
import org.nn4j.trainer.model.Evaluation;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.regression.AllClose;
import org.nn4j.trainer.regression.LinearRegressionProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nn4j evaluate}: loads a saved model onto a backend and measures it. A Fashion-MNIST
 * classifier (784 inputs, 10 outputs, softmax cross-entropy) is evaluated on the test set; a
 * linear-regression model ({@code 2 -> dense 3}, MSE) on the 500 examples its seed generates,
 * and its W and b are compared with the truth.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a model saved with --save and evaluate it: a Fashion-MNIST"
                + " classifier on the test set, a linear-regression model on the data its seed"
                + " generates (and W, b against the truth).",
                "Exit status 0 when evaluated (linear regression: W and b allclose to the"
                        + " truth; with --min-accuracy: reached), 1 otherwise, 2 for a bad command"
                        + " line or data, 3 when the backend cannot be provided, 5 when the model"
                        + " file cannot be read, 6 when standard output cannot be written, 7 when"
                        + " the heap is too small."})
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "The model file (.npz) written by --save.")
    Path model;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to load it on (default: nn4j.backend, NN4J_BACKEND, else the"
                    + " highest priority available); any backend loads any model file it"
                    + " computes in the precision of.")
    String backend;

    @Mixin
    PrecisionOption.OfModelFile precision;

    @Option(names = {"--data", "--data-dir"}, paramLabel = "DIR",
            defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Fashion-MNIST directory, for classifiers (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--limit", paramLabel = "N",
            description = "Evaluate on the first N test examples only.")
    Integer limit;

    @Option(names = "--min-accuracy", paramLabel = "FRACTION",
            description = "Classifiers: exit with status 1 unless the accuracy reaches this.")
    Double minAccuracy;

    @Option(names = "--max-parameters", paramLabel = "N",
            defaultValue = "" + ModelFile.DEFAULT_MAX_PARAMETERS,
            description = "Refuse files declaring more weights and biases than this; bounds the"
                    + " memory a file can make nn4j use (default: ${DEFAULT-VALUE}, 128 MiB).")
    long maxParameters;

    @Option(names = "--json", description = "Print one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        ModelSpec arch;
        try {
            arch = ModelFile.architecture(model);
        } catch (IOException e) {
            return unreadable(e);
        }
        long parameters = arch.parameterCount();
        if (parameters > maxParameters) {
            return unreadable("cannot load model file " + model + ": it declares "
                    + String.format(Locale.ROOT, "%,d", parameters) + " weights and biases ("
                    + arch.describe() + "), more than --max-parameters " + maxParameters
                    + ", the limit that bounds the memory a file can make nn4j use; if you trust"
                    + " the file, --max-parameters " + parameters + " loads it (about "
                    + Memory.mebibytes(Memory.evaluation(parameters, widths(arch))) + " of heap)");
        }
        boolean classifier = arch.loss().equals(ModelSpec.SOFTMAX_CROSS_ENTROPY)
                && arch.inputSize() == FashionMnist.PIXELS && arch.outputSize() == FashionMnist.CLASSES;
        checkMemory(arch, classifier);
        Backend b = Backends.get(backend);
        SavedModel saved;
        try {
            saved = ModelFile.load(model, maxParameters);
        } catch (IOException e) {
            return unreadable(e);
        }
        PrecisionOption.Placed placed = PrecisionOption.place(saved, model, b, precision.chosen);
        saved = placed.model();
        b = placed.backend();
        if (isLinearRegression(saved)) {
            return linearRegression(out, saved, b);
        }
        if (classifier) {
            return classifier(out, saved, b);
        }
        throw new IllegalArgumentException("nn4j evaluate knows Fashion-MNIST classifiers (784"
                + " inputs, 10 outputs, softmax cross-entropy) and linear-regression models"
                + " (2 -> dense 3, mean squared error, data set linear-regression); " + model
                + " is " + arch.describe() + " trained on '" + saved.provenance().dataSet() + "'");
    }

    private void checkOptions() {
        if (limit != null && limit <= 0) {
            throw new IllegalArgumentException("--limit must be positive, got " + limit);
        }
        if (minAccuracy != null && !(minAccuracy >= 0.0 && minAccuracy <= 1.0)) {
            throw new IllegalArgumentException("--min-accuracy must be in [0, 1], got " + minAccuracy);
        }
        if (maxParameters <= 0) {
            throw new IllegalArgumentException("--max-parameters must be positive, got "
                    + maxParameters);
        }
        Checks.backend(backend);
    }

    /**
     * Refuses Fashion-MNIST options for another model, and a model (with the test images it
     * is evaluated on) that would not fit in the heap, before anything is loaded.
     */
    private void checkMemory(ModelSpec arch, boolean classifier) {
        if (!classifier) {
            for (String option : new String[] {"--data", "--limit", "--min-accuracy"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " applies to Fashion-MNIST"
                            + " classifiers only; " + model + " is " + arch.describe()
                            + " (a linear-regression model is evaluated on the data its seed"
                            + " generates)");
                }
            }
        }
        long examples = classifier ? testExamples() : 0;
        long parameters = arch.parameterCount();
        Memory.require(Memory.evaluation(parameters, widths(arch))
                        + FashionMnist.loadingBytes(0, examples),
                String.format(Locale.ROOT, "the model %s (%,d parameters)%s", model, parameters,
                        classifier ? String.format(Locale.ROOT, " with %,d test images", examples)
                                : ""),
                classifier ? "use --limit to evaluate on fewer test images" : "use a smaller model");
    }

    /** The test images to evaluate on, from the IDX header, checked against --limit. */
    private long testExamples() {
        try {
            int declared = FashionMnist.declaredExamples(data, false);
            if (limit != null && limit > declared) {
                throw new IllegalArgumentException("--limit " + limit + " is more than the "
                        + declared + " test examples in " + data);
            }
            return limit == null ? declared : Math.min(limit, declared);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
    }

    /** The width of every layer, input first: what the activations of a batch take. */
    private static List<Integer> widths(ModelSpec arch) {
        return Memory.widths(arch);
    }

    private int unreadable(IOException e) {
        if (e instanceof NoSuchFileException) {
            return unreadable("no such model file: " + model);
        }
        if (e instanceof AccessDeniedException) {
            return unreadable("cannot read model file " + model + ": permission denied");
        }
        return unreadable("cannot load model file " + model + ": " + e.getMessage());
    }

    private int unreadable(String message) {
        spec.commandLine().getErr().println("nn4j: " + Terminal.safe(message));
        return Nn4jCommand.UNREADABLE_MODEL;
    }

    static boolean isLinearRegression(SavedModel saved) {
        ModelSpec arch = saved.spec();
        return arch.inputSize() == LinearRegressionProblem.FEATURES
                && arch.layers().equals(List.of(LayerSpec.dense(LinearRegressionProblem.OUTPUTS)))
                && arch.loss().equals(ModelSpec.MEAN_SQUARED_ERROR)
                && saved.provenance().dataSet().equals(LinearRegressionCommand.DATA_SET);
    }

    private int linearRegression(PrintWriter out, SavedModel saved, Backend b) {
        long started = System.nanoTime();
        Sequential net = saved.toSequential(b);
        // The same data the training generated: the first split of the seed's generator.
        DataSet dataSet = LinearRegressionProblem.generate(new Rng(saved.provenance().seed()).split());
        LinearAlgebra la = b.linearAlgebra();
        double loss = net.loss().value(net.forward(la.fromRowMajor(dataSet.size(),
                dataSet.featureCount(), dataSet.copyOfFeatures())), la.fromRowMajor(dataSet.size(),
                dataSet.targetCount(), dataSet.copyOfTargets()));
        Measured<RegressionMetrics> metrics = Measured.regression(net, dataSet);
        double[] w = saved.parameter("dense0.weights");
        double[] bias = saved.parameter("dense0.bias");
        boolean wClose = AllClose.allClose(w, LinearRegressionProblem.trueWeights());
        boolean bClose = AllClose.allClose(bias, LinearRegressionProblem.trueBias());
        boolean passed = wClose && bClose;
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
            ObjectNode o = header(saved, b, "linear-regression", dataSet.size());
            o.put("loss", loss);
            o.put("tutorial_loss", 2.0 * loss);
            MetricsJson.putRegression(o, metrics);
            ObjectNode close = o.putObject("allclose");
            close.put("W", wClose);
            close.put("b", bClose);
            o.set("W", Json.matrix(w, LinearRegressionProblem.FEATURES, LinearRegressionProblem.OUTPUTS));
            o.set("b", Json.array(bias));
            o.put("passed", passed);
            o.put("seconds", seconds);
            out.println(Json.write(o));
        } else {
            describe(out, saved, b);
            out.printf(Locale.ROOT, "Linear regression on the %d examples of seed %d: loss %s"
                            + " (tutorial's figure %s)%n", dataSet.size(), saved.provenance().seed(),
                    loss, 2.0 * loss);
            MetricsTable.print(out, metrics);
            out.printf(Locale.ROOT, "W %s  allclose to the truth: %s%nb %s  allclose to the"
                            + " truth: %s%n", LinearRegressionCommand.format(w, 3), wClose,
                    LinearRegressionCommand.format(bias, 3), bClose);
            out.println(passed ? "PASS: W and b are the truth." : "FAIL: W and b are not the truth.");
        }
        return passed ? Nn4jCommand.OK : Nn4jCommand.NOT_CONVERGED;
    }

    private int classifier(PrintWriter out, SavedModel saved, Backend b) throws IOException {
        DataSet test;
        try {
            test = FashionMnist.loadTest(data, limit == null ? Integer.MAX_VALUE : limit);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
        if (test.size() == 0) {
            throw new IllegalArgumentException("the test set in " + data + " holds no images"
                    + " (its t10k-images file declares 0)");
        }
        long started = System.nanoTime();
        Sequential net = saved.toSequential(b);
        Evaluation e = net.evaluate(test, Training.EVALUATION_BATCH_SIZE);
        Measured<ClassificationMetrics> metrics = Measured.classification(net, test);
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean passed = minAccuracy == null || e.accuracy() >= minAccuracy;
        if (json) {
            ObjectNode o = header(saved, b, "fashion-mnist-test", e.examples());
            o.put("loss", e.loss());
            o.put("accuracy", e.accuracy());
            MetricsJson.putClassification(o, metrics, FashionMnist.CLASS_NAMES);
            if (minAccuracy == null) {
                o.putNull("min_accuracy");
            } else {
                o.put("min_accuracy", minAccuracy);
            }
            o.put("passed", passed);
            o.put("seconds", seconds);
            out.println(Json.write(o));
        } else {
            describe(out, saved, b);
            out.printf(Locale.ROOT, "Fashion-MNIST test set, %,d examples: loss %.4f, accuracy"
                    + " %.4f (%.2f s)%n", e.examples(), e.loss(), e.accuracy(), seconds);
            MetricsTable.print(out, metrics, FashionMnist.CLASS_NAMES, "test set");
            if (minAccuracy != null) {
                out.printf(Locale.ROOT, "%s: minimum accuracy %s %s.%n", passed ? "PASS" : "FAIL",
                        minAccuracy, passed ? "reached" : "not reached");
            }
        }
        return passed ? Nn4jCommand.OK : Nn4jCommand.NOT_CONVERGED;
    }

    /** The model's description and provenance: strings from the file, made safe to print. */
    private void describe(PrintWriter out, SavedModel saved, Backend b) {
        Provenance p = saved.provenance();
        out.println(Terminal.safe(String.format(Locale.ROOT, "Model %s: %s, %,d parameters",
                model, saved.spec().describe(), saved.spec().parameterCount())));
        out.println(Terminal.safe(String.format(Locale.ROOT, "Trained on backend %s (seed %d,"
                        + " data %s, %s) by nn4j %s at %s; evaluated on backend %s", p.backend(),
                p.seed(), p.dataSet(), p.hyperparameters(), p.nn4jVersion(), p.created(),
                b.name() + PrecisionOption.suffix(b.precision()))));
    }

    private ObjectNode header(SavedModel saved, Backend b, String dataSet, int examples) {
        ObjectNode o = Json.object();
        o.put("model_file", model.toString());
        o.put("format", ModelFile.FORMAT_NAME);
        o.put("format_version", ModelFile.FORMAT_VERSION);
        o.put("model", saved.spec().describe());
        o.put("parameters", saved.spec().parameterCount());
        Provenance p = saved.provenance();
        ObjectNode prov = o.putObject("provenance");
        prov.put("backend", p.backend());
        prov.put("seed", p.seed());
        prov.put("data_set", p.dataSet());
        ObjectNode hyper = prov.putObject("hyperparameters");
        for (Map.Entry<String, String> e : p.hyperparameters().entrySet()) {
            hyper.put(e.getKey(), e.getValue());
        }
        prov.put("nn4j_version", p.nn4jVersion());
        prov.put("created", p.created().toString());
        o.put("backend", b.name());
        o.put("precision", b.precision().label());
        o.put("data_set", dataSet);
        o.put("examples", examples);
        return o;
    }
}
