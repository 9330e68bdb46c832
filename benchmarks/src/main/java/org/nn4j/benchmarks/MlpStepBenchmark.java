package org.nn4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One training step of the Fashion-MNIST MLP (784-256-128-10, ReLU, softmax cross-entropy,
 * Adam's fused step, batch 128) through nn4j's api, on the named backend in the named
 * precision: the step an epoch repeats 469 times.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class MlpStepBenchmark {

    /** The backend's name. */
    @Param({"ejml"})
    public String backend;

    /** The precision, as {@code Precision.parse} reads it. */
    @Param({"float32", "float64"})
    public String precision;

    private LinearAlgebra la;
    private List<Layer> layers;
    private Loss loss;
    private List<Parameter> parameters;
    private List<Matrix[]> moments;
    private Matrix x;
    private Matrix t;
    private Matrix gradient;
    private long step;

    @Setup
    public void setUp() {
        Backend b = Backends.get(backend).inPrecision(Precision.parse(precision));
        la = b.linearAlgebra();
        SplittableRandom random = new SplittableRandom(20);
        int[] sizes = {784, 256, 128, 10};
        layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            double scale = Math.sqrt(6.0 / (sizes[i] + sizes[i + 1]));
            layers.add(b.dense(la.fromRowMajor(sizes[i], sizes[i + 1],
                    random.doubles((long) sizes[i] * sizes[i + 1], -scale, scale).toArray()),
                    la.zeros(1, sizes[i + 1])));
            if (i + 2 < sizes.length) {
                layers.add(b.activation(Activation.relu(), sizes[i + 1]));
            }
        }
        loss = b.softmaxCrossEntropy();
        parameters = new ArrayList<>();
        moments = new ArrayList<>();
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                parameters.add(p);
                moments.add(new Matrix[] {la.zeros(p.value().rows(), p.value().cols()),
                    la.zeros(p.value().rows(), p.value().cols())});
            }
        }
        int batch = 128;
        x = la.fromRowMajor(batch, 784, random.doubles(batch * 784L, 0, 1).toArray());
        double[] labels = new double[batch * 10];
        for (int i = 0; i < batch; i++) {
            labels[i * 10 + random.nextInt(10)] = 1;
        }
        t = la.fromRowMajor(batch, 10, labels);
        gradient = la.zeros(batch, 10);
    }

    /** Forward, loss and gradient, backward, one Adam step per parameter. */
    @Benchmark
    public double step() {
        Matrix y = x;
        for (int i = 0; i < layers.size(); i++) {
            y = layers.get(i).forward(y);
        }
        double value = loss.valueAndGradient(y, t, gradient);
        Matrix g = gradient;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, i > 0);
        }
        step++;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            Matrix[] m = moments.get(i);
            la.adamStep(1e-3, 0.9, 0.999, 1e-8, step, p.gradient(), m[0], m[1], p.value());
        }
        return value;
    }
}
