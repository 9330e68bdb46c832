package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.StochasticGradientDescent;

class SequentialTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static Sequential small(Backend backend, long seed) {
        return Sequential.builder(backend)
                .input(5)
                .dense(4).activation(Activation.tanh())
                .dense(3).activation(Activation.leakyRelu(0.1))
                .dense(3)
                .softmaxCrossEntropy()
                .build(new Rng(seed));
    }

    /** Three classes of 5 features: the class is where the largest of the first three is. */
    private static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 5];
        double[] t = new double[n * 3];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(3);
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = 0.5 * rng.nextGaussian() + (j == c ? 2.0 : 0.0);
            }
            t[i * 3 + c] = 1.0;
        }
        return new DataSet(n, 5, 3, x, t);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void forwardAndBackwardHaveTheLayersShapes(String name) {
        Backend backend = Backends.get(name);
        LinearAlgebra la = backend.linearAlgebra();
        Sequential model = small(backend, 1);
        assertEquals(5, model.inputSize());
        assertEquals(3, model.outputSize());
        assertEquals(5, model.layers().size(), "three dense layers and two activations");
        assertEquals(6, model.parameters().size());
        assertEquals(5 * 4 + 4 + 4 * 3 + 3 + 3 * 3 + 3, model.parameterCount());
        assertEquals("5 -> dense 4 -> tanh -> dense 3 -> leaky-relu(0.1) -> dense 3"
                + " -> softmax-cross-entropy", model.describe().replace(model.loss().name(),
                "softmax-cross-entropy"));
        Matrix x = la.fromRowMajor(6, 5, blobs(6, 2).copyOfFeatures());
        Matrix t = la.fromRowMajor(6, 3, blobs(6, 2).copyOfTargets());
        assertEquals(6, model.forward(x).rows());
        assertEquals(3, model.forward(x).cols());
        double loss = model.computeGradients(x, t);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        int[] shapes = {5, 4, 1, 4, 4, 3, 1, 3, 3, 3, 1, 3};
        for (int i = 0; i < 6; i++) {
            Parameter p = model.parameters().get(i);
            assertEquals(shapes[2 * i], p.gradient().rows(), p.name());
            assertEquals(shapes[2 * i + 1], p.gradient().cols(), p.name());
        }
        assertEquals(6, model.predict(x).length);
    }

    /** The model's gradient is the derivative of its loss: back-propagation runs in order. */
    @ParameterizedTest
    @MethodSource("backends")
    void gradientsMatchCentralDifferences(String name) {
        Backend backend = Backends.get(name);
        LinearAlgebra la = backend.linearAlgebra();
        Sequential model = small(backend, 3);
        DataSet data = blobs(7, 4);
        Matrix x = la.fromRowMajor(7, 5, data.copyOfFeatures());
        Matrix t = la.fromRowMajor(7, 3, data.copyOfTargets());
        model.computeGradients(x, t);
        List<double[]> analytic = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            analytic.add(p.gradient().toRowMajor());
        }
        double eps = 1e-6;
        for (int i = 0; i < model.parameters().size(); i++) {
            Matrix value = model.parameters().get(i).value();
            double[] v = value.toRowMajor();
            for (int k = 0; k < v.length; k++) {
                double saved = v[k];
                v[k] = saved + eps;
                la.copyFromRowMajor(v, 0, value);
                double plus = model.loss().value(model.forward(x), t);
                v[k] = saved - eps;
                la.copyFromRowMajor(v, 0, value);
                double minus = model.loss().value(model.forward(x), t);
                v[k] = saved;
                la.copyFromRowMajor(v, 0, value);
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, analytic.get(i)[k], 1e-7 + 1e-5 * Math.abs(numeric),
                        "parameter " + i + " element " + k);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theSameSeedGivesEveryBackendTheSameInitialWeights(String name) {
        Sequential reference = small(Backends.get("ejml"), 5);
        Sequential model = small(Backends.get(name), 5);
        for (int i = 0; i < model.parameters().size(); i++) {
            assertArrayEquals(reference.parameters().get(i).value().toRowMajor(),
                    model.parameters().get(i).value().toRowMajor(), 0.0);
        }
        assertFalse(java.util.Arrays.equals(reference.parameters().get(0).value().toRowMajor(),
                small(Backends.get(name), 6).parameters().get(0).value().toRowMajor()));
    }

    @Test
    void heNormalIsTheDefaultAndXavierCanBeChosen() {
        Backend ejml = Backends.get("ejml");
        Sequential he = Sequential.builder(ejml).input(5).dense(4).softmaxCrossEntropy()
                .build(new Rng(9));
        assertArrayEquals(Initialization.HE_NORMAL.weights(5, 4, new Rng(9)),
                he.parameters().get(0).value().toRowMajor(), 0.0);
        assertArrayEquals(new double[4], he.parameters().get(1).value().toRowMajor(), 0.0,
                "biases start at zero");
        Sequential xavier = Sequential.builder(ejml).input(5)
                .initialization(Initialization.XAVIER_UNIFORM).dense(4).softmaxCrossEntropy()
                .build(new Rng(9));
        assertArrayEquals(Initialization.XAVIER_UNIFORM.weights(5, 4, new Rng(9)),
                xavier.parameters().get(0).value().toRowMajor(), 0.0);
    }

    /** Training: batch counts (the last one short), shuffled order, learning and the schedule. */
    @ParameterizedTest
    @MethodSource("backends")
    void trainsInEpochsOfShuffledBatches(String name) {
        Backend backend = Backends.get(name);
        Sequential model = small(backend, 7);
        DataSet train = blobs(300, 8);
        DataSet test = blobs(200, 9);
        double before = model.evaluate(test, 64).accuracy();
        List<String> events = new ArrayList<>();
        Adam adam = Adam.builder().learningRate(0.05).build();
        TrainingHistory history = new Training(model, adam).epochs(3).batchSize(32)
                .schedule(LearningRateSchedule.exponentialDecay(0.5))
                .listener(new EpochListener() {
                    @Override
                    public void onEpochStart(int epoch, int epochs, int batches, double rate) {
                        events.add("start " + epoch + "/" + epochs + " " + batches + " " + rate);
                    }

                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        events.add("batch " + batch + "/" + batches);
                    }

                    @Override
                    public void onEpochEnd(EpochSummary summary) {
                        events.add("end " + summary.epoch());
                    }
                })
                .fit(train, test, new Rng(10));
        assertTrue(history.completed(), history.message());
        // 300 rows in batches of 32: 9 full batches and a short one of 12 rows, each epoch.
        List<String> expected = new ArrayList<>();
        double[] rates = {0.05, 0.025, 0.0125};
        for (int epoch = 0; epoch < 3; epoch++) {
            expected.add("start " + epoch + "/3 10 " + rates[epoch]);
            for (int batch = 1; batch <= 10; batch++) {
                expected.add("batch " + batch + "/10");
            }
            expected.add("end " + epoch);
        }
        assertEquals(expected, events);
        assertEquals(3, history.epochs().size());
        assertEquals(30, adam.steps());
        EpochSummary last = history.epochs().get(2);
        assertTrue(last.trainLoss() < history.epochs().get(0).trainLoss(), "train loss falls");
        assertTrue(last.testAccuracy() > 0.9 && last.testAccuracy() > before,
                "accuracy " + before + " -> " + last.testAccuracy());
        assertEquals(last.testAccuracy(), model.evaluate(test, 7).accuracy(), 1e-12,
                "the history reports what evaluate finds, whatever the batch size");
    }

    /** Every backend follows the same trajectory: same weights, same batches, same steps. */
    @Test
    void everyBackendTrainsToTheSameWeights() {
        List<double[]> finals = new ArrayList<>();
        List<String> names = backends().toList();
        for (String name : names) {
            Backend backend = Backends.get(name);
            Sequential model = small(backend, 11);
            new Training(model, Adam.builder().learningRate(0.01).build()).epochs(2).batchSize(16)
                    .fit(blobs(100, 12), null, new Rng(13));
            finals.add(model.parameters().get(0).value().toRowMajor());
        }
        for (int i = 1; i < finals.size(); i++) {
            assertArrayEquals(finals.get(0), finals.get(i), 1e-9, names.get(i) + " vs "
                    + names.get(0));
        }
    }

    @Test
    void badInputIsNamed() {
        Backend ejml = Backends.get("ejml");
        Sequential model = small(ejml, 1);
        Training training = new Training(model, StochasticGradientDescent.withLearningRate(0.1));
        DataSet wide = new DataSet(2, 6, 3, new double[12], new double[6]);
        DataSet narrowTargets = new DataSet(2, 5, 2, new double[10], new double[4]);
        DataSet empty = new DataSet(0, 5, 3, new double[0], new double[0]);
        assertAll(
                () -> assertEquals("the training set has 6 features per example but the model"
                                + " takes 5 inputs", assertThrows(IllegalArgumentException.class,
                        () -> training.fit(wide, null, new Rng(1))).getMessage()),
                () -> assertEquals("the test set has 2 targets per example but the model has 3"
                                + " outputs", assertThrows(IllegalArgumentException.class,
                        () -> training.fit(blobs(4, 1), narrowTargets, new Rng(1))).getMessage()),
                () -> assertEquals("the training set is empty", assertThrows(
                        IllegalArgumentException.class,
                        () -> training.fit(empty, null, new Rng(1))).getMessage()),
                () -> assertEquals("batch size must be positive, got 0", assertThrows(
                        IllegalArgumentException.class, () -> training.batchSize(0)).getMessage()),
                () -> assertEquals("epochs must be positive, got -1", assertThrows(
                        IllegalArgumentException.class, () -> training.epochs(-1)).getMessage()),
                () -> assertEquals("the input has 6 features per example but the model takes 5",
                        assertThrows(IllegalArgumentException.class, () -> model.forward(
                                ejml.linearAlgebra().zeros(2, 6))).getMessage()),
                () -> assertTrue(assertThrows(IllegalStateException.class,
                        () -> Sequential.builder(ejml).input(3).dense(2).build(new Rng(1)))
                        .getMessage().contains("choose a loss")),
                () -> assertTrue(assertThrows(IllegalStateException.class,
                        () -> Sequential.builder(ejml).dense(2).softmaxCrossEntropy()
                                .build(new Rng(1))).getMessage().contains("input(size)")));
    }

    @Test
    void aNonFiniteLossStopsTrainingNamingEpochAndBatch() {
        Backend ejml = Backends.get("ejml");
        Sequential model = small(ejml, 1);
        DataSet good = blobs(40, 2);
        double[] x = good.copyOfFeatures();
        DataSet poisoned = new DataSet(40, 5, 3, x, good.copyOfTargets());
        // A data set refuses NaN when it is built; writing into its array afterwards does not.
        x[17 * 5 + 2] = Double.NaN; // example 17
        double[] before = model.parameters().get(0).value().toRowMajor();
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(0.1)).epochs(2).batchSize(40).fit(poisoned, null, new Rng(3));
        assertFalse(history.completed());
        assertTrue(history.epochs().isEmpty());
        assertTrue(history.message().startsWith("training diverged at epoch 1 of 2, batch 1 of 1:"
                + " the loss is NaN"), history.message());
        assertArrayEquals(before, model.parameters().get(0).value().toRowMajor(), 0.0,
                "the non-finite batch's update is not applied");
    }
}
