package org.nn4j.examples;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * One dense layer trained by hand, without {@code Sequential}: the backend's layer, loss and
 * optimizer called directly, on four examples of the tutorial's truth
 * {@code W = [[3,7,4],[5,2,6]]}, {@code b = [2,9,3]}.
 */
public final class LayerByHand {

    private LayerByHand() {
    }

    /**
     * Trains the layer.
     *
     * @return the weights (row-major, 2x3) followed by the bias (3)
     */
    public static double[] run() {
        Backend backend = Backends.get();                 // EJML unless told otherwise
        LinearAlgebra la = backend.linearAlgebra();
        Layer layer = backend.dense(la.zeros(2, 3), la.zeros(1, 3));   // y = x·W + b, W 2x3, b 1x3
        Loss mse = backend.meanSquaredError();
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.01);

        Matrix x = la.fromRowMajor(4, 2, 1, 2, 3, 4, 0, 1, 5, 0);      // four examples, one a row
        Matrix t = la.fromRowMajor(4, 3, 15, 20, 19, 31, 38, 39, 7, 11, 9, 17, 44, 23);
        Matrix gradient = la.zeros(4, 3);
        for (int step = 0; step < 20_000; step++) {
            mse.valueAndGradient(layer.forward(x), t, gradient);      // loss value, gradient written
            layer.backward(gradient);
            sgd.step(la, layer.parameters());
        }
        double[] weights = layer.parameters().get(0).value().toRowMajor();
        double[] bias = layer.parameters().get(1).value().toRowMajor();
        double[] both = new double[9];
        System.arraycopy(weights, 0, both, 0, 6);
        System.arraycopy(bias, 0, both, 6, 3);
        return both;
    }

    /**
     * Prints the learned weights and bias.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(java.util.Arrays.toString(run()));
    }
}
