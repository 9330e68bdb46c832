package org.nn4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.Optimizer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step of the Fashion-MNIST multi-layer perceptron through nn4j's trainer, as
 * {@code nn4j fashion-mnist} takes it: forward, softmax cross-entropy value and gradient,
 * backward (the first layer without its input gradient) and Adam's update, on each backend and
 * in each precision. The default sizes are the command's (784-256-128-10, ReLU, batch 128);
 * {@code -p hidden=...} and {@code -p batch=...} measure others, which is how the
 * backend-selection threshold was derived (docs/backends.md).
 *
 * <p>The step cycles through {@value #BATCHES} batches of uniform pixels with random labels,
 * and Adam's rate is 1e-4, so the network cannot fit them within a run and the gradients stay
 * normal numbers (a fitted batch would time the processor's subnormal path). GFLOP/s is
 * {@link #flops(String, int)} divided by the time of a step; {@link MlpStepMain} runs this
 * benchmark and prints both.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MlpStepBenchmark {

    /** The inputs: Fashion-MNIST's 28×28 pixels. */
    static final int INPUTS = 784;
    /** The classes. */
    static final int CLASSES = 10;
    /** Batches cycled through. */
    static final int BATCHES = 16;

    /** The backend's name. */
    @Param({"ejml", "nd4j"})
    public String backend;

    /** {@code f64} or {@code f32}. */
    @Param({"f64", "f32"})
    public String precision;

    /** The hidden layers' sizes, comma-separated, as {@code --hidden}. */
    @Param({"256,128"})
    public String hidden;

    /** Rows per batch. */
    @Param({"128"})
    public int batch;

    private Sequential model;
    private Optimizer optimizer;
    private LinearAlgebra la;
    private final List<Matrix[]> batches = new ArrayList<>();
    private int next;

    /**
     * Builds the network and the batches.
     *
     * @throws UnsupportedOperationException if the backend does not compute in the precision
     */
    @Setup
    public void setUp() {
        Backend b = Backends.get(backend).inPrecision(Precision.parse(precision));
        la = b.linearAlgebra();
        Sequential.Builder builder = Sequential.builder(b).input(INPUTS);
        for (int size : sizes(hidden)) {
            builder.dense(size).activation(Activation.relu());
        }
        Rng rng = new Rng(20);
        model = builder.dense(CLASSES).softmaxCrossEntropy().build(rng.split());
        optimizer = Adam.builder().learningRate(1e-4).build();
        Rng data = rng.split();
        for (int k = 0; k < BATCHES; k++) {
            double[] x = new double[batch * INPUTS];
            for (int i = 0; i < x.length; i++) {
                x[i] = data.nextDouble();
            }
            double[] t = new double[batch * CLASSES];
            for (int i = 0; i < batch; i++) {
                t[i * CLASSES + data.nextInt(CLASSES)] = 1.0;
            }
            batches.add(new Matrix[] {la.fromRowMajor(batch, INPUTS, x),
                la.fromRowMajor(batch, CLASSES, t)});
        }
    }

    /**
     * One step on the next batch.
     *
     * @return the loss before the update
     */
    @Benchmark
    public double step() {
        Matrix[] xt = batches.get(next);
        next = (next + 1) % BATCHES;
        double loss = model.computeGradients(xt[0], xt[1]);
        optimizer.step(la, model.parameters());
        return loss;
    }

    /** The sizes of a comma-separated list. */
    static int[] sizes(String hidden) {
        return hidden.isBlank() ? new int[0]
                : java.util.Arrays.stream(hidden.split(",")).mapToInt(s -> Integer.parseInt(s.trim()))
                        .toArray();
    }

    /**
     * Multiply-adds of one forward pass of a batch through the dense layers:
     * {@code batch · Σ in·out}. The backend-selection rule is stated in this measure.
     *
     * @param hidden the hidden sizes, comma-separated
     * @param batch  rows per batch
     * @return the multiply-adds
     */
    static long forwardMultiplyAdds(String hidden, int batch) {
        long sum = 0;
        int in = INPUTS;
        for (int size : sizes(hidden)) {
            sum += (long) in * size;
            in = size;
        }
        return batch * (sum + (long) in * CLASSES);
    }

    /**
     * Floating-point operations of one step's products: the forward pass, the weight
     * gradients, and the input gradients of every layer but the first (2 per multiply-add);
     * element-wise work (bias, ReLU, loss, Adam) is not counted.
     *
     * @param hidden the hidden sizes, comma-separated
     * @param batch  rows per batch
     * @return the floating-point operations
     */
    static double flops(String hidden, int batch) {
        long firstLayer = (long) batch * INPUTS * (sizes(hidden).length == 0 ? CLASSES
                : sizes(hidden)[0]);
        long forward = forwardMultiplyAdds(hidden, batch);
        return 2.0 * (3 * forward - firstLayer);
    }
}
