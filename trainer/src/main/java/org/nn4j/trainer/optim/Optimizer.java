package org.nn4j.trainer.optim;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * Updates a model's parameters in place from their gradients, once per mini-batch.
 *
 * <p>An optimizer is made of its <em>settings</em> alone, named values with defaults
 * ({@code Adam.builder().learningRate(1e-3).beta1(0.9).build()}), and needs no backend to be
 * created: {@link Optimizers#named(String, Map)} makes the named ones from their settings, and
 * {@link #settings()} reports them back, so a model file can record every one.
 *
 * <p><b>Lifecycle.</b>
 * <ol>
 *   <li>Create it with its settings (each implementation documents its defaults).</li>
 *   <li>Call {@link #step(LinearAlgebra, List)} after each backward pass. The first step
 *       <em>binds</em> the optimizer to that backend and that list of parameters (the same
 *       matrices, in the same order) and allocates its state, zero, as matrices of that
 *       backend; every later step must pass the same backend and parameters, and allocates
 *       nothing. Others are an {@link IllegalStateException} that says to call
 *       {@link #reset()}.</li>
 *   <li>{@link #setLearningRate(double)} may be called between steps; a
 *       {@link LearningRateSchedule} does, once per epoch.</li>
 *   <li>{@link #reset()} forgets the state and the binding: the next step starts afresh,
 *       exactly as a new optimizer would, on whatever it is given. The learning rate stays
 *       as last set.</li>
 *   <li>{@link #copy()} returns a new, unbound optimizer with the same settings (at the
 *       current learning rate): what each Spark partition steps with.</li>
 * </ol>
 *
 * <p>Serializable, without its state: a deserialized optimizer is unbound. The state is
 * saved and restored explicitly instead ({@link #saveState()}, {@link #restoreState}), by a
 * training checkpoint; an optimizer with state of a new kind reports it there.
 * Not thread-safe: one optimizer steps one model from one thread.
 */
public interface Optimizer extends Serializable {

    /** The key of the learning rate in {@link #settings()}. */
    String LEARNING_RATE = "learning_rate";

    /**
     * The key of clipping by global norm in {@link #settings()}, present only when set
     * ({@link OptimizerBuilder#clipGlobalNorm(double)}); any optimizer of nn4j takes it.
     */
    String CLIP_GLOBAL_NORM = "clip_global_norm";

    /**
     * Returns a short lower-case name, for example {@code "adam"}; {@link Optimizers} knows it.
     *
     * @return a short lower-case name
     */
    String name();

    /**
     * Returns the learning rate the next step uses.
     *
     * @return the learning rate the next step uses
     */
    double learningRate();

    /**
     * Sets the learning rate for the following steps.
     *
     * @param learningRate positive and finite
     * @throws IllegalArgumentException if it is not
     */
    void setLearningRate(double learningRate);

    /**
     * Returns every setting, names to values in a stable order, starting with
     * {@value #LEARNING_RATE} (at its current value): {@code Optimizers.named(name(), settings())}
     * makes an optimizer with the same settings.
     *
     * @return the settings; unmodifiable
     */
    Map<String, Double> settings();

    /**
     * Updates every parameter in place from its gradient; the gradients are not modified,
     * except that with {@value #CLIP_GLOBAL_NORM} set they are first clipped in place, as
     * PyTorch's {@code clip_grad_norm_} does.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param parameters    the parameters with their gradients, as
     *                      {@link org.nn4j.api.Layer#parameters()} gives them
     * @throws IllegalStateException if they are not the backend and parameters of the first
     *                               step since creation or {@link #reset()}
     */
    void step(LinearAlgebra linearAlgebra, List<Parameter> parameters);

    /** Forgets the state (moments, accumulators, step count) and the binding. */
    void reset();

    /**
     * Returns a new optimizer with the same settings and fresh state, unbound.
     *
     * @return the copy
     */
    Optimizer copy();

    /**
     * Copies the optimizer's state (per-parameter matrices and counters) off its backend, for
     * a checkpoint. The optimizer is not changed.
     *
     * @return its state; {@link SavedOptimizerState#bound()} is false before its first step
     * @throws UnsupportedOperationException if this optimizer cannot save its state (the
     *                                       default, for optimizers written before it could)
     */
    default SavedOptimizerState saveState() {
        throw new UnsupportedOperationException(name() + " cannot save its state for a"
                + " checkpoint (it does not implement Optimizer.saveState)");
    }

    /**
     * Puts back a state {@link #saveState()} returned, so that the next step is the one the
     * saved optimizer would have taken: it binds to these parameters (as a first step would)
     * and copies the state onto this backend; an unbound state leaves it unbound, as after
     * {@link #reset()}. The learning rate is not part of the state.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param parameters    the parameters the next steps will update
     * @param state         a state saved by an optimizer of the same name and settings
     * @throws IllegalArgumentException      if the state is another optimizer's, or its arrays
     *                                       do not fit the parameters (naming which)
     * @throws UnsupportedOperationException if this optimizer cannot restore a state
     */
    default void restoreState(LinearAlgebra linearAlgebra, List<Parameter> parameters,
                              SavedOptimizerState state) {
        throw new UnsupportedOperationException(name() + " cannot restore its state from a"
                + " checkpoint (it does not implement Optimizer.restoreState)");
    }
}
