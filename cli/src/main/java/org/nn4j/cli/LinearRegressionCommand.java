package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.Provenance;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.regression.LinearRegressionProblem;
import org.nn4j.trainer.regression.LinearRegressionTraining.Config;
import org.nn4j.trainer.regression.LinearRegressionTraining.Result;
import org.nn4j.trainer.regression.LinearRegressionTraining;
import org.nn4j.api.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn4j linear-regression}: the numpy tutorial's training, on a chosen backend. */
@Command(name = "linear-regression", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train the numpy tutorial's linear regression (W = [[3,7,4],[5,2,6]],"
                + " b = [2,9,3], 500 samples) with SGD until the loss falls below the target.",
                "Exit status 0 only when it converged and W and b are allclose to the truth, 1"
                        + " when it did not, 2 for a bad command line (--precision f32"
                        + " included: the tutorial trains in float64 only)."})
final class LinearRegressionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (default: nn4j.backend, NN4J_BACKEND, else the highest"
                    + " priority available).")
    String backend;

    @Option(names = "--precision", paramLabel = "f64", defaultValue = "f64",
            converter = PrecisionOption.Converter.class,
            description = "f64 (float64) only: the tutorial's target loss of 1e-15 is below"
                    + " float32's resolution, so f32 is refused (exit status 2).")
    Precision precision;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--batch-size", paramLabel = "ROWS", defaultValue = "2", description = "Rows per batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--target-loss", paramLabel = "LOSS", defaultValue = "1e-15",
            description = "Stop when the loss, as the tutorial prints it, is below this"
                    + " (default: ${DEFAULT-VALUE}).")
    double targetLoss;

    @Option(names = "--max-steps", paramLabel = "STEPS", defaultValue = "" + Config.DEFAULT_MAX_STEPS,
            description = "Step cap (default: ${DEFAULT-VALUE}).")
    long maxSteps;

    @Option(names = "--print-every", paramLabel = "STEPS", defaultValue = "1000",
            description = "Print progress every N steps (default: ${DEFAULT-VALUE}).")
    long printEvery;

    @Option(names = "--no-confirm",
            description = "Stop on the tutorial's rule alone, without confirming on the whole"
                    + " training set (a one-row batch can stop training too early).")
    boolean noConfirm;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of progress.")
    boolean json;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Save the trained W and b, with how they were trained, to this model"
                    + " file (.npz; numpy reads it); replaced atomically if it exists.")
    Path save;

    /** Why {@code --precision f32} is refused. */
    static final String REFUSAL = "the tutorial's linear regression trains in float64 only: its"
            + " target loss of 1e-15 is below what float32 can resolve (unit round-off 2^-24,"
            + " about 6e-8 relative), so it would never converge; leave --precision out or give"
            + " --precision f64";

    /** The data set's name in a saved model's provenance. */
    static final String DATA_SET = "linear-regression";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Config config = checkOptions();
        Backend b = Backends.get(Checks.backend(backend));
        LinearRegressionTraining training = new LinearRegressionTraining(b, config);
        if (!json) {
            out.printf(Locale.ROOT, "Training the tutorial's linear regression on backend %s"
                    + " (seed %d, lr %s, batch %d, target loss %s)%n", b.name(), seed,
                    learningRate, batchSize, targetLoss);
            training.listener(p -> out.printf(Locale.ROOT, "step %d  loss %s  W %s  b %s%n",
                    p.step(), p.tutorialLoss(), format(p.weights(), 3), format(p.bias(), 3)),
                    printEvery);
        }
        Result r = training.run();
        boolean ok = r.converged() && r.weightsAllClose() && r.biasAllClose();
        if (save != null && !Outputs.saveModel(save, spec.commandLine().getErr(),
                () -> ModelFile.save(savedModel(r), save))) {
            return Nn4jCommand.UNREADABLE_MODEL;
        }
        if (json) {
            ObjectNode o = toJson(r);
            if (save == null) {
                o.putNull("model_file");
            } else {
                o.put("model_file", save.toString());
            }
            out.println(Json.write(o));
        } else {
            printVerdict(out, r, ok);
            if (save != null) {
                out.println("Model saved to " + save);
            }
        }
        return ok ? Nn4jCommand.OK : Nn4jCommand.NOT_CONVERGED;
    }

    /** Checks the options, before any output, and returns the training's configuration. */
    private Config checkOptions() {
        if (precision != Precision.F64) {
            throw new IllegalArgumentException("--precision " + PrecisionOption.shortName(precision)
                    + ": " + REFUSAL);
        }
        Checks.positiveFinite("--lr", learningRate);
        Checks.positive("--batch-size", batchSize);
        Checks.positiveFinite("--target-loss", targetLoss);
        Checks.positive("--max-steps", maxSteps);
        Checks.positive("--print-every", printEvery);
        if (save != null) {
            Outputs.check(save, "--save");
        }
        Config config = new Config(seed, learningRate, batchSize, targetLoss, maxSteps, !noConfirm);
        if (batchSize > LinearRegressionProblem.SAMPLES) {
            // The trainer refuses it too, but only once the header is printed.
            throw new IllegalArgumentException("--batch-size " + batchSize + " is larger than the"
                    + " tutorial's " + LinearRegressionProblem.SAMPLES + " examples");
        }
        return config;
    }

    private static void printVerdict(PrintWriter out, Result r, boolean ok) {
        out.printf(Locale.ROOT, "step %d  loss %s  W %s  b %s%n", r.steps(), r.tutorialLoss(),
                format(r.weights(), 3), format(r.bias(), 3));
        out.printf(Locale.ROOT, "%s. Training-set loss %s; unconfirmed stops %d; %.3f s.%n",
                Terminal.capitalised(r.message()), 2.0 * r.trainingSetLoss(), r.unconfirmedStops(),
                r.seconds());
        out.printf(Locale.ROOT, "W allclose to the truth: %s%nb allclose to the truth: %s%n",
                r.weightsAllClose(), r.biasAllClose());
        out.println(ok ? "PASS: converged to the truth." : "FAIL: did not converge to the truth.");
    }

    /** The trained layer as a model file holds it: 2 -> dense 3, mean squared error. */
    static SavedModel savedModel(Result r) {
        Config c = r.config();
        Map<String, String> hyper = new LinkedHashMap<>();
        r.settings().forEach((name, value) -> hyper.put(name, String.valueOf(value)));
        ModelSpec arch = new ModelSpec(LinearRegressionProblem.FEATURES,
                List.of(LayerSpec.dense(LinearRegressionProblem.OUTPUTS)),
                ModelSpec.MEAN_SQUARED_ERROR);
        return new SavedModel(arch, Provenance.now(r.backend(), c.seed(), DATA_SET, hyper),
                List.of(r.weights(), r.bias()));
    }

    static ObjectNode toJson(Result r) {
        Config c = r.config();
        ObjectNode o = Json.object();
        o.put("backend", r.backend());
        o.put("precision", Precision.F64.label());
        o.put("seed", c.seed());
        o.put("learning_rate", c.learningRate());
        o.put("batch_size", c.batchSize());
        o.put("target_loss", c.targetLoss());
        o.put("max_steps", c.maxSteps());
        o.put("confirm_on_training_set", c.confirmOnTrainingSet());
        o.put("steps", r.steps());
        o.put("loss", r.loss());
        o.put("tutorial_loss", r.tutorialLoss());
        o.put("training_set_loss", r.trainingSetLoss());
        o.put("unconfirmed_stops", r.unconfirmedStops());
        o.put("converged", r.converged());
        o.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
        o.put("message", r.message());
        ObjectNode close = o.putObject("allclose");
        close.put("W", r.weightsAllClose());
        close.put("b", r.biasAllClose());
        o.set("W", Json.matrix(r.weights(), LinearRegressionProblem.FEATURES,
                LinearRegressionProblem.OUTPUTS));
        o.set("b", Json.array(r.bias()));
        o.put("seconds", r.seconds());
        return o;
    }

    /** Formats a row-major matrix like numpy's print, eight decimals. */
    static String format(double[] values, int cols) {
        StringBuilder sb = new StringBuilder();
        int rows = values.length / cols;
        if (rows > 1) {
            sb.append('[');
        }
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append('[');
            for (int j = 0; j < cols; j++) {
                if (j > 0) {
                    sb.append(' ');
                }
                sb.append(String.format(Locale.ROOT, "%.8f", values[i * cols + j]));
            }
            sb.append(']');
        }
        if (rows > 1) {
            sb.append(']');
        }
        return sb.toString();
    }
}
