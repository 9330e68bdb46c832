package org.nn4j.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One convolution layer of the Fashion-MNIST CNN (issue 18) on a batch of {@code batch} images
 * (default 64, the command line's CNN batch), through the
 * backend's {@code Backend.convolution} layer: {@link #forward} alone, and {@link #step} =
 * forward + backward (the kernels' and bias's gradients, and the input's gradient unless the
 * layer is a network's first, whose input is the data). The layers ({@code layer}):
 * <ul>
 *   <li>{@code conv1}: 28x28x1 → 16 filters 3x3, SAME (the first layer of network A,
 *       benchmarks/peers/cnn/cnn_common.py; no input gradient): batch·784 rows of 9 values;</li>
 *   <li>{@code conv2}: 14x14x16 → 32 filters 3x3, SAME (A's second layer): batch·196 rows of 144;</li>
 *   <li>{@code conv2b}: 13x13x32 → 64 filters 3x3, VALID (the issue's example's second layer).</li>
 * </ul>
 * The multiply-adds of a step (the products only): conv1 2·batch·784·9·16, conv2 3·batch·196·144·32.
 * Not part of {@code benchmarks/run.sh}; run it with JMH's own main, e.g.
 * {@code java -cp 'benchmarks/target/nn4j-benchmarks.jar:benchmarks/target/lib/*'
 * org.openjdk.jmh.Main ConvolutionLayerBenchmark -p precision=f64,f32}
 * (a precision the backend does not declare, commons' float32, fails its set-up and is skipped).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConvolutionLayerBenchmark {

    /** Images a batch. */
    @Param({"64"})
    public int batch;

    /** The backend's name. */
    @Param({"ejml", "commons", "nd4j"})
    public String backend;

    /** {@code f64} or {@code f32}. */
    @Param({"f64"})
    public String precision;

    /** Which layer (see the class comment). */
    @Param({"conv1", "conv2"})
    public String layer;

    private Layer conv;
    private Matrix x;
    private Matrix dy;
    private boolean inputGradient;

    /** The layer's geometry: input image, filters, kernel, padding, and whether it is a first layer. */
    record Geometry(ImageShape input, int filters, int kernel, Window.Padding padding, boolean first) {
        static Geometry of(String name) {
            return switch (name) {
                case "conv1" -> new Geometry(new ImageShape(28, 28, 1), 16, 3, Window.Padding.SAME, true);
                case "conv2" -> new Geometry(new ImageShape(14, 14, 16), 32, 3, Window.Padding.SAME, false);
                case "conv2b" -> new Geometry(new ImageShape(13, 13, 32), 64, 3, Window.Padding.VALID, false);
                default -> throw new IllegalArgumentException("layer must be conv1, conv2 or conv2b, got '"
                        + name + "'");
            };
        }
    }

    /** He-normal kernels, zero bias, uniform images and output gradients, all seeded. */
    @Setup
    public void setUp() {
        Backend b = Backends.get(backend).inPrecision(Precision.parse(precision));
        LinearAlgebra la = b.linearAlgebra();
        Geometry g = Geometry.of(layer);
        Window window = Window.square(g.input(), g.kernel(), 1, g.padding());
        SplittableRandom random = new SplittableRandom(18);
        int patch = window.patchSize();
        double sd = Math.sqrt(2.0 / patch);
        double[] kernels = new double[g.filters() * patch];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i] = sd * gaussian(random);
        }
        conv = b.convolution(window, la.fromRowMajor(g.filters(), patch, kernels), la.zeros(1, g.filters()));
        x = la.fromRowMajor(batch, g.input().size(), random.doubles((long) batch * g.input().size()).toArray());
        int out = conv.outputSize();
        dy = la.fromRowMajor(batch, out, random.doubles((long) batch * out, -1e-3, 1e-3).toArray());
        inputGradient = !g.first();
        step(); // buffers for this batch size
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * The forward pass.
     *
     * @return the output, so the work is not eliminated
     */
    @Benchmark
    public Matrix forward() {
        return conv.forward(x);
    }

    /**
     * Forward and backward, as one training step of the layer does them.
     *
     * @return the kernels' gradient, so the work is not eliminated
     */
    @Benchmark
    public Matrix step() {
        conv.forward(x);
        conv.backward(dy, inputGradient);
        return conv.parameters().get(0).gradient();
    }
}
