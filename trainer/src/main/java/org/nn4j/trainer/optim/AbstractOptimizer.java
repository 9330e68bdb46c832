package org.nn4j.trainer.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * What every optimizer here shares: the learning rate, the settings report and the state,
 * which is transient (a deserialized optimizer is unbound) and made on first use.
 */
abstract class AbstractOptimizer implements Optimizer {

    private static final long serialVersionUID = 1L;

    private final int slots;
    private double learningRate;
    private transient OptimizerState state;

    AbstractOptimizer(int slots, double learningRate) {
        this.slots = slots;
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        this.learningRate = Hyperparameters.positiveFinite("learning rate", learningRate);
    }

    @Override
    public final Map<String, Double> settings() {
        Map<String, Double> settings = new LinkedHashMap<>();
        settings.put(LEARNING_RATE, learningRate);
        addSettings(settings);
        return Collections.unmodifiableMap(settings);
    }

    /** Adds the settings other than the learning rate, in order. */
    abstract void addSettings(Map<String, Double> settings);

    @Override
    public final void step(LinearAlgebra linearAlgebra, List<Parameter> parameters) {
        if (state == null) {
            state = new OptimizerState(name(), slots);
        }
        step(linearAlgebra, parameters, state);
    }

    /** Steps with the state, which the implementation binds (or not, when it needs none). */
    abstract void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state);

    @Override
    public void reset() {
        if (state != null) {
            state.reset();
        }
    }

    @Override
    public final Optimizer copy() {
        return Optimizers.named(name(), settings());
    }

    @Override
    public String toString() {
        return name() + " " + settings();
    }
}
