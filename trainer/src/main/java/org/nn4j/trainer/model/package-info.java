/**
 * Models and their training: {@link org.nn4j.trainer.model.Sequential} stacks of layers,
 * {@link org.nn4j.trainer.model.Training} in epochs of shuffled mini-batches, evaluation and
 * listeners. Backend-neutral: every layer and loss comes from the model's
 * {@link org.nn4j.api.Backend}.
 */
package org.nn4j.trainer.model;
