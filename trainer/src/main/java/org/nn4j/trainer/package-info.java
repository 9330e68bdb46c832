/**
 * What training is made of, on any backend: data ({@link org.nn4j.trainer.DataSet}), seeded
 * randomness ({@link org.nn4j.trainer.Rng}), weight {@link org.nn4j.trainer.Initialization},
 * optimizers as backend-free settings ({@link org.nn4j.trainer.Optimizer}, their builders,
 * {@link org.nn4j.trainer.Optimizers} by name), {@link org.nn4j.trainer.LearningRateSchedule}s,
 * divergence guards ({@link org.nn4j.trainer.LastGoodParameters}), and the numpy tutorial's
 * linear regression ({@link org.nn4j.trainer.LinearRegressionTraining}). Models and their
 * training loop are in {@code org.nn4j.trainer.model}; files in {@code org.nn4j.trainer.io}.
 */
package org.nn4j.trainer;
