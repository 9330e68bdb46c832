/**
 * JMH benchmarks of nn4j against its backends' libraries used directly and against numpy:
 * a dense-layer training step per backend and workload, and seeded runs; not part of the
 * library. {@link org.nn4j.benchmarks.BenchmarkMain} runs them and writes the report.
 */
package org.nn4j.benchmarks;
