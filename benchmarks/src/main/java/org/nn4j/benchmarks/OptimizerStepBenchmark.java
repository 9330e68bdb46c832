package org.nn4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The optimizer steps of one mini-batch of the Fashion-MNIST perceptron (784-256-128-10, six
 * parameters, 235,146 weights) on each backend: Adam, AdamW through
 * {@code AbstractLinearAlgebra}'s default (a {@code scale} pass, then the backend's own fused
 * Adam step) and clipping by global norm within the limit (its default's {@code sumOfSquares}
 * pass). AdamW over Adam is the most a backend's own fused AdamW kernel
 * could save. Not part of {@code benchmarks/run.sh}; run it with JMH's own main:
 * {@code java -cp benchmarks/target/nn4j-benchmarks.jar:benchmarks/target/lib/*
 * org.openjdk.jmh.Main OptimizerStepBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OptimizerStepBenchmark {

    private static final int[][] SHAPES = {{784, 256}, {1, 256}, {256, 128}, {1, 128},
        {128, 10}, {1, 10}};

    /** The backend's name. */
    @Param({"ejml", "commons", "nd4j"})
    public String backend;

    private LinearAlgebra la;
    private final List<Matrix> gradients = new ArrayList<>();
    private final List<Matrix> parameters = new ArrayList<>();
    private final List<Matrix> first = new ArrayList<>();
    private final List<Matrix> second = new ArrayList<>();
    private long step;

    /** Random parameters and gradients of the perceptron's shapes; zero moments. */
    @Setup
    public void setUp() {
        la = Backends.get(backend).linearAlgebra();
        SplittableRandom random = new SplittableRandom(15);
        for (int[] s : SHAPES) {
            int n = s[0] * s[1];
            gradients.add(la.fromRowMajor(s[0], s[1], random.doubles(n, -1e-3, 1e-3).toArray()));
            parameters.add(la.fromRowMajor(s[0], s[1], random.doubles(n, -0.1, 0.1).toArray()));
            first.add(la.zeros(s[0], s[1]));
            second.add(la.zeros(s[0], s[1]));
        }
    }

    /**
     * Adam's step on every parameter.
     *
     * @return a parameter, so the work is not eliminated
     */
    @Benchmark
    public Matrix adam() {
        step++;
        for (int i = 0; i < SHAPES.length; i++) {
            la.adamStep(1e-3, 0.9, 0.999, 1e-8, step, gradients.get(i), first.get(i),
                    second.get(i), parameters.get(i));
        }
        return parameters.get(0);
    }

    /**
     * AdamW's step (λ = 0.01) on every parameter, through the base class's default.
     *
     * @return a parameter, so the work is not eliminated
     */
    @Benchmark
    public Matrix adamW() {
        step++;
        for (int i = 0; i < SHAPES.length; i++) {
            la.adamWStep(1e-3, 0.9, 0.999, 1e-8, 0.01, step, gradients.get(i), first.get(i),
                    second.get(i), parameters.get(i));
        }
        return parameters.get(0);
    }

    /**
     * Clipping within the limit (the gradients' norm is about 0.28): the global norm, one
     * {@code sumOfSquares} pass; above the limit one {@code scale} pass follows. (Repeated
     * clipping above the limit would shrink the gradients towards subnormal numbers.)
     *
     * @return the norm
     */
    @Benchmark
    public double clipGlobalNormWithinTheLimit() {
        return la.clipGlobalNorm(1.0, gradients);
    }
}
