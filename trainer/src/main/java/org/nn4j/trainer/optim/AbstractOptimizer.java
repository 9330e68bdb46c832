package org.nn4j.trainer.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * What every optimizer here shares: the learning rate, clipping by global norm, the settings
 * report and the state, which is transient (a deserialized optimizer is unbound) and made on
 * first use.
 */
abstract class AbstractOptimizer implements Optimizer {

    private static final long serialVersionUID = 1L;

    private final int slots;
    private double learningRate;
    /** The largest global norm of the gradients a step uses; 0 for no clipping. */
    private final double clipGlobalNorm;
    private transient OptimizerState state;
    /** The gradients of the last step, for clipping; a list reused so a step allocates nothing. */
    private transient List<Matrix> gradients;

    AbstractOptimizer(int slots, OptimizerBuilder<?, ?> settings) {
        this.slots = slots;
        this.learningRate = Hyperparameters.positiveFinite("learning rate",
                settings.get(LEARNING_RATE));
        Double clip = settings.clipping();
        this.clipGlobalNorm = clip == null ? 0.0
                : Hyperparameters.positiveFinite("clip global norm", clip);
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
        if (clipGlobalNorm > 0) {
            settings.put(CLIP_GLOBAL_NORM, clipGlobalNorm);
        }
        return Collections.unmodifiableMap(settings);
    }

    /** Adds the settings other than the learning rate, in order. */
    abstract void addSettings(Map<String, Double> settings);

    @Override
    public final void step(LinearAlgebra linearAlgebra, List<Parameter> parameters) {
        if (state == null) {
            state = new OptimizerState(name(), slots);
        }
        if (clipGlobalNorm > 0) {
            clip(linearAlgebra, parameters);
        }
        step(linearAlgebra, parameters, state);
    }

    /** Scales every gradient in place so that their global norm is at most the limit. */
    private void clip(LinearAlgebra la, List<Parameter> parameters) {
        if (gradients == null) {
            gradients = new ArrayList<>(parameters.size());
        }
        gradients.clear();
        for (int i = 0, n = parameters.size(); i < n; i++) {
            gradients.add(parameters.get(i).gradient());
        }
        la.clipGlobalNorm(clipGlobalNorm, gradients);
    }

    /** Steps with the state, which the implementation binds (or not, when it needs none). */
    abstract void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state);

    @Override
    public final SavedOptimizerState saveState() {
        Map<String, Long> counters = new LinkedHashMap<>();
        saveCounters(counters);
        return new SavedOptimizerState(name(), counters,
                state == null ? List.of() : state.save());
    }

    @Override
    public final void restoreState(LinearAlgebra linearAlgebra, List<Parameter> parameters,
                                   SavedOptimizerState saved) {
        java.util.Objects.requireNonNull(saved, "state");
        if (!saved.optimizer().equals(name())) {
            throw new IllegalArgumentException("the saved state is " + saved.optimizer()
                    + "'s; this optimizer is " + name());
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        saveCounters(expected);
        if (!saved.counters().keySet().equals(expected.keySet())) {
            throw new IllegalArgumentException(name() + " keeps the counters "
                    + expected.keySet() + "; the saved state has " + saved.counters().keySet());
        }
        saved.counters().forEach((counter, value) -> {
            if (value < 0) {
                throw new IllegalArgumentException(name() + "'s saved " + counter + " is "
                        + value + "; a counter is never negative");
            }
        });
        if (state == null) {
            state = new OptimizerState(name(), slots);
        }
        state.restore(linearAlgebra, parameters, saved.slots());
        restoreCounters(saved.counters());
    }

    /**
     * Adds the whole-number state, such as a step count, by name; none by default. An
     * optimizer that keeps such a count overrides this and {@link #restoreCounters}.
     */
    void saveCounters(Map<String, Long> counters) {
    }

    /** Puts back what {@link #saveCounters} saved; its names and signs are checked already. */
    void restoreCounters(Map<String, Long> counters) {
    }

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
