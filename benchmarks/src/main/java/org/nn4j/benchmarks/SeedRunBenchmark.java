package org.nn4j.benchmarks;

import java.util.concurrent.TimeUnit;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.regression.LinearRegressionTraining;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The whole seed run, {@code ./nn4j linear-regression} with the tutorial's settings (seed 0:
 * 10,569 steps, 177 stops refused by the whole training set): data generation, initial
 * weights and the training loop, after warm-up.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SeedRunBenchmark {

    /** The run on the named backend. */
    @State(Scope.Thread)
    public static class RunState {
        /** The backend's name. */
        @Param({"ejml", "commons", "nd4j"})
        public String backend;
        LinearRegressionTraining training;
        LinearRegressionTraining.Result last;

        @Setup
        public void setUp() {
            Backend b = Backends.get(backend);
            training = new LinearRegressionTraining(b, LinearRegressionTraining.Config.tutorial());
        }

        /** A benchmark of a run that no longer converges would be worthless. */
        @TearDown(Level.Iteration)
        public void check() {
            if (last == null || !last.converged() || !last.weightsAllClose()
                    || !last.biasAllClose()) {
                throw new IllegalStateException("the seed run did not converge to the truth: "
                        + (last == null ? "no run" : last.message()));
            }
        }
    }

    /** One whole training run through nn4j. */
    @Benchmark
    public LinearRegressionTraining.Result nn4j(RunState s) {
        s.last = s.training.run();
        return s.last;
    }
}
