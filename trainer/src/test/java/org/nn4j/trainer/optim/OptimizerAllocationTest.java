package org.nn4j.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * A step allocates nothing in steady state: measured with the JVM's per-thread allocation
 * counter on EJML, whose operations allocate nothing themselves.
 */
class OptimizerAllocationTest {

    private static final int STEPS = 2_000;

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "momentum", "adagrad", "rmsprop", "adam", "adamw",
        "adam clipped", "sgd clipped"})
    void aStepAllocatesNothingOnceBound(String name) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported());
        threads.setThreadAllocatedMemoryEnabled(true);
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Function<LinearAlgebra, Optimizer> make = switch (name) {
            case "sgd" -> l -> StochasticGradientDescent.withLearningRate(0.01);
            case "momentum" -> l -> StochasticGradientDescent.builder().learningRate(0.01).momentum(0.9).weightDecay(1e-4).build();
            case "adagrad" -> l -> AdaGrad.builder().build();
            case "rmsprop" -> l -> RmsProp.builder().build();
            case "adamw" -> l -> AdamW.builder().build();
            // A limit below the gradients' norm (about 2.5), so every step scales them.
            case "adam clipped" -> l -> Adam.builder().clipGlobalNorm(0.5).build();
            case "sgd clipped" -> l -> StochasticGradientDescent.builder().learningRate(0.01)
                    .clipGlobalNorm(0.5).build();
            default -> l -> Adam.builder().build();
        };
        Optimizer optimizer = make.apply(la);
        List<Parameter> parameters = List.of(
                new Parameter("W", la.fromRowMajor(3, 4, new double[12]), la.fromRowMajor(3, 4,
                        0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 1.0, 1.1, -1.2)),
                new Parameter("b", la.zeros(1, 4), la.fromRowMajor(1, 4, 0.5, -0.5, 0.25, 0)));
        for (int i = 0; i < STEPS; i++) { // bind, then let the JIT settle
            optimizer.step(la, parameters);
        }
        long tid = Thread.currentThread().getId();
        long allocated = Long.MAX_VALUE;
        for (int round = 0; round < 3; round++) { // the least of three: a one-off JIT event is not a step's
            long before = threads.getThreadAllocatedBytes(tid);
            for (int i = 0; i < STEPS; i++) {
                optimizer.step(la, parameters);
            }
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(tid) - before);
        }
        // Less than a byte a step: the smallest object, one per step, would be 16 * STEPS.
        assertTrue(allocated < STEPS, name + " allocated " + allocated + " bytes in " + STEPS
                + " steps");
    }
}
