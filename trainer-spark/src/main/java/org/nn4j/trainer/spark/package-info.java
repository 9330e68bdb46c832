/**
 * Data-parallel training on Apache Spark: {@link org.nn4j.trainer.spark.SparkTraining}
 * (synchronous mini-batch SGD, or parameter averaging) of a
 * {@link org.nn4j.trainer.model.Sequential} whose {@link org.nn4j.trainer.model.ModelSpec}
 * and optimizer settings are shipped to the executors, over
 * {@link org.nn4j.trainer.spark.DataBlock}s of packed rows; the per-partition functions and
 * the flat {@link org.nn4j.trainer.spark.ParameterVector} they exchange.
 */
package org.nn4j.trainer.spark;
