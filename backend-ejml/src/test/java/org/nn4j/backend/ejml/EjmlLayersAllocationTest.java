package org.nn4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;

/**
 * A classifier's training step (dense, activation, dense, softmax cross-entropy, then an
 * Adam-like update by {@code multiplyElements}, {@code sqrt}, {@code addScalar},
 * {@code divideElements} and {@code axpy}) allocates nothing once warm, with batches of 16
 * and a short batch of 5 coming and going; in float64 and in float32.
 */
class EjmlLayersAllocationTest {

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource({"relu,F64", "leaky,F64", "sigmoid,F64", "tanh,F64", "identity,F64",
        "relu,F32", "leaky,F32", "sigmoid,F32", "tanh,F32", "identity,F32"})
    void aClassifierTrainingStepAllocatesNothingOnceWarm(String kind, Precision precision) {
        Backend backend = new EjmlBackendProvider().create().inPrecision(precision);
        LinearAlgebra la = backend.linearAlgebra();
        Activation activation = switch (kind) {
            case "relu" -> Activation.relu();
            case "leaky" -> Activation.leakyRelu(0.01);
            case "sigmoid" -> Activation.sigmoid();
            case "tanh" -> Activation.tanh();
            default -> Activation.identity();
        };
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(3);
        double[] data = random.doubles(400 * 20, -1, 1).toArray();
        double[] labels = new double[400 * 10];
        for (int i = 0; i < 400; i++) {
            labels[i * 10 + random.nextInt(10)] = 1;
        }
        Layer first = backend.dense(la.fromRowMajor(20, 16, random.doubles(320, -0.3, 0.3)
                .toArray()), la.zeros(1, 16));
        Layer act = backend.activation(activation, 16);
        Layer second = backend.dense(la.fromRowMajor(16, 10, random.doubles(160, -0.3, 0.3)
                .toArray()), la.zeros(1, 10));
        Loss loss = backend.softmaxCrossEntropy();
        List<Parameter> params = new ArrayList<>(first.parameters());
        params.addAll(second.parameters());
        List<Matrix> scratch = new ArrayList<>();
        for (Parameter p : params) {
            scratch.add(la.zeros(p.value().rows(), p.value().cols()));
        }
        Matrix x16 = la.zeros(16, 20);
        Matrix t16 = la.zeros(16, 10);
        Matrix g16 = la.zeros(16, 10);
        Matrix x5 = la.zeros(5, 20);
        Matrix t5 = la.zeros(5, 10);
        Matrix g5 = la.zeros(5, 10);
        Runnable steps = () -> {
            for (int i = 0; i < 2_000; i++) {
                boolean shortBatch = i % 50 == 0;
                Matrix x = shortBatch ? x5 : x16;
                Matrix t = shortBatch ? t5 : t16;
                Matrix g = shortBatch ? g5 : g16;
                int row = i % 380;
                la.copyFromRowMajor(data, row * 20, x);
                la.copyFromRowMajor(labels, row * 10, t);
                loss.valueAndGradient(second.forward(act.forward(first.forward(x))), t, g);
                first.backward(act.backward(second.backward(g)));
                for (int k = 0; k < params.size(); k++) { // no iterator, as an optimizer does
                    Matrix s = scratch.get(k);
                    Matrix gradient = params.get(k).gradient();
                    la.multiplyElements(gradient, gradient, s);
                    la.sqrt(s, s);
                    la.addScalar(1e-8, s, s);
                    la.divideElements(gradient, s, s);
                    la.axpy(-1e-3, s, params.get(k).value());
                }
            }
        };
        steps.run(); // warm up: buffers reach their sizes, the JIT compiles
        steps.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        steps.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 20_000, activation + " in " + precision + ": 2,000 steps allocated "
                + allocated
                + " bytes");
    }
}
