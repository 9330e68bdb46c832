/**
 * Spark ML Estimators for nn4j networks: {@link org.nn4j.trainer.spark.ml.NeuralNetworkClassifier}
 * and {@link org.nn4j.trainer.spark.ml.NeuralNetworkRegressor} fit on DataFrames (a vector
 * features column and a label column, so they follow VectorAssembler, StringIndexer and
 * StandardScaler in a Pipeline), train with {@link org.nn4j.trainer.spark.SparkTraining}, and
 * produce Transformers that predict on the executors and save as Spark ML stages holding an
 * nn4j model file.
 */
package org.nn4j.trainer.spark.ml;
