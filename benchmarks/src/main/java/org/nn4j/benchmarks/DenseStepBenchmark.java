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
        @Param({"ejml", "commons", "nd4j"})
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

    /** nn4j on ND4J with two OpenMP and BLAS threads ({@code -Dnn4j.nd4j.threads=2}). */
    @State(Scope.Thread)
    public static class Nn4jNd4jTwoThreadsState {
        Nn4jStep step;

        @Setup
        public void setUp() {
            // Read when the backend loads its natives: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.nd4j.threads", "2");
            step = new Nn4jStep(Backends.get("nd4j"), Workload.dense(INPUTS, OUTPUTS, BATCH));
        }
    }
    /** nn4j on ND4J with two OpenBLAS threads and one OpenMP thread
     *  ({@code -Dnn4j.nd4j.blasThreads=2}). */
    @State(Scope.Thread)
    public static class Nn4jNd4jTwoBlasThreadsState {
        Nn4jStep step;

        @Setup
        public void setUp() {
            // Read when the backend loads its natives: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.nd4j.blasThreads", "2");
            step = new Nn4jStep(Backends.get("nd4j"), Workload.dense(INPUTS, OUTPUTS, BATCH));
        }
    }


    /** nn4j on EJML with its products kept on one thread, to measure the threads' share. */
    @State(Scope.Thread)
    public static class Nn4jEjmlOneThreadState {
        Nn4jStep step;

        @Setup
        public void setUp() {
            // Read when the EJML backend's classes initialise: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.ejml.concurrentThreshold", Long.toString(Long.MAX_VALUE));
            step = new Nn4jStep(Backends.get("ejml"), Workload.dense(INPUTS, OUTPUTS, BATCH));
        }
    }

    /** Commons Math by hand. */
    @State(Scope.Thread)
    public static class CommonsBlockState {
        CommonsDirectStep step;

        @Setup
        public void setUp() {
            step = new CommonsDirectStep(Workload.dense(INPUTS, OUTPUTS, BATCH), true);
        }
    }

    /** ND4J by hand, with ND4J's default threads. */
    @State(Scope.Thread)
    public static class Nd4jDirectState {
        Nd4jDirectStep step;

        @Setup
        public void setUp() {
            step = new Nd4jDirectStep(Workload.dense(INPUTS, OUTPUTS, BATCH));
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

    /** One step through nn4j on ND4J with two threads. */
    @Benchmark
    public double nn4jNd4jTwoThreads(Nn4jNd4jTwoThreadsState s) {
        return s.step.step();
    }

    /** One step through nn4j on ND4J, two OpenBLAS threads, one OpenMP thread. */
    @Benchmark
    public double nn4jNd4jTwoBlasThreads(Nn4jNd4jTwoBlasThreadsState s) {
        return s.step.step();
    }

    /** One step by hand on Commons Math's {@code BlockRealMatrix}. */
    @Benchmark
    public double commonsDirect(CommonsBlockState s) {
        return s.step.step();
    }

    /** One step by hand on ND4J. */
    @Benchmark
    public double nd4jDirect(Nd4jDirectState s) {
        return s.step.step();
    }

    /** One step through nn4j on EJML, one thread. */
    @Benchmark
    public double nn4jEjmlOneThread(Nn4jEjmlOneThreadState s) {
        return s.step.step();
    }
}
