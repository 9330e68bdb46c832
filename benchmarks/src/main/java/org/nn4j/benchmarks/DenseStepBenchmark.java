package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nn4j.api.Backends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A mid-size dense layer, 784→256 on a batch of 64 in double precision (an MNIST-sized
 * layer): forward, MSE value and gradient, backward, SGD update, on one fixed batch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DenseStepBenchmark {

    static final int INPUTS = 784;
    static final int OUTPUTS = 256;
    static final int BATCH = 64;

    /** nn4j's public API on the named backend. */
    @State(Scope.Thread)
    public static class Nn4jState {
        /** The backend's name. */
        @Param({"ejml"})
        public String backend;
        Nn4jStep step;

        @Setup
        public void setUp() {
            step = new Nn4jStep(Backends.get(backend), Workload.dense(INPUTS, OUTPUTS, BATCH));
        }
    }

    /** EJML by hand, single-threaded ({@code CommonOps_DDRM}). */
    @State(Scope.Thread)
    public static class EjmlState {
        EjmlDirectStep step;

        @Setup
        public void setUp() {
            step = new EjmlDirectStep(Workload.dense(INPUTS, OUTPUTS, BATCH), false);
        }
    }

    /** EJML by hand, products multi-threaded ({@code CommonOps_MT_DDRM}). */
    @State(Scope.Thread)
    public static class EjmlConcurrentState {
        EjmlDirectStep step;

        @Setup
        public void setUp() {
            step = new EjmlDirectStep(Workload.dense(INPUTS, OUTPUTS, BATCH), true);
        }
    }

    /** One step through nn4j. */
    @Benchmark
    public double nn4j(Nn4jState s) {
        return s.step.step();
    }

    /** One step by hand on EJML, one thread. */
    @Benchmark
    public double ejmlDirect(EjmlState s) {
        return s.step.step();
    }

    /** One step by hand on EJML, multi-threaded products. */
    @Benchmark
    public double ejmlDirectConcurrent(EjmlConcurrentState s) {
        return s.step.step();
    }
}
