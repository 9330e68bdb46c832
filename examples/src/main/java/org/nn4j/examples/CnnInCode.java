package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Evaluation;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;

/**
 * The command {@code nn4j fashion-mnist --model cnn} in code: the default convolutional
 * network, its input shape stated once, trained with Adam; then saved, and loaded on another
 * backend, which predicts the same classes.
 */
public final class CnnInCode {

    private CnnInCode() {
    }

    /** What the program measured. */
    public record Result(TrainingHistory history, Evaluation evaluation, int[] classes,
                         int[] classesOnCommons) {
    }

    /**
     * Trains, evaluates, saves and loads on commons.
     *
     * @param directory the four IDX files of Fashion-MNIST
     * @param epochs    epochs to train (the command's default is 8)
     * @param path      where the model is saved
     * @return what it measured
     * @throws IOException if the data or the model file cannot be read or written
     */
    public static Result run(Path directory, int epochs, Path path) throws IOException {
        Backend backend = Backends.get("ejml");
        FashionMnist data = FashionMnist.load(directory);
        Sequential cnn = Sequential.builder(backend)
                .input(new ImageShape(28, 28, 1))             // the 784 columns are a 28x28 image
                .conv2d(16, 3, Window.Padding.SAME).activation(Activation.relu())   // 28x28x16
                .maxPool(2)                                                          // 14x14x16
                .conv2d(32, 3, Window.Padding.SAME).activation(Activation.relu())   // 14x14x32
                .maxPool(2)                                                          // 7x7x32
                .flatten()                                                           // 1568
                .dense(128).activation(Activation.relu())
                .dropout(0.25)                                 // in training only
                .dense(10)
                .softmaxCrossEntropy()
                .seed(0)
                .build();
        TrainingHistory history = new Training(cnn, Adam.builder().learningRate(1e-3).build())
                .epochs(epochs).batchSize(64)
                .schedule(LearningRateSchedule.exponentialDecay(0.9))
                .fit(data.train(), data.test());
        Evaluation e = cnn.evaluate(data.test(), 1000);      // inference: dropout passes values

        ModelFile.save(cnn, path);                 // kernels as numpy (filters, kh, kw, channels)
        Sequential onCommons = ModelFile.load(path, Backends.get("commons"));
        double[] images = data.test().head(100).copyOfFeatures();
        return new Result(history, e, cnn.predict(images, 100), onCommons.predict(images, 100));
    }

    /**
     * Trains for 15 epochs (the command's default) on the data of Debian's
     * dataset-fashion-mnist, or of the directory given.
     *
     * @param args optionally, the data directory
     * @throws IOException if the data cannot be read or the model file written
     */
    public static void main(String[] args) throws IOException {
        Path directory = args.length > 0 ? Path.of(args[0]) : FashionMnist.DEFAULT_DIRECTORY;
        Path file = Files.createTempFile("cnn", ".npz");
        try {
            Result r = run(directory, 15, file);
            System.out.println("test accuracy " + r.evaluation().accuracy());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
