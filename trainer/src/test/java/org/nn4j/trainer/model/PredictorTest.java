package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.optim.Adam;

class PredictorTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    /** 2 -> dense 3 -> relu -> dense 2, with weights set by hand. */
    private static Sequential tiny(Backend backend, boolean classifier) {
        Sequential.Builder b = Sequential.builder(backend).input(2)
                .dense(3).activation(Activation.relu()).dense(2);
        Sequential model = (classifier ? b.softmaxCrossEntropy() : b.meanSquaredError()).build();
        LinearAlgebra la = backend.linearAlgebra();
        double[][] values = {W1, B1, W2, B2};
        for (int k = 0; k < 4; k++) {
            la.copyFromRowMajor(values[k], 0, model.parameters().get(k).value());
        }
        return model;
    }

    private static final double[] W1 = {0.5, -1.0, 2.0, 1.5, 0.25, -0.5};   // 2x3
    private static final double[] B1 = {0.1, 0.2, -0.3};
    private static final double[] W2 = {1.0, -2.0, 0.5, 0.75, -1.5, 3.0};  // 3x2
    private static final double[] B2 = {0.05, -0.05};

    /** The same network written out by hand. */
    private static double[] byHand(double[] x) {
        double[] h = new double[3];
        for (int j = 0; j < 3; j++) {
            h[j] = Math.max(0.0, x[0] * W1[j] + x[1] * W1[3 + j] + B1[j]);
        }
        double[] y = new double[2];
        for (int j = 0; j < 2; j++) {
            y[j] = h[0] * W2[j] + h[1] * W2[2 + j] + h[2] * W2[4 + j] + B2[j];
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void outputsProbabilitiesAndClassesAreTheNetworksByHand(String name) {
        Predictor p = tiny(Backends.get(name), true).predictor();
        double[][] xs = {{1.0, 2.0}, {-1.0, 0.5}, {3.0, -2.0}, {0.0, 0.0}};
        double[][] outputs = p.predict(xs);
        double[][] probabilities = p.predictProbabilities(xs);
        int[] classes = p.predictClasses(xs);
        for (int r = 0; r < xs.length; r++) {
            double[] y = byHand(xs[r]);
            assertArrayEquals(y, outputs[r], 1e-12, "outputs of row " + r);
            assertArrayEquals(y, p.predict(xs[r]), 1e-12, "one example, row " + r);
            double e0 = Math.exp(y[0]);
            double e1 = Math.exp(y[1]);
            double[] soft = {e0 / (e0 + e1), e1 / (e0 + e1)};
            assertArrayEquals(soft, probabilities[r], 1e-12, "probabilities of row " + r);
            assertArrayEquals(soft, p.predictProbabilities(xs[r]), 1e-12);
            assertEquals(y[1] > y[0] ? 1 : 0, classes[r], "class of row " + r);
            assertEquals(classes[r], p.predictClass(xs[r]));
        }
        double[] flat = {1.0, 2.0, -1.0, 0.5, 3.0, -2.0, 0.0, 0.0};
        assertArrayEquals(Stream.of(outputs).flatMapToDouble(Arrays::stream).toArray(),
                p.predict(flat, 4));
        assertArrayEquals(classes, p.predictClasses(flat, 4));
        assertEquals(0, p.predict(new double[0], 0).length);
        assertEquals(0, p.predictClasses(new double[0][]).length);
    }

    @Test
    void probabilitiesOfExtremeLogitsAreFiniteAndSumToOne() {
        double[] v = {1000.0, -1000.0, 999.0};
        Predictor.softmax(v, 0, 3);
        assertEquals(1.0, v[0] + v[1] + v[2], 1e-15);
        assertEquals(1.0 / (1.0 + Math.exp(-1.0)), v[0], 1e-15);
        assertEquals(0.0, v[1]);
    }

    @Test
    void aRegressorGivesOutputsAndClassesButRefusesProbabilities() {
        Predictor p = tiny(Backends.get("ejml"), false).predictor();
        assertFalse(p.hasProbabilities());
        assertArrayEquals(byHand(new double[] {1.0, 2.0}), p.predict(new double[] {1.0, 2.0}),
                1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> p.predictProbabilities(new double[] {1.0, 2.0}));
        assertTrue(e.getMessage().contains("mean-squared-error") && e.getMessage()
                .contains("use predict"), e.getMessage());
        assertTrue(tiny(Backends.get("ejml"), true).predictor().hasProbabilities());
    }

    @Test
    void returnedArraysAreNeverReusedByLaterCalls() {
        Predictor p = tiny(Backends.get("ejml"), true).predictor();
        double[] a = {1.0, 2.0};
        double[] b = {3.0, -2.0};
        double[] ab = {1.0, 2.0, 3.0, -2.0};
        double[] ba = {3.0, -2.0, 1.0, 2.0};
        // Each form twice in a row, other inputs the second time: the first answer stays.
        double[] one = p.predict(a);
        p.predict(b);
        assertArrayEquals(byHand(a), one, 1e-12);
        double[] probabilities = p.predictProbabilities(a);
        double[] again = probabilities.clone();
        p.predictProbabilities(b);
        assertArrayEquals(again, probabilities);
        double[] flat = p.predict(ab, 2);
        p.predict(ba, 2);
        assertArrayEquals(byHand(a), Arrays.copyOfRange(flat, 0, 2), 1e-12);
        assertArrayEquals(byHand(b), Arrays.copyOfRange(flat, 2, 4), 1e-12);
        double[][] rows = p.predict(new double[][] {a, b});
        p.predict(new double[][] {b, a});
        assertArrayEquals(byHand(a), rows[0], 1e-12);
        assertArrayEquals(byHand(b), rows[1], 1e-12);
        int[] classes = p.predictClasses(ab, 2);
        p.predictClasses(ba, 2);
        assertArrayEquals(new int[] {classByHand(1.0, 2.0), classByHand(3.0, -2.0)}, classes);
        assertTrue(classByHand(1.0, 2.0) != classByHand(3.0, -2.0),
                "the two examples have different classes, so a reused array would show");
    }

    private static int classByHand(double x0, double x1) {
        double[] y = byHand(new double[] {x0, x1});
        return y[1] > y[0] ? 1 : 0;
    }

    @Test
    void badInputIsRefusedNamingExampleAndFeature() {
        Predictor p = tiny(Backends.get("ejml"), true).predictor();
        assertMessage("the example has 3 features but the model takes 2",
                () -> p.predict(new double[] {1, 2, 3}));
        assertMessage("feature 1 of example 0 is NaN; cannot predict from it",
                () -> p.predictClass(new double[] {1, Double.NaN}));
        assertMessage("feature 0 of example 2 is Infinity; cannot predict from it",
                () -> p.predictProbabilities(new double[][] {{1, 2}, {3, 4},
                        {Double.POSITIVE_INFINITY, 0}}));
        assertMessage("example 1 is null", () -> p.predict(new double[][] {{1, 2}, null}));
        assertMessage("example 1 has 1 features but the model takes 2",
                () -> p.predictClasses(new double[][] {{1, 2}, {3}}));
        assertMessage("3 examples of 2 features need 6 values, got 5",
                () -> p.predict(new double[5], 3));
        assertMessage("-1 examples of 2 features need -2 values, got 0",
                () -> p.predictClasses(new double[0], -1));
    }

    private static void assertMessage(String expected, Runnable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call::run)
                .getMessage());
    }

    @Test
    void aModelWithANonFiniteParameterGivesNoPredictor() {
        Sequential model = tiny(Backends.get("ejml"), true);
        LinearAlgebra la = model.backend().linearAlgebra();
        la.copyFromRowMajor(new double[] {0.05, Double.NaN}, 0, model.parameters().get(3).value());
        assertEquals("cannot predict with this model: dense1.bias[1] is NaN (did its training"
                + " diverge?)", assertThrows(IllegalArgumentException.class, model::predictor)
                .getMessage());
    }

    /** Four blobs in 6 features; large enough to train a few epochs. */
    private static DataSet blobs(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(4);
            for (int j = 0; j < 6; j++) {
                x[i * 6 + j] = rng.nextGaussian() + (j % 4 == labels[i] ? 1.5 : 0.0);
            }
        }
        return DataSet.oneHot(n, 6, x, labels, 4);
    }

    private static Sequential classifier(Backend backend) {
        return Sequential.builder(backend).input(6).dense(32).activation(Activation.tanh())
                .dense(4).softmaxCrossEntropy().seed(3).build();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aPredictorIsASnapshotThatLaterTrainingDoesNotChange(String name) {
        Sequential model = classifier(Backends.get(name));
        DataSet data = blobs(400, 1);
        Training training = new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(2).batchSize(32);
        training.fit(data, null);
        double[] x = data.copyOfFeatures();
        Predictor before = model.predictor();
        double[] outputs = before.predict(x, data.size());
        double[] modelOutputs = model.forward(model.backend().linearAlgebra()
                .fromRowMajor(data.size(), 6, x)).toRowMajor();
        assertArrayEquals(modelOutputs, outputs, "the predictor is the model, bit for bit");

        training.fit(data, null);   // two more epochs
        double[] trained = model.forward(model.backend().linearAlgebra()
                .fromRowMajor(data.size(), 6, x)).toRowMajor();
        assertFalse(Arrays.equals(outputs, trained), "training changed the model");
        assertArrayEquals(outputs, before.predict(x, data.size()), "but not the predictor");
        assertArrayEquals(trained, model.predictor().predict(x, data.size()),
                "a new predictor sees the new weights");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aBatchIsCutIntoPassesThatGiveEachRowItsAnswer(String name) {
        Sequential model = classifier(Backends.get(name));
        DataSet data = blobs(2 * Predictor.MAX_ROWS_PER_PASS + 345, 2);
        Predictor p = model.predictor();
        int n = data.size();
        double[] x = data.copyOfFeatures();
        double[] all = p.predict(x, n);
        double[] whole = model.forward(model.backend().linearAlgebra().fromRowMajor(n, 6, x))
                .toRowMajor();
        assertArrayEquals(whole, all, 1e-12, "every row, across the passes");
        int[] classes = p.predictClasses(x, n);
        double[] probabilities = p.predictProbabilities(x, n);
        for (int r = 0; r < n; r++) {
            assertEquals(Sequential.argmax(whole, r * 4, 4), classes[r], "class of row " + r);
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += probabilities[r * 4 + j];
            }
            assertEquals(1.0, sum, 1e-12, "probabilities of row " + r);
        }
        assertArrayEquals(all, p.predict(x, n), "the same batch, the same answer");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aPredictorFromAModelFileIsTheTrainedModelsBitForBit(String name, @TempDir Path dir)
            throws Exception {
        Backend backend = Backends.get(name);
        Sequential model = classifier(backend);
        DataSet data = blobs(200, 4);
        new Training(model, Adam.builder().learningRate(0.01).build()).epochs(1).batchSize(20)
                .fit(data, null);
        Path file = dir.resolve("m.npz");
        ModelFile.save(model, file);
        Predictor loaded = ModelFile.load(file).predictor(backend);
        double[] x = data.copyOfFeatures();
        assertArrayEquals(model.predictor().predict(x, 200), loaded.predict(x, 200));
        assertEquals(model.spec(), loaded.spec());
        assertEquals(6, loaded.inputSize());
        assertEquals(4, loaded.outputSize());
    }
}
