package org.nn4j.tck;

import static org.nn4j.tck.TutorialProblem.FEATURES;
import static org.nn4j.tck.TutorialProblem.OUTPUTS;

import java.util.List;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * The tutorial's training step written against the api alone (the kit may not use nn4j's
 * trainer): copy the batch, forward, loss and gradient, backward, and the SGD update
 * {@code axpy(-lr, gradient, value)} for every parameter.
 */
final class TutorialTraining {

    private final LinearAlgebra la;
    private final Layer layer;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final double[] features;
    private final double[] targets;
    private final int samples;
    private final Matrix[] inputs = new Matrix[TutorialProblem.BATCH_SIZE + 1];
    private final Matrix[] batchTargets = new Matrix[TutorialProblem.BATCH_SIZE + 1];
    private final Matrix[] gradients = new Matrix[TutorialProblem.BATCH_SIZE + 1];
    private final Matrix allInputs;
    private final Matrix allTargets;

    TutorialTraining(Backend backend, double[] features, double[] initialWeights) {
        this.la = backend.linearAlgebra();
        this.features = features;
        this.samples = features.length / FEATURES;
        this.targets = TutorialProblem.targets(features, samples);
        this.layer = backend.dense(la.fromRowMajor(FEATURES, OUTPUTS, initialWeights),
                la.zeros(1, OUTPUTS));
        this.loss = backend.meanSquaredError();
        this.parameters = layer.parameters();
        this.allInputs = la.fromRowMajor(samples, FEATURES, features);
        this.allTargets = la.fromRowMajor(samples, OUTPUTS, targets);
    }

    /**
     * Takes one step on the batch starting at a row: rows {@code start} and {@code start + 1},
     * or only {@code start} at the end of the data.
     *
     * @return the batch loss before the update (nn4j's value, half the tutorial's print)
     */
    double step(int start) {
        int rows = Math.min(TutorialProblem.BATCH_SIZE, samples - start);
        if (inputs[rows] == null) {
            inputs[rows] = la.zeros(rows, FEATURES);
            batchTargets[rows] = la.zeros(rows, OUTPUTS);
            gradients[rows] = la.zeros(rows, OUTPUTS);
        }
        la.copyFromRowMajor(features, start * FEATURES, inputs[rows]);
        la.copyFromRowMajor(targets, start * OUTPUTS, batchTargets[rows]);
        double value = loss.valueAndGradient(layer.forward(inputs[rows]), batchTargets[rows],
                gradients[rows]);
        layer.backward(gradients[rows]);
        for (Parameter p : parameters) {
            la.axpy(-TutorialProblem.LEARNING_RATE, p.gradient(), p.value());
        }
        return value;
    }

    /** Returns the loss over the whole training set with the current parameters. */
    double trainingSetLoss() {
        return loss.value(layer.forward(allInputs), allTargets);
    }

    double[] weights() {
        return parameters.get(0).value().toRowMajor();
    }

    double[] bias() {
        return parameters.get(1).value().toRowMajor();
    }
}
