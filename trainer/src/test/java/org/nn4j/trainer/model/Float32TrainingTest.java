package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.regression.LinearRegressionTraining;
import org.nn4j.trainer.testing.Float32Backends;

/**
 * A model built on a backend in float32 trains, checkpoints, stops early and predicts in
 * float32, starts from its float64 twin's draws rounded, and refuses float64 matrices.
 */
class Float32TrainingTest {

    static List<String> backends() {
        return Float32Backends.names().toList();
    }

    static Sequential model(Backend backend, long seed) {
        return Sequential.builder(backend).input(5).dense(8).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy().seed(seed).build();
    }

    static Sequential model32(String name, long seed) {
        return model(Float32Backends.get(name).inPrecision(Precision.F32), seed);
    }

    /** Fails unless every value is a float: a float64 step anywhere would leave doubles. */
    static void assertFloats(List<double[]> arrays, String what) {
        for (int k = 0; k < arrays.size(); k++) {
            double[] a = arrays.get(k);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], (double) (float) a[i], 0.0,
                        what + " " + k + "[" + i + "] is not a float32 value");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theSameSeedDrawsTheSameWeightsRoundedToFloat32(String name) {
        Sequential m64 = model(Float32Backends.get(name), 7);
        Sequential m32 = model32(name, 7);
        assertEquals(Precision.F64, m64.precision());
        assertEquals(Precision.F32, m32.precision());
        boolean rounded = false;
        for (int k = 0; k < m64.parameters().size(); k++) {
            assertEquals(Precision.F32, m32.parameters().get(k).value().precision());
            double[] w64 = m64.parameters().get(k).value().toRowMajor();
            double[] w32 = m32.parameters().get(k).value().toRowMajor();
            for (int i = 0; i < w64.length; i++) {
                assertEquals((double) (float) w64[i], w32[i], 0.0, "parameter " + k + "[" + i + "]");
                rounded |= w64[i] != w32[i];
            }
        }
        assertTrue(rounded, "the float64 draws are not all floats: float32 rounds some");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainingCheckpointsEarlyStoppingAndPredictionStayInFloat32(String name) {
        Sequential model = model32(name, 3);
        ValidationSplit split = ValidationSplit.of(ResumeTest.blobs(120, 5), 0.25, new Rng(6));
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingHistory history = new Training(model, Adam.builder().learningRate(0.05).build())
                .epochs(12).batchSize(10).validation(split.validation())
                .earlyStopping(EarlyStopping.onValidationLoss(2).minDelta(1e-3))
                .checkpoints(1, checkpoints::add).fit(split.train(), null);
        assertTrue(history.epochs().get(1).trainLoss() < history.epochs().get(0).trainLoss(),
                "it learns: " + history.epochs());
        assertFloats(ResumeTest.parameters(model), "the trained parameter");
        for (Parameter p : model.parameters()) {
            assertEquals(Precision.F32, p.value().precision());
            assertEquals(Precision.F32, p.gradient().precision());
        }
        TrainingCheckpoint last = checkpoints.get(checkpoints.size() - 1);
        assertFloats(last.parameters(), "the checkpoint's parameter");
        for (List<double[]> slot : last.optimizer().slots()) {
            assertFloats(slot, "the optimizer's state");
        }
        assertFloats(last.best().parameters(), "the best epoch's parameter");

        Predictor predictor = model.predictor();
        assertEquals(Precision.F32, predictor.backend().precision());
        double[] x = inputs(40 * 5, 9);
        double[] expected = model.forward(model.backend().linearAlgebra().fromRowMajor(40, 5, x))
                .toRowMajor();
        // The predictor's copy computes as the model does, in float32, to the bit.
        assertArrayEquals(expected, predictor.predict(x, 40));
        assertFloats(List.of(predictor.predict(x, 40)), "a predicted output");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aFloat32RunResumedFromACheckpointFileEndsBitForBitAsTheUninterruptedRun(String name,
            @TempDir Path dir) throws IOException {
        DataSet train = ResumeTest.blobs(95, 2);
        DataSet test = ResumeTest.blobs(30, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = model32(name, 1);
        training(whole, 4).checkpoints(2, checkpoints::add).fit(train, test, new Rng(4));
        Path file = dir.resolve(CheckpointFile.fileName(2));
        CheckpointFile.save(checkpoints.get(0), whole, file);
        CheckpointFile.Loaded loaded = CheckpointFile.load(file);
        assertEquals(Precision.F32, loaded.model().precision());

        Sequential resumed = model32(name, 99);
        training(resumed, 4).resume(loaded.checkpoint(), train, test);
        ResumeTest.assertSame(ResumeTest.parameters(whole), ResumeTest.parameters(resumed),
                name + " float32");
    }

    private static Training training(Sequential model, int epochs) {
        return new Training(model, Adam.builder().learningRate(0.01).build()).epochs(epochs)
                .batchSize(10).schedule(LearningRateSchedule.exponentialDecay(0.8));
    }

    @Test
    void aCheckpointResumesOnlyInItsOwnPrecision() {
        String name = backends().get(0);
        DataSet train = ResumeTest.blobs(95, 2);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        training(model32(name, 1), 2).checkpoints(2, checkpoints::add).fit(train, null,
                new Rng(4));
        assertEquals("float32", checkpoints.get(0).settings().get(Training.PRECISION_SETTING));
        Sequential wider = model(Float32Backends.get(name), 1);
        assertEquals("the checkpoint is of another run: precision is float32 in the checkpoint"
                + " but float64 here", assertThrows(IllegalArgumentException.class,
                () -> training(wider, 4).resume(checkpoints.get(0), train, null)).getMessage());
    }

    @Test
    void aCheckpointWithoutPrecisionIsOfAFloat64Run() {
        String name = backends().get(0);
        DataSet train = ResumeTest.blobs(95, 2);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        training(model(Float32Backends.get(name), 1), 2).checkpoints(2, checkpoints::add)
                .fit(train, null, new Rng(4));
        TrainingCheckpoint c = checkpoints.get(0);
        java.util.Map<String, String> old = new java.util.LinkedHashMap<>(c.settings());
        assertEquals("float64", old.remove(Training.PRECISION_SETTING));
        TrainingCheckpoint before = new TrainingCheckpoint(c.epochsCompleted(), old,
                c.parameters(), c.optimizer(), c.rng(), c.shuffleOrder(), c.history(), c.best());
        training(model(Float32Backends.get(name), 1), 4).checkResume(before, train, null);
        Sequential narrower = model32(name, 1);
        assertEquals("the checkpoint is of another run: precision is float64 in the checkpoint"
                + " but float32 here", assertThrows(IllegalArgumentException.class,
                () -> training(narrower, 4).checkResume(before, train, null)).getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aMatrixOfTheOtherPrecisionIsRefusedNamingBoth(String name) {
        Backend b64 = Float32Backends.get(name);
        Sequential m32 = model32(name, 1);
        String message = assertThrows(IllegalArgumentException.class,
                () -> m32.forward(b64.linearAlgebra().zeros(2, 5))).getMessage();
        assertTrue(message.contains("float32") && message.contains("float64"), message);
        Sequential m64 = model(b64, 1);
        String other = assertThrows(IllegalArgumentException.class,
                () -> m64.forward(m32.backend().linearAlgebra().zeros(2, 5))).getMessage();
        assertTrue(other.contains("float32") && other.contains("float64"), other);
    }

    static double[] inputs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    @Test
    void theTutorialsRegressionRefusesFloat32WithASentence() {
        Backend b32 = Float32Backends.get(backends().get(0)).inPrecision(Precision.F32);
        String message = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionTraining(b32, LinearRegressionTraining.Config.tutorial()))
                .getMessage();
        assertTrue(message.startsWith("the tutorial's linear regression trains in float64 only:"
                + " its target loss of 1e-15 is below what float32 can resolve"), message);
        assertTrue(message.contains("backend '" + b32.name() + "' in float64"), message);
        assertFalse(message.contains("%"), message);
    }
}
