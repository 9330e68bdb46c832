package org.nn4j.trainer.optim;

import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * What {@link Adam} and {@link AdamW} share: the settings {@code β₁}, {@code β₂} and
 * {@code ε}, the two moments per parameter and the step count {@code t} for the bias
 * correction, saved in checkpoints and transient in Java serialization as the moments are.
 * Each subclass says what one parameter's step is.
 */
abstract class AdamFamily extends AbstractOptimizer {

    private static final long serialVersionUID = 1L;

    /** Decay of the first-moment estimate, {@code β₁}. */
    final double beta1;
    /** Decay of the second-moment estimate, {@code β₂}. */
    final double beta2;
    /** Added to the denominator, {@code ε}. */
    final double epsilon;
    /**
     * Steps taken since creation or the last reset, for the bias correction; transient, as the
     * moments are, so a deserialized optimizer starts again from {@code t = 1}.
     */
    private transient long steps;

    AdamFamily(OptimizerBuilder<?, ?> b) {
        super(2, b);
        this.beta1 = Hyperparameters.fraction("beta1", b.get("beta1"));
        this.beta2 = Hyperparameters.fraction("beta2", b.get("beta2"));
        this.epsilon = Hyperparameters.positiveFinite("epsilon", b.get("epsilon"));
    }

    @Override
    void addSettings(Map<String, Double> settings) {
        settings.put("beta1", beta1);
        settings.put("beta2", beta2);
        settings.put("epsilon", epsilon);
    }

    /**
     * Returns the steps taken since creation or the last {@link #reset()}.
     *
     * @return the number of steps taken
     */
    public long steps() {
        return steps;
    }

    @Override
    final void step(LinearAlgebra la, List<Parameter> parameters, OptimizerState state) {
        state.bind(la, parameters);
        steps++;
        double rate = learningRate();
        for (int i = 0, n = parameters.size(); i < n; i++) {
            Parameter p = parameters.get(i);
            update(la, rate, steps, p, state.slot(0, i), state.slot(1, i));
        }
    }

    /**
     * One parameter's fused step.
     *
     * @param la   the backend
     * @param rate the learning rate of this step
     * @param t    the step count, from 1
     * @param p    the parameter: its gradient is read, its value updated
     * @param m    its first moment, updated
     * @param v    its second moment, updated
     */
    abstract void update(LinearAlgebra la, double rate, long t, Parameter p, Matrix m, Matrix v);

    @Override
    final void saveCounters(Map<String, Long> counters) {
        counters.put("steps", steps);
    }

    @Override
    final void restoreCounters(Map<String, Long> counters) {
        steps = counters.get("steps");
    }

    @Override
    public final void reset() {
        super.reset();
        steps = 0;
    }
}
