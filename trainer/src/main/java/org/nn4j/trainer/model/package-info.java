/**
 * Models and their training: the one description of an architecture,
 * {@link org.nn4j.trainer.model.ModelSpec} of {@link org.nn4j.trainer.model.LayerSpec}s
 * (a layer type is one such class); {@link org.nn4j.trainer.model.Sequential} stacks of
 * layers built from it; {@link org.nn4j.trainer.model.Training} in epochs of shuffled
 * mini-batches, which records how a model was trained
 * ({@link org.nn4j.trainer.model.TrainingRecord}); evaluation, epoch summaries and listeners.
 * Backend-neutral: every layer and loss comes from the model's {@link org.nn4j.api.Backend}.
 */
package org.nn4j.trainer.model;
