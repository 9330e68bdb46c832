package org.nn4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The image operations of {@code LinearAlgebra} at the default CNN's sizes, a batch of 64:
 * the first convolution's im2col and col2im (28x28x1, 3x3 'same': 50,176 x 9 columns), the
 * second's (14x14x16, 3x3 'same': 12,544 x 144), the 2x2 stride-2 max pooling of the first
 * convolution's 28x28x16 output and its gradient, the reshape of that output from
 * {@code (N·784) x 16} to {@code N x 12,544}. Run with JMH's own main:
 * {@code java -cp "benchmarks/target/nn4j-benchmarks.jar:benchmarks/target/lib/*"
 * org.openjdk.jmh.Main ImageKernelsBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ImageKernelsBenchmark {

    private static final int BATCH = 64;
    private static final Window CONV1 = Window.square(new ImageShape(28, 28, 1), 3, 1,
            Window.Padding.SAME);
    private static final Window CONV2 = Window.square(new ImageShape(14, 14, 16), 3, 1,
            Window.Padding.SAME);
    private static final Window POOL = Window.square(new ImageShape(28, 28, 16), 2, 2,
            Window.Padding.VALID);

    /** The backend's name. */
    @Param({"ejml", "commons", "nd4j"})
    public String backend;

    /** {@code f64} or {@code f32}. */
    @Param({"f64", "f32"})
    public String precision;

    private LinearAlgebra la;
    private Matrix images1;
    private Matrix columns1;
    private Matrix images2;
    private Matrix columns2;
    private Matrix activations;
    private Matrix pooled;
    private Matrix activationGradient;
    private Matrix convOutput;

    /** Random batches of every shape. */
    @Setup
    public void setUp() {
        Precision p = precision.equals("f32") ? Precision.F32 : Precision.F64;
        la = Backends.get(backend).inPrecision(p).linearAlgebra();
        images1 = random(BATCH, CONV1.input().size(), 1);
        columns1 = random(BATCH * CONV1.outputHeight() * CONV1.outputWidth(), CONV1.patchSize(), 2);
        images2 = random(BATCH, CONV2.input().size(), 3);
        columns2 = random(BATCH * CONV2.outputHeight() * CONV2.outputWidth(), CONV2.patchSize(), 4);
        activations = random(BATCH, POOL.input().size(), 5);
        pooled = random(BATCH, POOL.pooled().size(), 6);
        activationGradient = random(BATCH, POOL.input().size(), 7);
        convOutput = random(BATCH * 28 * 28, 16, 8);
    }

    private Matrix random(int rows, int cols, long seed) {
        return la.fromRowMajor(rows, cols, new SplittableRandom(seed).doubles(
                (long) rows * cols, -1, 1).toArray());
    }

    /** @return the columns */
    @Benchmark
    public Matrix im2colConv1() {
        la.im2col(images1, CONV1, columns1);
        return columns1;
    }

    /** @return the image gradient */
    @Benchmark
    public Matrix col2imConv1() {
        la.col2im(columns1, CONV1, images1);
        return images1;
    }

    /** @return the columns */
    @Benchmark
    public Matrix im2colConv2() {
        la.im2col(images2, CONV2, columns2);
        return columns2;
    }

    /** @return the image gradient */
    @Benchmark
    public Matrix col2imConv2() {
        la.col2im(columns2, CONV2, images2);
        return images2;
    }

    /** @return the pooled batch */
    @Benchmark
    public Matrix maxPool() {
        la.maxPool(activations, POOL, pooled);
        return pooled;
    }

    /** @return the input gradient */
    @Benchmark
    public Matrix maxPoolBackward() {
        la.maxPoolBackward(activations, POOL, pooled, activationGradient);
        return activationGradient;
    }

    /** @return the reshaped batch */
    @Benchmark
    public Matrix reshape() {
        la.reshape(convOutput, activationGradient);
        return activationGradient;
    }
}
