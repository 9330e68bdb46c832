/**
 * The numpy tutorial nn4j began as: a fully connected layer trained with mean squared error
 * and SGD on a linear regression ({@link org.nn4j.trainer.regression.LinearRegressionTraining},
 * {@link org.nn4j.trainer.regression.LinearRegressionProblem}), checked with
 * {@link org.nn4j.trainer.regression.AllClose}.
 */
package org.nn4j.trainer.regression;
