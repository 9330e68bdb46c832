/**
 * Reading data sets from disk: the IDX format ({@link org.nn4j.trainer.data.Idx}, bounded and
 * checked, gzipped or not) and Fashion-MNIST's four files
 * ({@link org.nn4j.trainer.data.FashionMnist}).
 */
package org.nn4j.trainer.data;
