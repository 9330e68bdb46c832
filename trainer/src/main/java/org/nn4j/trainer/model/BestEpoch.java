package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * The best epoch so far by a validation metric, for {@link Training}: its index and value, the
 * epochs since, and (when early stopping will restore them) a copy of its parameters and of
 * its state arrays (batch normalisation's running statistics): restoring the weights without
 * the statistics they were trained with would give a model that no epoch ever was.
 */
final class BestEpoch {

    private final EarlyStopping rule;
    private final boolean keepParameters;
    private int epoch = -1;
    private double value = Double.NaN;
    private int epochsWithoutImprovement;
    private List<double[]> parameters = List.of();
    private List<double[]> state = List.of();

    /**
     * @param rule           the metric and minimum delta; without early stopping, the
     *                       validation loss with a minimum delta of 0
     * @param keepParameters whether to copy the best epoch's parameters and state (to restore
     *                       them)
     */
    BestEpoch(EarlyStopping rule, boolean keepParameters) {
        this.rule = rule;
        this.keepParameters = keepParameters;
    }

    /**
     * Takes a checkpoint's record; {@link Training#checkResume} has checked that its parameters
     * and state arrays fit the model's.
     */
    void restore(TrainingCheckpoint.Best saved) {
        epoch = saved.epoch();
        value = saved.value();
        epochsWithoutImprovement = saved.epochsWithoutImprovement();
        parameters = keepParameters ? saved.parameters() : List.of();
        state = keepParameters ? saved.state() : List.of();
    }

    /** Counts an epoch: it becomes the best, or one more without improvement. */
    void update(EpochSummary summary, List<Parameter> model, List<Layer.State> modelState) {
        double v = rule.value(summary);
        if (rule.improves(v, value)) {
            epoch = summary.epoch();
            value = v;
            epochsWithoutImprovement = 0;
            if (keepParameters) {
                List<double[]> copy = new ArrayList<>();
                for (Parameter p : model) {
                    copy.add(p.value().toRowMajor());
                }
                parameters = copy;
                List<double[]> stateCopy = new ArrayList<>();
                for (Layer.State a : modelState) {
                    stateCopy.add(a.value().toRowMajor());
                }
                state = stateCopy;
            }
        } else {
            epochsWithoutImprovement++;
        }
    }

    /** Whether the patience has run out. */
    boolean patienceExhausted() {
        return epochsWithoutImprovement >= rule.patience();
    }

    int epoch() {
        return epoch;
    }

    /**
     * Writes the best epoch's parameters and state arrays back into the model; false if there
     * is none kept.
     */
    boolean restoreInto(LinearAlgebra la, List<Parameter> model, List<Layer.State> modelState) {
        if (epoch < 0 || parameters.isEmpty()) {
            return false;
        }
        for (int i = 0; i < model.size(); i++) {
            la.copyFromRowMajor(parameters.get(i), 0, model.get(i).value());
        }
        for (int i = 0; i < modelState.size(); i++) {
            la.copyFromRowMajor(state.get(i), 0, modelState.get(i).value());
        }
        return true;
    }

    TrainingCheckpoint.Best save() {
        return new TrainingCheckpoint.Best(epoch, value, epochsWithoutImprovement, parameters,
                state);
    }

    String describe() {
        return rule.monitor().label() + " did not improve by more than " + rule.minDelta()
                + " for " + epochsWithoutImprovement + " epochs";
    }
}
