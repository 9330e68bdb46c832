package org.nn4j.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;

/**
 * {@link Optimizer#reset()} of every optimizer with state, against a second code path: a new
 * optimizer of the same settings. After a reset the next step is the first step of a new
 * optimizer, whatever came before, and the parameters may be another list. Also the schedules'
 * refusal of a decay factor out of (0, 1].
 */
class OptimizerResetTest {

    private static final LinearAlgebra LA = Backends.get("ejml").linearAlgebra();

    static Stream<Arguments> optimizers() {
        return Stream.of(
                Arguments.of("adagrad", (Supplier<Optimizer>) () -> AdaGrad.builder().build()),
                Arguments.of("rmsprop", (Supplier<Optimizer>) () -> RmsProp.builder().build()),
                Arguments.of("adam", (Supplier<Optimizer>) () -> Adam.builder().build()),
                Arguments.of("momentum", (Supplier<Optimizer>)
                        () -> StochasticGradientDescent.builder().learningRate(0.1).momentum(0.9)
                                .weightDecay(0.01).build()));
    }

    private static List<Parameter> parameter(double w0, double w1, double g0, double g1) {
        return List.of(new Parameter("w", LA.fromRowMajor(1, 2, w0, w1),
                LA.fromRowMajor(1, 2, g0, g1)));
    }

    private static double[] value(List<Parameter> p) {
        return p.get(0).value().toRowMajor();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void afterResetTheNextStepIsANewOptimizersFirstStep(String name,
                                                         Supplier<Optimizer> make) {
        Optimizer used = make.get();
        List<Parameter> p = parameter(1.0, -2.0, 0.5, -1.5);
        used.step(LA, p);
        used.step(LA, p);
        used.step(LA, p);
        used.reset();
        LA.copyFromRowMajor(new double[] {-2.0, 0.25}, 0, p.get(0).gradient());
        double[] before = value(p);
        used.step(LA, p);

        List<Parameter> q = parameter(before[0], before[1], -2.0, 0.25);
        make.get().step(LA, q);
        assertArrayEquals(value(q), value(p), 0.0, name + ": the state was forgotten");

        // Without the reset the fourth step is another one: the state matters, so the check
        // above has teeth.
        Optimizer kept = make.get();
        List<Parameter> r = parameter(1.0, -2.0, 0.5, -1.5);
        kept.step(LA, r);
        kept.step(LA, r);
        kept.step(LA, r);
        LA.copyFromRowMajor(new double[] {-2.0, 0.25}, 0, r.get(0).gradient());
        kept.step(LA, r);
        assertFalse(Arrays.equals(value(r), value(p)), name + ": a state that matters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void afterResetAnotherParameterListIsAccepted(String name,
                                                  Supplier<Optimizer> make) {
        Optimizer opt = make.get();
        opt.step(LA, parameter(1.0, -2.0, 0.5, -1.5));
        opt.reset();
        List<Parameter> other = parameter(3.0, 4.0, 0.5, -1.5);
        opt.step(LA, other);
        List<Parameter> expected = parameter(3.0, 4.0, 0.5, -1.5);
        make.get().step(LA, expected);
        assertArrayEquals(value(expected), value(other), 0.0, name);
    }

    @Test
    void decaySchedulesRefuseAFactorOutsideZeroToOne() {
        for (double factor : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
            assertEquals("decay factor must be in (0, 1], got " + factor,
                    assertThrows(IllegalArgumentException.class,
                            () -> LearningRateSchedule.stepDecay(factor, 2)).getMessage());
            assertEquals("decay factor must be in (0, 1], got " + factor,
                    assertThrows(IllegalArgumentException.class,
                            () -> LearningRateSchedule.exponentialDecay(factor)).getMessage());
        }
        // 1 is allowed (no decay): the rate stays.
        assertEquals(0.2, LearningRateSchedule.stepDecay(1.0, 2).rate(0.2, 5), 0.0);
        assertEquals(0.2, LearningRateSchedule.exponentialDecay(1.0).rate(0.2, 5), 0.0);
    }
}
