package org.nn4j.benchmarks;

import java.util.List;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/** A training step through nn4j's public API on any backend, as a user writes it. */
final class Nn4jStep {

    private final Workload workload;
    private final LinearAlgebra la;
    private final Layer layer;
    private final Loss loss;
    private final StochasticGradientDescent sgd;
    private final List<Parameter> parameters;
    private final Matrix x;
    private final Matrix t;
    private final Matrix gradient;

    Nn4jStep(Backend backend, Workload workload) {
        this.workload = workload;
        this.la = backend.linearAlgebra();
        this.layer = backend.dense(la.fromRowMajor(workload.inputs(), workload.outputs(),
                workload.weights()), la.zeros(1, workload.outputs()));
        this.loss = backend.meanSquaredError();
        this.sgd = StochasticGradientDescent.withLearningRate(workload.learningRate());
        this.parameters = layer.parameters();
        this.x = la.zeros(workload.batch(), workload.inputs());
        this.t = la.zeros(workload.batch(), workload.outputs());
        this.gradient = la.zeros(workload.batch(), workload.outputs());
        load(0);
    }

    /** Copies the batch that starts at row {@code start} into the batch matrices. */
    void load(int start) {
        la.copyFromRowMajor(workload.features(), start * workload.inputs(), x);
        la.copyFromRowMajor(workload.targets(), start * workload.outputs(), t);
    }

    /** One step on the loaded batch; returns the loss before the update. */
    double step() {
        double value = loss.valueAndGradient(layer.forward(x), t, gradient);
        layer.backward(gradient);
        sgd.step(la, parameters);
        return value;
    }

    /** The current weights, row-major, for checks. */
    double[] weights() {
        return parameters.get(0).value().toRowMajor();
    }
}
