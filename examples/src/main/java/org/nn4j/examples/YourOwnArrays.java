package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Evaluation;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.optim.Adam;

/**
 * A classifier on your own arrays: build an MLP with {@link Sequential}, train it, evaluate it,
 * save it, load it and predict. README's example is the body of {@link #run}.
 *
 * <p>The data: points in the plane, class 0 inside the unit circle, class 1 on a ring of radius
 * 1.5 to 2 around it. No straight line separates them; one hidden layer does.
 */
public final class YourOwnArrays {

    private YourOwnArrays() {
    }

    /** What the program measured and predicted. */
    public record Result(Evaluation evaluation, int[] classes) {
    }

    /**
     * Trains, evaluates, saves, loads and predicts.
     *
     * @param features    {@code labels.length} rows of 2 values, row-major
     * @param labels      one class, 0 or 1, per row
     * @param testFeatures held-out rows, as {@code features}
     * @param testLabels  their classes
     * @param file        where the model is saved
     * @return the test-set evaluation, and the classes predicted for (0.1, 0.2) and (1.5, -1.4)
     * @throws IOException if the model file cannot be written or read
     */
    public static Result run(double[] features, int[] labels, double[] testFeatures,
                             int[] testLabels, Path file) throws IOException {
        // Your arrays: features row-major, 2 values per example; labels 0 or 1, one per example.
        DataSet train = DataSet.oneHot(labels.length, 2, features, labels, 2);
        DataSet test = DataSet.oneHot(testLabels.length, 2, testFeatures, testLabels, 2);

        Backend backend = Backends.get();                     // EJML unless told otherwise
        Sequential model = Sequential.builder(backend)
                .input(2)
                .dense(16).activation(Activation.tanh())
                .dense(2)
                .softmaxCrossEntropy()
                .seed(42)                                     // every random number, one seed
                .build();
        new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(40).batchSize(32)
                .fit(train, test);
        Evaluation evaluation = model.evaluate(test, 1000);   // mean loss and accuracy

        ModelFile.save(model, file);                          // with how it was trained
        Predictor predictor = ModelFile.load(file).predictor(backend);  // threads may share it
        int[] classes = predictor.predictClasses(new double[] {0.1, 0.2, 1.5, -1.4}, 2);  // two rows
        return new Result(evaluation, classes);
    }

    /**
     * Makes {@code count} points of the two classes, alternating.
     *
     * @param count  how many
     * @param seed   the generator's seed
     * @param labels filled with the classes, {@code count} long
     * @return the points, row-major
     */
    public static double[] rings(int count, long seed, int[] labels) {
        Rng rng = new Rng(seed);
        double[] points = new double[2 * count];
        for (int i = 0; i < count; i++) {
            int label = i % 2;
            double radius = label == 0 ? Math.sqrt(rng.nextDouble()) : 1.5 + 0.5 * rng.nextDouble();
            double angle = 2 * Math.PI * rng.nextDouble();
            points[2 * i] = radius * Math.cos(angle);
            points[2 * i + 1] = radius * Math.sin(angle);
            labels[i] = label;
        }
        return points;
    }

    /**
     * Runs the example on 1,000 training and 500 test points and prints what it found.
     *
     * @param args ignored
     * @throws IOException if the model file cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        int[] labels = new int[1000];
        double[] features = rings(1000, 1, labels);
        int[] testLabels = new int[500];
        double[] testFeatures = rings(500, 2, testLabels);
        Path file = Files.createTempFile("rings", ".npz");
        try {
            Result result = run(features, labels, testFeatures, testLabels, file);
            System.out.printf("test accuracy %.3f, test loss %.4f%n",
                    result.evaluation().accuracy(), result.evaluation().loss());
            System.out.println("predicted classes " + Arrays.toString(result.classes()));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
