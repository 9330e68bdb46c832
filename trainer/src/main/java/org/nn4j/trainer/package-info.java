/**
 * What every part of training shares: seeded randomness ({@link org.nn4j.trainer.Rng}), why a
 * run stopped ({@link org.nn4j.trainer.StopReason}) and the divergence guard
 * ({@link org.nn4j.trainer.LastGoodParameters}). Each concern has its own package:
 * optimizers and learning-rate schedules in {@code org.nn4j.trainer.optim}, data sets and
 * readers in {@code org.nn4j.trainer.data}, models, layers and their training loop in
 * {@code org.nn4j.trainer.model}, model files in {@code org.nn4j.trainer.io}, metrics
 * (confusion matrix, precision, recall, F1, MAE, RMSE, R²) in {@code org.nn4j.trainer.metrics},
 * and the numpy tutorial's linear regression in {@code org.nn4j.trainer.regression}.
 */
package org.nn4j.trainer;
