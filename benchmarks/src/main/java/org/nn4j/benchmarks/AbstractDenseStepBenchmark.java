package org.nn4j.benchmarks;

import org.nn4j.api.Backends;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The dense-layer step (forward, MSE value and gradient, backward, SGD update, on one fixed
 * batch) through nn4j on each backend and by hand on each library, as JMH benchmarks that
 * {@link DenseStepBenchmark} and {@link GemmBoundStepBenchmark} inherit with their sizes.
 */
public abstract class AbstractDenseStepBenchmark {


    /**
     * The workload of the concrete benchmark class being run: JMH generates one benchmark per
     * subclass and inherited method, and hands its name to the states' set-up.
     */
    static Workload workload(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        type = type.substring(type.lastIndexOf('.') + 1);
        return switch (type) {
            case "DenseStepBenchmark" -> Workload.dense(784, 256, 64);
            case "GemmBoundStepBenchmark" -> Workload.dense(2048, 2048, 2048);
            default -> throw new IllegalStateException("no dense workload for " + benchmark);
        };
    }

    /** nn4j's public API on the named backend. */
    @State(Scope.Thread)
    public static class Nn4jState {
        /** The backend's name. */
        @Param({"ejml", "commons", "nd4j"})
        public String backend;
        Nn4jStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            step = new Nn4jStep(Backends.get(backend), workload(params));
        }
    }

    /** EJML by hand, single-threaded ({@code CommonOps_DDRM}). */
    @State(Scope.Thread)
    public static class EjmlState {
        EjmlDirectStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            step = new EjmlDirectStep(workload(params), false);
        }
    }

    /** EJML by hand, products multi-threaded ({@code CommonOps_MT_DDRM}). */
    @State(Scope.Thread)
    public static class EjmlConcurrentState {
        EjmlDirectStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            step = new EjmlDirectStep(workload(params), true);
        }
    }

    /** nn4j on ND4J with two OpenMP and BLAS threads ({@code -Dnn4j.nd4j.threads=2}). */
    @State(Scope.Thread)
    public static class Nn4jNd4jTwoThreadsState {
        Nn4jStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            // Read when the backend loads its natives: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.nd4j.threads", "2");
            step = new Nn4jStep(Backends.get("nd4j"), workload(params));
        }
    }
    /** nn4j on ND4J with two OpenBLAS threads and one OpenMP thread
     *  ({@code -Dnn4j.nd4j.blasThreads=2}). */
    @State(Scope.Thread)
    public static class Nn4jNd4jTwoBlasThreadsState {
        Nn4jStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            // Read when the backend loads its natives: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.nd4j.blasThreads", "2");
            step = new Nn4jStep(Backends.get("nd4j"), workload(params));
        }
    }


    /** nn4j on EJML with its products kept on one thread, to measure the threads' share. */
    @State(Scope.Thread)
    public static class Nn4jEjmlOneThreadState {
        Nn4jStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            // Read when the EJML backend's classes initialise: each benchmark runs in a fresh fork.
            System.setProperty("nn4j.ejml.concurrentThreshold", Long.toString(Long.MAX_VALUE));
            step = new Nn4jStep(Backends.get("ejml"), workload(params));
        }
    }

    /** Commons Math by hand. */
    @State(Scope.Thread)
    public static class CommonsBlockState {
        CommonsDirectStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            step = new CommonsDirectStep(workload(params), true);
        }
    }

    /** ND4J by hand, with ND4J's default threads. */
    @State(Scope.Thread)
    public static class Nd4jDirectState {
        Nd4jDirectStep step;

        @Setup
        public void setUp(BenchmarkParams params) {
            step = new Nd4jDirectStep(workload(params));
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
