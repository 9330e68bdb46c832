package org.nn4j.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
                Arguments.of("adagrad", (Function<LinearAlgebra, Optimizer>) AdaGrad::new),
                Arguments.of("rmsprop", (Function<LinearAlgebra, Optimizer>) RmsProp::new),
                Arguments.of("adam", (Function<LinearAlgebra, Optimizer>) Adam::new),
                Arguments.of("momentum", (Function<LinearAlgebra, Optimizer>)
                        la -> new StochasticGradientDescent(la, 0.1, 0.9, 0.01)));
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
                                                         Function<LinearAlgebra, Optimizer> make) {
        Optimizer used = make.apply(LA);
        List<Parameter> p = parameter(1.0, -2.0, 0.5, -1.5);
        used.step(p);
        used.step(p);
        used.step(p);
        used.reset();
        LA.copyFromRowMajor(new double[] {-2.0, 0.25}, 0, p.get(0).gradient());
        double[] before = value(p);
        used.step(p);

        List<Parameter> q = parameter(before[0], before[1], -2.0, 0.25);
        make.apply(LA).step(q);
        assertArrayEquals(value(q), value(p), 0.0, name + ": the state was forgotten");

        // Without the reset the fourth step is another one: the state matters, so the check
        // above has teeth.
        Optimizer kept = make.apply(LA);
        List<Parameter> r = parameter(1.0, -2.0, 0.5, -1.5);
        kept.step(r);
        kept.step(r);
        kept.step(r);
        LA.copyFromRowMajor(new double[] {-2.0, 0.25}, 0, r.get(0).gradient());
        kept.step(r);
        assertFalse(Arrays.equals(value(r), value(p)), name + ": a state that matters");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizers")
    void afterResetAnotherParameterListIsAccepted(String name,
                                                  Function<LinearAlgebra, Optimizer> make) {
        Optimizer opt = make.apply(LA);
        opt.step(parameter(1.0, -2.0, 0.5, -1.5));
        opt.reset();
        List<Parameter> other = parameter(3.0, 4.0, 0.5, -1.5);
        opt.step(other);
        List<Parameter> expected = parameter(3.0, 4.0, 0.5, -1.5);
        make.apply(LA).step(expected);
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
