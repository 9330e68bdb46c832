package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * What {@link Sequential}'s javadoc promises beyond its numbers: a call lets go of the model
 * when it returns (another thread may use it next) but a call nested in a training does not;
 * {@code evaluate} infers even right after a training step; dropout drops the fraction it is
 * given from the model's own seed; the builder and the prediction methods refuse a count of
 * zero; and accuracy's true class is the first of equal targets, as {@code argmaxRows} takes
 * the first of equal outputs.
 */
class SequentialContractTest {

    private final Backend backend = Backends.get("ejml");
    private final LinearAlgebra la = backend.linearAlgebra();

    /** 1 input, 2 outputs: logits (x, −x) by hand, so class 0 for x = 1. */
    private Sequential line() {
        Sequential model = Sequential.builder(backend).input(1).dense(2).softmaxCrossEntropy()
                .build(new Rng(0));
        la.copyFromRowMajor(new double[] {1, -1}, 0, model.parameters().get(0).value());
        la.copyFromRowMajor(new double[] {0, 0}, 0, model.parameters().get(1).value());
        return model;
    }

    private static DataSet ones(int n) {
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0);
        return DataSet.oneHot(n, 1, x, new int[n], 2);
    }

    /** Runs a call on another thread: the model's first use there. */
    private static void fromAnotherThread(Runnable call) throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<?> done = other.submit(call);
            try {
                done.get();
            } catch (ExecutionException e) {
                throw (Exception) e.getCause();
            }
        } finally {
            other.shutdownNow();
        }
    }

    /**
     * Each guarded call, once returned, leaves the model free: another thread's forward pass
     * then runs. A call that kept the model would make it throw a
     * {@link ConcurrentModificationException} forever after.
     */
    @Test
    void everyCallLetsGoOfTheModelWhenItReturns() throws Exception {
        Map<String, Runnable> calls = new LinkedHashMap<>();
        Sequential model = line();
        Matrix one = la.fromRowMajor(1, 1, 1.0);
        calls.put("forward", () -> model.forward(one));
        calls.put("computeGradients", () -> model.computeGradients(one,
                la.fromRowMajor(1, 2, 1.0, 0.0)));
        calls.put("predict(Matrix)", () -> model.predict(one));
        calls.put("predict(double[])", () -> model.predict(new double[] {1}, 1));
        calls.put("evaluate", () -> model.evaluate(ones(3), 2));
        calls.put("predictor", model::predictor);
        calls.put("Training.fit", () -> new Training(model,
                StochasticGradientDescent.withLearningRate(0.1)).epochs(1).batchSize(2)
                .fit(ones(3), null));
        for (Map.Entry<String, Runnable> call : calls.entrySet()) {
            call.getValue().run();
            fromAnotherThread(() -> model.forward(one));
        }
    }

    /**
     * Training holds the model for its whole run: a prediction made inside it (from a listener,
     * on the training's thread) is nested and, returning, must not let go of the model, which
     * another thread still may not use until the training ends.
     */
    @Test
    void aCallNestedInATrainingDoesNotLetGoOfTheModel() throws Exception {
        Sequential model = line();
        Matrix one = la.fromRowMajor(1, 1, 1.0);
        String[] seen = new String[1];
        EpochListener nested = new EpochListener() {
            @Override
            public void onEpochEnd(EpochSummary summary) {
                model.predict(one);
                try {
                    fromAnotherThread(() -> model.forward(one));
                    seen[0] = "the other thread's forward ran";
                } catch (ConcurrentModificationException e) {
                    seen[0] = e.getMessage();
                } catch (Exception e) {
                    seen[0] = e.toString();
                }
            }
        };
        new Training(model, StochasticGradientDescent.withLearningRate(0.1)).epochs(1)
                .batchSize(2).listener(nested).fit(ones(3), null);
        assertTrue(seen[0].startsWith("forward: this Sequential is in use by another thread"),
                seen[0]);
        fromAnotherThread(() -> model.forward(one));
    }

    /**
     * Dropout (rate 0.5) after the input: in training its outputs are noise, so the loss of a
     * training step varies; {@code evaluate} switches to inference by itself, so right after a
     * step it gives the loss it gives after {@code setTraining(false)}: the dense layer's alone.
     */
    @Test
    void evaluateInfersEvenRightAfterATrainingStep() {
        Sequential model = Sequential.builder(backend).input(4).dropout(0.5).dense(2)
                .softmaxCrossEntropy().seed(3).build();
        double[] x = new double[40];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1 + i % 7;
        }
        DataSet data = DataSet.oneHot(10, 4, x, new int[10], 2);
        model.setTraining(false);
        double inferred = model.evaluate(data, 4).loss();
        model.computeGradients(la.fromRowMajor(10, 4, x), la.fromRowMajor(10, 2,
                new double[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}));
        assertEquals(inferred, model.evaluate(data, 4).loss(), 0.0);
        model.setTraining(true);
        assertTrue(model.forward(la.fromRowMajor(10, 4, x)) != null);
        assertEquals(inferred, model.evaluate(data, 4).loss(), 0.0, "after setTraining(true)");
    }

    /**
     * {@code predict} infers by itself too: right after a training step its classes are those
     * of a model switched to inference by hand (200 examples, so that dropout's noise would
     * change some).
     */
    @Test
    void predictInfersEvenRightAfterATrainingStep() {
        Sequential model = Sequential.builder(backend).input(4).dropout(0.5).dense(3)
                .softmaxCrossEntropy().seed(5).build();
        Rng rng = new Rng(9);
        double[] x = new double[800];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        Matrix input = la.fromRowMajor(200, 4, x);
        model.setTraining(false);
        String inferred = java.util.Arrays.toString(model.predict(input));
        double[] t = new double[600];
        for (int i = 0; i < 200; i++) {
            t[3 * i + i % 3] = 1;
        }
        model.computeGradients(input, la.fromRowMajor(200, 3, t));
        assertEquals(inferred, java.util.Arrays.toString(model.predict(input)));
    }

    /**
     * Inverted dropout of rate 0.25 on 4000 ones, in training, with the model's own noise (no
     * training run has reseeded it): about a quarter are 0, the rest 1 / 0.75. Two models of one
     * seed drop the same values.
     */
    @Test
    void dropoutDropsItsRateFromTheModelsSeed() {
        double[] drawn = dropped(7);
        int zeros = 0;
        for (double v : drawn) {
            if (v == 0.0) {
                zeros++;
            } else {
                assertEquals(1 / 0.75, v, 1e-12);
            }
        }
        // Binomial(4000, 0.25): mean 1000, standard deviation 27.4; 5 deviations either side.
        assertTrue(zeros > 863 && zeros < 1137, zeros + " of 4000 dropped");
        assertEquals(java.util.Arrays.toString(drawn), java.util.Arrays.toString(dropped(7)));
    }

    /** Back to training after inference, dropout drops again. */
    @Test
    void dropoutDropsAgainAfterInference() {
        Sequential model = Sequential.builder(backend).input(400).dropout(0.5)
                .meanSquaredError().seed(2).build();
        double[] x = new double[400];
        java.util.Arrays.fill(x, 1.0);
        model.setTraining(false);
        assertEquals(400.0, sum(model.forward(la.fromRowMajor(1, 400, x)).toRowMajor()), 0.0,
                "inference keeps every value");
        model.setTraining(true);
        double[] y = model.forward(la.fromRowMajor(1, 400, x)).toRowMajor();
        int zeros = 0;
        for (double v : y) {
            zeros += v == 0.0 ? 1 : 0;
        }
        // Binomial(400, 0.5): mean 200, standard deviation 10.
        assertTrue(zeros > 150 && zeros < 250, zeros + " of 400 dropped");
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }

    /** The builder's image layers: a 6x6x1 image, 2 filters of 3x3 same, 2x2 average pool. */
    @Test
    void theBuilderAddsItsImageLayers() {
        Sequential cnn = Sequential.builder(backend).input(new org.nn4j.api.ImageShape(6, 6, 1))
                .conv2d(2, 3, Window.Padding.SAME).averagePool(2).conv2d(2, 3, 3,
                        Window.Padding.VALID).flatten().dense(2).meanSquaredError().build();
        // 6x6x2, pooled to 3x3x2, a 3x3 kernel of stride 3 valid: 1x1x2.
        assertEquals("6x6x1 -> conv2d 2 3x3 same -> average-pool 2x2 -> conv2d 2 3x3 stride 3"
                + " valid -> flatten -> dense 2 -> mean-squared-error", cnn.describe());
    }

    private double[] dropped(long seed) {
        Sequential model = Sequential.builder(backend).input(4000).dropout(0.25)
                .meanSquaredError().seed(seed).build();
        model.setTraining(true);
        double[] x = new double[4000];
        java.util.Arrays.fill(x, 1.0);
        return model.forward(la.fromRowMajor(1, 4000, x)).toRowMajor();
    }

    @Test
    void countsOfZeroAreRefused() {
        Sequential model = line();
        assertEquals("batch size must be positive, got 0", assertThrows(
                IllegalArgumentException.class, () -> model.evaluate(ones(2), 0)).getMessage());
        assertEquals("0 examples of 1 features need 0 values, got 0", assertThrows(
                IllegalArgumentException.class, () -> model.predict(new double[0], 0))
                .getMessage());
        // Refused here, or a step later by ImageShape and LayerSpec.Dense with their own
        // messages: only these calls' wording depends on the first check.
        assertThrows(IllegalArgumentException.class, () -> Sequential.builder(backend).input(0));
        assertThrows(IllegalArgumentException.class, () -> Sequential.builder(backend).dense(0));
        assertThrows(IllegalArgumentException.class, () -> new ModelSpec(0,
                java.util.List.of(LayerSpec.dense(1)), ModelSpec.MEAN_SQUARED_ERROR));
        assertEquals("a dense layer needs a positive number of units, got 0", assertThrows(
                IllegalArgumentException.class, () -> LayerSpec.dense(0)).getMessage());
        // One is the smallest count: one example of the line's one feature is class 0.
        assertEquals(0, model.predict(new double[] {1}, 1)[0]);
    }

    @Test
    void theInputIsSetOnce() {
        Sequential.Builder builder = Sequential.builder(backend).input(3);
        assertEquals("input(2x2x1): the input is already 3", assertThrows(
                IllegalStateException.class,
                () -> builder.input(new org.nn4j.api.ImageShape(2, 2, 1))).getMessage());
        Sequential.Builder image = Sequential.builder(backend)
                .input(new org.nn4j.api.ImageShape(2, 2, 1));
        assertEquals("input(1x1x3): the input is already 2x2x1", assertThrows(
                IllegalStateException.class, () -> image.input(3)).getMessage());
    }

    /**
     * Targets (0.5, 0.5) tie: the true class is the first, 0, as a prediction's class is the
     * first of equal outputs. The line predicts class 0 for x = 1 (logits 1, −1), so the one
     * example is right; the loss is log(e + e^−1) − (0.5·1 + 0.5·(−1)) = 1.12693, by hand.
     */
    @Test
    void theTrueClassIsTheFirstOfEqualTargets() {
        Evaluation e = line().evaluate(new DataSet(1, 1, 2, new double[] {1},
                new double[] {0.5, 0.5}), 1);
        assertEquals(1.0, e.accuracy(), 0.0);
        assertEquals(Math.log(Math.E + 1 / Math.E), e.loss(), 1e-12);
    }
}
