/**
 * Reading data sets from disk: the IDX format ({@link org.nn4j.trainer.data.Idx}, bounded and
 * checked, gzipped or not), Fashion-MNIST's four files
 * ({@link org.nn4j.trainer.data.FashionMnist}) and CSV tables
 * ({@link org.nn4j.trainer.data.CsvTable}, bounded and checked too, with the columns a model
 * needs to read another table in {@link org.nn4j.trainer.data.TableSchema}); and feature
 * standardization fitted on a training set ({@link org.nn4j.trainer.data.Standardization}).
 */
package org.nn4j.trainer.data;
