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
 * The numpy tutorial's step (2×3 weights, batch of 2): copy the batch from the data set,
 * forward, MSE value and gradient, backward, SGD update. Through nn4j on each backend, and
 * written by hand against each library.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SeedStepBenchmark {

    private static final int MASK = Workload.SEED_STARTS - 1;

    /** nn4j's public API on the named backend. */
    @State(Scope.Thread)
    public static class Nn4jState {
        /** The backend's name, as {@code Backends.get(name)} takes it. */
        @Param({"ejml", "commons", "nd4j"})
        public String backend;
        Nn4jStep step;
        int[] starts;
        int next;

        @Setup
        public void setUp() {
            Workload w = Workload.seedStep();
            step = new Nn4jStep(Backends.get(backend), w);
            starts = w.starts();
        }
    }

    /** EJML by hand. */
    @State(Scope.Thread)
    public static class EjmlState {
        EjmlDirectStep step;
        int[] starts;
        int next;

        @Setup
        public void setUp() {
            Workload w = Workload.seedStep();
            step = new EjmlDirectStep(w, false);
            starts = w.starts();
        }
    }

    /** Commons Math by hand, on {@code BlockRealMatrix} or {@code Array2DRowRealMatrix}. */
    @State(Scope.Thread)
    public static class CommonsState {
        CommonsDirectStep step;
        int[] starts;
        int next;

        void setUp(boolean block) {
            Workload w = Workload.seedStep();
            step = new CommonsDirectStep(w, block);
            starts = w.starts();
        }
    }

    /** {@code BlockRealMatrix}. */
    public static class CommonsBlockState extends CommonsState {
        @Setup
        public void setUp() {
            setUp(true);
        }
    }

    /** {@code Array2DRowRealMatrix}. */
    public static class CommonsArrayState extends CommonsState {
        @Setup
        public void setUp() {
            setUp(false);
        }
    }

    /** ND4J by hand, with ND4J's default threads. */
    @State(Scope.Thread)
    public static class Nd4jDirectState {
        Nd4jDirectStep step;
        int[] starts;
        int next;

        @Setup
        public void setUp() {
            Workload w = Workload.seedStep();
            step = new Nd4jDirectStep(w);
            starts = w.starts();
        }
    }

    /** One step through nn4j. */
    @Benchmark
    public double nn4j(Nn4jState s) {
        s.step.load(s.starts[s.next++ & MASK]);
        return s.step.step();
    }

    /** One step hand-written against EJML's {@code CommonOps_DDRM}. */
    @Benchmark
    public double ejmlDirect(EjmlState s) {
        s.step.load(s.starts[s.next++ & MASK]);
        return s.step.step();
    }

    /** One step by hand on Commons Math's {@code BlockRealMatrix}. */
    @Benchmark
    public double commonsDirect(CommonsBlockState s) {
        s.step.load(s.starts[s.next++ & MASK]);
        return s.step.step();
    }

    /** One step by hand on Commons Math's {@code Array2DRowRealMatrix}. */
    @Benchmark
    public double commonsArrayDirect(CommonsArrayState s) {
        s.step.load(s.starts[s.next++ & MASK]);
        return s.step.step();
    }

    /** One step by hand on ND4J. */
    @Benchmark
    public double nd4jDirect(Nd4jDirectState s) {
        s.step.load(s.starts[s.next++ & MASK]);
        return s.step.step();
    }
}
