/**
 * The programs the documentation quotes, each run by a test that checks its output, so the
 * docs cannot drift from the API: your own arrays, a layer by hand, the tutorial's
 * regression, Fashion-MNIST in code, a classifier from layers by hand, predicting from
 * several threads.
 */
package org.nn4j.examples;
