package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Evaluation;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;

/**
 * The command {@code nn4j fashion-mnist} in code: the default 784-256-128-10 network, Adam with
 * exponential decay, one seed for the whole run (the same run as
 * {@code nn4j fashion-mnist --seed 0}); then a predictor's classes and probabilities, and the
 * model saved, loaded on another backend, and read without one.
 */
public final class FashionMnistInCode {

    private FashionMnistInCode() {
    }

    /** What the program measured. */
    public record Result(TrainingHistory history, Evaluation evaluation, int[] classes,
                         double[] probabilities, Evaluation loadedOnCommons, SavedModel file) {
    }

    /**
     * Trains, evaluates, predicts, saves and loads.
     *
     * @param directory the four IDX files of Fashion-MNIST
     * @param epochs    epochs to train (the command's default is 15)
     * @param path      where the model is saved
     * @return what it measured
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static Result run(Path directory, int epochs, Path path) throws IOException {
        Backend backend = Backends.get();
        FashionMnist data = FashionMnist.load(directory);            // the four IDX files
        Sequential model = Sequential.builder(backend)
                .input(784)
                .dense(256).activation(Activation.relu())
                .dense(128).activation(Activation.relu())
                .dense(10)
                .softmaxCrossEntropy()
                .seed(0)                                              // the one seed of the run
                .build();                                             // He-normal weights
        TrainingHistory history = new Training(model, Adam.builder().learningRate(1e-3).build())
                .epochs(epochs).batchSize(128)
                .schedule(LearningRateSchedule.exponentialDecay(0.9))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochEnd(EpochSummary s) {
                        System.out.println(s.epoch() + 1 + ": " + s.testAccuracy());
                    }
                })
                .fit(data.train(), data.test());                     // shuffles from the model's seed
        Evaluation e = model.evaluate(data.test(), 1000);             // loss and accuracy

        Predictor predictor = model.predictor();   // a snapshot, thread-safe: share it freely
        double[] images = data.test().head(5).copyOfFeatures();       // five images, 784 values each
        int[] classes = predictor.predictClasses(images, 5);          // argmax of the logits
        double[] p = predictor.predictProbabilities(images, 5);       // softmax, 10 per image

        ModelFile.save(model, path);   // with every setting of its training: optimizer, schedule, ...
        Sequential again = ModelFile.load(path, Backends.get("commons"));   // any backend
        SavedModel file = ModelFile.load(path);  // spec, provenance, double[] arrays; no backend
        return new Result(history, e, classes, p, again.evaluate(data.test(), 1000), file);
    }

    /**
     * Trains for 15 epochs on the data of Debian's dataset-fashion-mnist, or of the directory
     * given.
     *
     * @param args optionally, the data directory
     * @throws IOException if the data cannot be read or the model file written
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : FashionMnist.DEFAULT_DIRECTORY;
        Path file = Files.createTempFile("fashion-mnist", ".npz");
        try {
            Result r = run(directory, 15, file);
            System.out.println("test accuracy " + r.evaluation().accuracy() + "; first five classes "
                    + Arrays.toString(r.classes()));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
