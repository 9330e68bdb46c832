package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * A mid-size dense layer, 784→256 on a batch of 64 in double precision (an MNIST-sized
 * layer): the steps of {@link AbstractDenseStepBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DenseStepBenchmark extends AbstractDenseStepBenchmark {
}
