package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * The parts of a classifier's step that this backend computes in Java between bulk copies
 * (ReLU and leaky ReLU layers, every activation's backward pass, softmax cross-entropy,
 * {@code multiplyElements}, {@code scale}, {@code sqrt}, {@code addScalar},
 * {@code divideElements}) allocate nothing once warm, with
 * batches of 16 and a short batch of 5 coming and going. (ND4J's own operations, the
 * products and the sigmoid and tanh forward passes among them, allocate small Java objects
 * per call; they are not measured here.)
 */
class Nd4jJavaKernelsAllocationTest {

    private final Backend backend =
            BackendRegistry.builder().register(new Nd4jBackendProvider()).build().select("nd4j");
    private final LinearAlgebra la = backend.linearAlgebra();

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky", "sigmoid", "tanh"})
    void activationLossAndOptimizerKernelsAllocateNothingOnceWarm(String kind) {
        Activation activation = switch (kind) {
            case "relu" -> Activation.relu();
            case "leaky" -> Activation.leakyRelu(0.01);
            case "sigmoid" -> Activation.sigmoid();
            default -> Activation.tanh();
        };
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SplittableRandom random = new SplittableRandom(5);
        Layer act = backend.activation(activation, 10);
        Loss loss = backend.softmaxCrossEntropy();
        Matrix x16 = la.fromRowMajor(16, 10, random.doubles(160, -2, 2).toArray());
        Matrix x5 = la.fromRowMajor(5, 10, random.doubles(50, -2, 2).toArray());
        Matrix t16 = la.zeros(16, 10);
        Matrix t5 = la.zeros(5, 10);
        la.fill(0.1, t16);
        la.fill(0.1, t5);
        Matrix g16 = la.zeros(16, 10);
        Matrix g5 = la.zeros(5, 10);
        Matrix w = la.fromRowMajor(50, 60, random.doubles(3000, 0, 1).toArray());
        Matrix s = la.zeros(50, 60);
        // Sigmoid and tanh run forward natively: their forward passes happen outside the
        // measured loop, which repeats backward on the batch seen last.
        boolean javaForward = kind.equals("relu") || kind.equals("leaky");
        Matrix y16 = la.zeros(16, 10);
        la.copy(act.forward(x16), y16);
        Runnable steps = () -> {
            for (int i = 0; i < 2_000; i++) {
                boolean shortBatch = javaForward && i % 50 == 0;
                Matrix x = shortBatch ? x5 : x16;
                Matrix g = shortBatch ? g5 : g16;
                Matrix y = javaForward ? act.forward(x) : y16;
                loss.valueAndGradient(y, shortBatch ? t5 : t16, g);
                act.backward(g);
                la.multiplyElements(w, w, s);
                la.scale(0.5, s, s);
                la.sqrt(s, s);
                la.addScalar(1e-8, s, s);
                la.divideElements(w, s, s);
            }
        };
        steps.run(); // warm up: buffers reach their sizes, the JIT compiles
        steps.run();
        long before = threads.getCurrentThreadAllocatedBytes();
        steps.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 20_000, activation + ": 2,000 steps allocated " + allocated
                + " bytes");
    }
}
