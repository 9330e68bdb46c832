package org.nn4j.trainer.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/** Optimizers as settings: named values, reported back, copied, made by name, serialized. */
class OptimizerSettingsTest {

    @Test
    void settingsAreNamedAndReportedInOrder() {
        Optimizer adam = Adam.builder().learningRate(0.002).beta2(0.99).beta1(0.8).epsilon(1e-7)
                .build();
        assertEquals(List.of("learning_rate", "beta1", "beta2", "epsilon"),
                List.copyOf(adam.settings().keySet()));
        assertEquals(Map.of("learning_rate", 0.002, "beta1", 0.8, "beta2", 0.99, "epsilon", 1e-7),
                adam.settings());
        assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.9, "weight_decay", 1e-4),
                StochasticGradientDescent.builder().learningRate(0.01).momentum(0.9)
                        .weightDecay(1e-4).build().settings());
        assertEquals(Map.of("learning_rate", 0.001, "decay", 0.9, "epsilon", 1e-8),
                RmsProp.builder().build().settings());
        assertEquals(Map.of("learning_rate", 0.01, "epsilon", 1e-10),
                AdaGrad.builder().build().settings());
    }

    /**
     * The named schedules' settings, as the javadoc of {@link LearningRateSchedule#settings()}
     * names them: the kind in {@code lr_schedule}, then its parameters by name.
     */
    @Test
    void aNamedScheduleRecordsItsKindAndParameters() {
        assertEquals(Map.of("lr_schedule", "constant"), LearningRateSchedule.constant().settings());
        assertEquals(Map.of("lr_schedule", "exponential-decay", "lr_decay", 0.9),
                LearningRateSchedule.exponentialDecay(0.9).settings());
        Map<String, Object> step = LearningRateSchedule.stepDecay(0.5, 3).settings();
        assertEquals(Map.of("lr_schedule", "step-decay", "lr_decay", 0.5, "lr_step", 3), step);
        assertEquals(List.of("lr_schedule", "lr_decay", "lr_step"), List.copyOf(step.keySet()));
    }

    /**
     * A schedule of one's own, written as a lambda or a class, has no parameters the trainer
     * knows: its settings name it by its {@code toString}, so a model's provenance still says
     * which schedule trained it.
     */
    @Test
    void aScheduleOfOnesOwnIsRecordedByItsToString() {
        LearningRateSchedule halving = new LearningRateSchedule() {
            @Override
            public double rate(double initialRate, int epoch) {
                return initialRate / (1 << epoch);
            }

            @Override
            public String toString() {
                return "halving every epoch";
            }
        };
        assertEquals(Map.of("lr_schedule", "halving every epoch"), halving.settings());
        LearningRateSchedule lambda = (initialRate, epoch) -> initialRate;
        assertEquals(Map.of("lr_schedule", lambda.toString()), lambda.settings());
    }

    @Test
    void namedOptimizersHaveTheirDefaultsAndTakeTheirSettingsByName() {
        assertEquals("sgd", Optimizers.named("sgd", Map.of()).name());
        assertEquals(0.1, Optimizers.defaultLearningRate("sgd"));
        assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.9, "weight_decay", 0.0),
                Optimizers.named("momentum", Map.of()).settings());
        assertEquals(0.001, Optimizers.defaultLearningRate("adam"));
        assertEquals(0.01, Optimizers.defaultLearningRate("adagrad"));
        assertEquals(0.001, Optimizers.defaultLearningRate("rmsprop"));
        assertEquals(0.95, Optimizers.named("ADAM", Map.of("beta1", 0.95)).settings().get("beta1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Optimizers.named("adam", Map.of("momentum", 0.9)));
        assertEquals("adam has no setting 'momentum'; its settings are learning_rate, beta1,"
                + " beta2, epsilon", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Optimizers.named("lbfgs", Map.of()));
        assertEquals("'lbfgs' is not an optimizer; choose sgd, momentum, adagrad, rmsprop, adam"
                + " or adamw",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> StochasticGradientDescent.builder().momentum(0.9).build());
        assertEquals("sgd needs a learning rate; it has no default", e.getMessage());
    }

    @Test
    void everyNamedOptimizerIsRemadeFromItsNameAndSettings() {
        for (String name : Optimizers.names()) {
            Optimizer o = Optimizers.named(name, Map.of("learning_rate", 0.03));
            Optimizer again = Optimizers.named(o.name(), o.settings());
            assertEquals(name, o.name());
            assertEquals(o.settings(), again.settings(), name);
            assertEquals(o.getClass(), again.getClass(), name);
        }
    }

    @Test
    void aCopyHasTheSameSettingsAndFreshState() {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Adam adam = Adam.builder().learningRate(0.1).beta1(0.5).build();
        List<Parameter> p = parameter(la, 1.0);
        adam.step(la, p);
        adam.setLearningRate(0.05);
        Optimizer copy = adam.copy();
        assertNotSame(adam, copy);
        assertEquals(adam.settings(), copy.settings());
        assertEquals(0, ((Adam) copy).steps());
        // Fresh state: the copy steps other parameters without complaint, as a new Adam would.
        List<Parameter> q = parameter(la, 1.0);
        copy.step(la, q);
        Adam fresh = Adam.builder().learningRate(0.05).beta1(0.5).build();
        List<Parameter> r = parameter(la, 1.0);
        fresh.step(la, r);
        assertEquals(r.get(0).value().get(0, 0), q.get(0).value().get(0, 0));
    }

    @Test
    void anOptimizerBoundToOneBackendRefusesAnother() {
        LinearAlgebra ejml = Backends.get("ejml").linearAlgebra();
        LinearAlgebra commons = Backends.get("commons").linearAlgebra();
        Optimizer adam = Adam.builder().build();
        List<Parameter> p = parameter(ejml, 1.0);
        adam.step(ejml, p);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> adam.step(commons, p));
        assertTrue(e.getMessage().contains("another backend") && e.getMessage().contains("reset()"),
                e.getMessage());
    }

    @Test
    void aSerializedOptimizerKeepsItsSettingsAndIsUnbound() throws Exception {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Optimizer rms = RmsProp.builder().learningRate(0.02).decay(0.8).build();
        rms.step(la, parameter(la, 1.0));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rms);
        }
        Optimizer back;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Optimizer) in.readObject();
        }
        assertEquals(rms.settings(), back.settings());
        back.step(la, parameter(la, 1.0)); // unbound: other parameters are fine
    }

    @Test
    void aSerializedAdamStartsItsBiasCorrectionAgain() throws Exception {
        LinearAlgebra la = Backends.get("ejml").linearAlgebra();
        Adam used = Adam.builder().learningRate(0.1).beta1(0.5).build();
        List<Parameter> p = parameter(la, 1.0);
        used.step(la, p);
        used.step(la, p);
        used.step(la, p);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(used);
        }
        Adam back;
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (Adam) in.readObject();
        }
        assertEquals(0, back.steps());
        // Unbound means a first step: with zero moments, Adam's first step moves w by the rate
        // times g/|g| (bias-corrected m = g, v = g²), so 0.5 - 0.1 = 0.4 up to epsilon. Had the
        // step count survived, t = 4 would give m̂ = 0.5/(1 - 0.5⁴) = 0.5333 and
        // v̂ = 0.001/(1 - 0.999⁴) = 0.2504, so w = 0.5 - 0.1 * 0.5333/0.5004 = 0.3934.
        List<Parameter> q = parameter(la, 1.0);
        back.step(la, q);
        assertEquals(0.4, q.get(0).value().get(0, 0), 1e-7);
    }

    private static List<Parameter> parameter(LinearAlgebra la, double gradient) {
        Matrix value = la.fromRowMajor(1, 1, 0.5);
        return List.of(new Parameter("w", value, la.fromRowMajor(1, 1, gradient)));
    }
}
