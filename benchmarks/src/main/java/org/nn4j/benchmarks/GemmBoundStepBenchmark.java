package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A step bound by matrix multiplication: a 2048→2048 dense layer on a batch of 2048, double
 * precision; its three products are 51.5 GFLOP, so it shows how close a backend comes to the
 * machine's DGEMM limit (the report gives GFLOP/s). The steps of
 * {@link AbstractDenseStepBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class GemmBoundStepBenchmark extends AbstractDenseStepBenchmark {
}
