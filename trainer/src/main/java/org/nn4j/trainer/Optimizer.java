package org.nn4j.trainer;

import java.util.List;
import org.nn4j.api.Parameter;

/**
 * Updates a model's parameters in place from their gradients, once per mini-batch.
 *
 * <p><b>Lifecycle.</b>
 * <ol>
 *   <li>Create it with its hyper-parameters and the backend's {@link org.nn4j.api.LinearAlgebra}
 *       (each implementation documents its defaults).</li>
 *   <li>Call {@link #step(List)} after each backward pass. The first step <em>binds</em> the
 *       optimizer to that list of parameters (the same matrices, in the same order) and
 *       allocates its state, zero, as matrices of the parameters' backend; every later step
 *       must pass the same parameters, and allocates nothing. Another list is an
 *       {@link IllegalStateException} that says to call {@link #reset()}.</li>
 *   <li>{@link #setLearningRate(double)} may be called between steps; a
 *       {@link LearningRateSchedule} does, once per epoch.</li>
 *   <li>{@link #reset()} forgets the state and the binding: the next step starts afresh,
 *       exactly as a new optimizer would, on whatever parameters it is given. The learning
 *       rate stays as last set.</li>
 * </ol>
 *
 * <p>Not thread-safe: one optimizer steps one model from one thread.
 */
public interface Optimizer {

    /** Returns a short lower-case name, for example {@code "adam"}. */
    String name();

    /** Returns the learning rate the next step uses. */
    double learningRate();

    /**
     * Sets the learning rate for the following steps.
     *
     * @param learningRate positive and finite
     * @throws IllegalArgumentException if it is not
     */
    void setLearningRate(double learningRate);

    /**
     * Updates every parameter in place from its gradient; the gradients are not modified.
     *
     * @param parameters the parameters with their gradients, as {@link org.nn4j.api.Layer#parameters()}
     *                   gives them
     * @throws IllegalStateException if they are not the parameters of the first step since
     *                               creation or {@link #reset()}
     */
    void step(List<Parameter> parameters);

    /** Forgets the state (moments, accumulators, step count) and the bound parameters. */
    void reset();
}
