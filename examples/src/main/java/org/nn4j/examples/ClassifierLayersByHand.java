package org.nn4j.examples;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * A 784-256-10 classifier from the backend's layers and loss, without {@code Sequential}: dense,
 * ReLU, dense, softmax cross-entropy, trained by SGD to tell ten random "images" apart.
 */
public final class ClassifierLayersByHand {

    private ClassifierLayersByHand() {
    }

    /** The loss before the first step and after the last, and the classes predicted. */
    public record Result(double firstLoss, double lastLoss, int[] predicted) {
    }

    /**
     * Trains for {@code steps} steps on ten examples, example k of class k.
     *
     * @param steps SGD steps
     * @return the losses and the classes predicted for the ten examples
     */
    public static Result run(int steps) {
        Backend backend = Backends.get();
        LinearAlgebra la = backend.linearAlgebra();
        Rng rng = new Rng(3);
        Matrix w1 = la.fromRowMajor(784, 256, scaled(rng.gaussians(784 * 256), Math.sqrt(2.0 / 784)));
        Matrix b1 = la.zeros(1, 256);
        Matrix w2 = la.fromRowMajor(256, 10, scaled(rng.gaussians(256 * 10), Math.sqrt(2.0 / 256)));
        Matrix b2 = la.zeros(1, 10);
        double[] pixels = new double[10 * 784];
        double[] oneHot = new double[10 * 10];
        for (int k = 0; k < 10; k++) {
            for (int p = 0; p < 784; p++) {
                pixels[k * 784 + p] = rng.nextDouble();
            }
            oneHot[k * 10 + k] = 1;
        }
        Matrix x = la.fromRowMajor(10, 784, pixels);
        Matrix t = la.fromRowMajor(10, 10, oneHot);
        Matrix dy = la.zeros(10, 10);

        Layer hidden = backend.dense(w1, b1);                              // 784 -> 256
        Layer relu = backend.activation(Activation.relu(), 256);           // no parameters
        Layer out = backend.dense(w2, b2);                                 // 256 -> 10, logits
        Loss loss = backend.softmaxCrossEntropy();                         // on logits, one-hot targets
        List<Parameter> parameters = new ArrayList<>(hidden.parameters());
        parameters.addAll(out.parameters());
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.01);
        double first = Double.NaN;
        double value = Double.NaN;
        for (int step = 0; step < steps; step++) {
            value = loss.valueAndGradient(out.forward(relu.forward(hidden.forward(x))), t, dy);
            hidden.backward(relu.backward(out.backward(dy)), false);         // false: no gradient for x
            sgd.step(la, parameters);
            first = step == 0 ? value : first;
        }
        int[] predicted = la.argmaxRows(out.forward(relu.forward(hidden.forward(x))));
        return new Result(first, value, predicted);
    }

    private static double[] scaled(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) {
            values[i] *= factor;
        }
        return values;
    }

    /**
     * Trains for 100 steps and prints the losses and the classes.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Result r = run(100);
        System.out.println("loss " + r.firstLoss() + " -> " + r.lastLoss() + ", classes "
                + java.util.Arrays.toString(r.predicted()));
    }
}
