package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendChoice;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.metrics.ClassificationMetrics;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.HiddenActivations;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.Optimizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nn4j fashion-mnist}: a multi-layer perceptron trained on Fashion-MNIST. */
@Command(name = "fashion-mnist", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a multi-layer perceptron (default 784-256-128-10, ReLU, He init,"
                + " softmax cross-entropy, Adam 1e-3 decayed 0.9 per epoch, batch 128,"
                + " 15 epochs) or, with --model cnn, a convolutional network (15 epochs of batches of 64) on"
                + " Fashion-MNIST and report the test accuracy.",
                "Exit status 0 when training completed (and reached --min-accuracy, if given),"
                        + " 1 otherwise, 2 for a bad command line or unreadable data, 3 when the"
                        + " backend cannot be provided, 5 when the --save file or a checkpoint cannot be written"
                        + " or the --resume file read,"
                        + " 6 when --plot or standard output cannot be written, 7 when the heap"
                        + " is too small."})
final class FashionMnistCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Backend to use (default: nn4j.backend, NN4J_BACKEND, else the highest"
                    + " priority available).")
    String backend;

    @Mixin
    PrecisionOption precision;

    @Option(names = "--model", paramLabel = "mlp|cnn", defaultValue = "mlp",
            description = "The network: mlp, the perceptron of --hidden and --activation, or"
                    + " cnn, the default convolutional network (28x28x1 -> conv2d 16 3x3 same"
                    + " -> relu -> max-pool 2x2 -> conv2d 32 3x3 same -> relu -> max-pool 2x2"
                    + " -> flatten -> dense 128 -> relu -> dropout 0.25 -> dense 10)"
                    + " (default: ${DEFAULT-VALUE}).")
    String modelOption;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs (default: 15 for mlp and for cnn).")
    Integer epochsOption;

    /** The epochs: {@code --epochs}, else the model's default. */
    private int epochs;
    /** {@code --model}, parsed. */
    private String modelType;
    /** The network, from {@code --model} (and {@code --hidden}, {@code --activation}). */
    private org.nn4j.trainer.model.ModelSpec architecture;

    @Option(names = "--batch-size", paramLabel = "ROWS",
            description = "Rows per mini-batch; the last batch of an epoch is short"
                    + " (default: 128 for mlp, 64 for cnn).")
    Integer batchSizeOption;

    /** The rows per mini-batch: {@code --batch-size}, else the model's default. */
    private int batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            converter = OptimizerConverter.class,
            description = "sgd, momentum, adagrad, rmsprop, adam or adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--lr", paramLabel = "RATE",
            description = "Initial learning rate (default: the optimizer's: sgd 0.1,"
                    + " momentum 0.01, adagrad 0.01, rmsprop 0.001, adam and adamw 0.001).")
    Double learningRate;

    @Option(names = "--lr-decay", paramLabel = "FACTOR", defaultValue = "0.9",
            description = "Multiply the learning rate by this every epoch, or every"
                    + " --lr-step epochs; 1 keeps it constant (default: ${DEFAULT-VALUE}).")
    double lrDecay;

    @Option(names = "--lr-step", paramLabel = "EPOCHS",
            description = "Step decay: apply --lr-decay every this many epochs instead of"
                    + " every epoch.")
    Integer lrStep;

    @Option(names = "--momentum", paramLabel = "MU", defaultValue = "0.9",
            description = "Momentum of --optimizer momentum, in (0, 1) (default: ${DEFAULT-VALUE}).")
    double momentum;

    @Option(names = "--weight-decay", paramLabel = "LAMBDA",
            description = OptimizerOptions.WEIGHT_DECAY_HELP)
    Double weightDecay;

    @Option(names = "--clip-norm", paramLabel = "MAX", description = OptimizerOptions.CLIP_NORM_HELP)
    Double clipNorm;

    @Option(names = "--hidden", paramLabel = "SIZES", defaultValue = "256,128",
            description = "Hidden layer sizes, comma-separated (default: ${DEFAULT-VALUE});"
                    + " empty (--hidden=) trains a linear classifier.")
    String hiddenSizes;

    private List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME", defaultValue = "relu",
            description = "Hidden activation: relu, leaky-relu (slope 0.01), tanh or sigmoid;"
                    + " ReLU layers get He-normal weights, tanh and sigmoid Xavier-uniform"
                    + " (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seeds the initial weights and the shuffles (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Directory of the four IDX files, raw or .gz (default: ${DEFAULT-VALUE},"
                    + " from Debian's dataset-fashion-mnist).")
    Path data;

    @Option(names = "--limit", paramLabel = "N",
            description = "Train on the first N training examples only, for quick runs (the"
                    + " test set stays whole); only those are read.")
    Integer limit;

    @Option(names = "--min-accuracy", paramLabel = "FRACTION",
            description = "Exit with status 1 unless the final test accuracy reaches this.")
    Double minAccuracy;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Write the loss and accuracy curves to this PNG.")
    Path plot;

    @Option(names = "--no-progress",
            description = "No progress bar (it is shown on stderr only when not --json and"
                    + " the console is a terminal).")
    boolean noProgress;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of progress.")
    boolean json;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Save the trained model, with how it was trained, to this model file"
                    + " (.npz; numpy reads it; nn4j evaluate --model FILE loads it on any"
                    + " backend); replaced atomically if it exists.")
    Path save;

    @Option(names = {"--spark", "--master"}, paramLabel = "MASTER",
            description = "Train data-parallel on Apache Spark with this master URL, for example"
                    + " local[2] or spark://127.0.0.1:7077: synchronous mini-batch SGD (the"
                    + " optimizer runs on the driver), or parameter averaging with"
                    + " --local-steps. Needs Spark on the class path (the ./nn4j launcher adds"
                    + " it).")
    String sparkMaster;

    @Option(names = "--local-steps", paramLabel = "N",
            description = "With --spark: parameter averaging, N local mini-batch steps of"
                    + " --batch-size rows on each partition (a fresh --optimizer each time)"
                    + " between two averagings.")
    Integer localSteps;

    @Mixin
    TrainingControl control;

    /** What one run is made of and what it measured, for the report. */
    private static final class Run {
        Backend backend;
        BackendChoice choice;
        DataSet train;
        DataSet validation;
        DataSet test;
        Sequential model;
        Optimizer optimizer;
        double initialRate;
        LearningRateSchedule schedule;
        TrainingHistory history;
        Measured<ClassificationMetrics> metrics;
        double seconds;
        boolean reached;

        boolean ok() {
            return history.completed() && reached;
        }
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        checkOptions();
        Run run = new Run();
        run.choice = BackendSelection.choose(backend, architecture.multiplyAdds() * batchSize);
        run.backend = precision.on(run.choice.backend());
        checkMemory();
        FashionMnist mnist = loadData();
        run.train = mnist.train();
        run.test = mnist.test();
        Rng root = new Rng(seed);
        run.model = model(run.backend, root.split());
        run.optimizer = optimizer();
        run.initialRate = run.optimizer.learningRate();
        run.schedule = schedule();
        Rng shuffles = root.split();
        ValidationSplit split = control.split(run.train, root.split());
        if (split != null) {
            run.train = split.train();
            run.validation = split.validation();
        }
        Integer failed = fit(out, run, shuffles);
        if (failed != null) {
            return failed;
        }
        // Of the final model, the one --save writes.
        run.metrics = Measured.classification(run.model, run.test);
        run.reached = minAccuracy == null || run.history.finalTestAccuracy() >= minAccuracy;
        // The model first of all outputs: it is what the run was for.
        if (save != null && !Outputs.saveModel(save, spec.commandLine().getErr(),
                () -> ModelFile.save(run.model, save))) {
            return Nn4jCommand.UNREADABLE_MODEL;
        }
        if (!writePlot(run)) {
            return Nn4jCommand.OUTPUT_FAILED;
        }
        if (json) {
            out.println(Json.write(toJson(run)));
        } else {
            printResult(out, run);
        }
        return run.ok() ? Nn4jCommand.OK : Nn4jCommand.NOT_CONVERGED;
    }

    /** The network of {@code --model}, its weights drawn from rng. */
    private Sequential model(Backend b, Rng rng) {
        return architecture.build(b, rng);
    }

    /** The schedule of {@code --lr-decay} and {@code --lr-step}. */
    private LearningRateSchedule schedule() {
        return lrStep != null ? LearningRateSchedule.stepDecay(lrDecay, lrStep)
                : lrDecay == 1.0 ? LearningRateSchedule.constant()
                : LearningRateSchedule.exponentialDecay(lrDecay);
    }

    /**
     * Trains on one machine, or on Spark with {@code --spark}, printing progress unless --json.
     *
     * @return {@code null} once trained, else the exit status of a run that cannot go on
     */
    private Integer fit(PrintWriter out, Run run, Rng shuffles) {
        Training training = new Training(run.model, run.optimizer).epochs(epochs)
                .batchSize(batchSize).schedule(run.schedule);
        control.configure(training, run.model, run.validation, seed);
        // Every check of the training, before the first line on stdout.
        training.check(run.train, run.test);
        control.checkResume(training, run.train, run.test);
        SparkFitting spark = sparkMaster == null ? null : startSpark();
        EpochProgressBar bar = null;
        try {
            org.nn4j.trainer.spark.SparkTraining sparkTraining = spark == null ? null
                    : sparkTraining(spark, run);
            if (!json) {
                printHeader(out, run, spark);
                if (out.checkError()) {
                    // Standard output is closed or full: no one would see the results.
                    return Nn4jCommand.OUTPUT_FAILED;
                }
                bar = !noProgress && System.console() != null
                        ? new EpochProgressBar(System.err) : null;
                for (EpochListener l : bar == null ? List.of(printer(out))
                        : List.of(bar, printer(out))) {
                    training.listener(l);
                    if (sparkTraining != null) {
                        sparkTraining.listener(l);
                    }
                }
            }
            long started = System.nanoTime();
            run.history = sparkTraining != null ? sparkTraining.fit(run.train, run.test, shuffles)
                    : control.fit(training, run.train, run.test, shuffles);
            run.seconds = (System.nanoTime() - started) / 1e9;
            return null;
        } finally {
            if (bar != null) {
                bar.close();
            }
            if (spark != null) {
                spark.close();
            }
        }
    }

    private SparkFitting startSpark() {
        requireSpark();
        return SparkFitting.start(sparkMaster);
    }

    /** Synchronous SGD, or parameter averaging with {@code --local-steps}, of the run's model. */
    private org.nn4j.trainer.spark.SparkTraining sparkTraining(SparkFitting spark, Run run) {
        org.nn4j.trainer.spark.SparkTraining sparkTraining = localSteps == null
                ? spark.synchronous(run.model, run.optimizer)
                : spark.averaging(run.model, run.optimizer, localSteps);
        return sparkTraining.epochs(epochs).batchSize(batchSize).schedule(run.schedule);
    }

    private void printHeader(PrintWriter out, Run run, SparkFitting spark) {
        out.printf(Locale.ROOT, "Fashion-MNIST on backend %s: %s, %,d parameters; %s lr %s, %s;"
                        + " batch %d; %d epochs on %,d examples; seed %d%n", run.backend.name()
                        + PrecisionOption.suffix(run.backend.precision()),
                run.model.describe(), run.model.parameterCount(), run.optimizer.name(),
                run.optimizer.learningRate(), run.schedule, batchSize, epochs, run.train.size(),
                seed);
        out.println(BackendSelection.line(run.choice));
        if (run.validation != null) {
            out.printf(Locale.ROOT, "Validation: %,d examples held out of the training set%n",
                    run.validation.size());
        }
        if (control.resumedAfter() > 0) {
            out.printf(Locale.ROOT, "Resuming after epoch %d from %s%n", control.resumedAfter(),
                    control.resume);
        }
        if (spark != null) {
            out.printf(Locale.ROOT, "Spark master %s, %d partitions: %s%n", sparkMaster,
                    spark.partitions(), localSteps == null ? "synchronous mini-batch SGD"
                            : "parameter averaging every " + localSteps + " local steps");
        }
        out.flush();
    }

    /** Prints a line at the end of each epoch. */
    private EpochListener printer(PrintWriter out) {
        return new EpochListener() {
            @Override
            public void onEpochEnd(EpochSummary s) {
                out.printf(Locale.ROOT, "epoch %2d/%d  lr %.3g  train loss %.4f  test loss"
                                + " %.4f  test accuracy %.4f%s  %.2f s (+%.2f s test)%n",
                        s.epoch() + 1, epochs, s.learningRate(), s.trainLoss(), s.testLoss(),
                        s.testAccuracy(), Double.isNaN(s.validationLoss()) ? ""
                                : String.format(Locale.ROOT, "  validation loss %.4f accuracy"
                                + " %.4f", s.validationLoss(), s.validationAccuracy()),
                        s.seconds(), s.evaluationSeconds());
                out.flush();
            }
        };
    }

    /** Writes {@code --plot}, if asked; false (said on stderr) if it cannot. */
    private boolean writePlot(Run run) {
        if (plot == null || run.history.epochs().isEmpty()) {
            return true;
        }
        try {
            CurvePlot.write(plot, String.format(Locale.ROOT, "Fashion-MNIST, %s on %s (seed"
                    + " %d): test accuracy %.4f", run.model.describe().replace(
                    " -> softmax-cross-entropy", ""), run.backend.name()
                    + PrecisionOption.suffix(run.backend.precision()), seed,
                    run.history.finalTestAccuracy()), run.history.epochs());
            return true;
        } catch (IOException e) {
            spec.commandLine().getErr().println("nn4j: cannot write the plot to " + plot + ": "
                    + Terminal.safe(Checks.describe(e)) + (save == null ? ""
                    : "; the model was saved to " + save));
            return false;
        }
    }

    private void printResult(PrintWriter out, Run run) {
        if (save != null) {
            out.println("Model saved to " + save);
        }
        out.printf(Locale.ROOT, "%s: test accuracy %.4f, %.1f s in all.%n",
                Terminal.capitalised(run.history.message()), run.history.finalTestAccuracy(),
                run.seconds);
        MetricsTable.print(out, run.metrics, FashionMnist.CLASS_NAMES, "test set");
        if (minAccuracy != null) {
            out.printf(Locale.ROOT, "%s: minimum accuracy %s %s.%n", run.reached ? "PASS" : "FAIL",
                    minAccuracy, run.reached ? "reached" : "not reached");
        }
        if (plot != null && !run.history.epochs().isEmpty()) {
            out.println("Curves written to " + plot);
        }
    }

    private void checkOptions() {
        modelType = FashionMnistModels.parse(modelOption);
        boolean cnn = modelType.equals(FashionMnistModels.CNN);
        epochs = epochsOption != null ? epochsOption
                : cnn ? FashionMnistModels.CNN_EPOCHS : FashionMnistModels.MLP_EPOCHS;
        batchSize = batchSizeOption != null ? batchSizeOption
                : cnn ? FashionMnistModels.CNN_BATCH_SIZE : FashionMnistModels.MLP_BATCH_SIZE;
        if (cnn) {
            for (String option : List.of("--hidden", "--activation")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new IllegalArgumentException(option + " shapes the perceptron"
                            + " (--model mlp); --model cnn trains the default CNN");
                }
            }
        }
        if (epochs <= 0) {
            throw new IllegalArgumentException("--epochs must be positive, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        if (limit != null && limit <= 0) {
            throw new IllegalArgumentException("--limit must be positive, got " + limit);
        }
        hidden = hiddenSizes();
        architecture = cnn ? FashionMnistModels.cnn()
                : FashionMnistModels.mlp(hidden, activation());
        checkTrainingOptions();
        checkOutputs();
        control.check(epochs, sparkMaster != null);
    }

    /** The sizes of {@code --hidden}; none for an empty value. */
    private List<Integer> hiddenSizes() {
        List<Integer> sizes = new ArrayList<>();
        for (String size : hiddenSizes.split(",", -1)) {
            if (hiddenSizes.isBlank()) {
                break;
            }
            int n;
            try {
                n = Integer.parseInt(size.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw new IllegalArgumentException("--hidden takes positive sizes separated by"
                        + " commas, such as 256,128; got '" + hiddenSizes + "'");
            }
            sizes.add(n);
        }
        return sizes;
    }

    private void checkTrainingOptions() {
        if (minAccuracy != null && !(minAccuracy >= 0.0 && minAccuracy <= 1.0)) {
            throw new IllegalArgumentException("--min-accuracy must be in [0, 1], got " + minAccuracy);
        }
        if (!(lrDecay > 0.0 && lrDecay <= 1.0)) {
            throw new IllegalArgumentException("--lr-decay must be in (0, 1], got " + lrDecay);
        }
        if (lrStep != null && lrStep <= 0) {
            throw new IllegalArgumentException("--lr-step must be positive, got " + lrStep);
        }
        OptimizerOptions.check(optimizer, weightDecay, clipNorm);
        if (localSteps != null && (sparkMaster == null || localSteps <= 0)) {
            throw new IllegalArgumentException("--local-steps takes a positive number and needs"
                    + " --spark; got " + localSteps + (sparkMaster == null ? " without --spark" : ""));
        }
        if (learningRate != null) {
            Checks.positiveFinite("--lr", learningRate);
        }
        if (!(momentum > 0.0 && momentum < 1.0)) {
            throw new IllegalArgumentException("--momentum must be in (0, 1), got " + momentum);
        }
    }

    /** Checks {@code --plot} and {@code --save} can be written, before any work. */
    private void checkOutputs() {
        if (plot != null) {
            Outputs.check(plot, "--plot");
            if (!plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
                throw new IllegalArgumentException("--plot writes a PNG; name the file *.png, got "
                        + plot);
            }
        }
        if (save != null) {
            Outputs.check(save, "--save");
        }
        Outputs.distinct(save, "--save", plot, "--plot");
    }

    /**
     * Refuses a run whose data and network would not fit in the heap, from the sizes the
     * IDX headers declare and the layer sizes, before anything is inflated or allocated.
     */
    private void checkMemory() {
        int declaredTrain;
        int declaredTest;
        try {
            declaredTrain = FashionMnist.declaredExamples(data, true);
            declaredTest = FashionMnist.declaredExamples(data, false);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
        if (limit != null && limit > declaredTrain) {
            throw new IllegalArgumentException("--limit " + limit + " is more than the "
                    + declaredTrain + " training examples in " + data);
        }
        if (declaredTrain == 0) {
            throw new IllegalArgumentException("the training set in " + data + " holds no images"
                    + " (its train-images file declares 0); nothing to train on");
        }
        if (declaredTest == 0) {
            throw new IllegalArgumentException("the test set in " + data + " holds no images"
                    + " (its t10k-images file declares 0); nothing to measure the accuracy on");
        }
        int trainCount = limit == null ? declaredTrain : limit;
        if (batchSize > trainCount) {
            // The trainer refuses it too, but only once the data are loaded.
            throw new IllegalArgumentException("--batch-size " + batchSize + " is larger than the "
                    + trainCount + " training examples" + (limit == null ? " in " + data
                    : " of --limit " + limit));
        }
        List<Integer> widths = FashionMnistModels.memoryWidths(architecture, hidden);
        long parameters = architecture.parameterCount();
        long network = Memory.training(parameters, widths, batchSize);
        Memory.require(network, String.format(Locale.ROOT, "the network %s (%,d parameters)",
                modelType.equals(FashionMnistModels.CNN) ? architecture.describe() : widths,
                parameters), modelType.equals(FashionMnistModels.CNN)
                ? "use a smaller --batch-size" : "use smaller --hidden sizes");
        long dataBytes = FashionMnist.loadingBytes(trainCount, declaredTest);
        long room = Memory.available() - network;
        long fits = Math.min(room / (FashionMnist.BYTES_PER_EXAMPLE
                + FashionMnist.BYTES_PER_EXAMPLE_READ), (room - declaredTest
                * (FashionMnist.BYTES_PER_EXAMPLE + FashionMnist.BYTES_PER_EXAMPLE_READ))
                / FashionMnist.BYTES_PER_EXAMPLE);
        Memory.require(network + dataBytes, String.format(Locale.ROOT, "%,d training and %,d"
                        + " test images of %s, with the network,", trainCount, declaredTest, data),
                fits > 0 ? "use --limit " + fits + " or fewer" : "use a smaller test set");
    }

    private FashionMnist loadData() {
        try {
            return FashionMnist.load(data, limit == null ? Integer.MAX_VALUE : limit);
        } catch (IOException e) {
            throw new IllegalArgumentException(Checks.describe(e), e);
        }
    }

    private Activation activation() {
        return HiddenActivations.named(activation).orElseThrow(() -> new IllegalArgumentException(
                "--activation must be relu, leaky-relu, tanh or sigmoid, got '" + activation + "'"));
    }

    /**
     * Checks that Spark can be loaded, before any class that names it is.
     *
     * @throws IllegalArgumentException saying how to put it on the class path, if it cannot
     */
    private static void requireSpark() {
        try {
            Class.forName("org.apache.spark.SparkContext", false,
                    FashionMnistCommand.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--spark needs Apache Spark 3.5 (Scala 2.13) on"
                    + " the class path, which the nn4j distribution leaves out: run the ./nn4j"
                    + " launcher (it adds Spark's jars when --spark is given), or put"
                    + " $SPARK_HOME/jars/* on the class path, or use spark-submit");
        }
    }

    /** The optimizer of {@code --optimizer}, with the settings the options give it. */
    private Optimizer optimizer() {
        return Optimizers.named(optimizer, OptimizerOptions.settings(optimizer, learningRate,
                momentum, weightDecay, clipNorm));
    }

    /** The {@code --json} object: settings, results, then files and Spark; keys documented. */
    private ObjectNode toJson(Run run) {
        ObjectNode o = Json.object();
        putSettings(o, run);
        putResults(o, run);
        MetricsJson.putClassification(o, run.metrics, FashionMnist.CLASS_NAMES);
        if (plot == null) {
            o.putNull("plot");
        } else {
            o.put("plot", plot.toString());
        }
        if (save == null) {
            o.putNull("model_file");
        } else {
            o.put("model_file", save.toString());
        }
        if (sparkMaster != null) {
            o.put("spark_master", sparkMaster);
            o.put("spark_mode", localSteps == null ? "synchronous" : "parameter-averaging");
            if (localSteps != null) {
                o.put("local_steps", localSteps);
            }
        }
        return o;
    }

    private void putSettings(ObjectNode o, Run run) {
        o.put("backend", run.backend.name());
        BackendSelection.putJson(o, run.choice);
        o.put("precision", run.backend.precision().label());
        o.put("seed", seed);
        o.put("epochs", epochs);
        o.put("epochs_completed", run.history.epochs().size());
        o.put("batch_size", batchSize);
        o.put("optimizer", run.optimizer.name());
        o.put("learning_rate", run.initialRate);
        ObjectNode optimizerSettings = o.putObject("optimizer_settings");
        run.optimizer.settings().forEach(optimizerSettings::put);
        optimizerSettings.put(Optimizer.LEARNING_RATE, run.initialRate); // not the decayed rate
        o.put("lr_schedule", run.schedule.toString());
        o.put("model_type", modelType);
        if (modelType.equals(FashionMnistModels.CNN)) {
            o.putNull("hidden");
            o.putNull("activation");
        } else {
            ArrayNode h = o.putArray("hidden");
            hidden.forEach(h::add);
            o.put("activation", activation.toLowerCase(Locale.ROOT));
        }
        o.put("model", run.model.describe());
        o.put("parameters", run.model.parameterCount());
        o.put("train_examples", run.train.size());
        o.put("test_examples", run.test.size());
        o.put("data", data.toString());
    }

    private void putResults(ObjectNode o, Run run) {
        TrainingHistory history = run.history;
        o.put("completed", history.completed());
        o.put("message", history.message());
        o.put("test_accuracy", history.finalTestAccuracy());
        List<EpochSummary> epochsRun = history.epochs();
        o.put("test_loss", epochsRun.isEmpty() ? Double.NaN : history.finalEpoch().testLoss());
        if (minAccuracy == null) {
            o.putNull("min_accuracy");
        } else {
            o.put("min_accuracy", minAccuracy);
        }
        o.put("passed", run.ok());
        o.set("train_loss", series(epochsRun, EpochSummary::trainLoss));
        o.set("test_loss_per_epoch", series(epochsRun, EpochSummary::testLoss));
        o.set("test_accuracy_per_epoch", series(epochsRun, EpochSummary::testAccuracy));
        o.set("learning_rate_per_epoch", series(epochsRun, EpochSummary::learningRate));
        o.set("seconds_per_epoch", series(epochsRun, EpochSummary::seconds));
        o.set("cpu_seconds_per_epoch", series(epochsRun, EpochSummary::cpuSeconds));
        o.set("evaluation_seconds_per_epoch", series(epochsRun, EpochSummary::evaluationSeconds));
        o.put("seconds", run.seconds);
        control.putJson(o, history, run.validation);
    }

    private static ArrayNode series(List<EpochSummary> epochs, ToDoubleFunction<EpochSummary> f) {
        return Json.array(epochs.stream().mapToDouble(f).toArray());
    }

    /** Parses {@code --optimizer} case-insensitively, listing the choices on a bad name. */
    static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            for (String name : Optimizers.names()) {
                if (name.equalsIgnoreCase(value)) {
                    return name;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not an"
                    + " optimizer; choose " + Optimizers.choices());
        }
    }
}
