/**
 * Model files: {@link org.nn4j.trainer.io.ModelFile} saves a model (its
 * {@link org.nn4j.trainer.model.ModelSpec}, its {@link org.nn4j.trainer.io.Provenance} and its
 * parameters) in the {@code nn4j-model} format, numpy's {@code .npz} layout, and loads one
 * strictly, on any backend ({@link org.nn4j.trainer.io.SavedModel}); the {@code .npy} and
 * JSON codecs it is written with. No Java serialization.
 */
package org.nn4j.trainer.io;
