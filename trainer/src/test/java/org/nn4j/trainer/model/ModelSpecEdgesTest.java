package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.Standardization;

/**
 * The model description's edges that a model file and a checkpoint depend on: unknown layer
 * types and settings refused (hostile values shortened in the message), each layer's
 * description, array shapes (their element count saturating rather than overflowing), fixed
 * arrays found after layers with state, the standardization layer's arithmetic by hand, and
 * the ranges a checkpoint and a history accept. Expected values are worked by hand here.
 */
class ModelSpecEdgesTest {

    private static final LinearAlgebra LA = Backends.get("ejml").linearAlgebra();

    private static String refusal(String type, Map<String, Object> settings) {
        return assertThrows(LayerSettings.InvalidSettingException.class,
                () -> LayerSpec.read(type, new LayerSettings(settings))).getMessage();
    }

    @Test
    void unknownTypesAndSettingsAreRefusedNamingThem() {
        String message = refusal("lstm", Map.of());
        assertTrue(message.startsWith("type is \"lstm\": a layer is \"activation\" or"
                + " \"average-pool\" or \"batch-norm\" or \"conv2d\" or \"dense\" or \"dropout\""
                + " or \"flatten\" or \"max-pool\" or "), message);
        assertEquals("activation is an unknown setting: this layer has exactly [units]",
                refusal("dense", Map.of("units", BigDecimal.ONE, "activation", "relu")));
        assertEquals("units is an unknown setting: this layer has no settings",
                refusal("flatten", Map.of("units", BigDecimal.ONE)));
        String longName = "x".repeat(70);
        assertEquals("x".repeat(60) + "... is an unknown setting: this layer has no settings",
                refusal("flatten", Map.of(longName, BigDecimal.ONE)));
        assertEquals("y".repeat(60) + " is an unknown setting: this layer has no settings",
                refusal("flatten", Map.of("y".repeat(60), BigDecimal.ONE)));
    }

    /** A value is shown as the file has it, strings quoted, long ones cut, containers named. */
    @Test
    void aBadValueIsShownShortened() {
        String expected = ": expected an integer from 1 to 2147483647";
        assertEquals("units is \"" + "u".repeat(60) + "...\"" + expected,
                refusal("dense", Map.of("units", "u".repeat(61))));
        assertEquals("units is \"" + "u".repeat(60) + "\"" + expected,
                refusal("dense", Map.of("units", "u".repeat(60))));
        assertEquals("units is " + "9".repeat(40) + "..." + expected,
                refusal("dense", Map.of("units", new BigDecimal("9".repeat(41)))));
        assertEquals("units is " + "9".repeat(40) + expected,
                refusal("dense", Map.of("units", new BigDecimal("9".repeat(40)))));
        assertEquals("units is an object" + expected, refusal("dense", Map.of("units", Map.of())));
        assertEquals("units is an array" + expected, refusal("dense", Map.of("units", List.of())));
        assertEquals("units is true" + expected, refusal("dense", Map.of("units", true)));
        assertEquals("units is missing or null" + expected, refusal("dense", Map.of()));
        LayerSettings.InvalidSettingException e = assertThrows(
                LayerSettings.InvalidSettingException.class,
                () -> LayerSpec.read("dense", new LayerSettings(Map.of("units", "3"))));
        assertEquals("units", e.setting());
        assertEquals("\"3\"", e.found());
        assertEquals("expected an integer from 1 to 2147483647", e.expected());
    }

    @Test
    void eachLayerDescribesItself() {
        Standardization standardization = new Standardization(new double[] {1, 2},
                new double[] {2, 4});
        ModelSpec spec = new ModelSpec(new ImageShape(4, 4, 2), List.of(
                LayerSpec.conv2d(3, 3, 1, org.nn4j.api.Window.Padding.SAME),
                LayerSpec.batchNorm(), LayerSpec.flatten(), LayerSpec.dropout(0.25),
                LayerSpec.dense(2), LayerSpec.standardize(standardization), LayerSpec.dense(1)),
                ModelSpec.MEAN_SQUARED_ERROR);
        assertEquals("4x4x2 -> conv2d 3 3x3 same -> batch-norm -> flatten -> dropout 0.25"
                + " -> dense 2 -> standardize -> dense 1 -> mean-squared-error", spec.describe());
        assertEquals("standardize", new UnfittedStandardize(2).describe());
        assertEquals(2, LayerSpec.standardize(standardization).outputWidth(2));
        assertEquals(2, new UnfittedStandardize(2).outputWidth(2));
        assertEquals(Map.of("features", 2), new UnfittedStandardize(2).settings());
        assertEquals("Standardize[features=2]", LayerSpec.standardize(standardization).toString());
        assertNotEquals(LayerSpec.standardize(standardization), LayerSpec.standardize(
                new Standardization(new double[] {1, 2}, new double[] {2, 5})));
        assertEquals(LayerSpec.standardize(standardization), LayerSpec.standardize(
                new Standardization(new double[] {1, 2}, new double[] {2, 4})));
        assertEquals(LayerSpec.standardize(standardization).hashCode(), LayerSpec.standardize(
                new Standardization(new double[] {1, 2}, new double[] {2, 4})).hashCode());
    }

    /**
     * A standardization after a convolution and a batch normalisation: its mean and scale are
     * the arrays after the convolution's 2 and batch normalisation's 2 trained and 2 state
     * arrays and the dense layer's 2, at positions 6 and 7 of 10 (the last dense layer's 2
     * follow); {@code withFixedArrays} must find them there.
     */
    @Test
    void fixedArraysAreFoundAfterLayersWithState() {
        Standardization standardization = new Standardization(new double[] {1, 2},
                new double[] {2, 4});
        ModelSpec spec = new ModelSpec(new ImageShape(2, 2, 1), List.of(
                LayerSpec.conv2d(1, 1, 1, org.nn4j.api.Window.Padding.VALID),
                LayerSpec.batchNorm(), LayerSpec.flatten(), LayerSpec.dense(2),
                new UnfittedStandardize(2), LayerSpec.dense(1)), ModelSpec.MEAN_SQUARED_ERROR);
        assertEquals(List.of(ModelSpec.ArrayKind.TRAINED, ModelSpec.ArrayKind.TRAINED,
                ModelSpec.ArrayKind.TRAINED, ModelSpec.ArrayKind.TRAINED,
                ModelSpec.ArrayKind.STATE, ModelSpec.ArrayKind.STATE,
                ModelSpec.ArrayKind.TRAINED, ModelSpec.ArrayKind.TRAINED,
                ModelSpec.ArrayKind.FIXED, ModelSpec.ArrayKind.FIXED,
                ModelSpec.ArrayKind.TRAINED, ModelSpec.ArrayKind.TRAINED), spec.arrayKinds());
        List<double[]> arrays = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            arrays.add(new double[] {i});
        }
        arrays.set(8, new double[] {1, 2});
        arrays.set(9, new double[] {2, 4});
        ModelSpec bound = spec.withFixedArrays(arrays);
        assertEquals(LayerSpec.standardize(standardization), bound.layers().get(4));
        List<double[]> trained = List.of(new double[] {10}, new double[] {11}, new double[] {12},
                new double[] {13}, new double[] {14}, new double[] {15}, new double[] {16},
                new double[] {17});
        List<double[]> all = bound.arrays(trained, List.of(new double[] {20}, new double[] {21}));
        assertArrayEquals(new double[] {1, 2}, all.get(8));
        assertArrayEquals(new double[] {21}, all.get(5));
        assertArrayEquals(new double[] {17}, all.get(11));
        // A model without state arrays: the one-argument form.
        ModelSpec plain = new ModelSpec(2, List.of(LayerSpec.standardize(standardization),
                LayerSpec.dense(1)), ModelSpec.MEAN_SQUARED_ERROR);
        List<double[]> plainAll = plain.arrays(List.of(new double[] {5, 6}, new double[] {7}));
        assertEquals(4, plainAll.size());
        assertArrayEquals(new double[] {2, 4}, plainAll.get(1));
        assertArrayEquals(new double[] {7}, plainAll.get(3));
    }

    @Test
    void anArrayShapeCountsItsElementsSaturatingAndIsAValue() {
        ModelSpec.ArrayShape w = new ModelSpec.ArrayShape("dense0.W", new long[] {2, 3});
        assertEquals(6, w.elements());
        assertEquals(0, new ModelSpec.ArrayShape("e", new long[] {0, 5}).elements());
        assertEquals(0, new ModelSpec.ArrayShape("e", new long[] {5, 0}).elements());
        // 2^40 · 2^40 = 2^80 does not fit a long: the count saturates.
        assertEquals(Long.MAX_VALUE, new ModelSpec.ArrayShape("big",
                new long[] {1L << 40, 1L << 40}).elements());
        assertEquals(1L << 62, new ModelSpec.ArrayShape("fits",
                new long[] {1L << 31, 1L << 31}).elements());
        assertEquals("dense0.W(2, 3)", w.toString());
        assertEquals("b(4,)", new ModelSpec.ArrayShape("b", new long[] {4}).toString());
        ModelSpec.ArrayShape same = new ModelSpec.ArrayShape("dense0.W", new long[] {2, 3});
        assertEquals(w, same);
        assertEquals(w.hashCode(), same.hashCode());
        assertNotEquals(w, new ModelSpec.ArrayShape("dense0.W", new long[] {3, 2}));
        assertNotEquals(w, new ModelSpec.ArrayShape("dense1.W", new long[] {2, 3}));
        assertNotEquals(w, "dense0.W(2, 3)");
    }

    /**
     * y = (x − mean) / scale with mean (1, 2), scale (2, 4): x = [[3, 2], [1, 10]] gives
     * [[1, 0], [0, 2]]; a gradient [[2, 4], [6, 8]] goes back as [[1, 1], [3, 2]].
     */
    @Test
    void theStandardizationLayerComputesAsByHand() {
        StandardizationLayer layer = new StandardizationLayer(LA, new double[] {1, 2},
                new double[] {2, 4});
        assertEquals(2, layer.inputSize());
        assertEquals(2, layer.outputSize());
        assertEquals("standardize.backward before forward", assertThrows(
                IllegalStateException.class, () -> layer.backward(LA.zeros(1, 2))).getMessage());
        assertEquals("standardize.backward before forward", assertThrows(
                IllegalStateException.class,
                () -> layer.backward(LA.zeros(1, 2), false)).getMessage());
        assertThrows(ShapeMismatchException.class, () -> layer.forward(LA.zeros(2, 3)));
        assertArrayEquals(new double[] {1, 0, 0, 2},
                layer.forward(LA.fromRowMajor(2, 2, 3, 2, 1, 10)).toRowMajor(), 0.0);
        Matrix g = LA.fromRowMajor(2, 2, 2, 4, 6, 8);
        assertArrayEquals(new double[] {1, 1, 3, 2}, layer.backward(g).toRowMajor(), 0.0);
        assertArrayEquals(new double[] {1, 1, 3, 2}, layer.backward(g, true).toRowMajor(), 0.0);
        assertNull(layer.backward(g, false));
        assertThrows(ShapeMismatchException.class, () -> layer.backward(LA.zeros(2, 3)));
        assertThrows(ShapeMismatchException.class, () -> layer.backward(LA.zeros(2, 3), false));
        assertTrue(layer.parameters().isEmpty());
        // A batch of another size after it: 3 rows, [[3, 2], [1, 10], [5, 6]] by hand.
        assertArrayEquals(new double[] {1, 0, 0, 2, 2, 1},
                layer.forward(LA.fromRowMajor(3, 2, 3, 2, 1, 10, 5, 6)).toRowMajor(), 0.0);
        assertArrayEquals(new double[] {1, 1, 3, 2, 0.5, 0.25}, layer.backward(
                LA.fromRowMajor(3, 2, 2, 4, 6, 8, 1, 1)).toRowMajor(), 0.0);
    }

    /** An epoch without a validation set, its test accuracy 0.5 + epoch / 10. */
    private static EpochSummary summary(int epoch) {
        return new EpochSummary(epoch, 0.1, 1.0, 1.0, 0.5 + epoch / 10.0, 1, 0, 1);
    }

    private static TrainingCheckpoint checkpoint(int epochs, int[] order, TrainingCheckpoint.Best best) {
        List<EpochSummary> history = new java.util.ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            history.add(summary(e));
        }
        return new TrainingCheckpoint(epochs, Map.of(), List.of(),
                new org.nn4j.trainer.optim.SavedOptimizerState("sgd", Map.of(), List.of()),
                new Rng(1).state(), order, history, best);
    }

    @Test
    void aCheckpointTakesItsCountsInTheirRanges() {
        assertEquals(1, checkpoint(1, new int[] {1, 0}, null).epochsCompleted());
        assertEquals("a checkpoint follows at least one epoch, got 0", assertThrows(
                IllegalArgumentException.class, () -> checkpoint(0, new int[0], null))
                .getMessage());
        assertEquals("the shuffle order is not a permutation of 0..1: it has 2",
                assertThrows(IllegalArgumentException.class,
                        () -> checkpoint(1, new int[] {0, 2}, null)).getMessage());
        assertEquals("the shuffle order is not a permutation of 0..1: it has -1",
                assertThrows(IllegalArgumentException.class,
                        () -> checkpoint(1, new int[] {-1, 0}, null)).getMessage());
        assertEquals("the shuffle order is not a permutation of 0..1: it has 1 twice",
                assertThrows(IllegalArgumentException.class,
                        () -> checkpoint(1, new int[] {1, 1}, null)).getMessage());
        // The best epoch is among those completed: 0 and 1 of 2, not 2.
        assertEquals(1, checkpoint(2, new int[] {0}, new TrainingCheckpoint.Best(1, 0.5, 0,
                List.of())).best().epoch());
        assertEquals("the best epoch 2 (from 0) is not among the 2 completed", assertThrows(
                IllegalArgumentException.class, () -> checkpoint(2, new int[] {0},
                        new TrainingCheckpoint.Best(2, 0.5, 0, List.of()))).getMessage());
        assertEquals(-1, new TrainingCheckpoint.Best(-1, Double.NaN, 0, List.of()).epoch());
        assertEquals("best epoch -2, epochs without improvement 0", assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingCheckpoint.Best(-2, 0.5, 0, List.of())).getMessage());
        assertEquals("best epoch 0, epochs without improvement -1", assertThrows(
                IllegalArgumentException.class,
                () -> new TrainingCheckpoint.Best(0, 0.5, -1, List.of())).getMessage());
    }

    @Test
    void aHistoryTakesItsBestEpochInRangeAndSaysHowItEnded() {
        List<EpochSummary> two = List.of(summary(0),
                summary(1));
        TrainingHistory early = new TrainingHistory(two, true, "stopped", StopReason.EARLY_STOPPED,
                0, true);
        assertTrue(early.stoppedEarly());
        assertEquals(two.get(0), early.finalEpoch());
        assertEquals(two.get(0).testAccuracy(), early.finalTestAccuracy(), 0.0);
        TrainingHistory done = new TrainingHistory(two, true, "done");
        assertEquals(StopReason.COMPLETED, done.stopReason());
        assertEquals(false, done.stoppedEarly());
        assertEquals(two.get(1).testAccuracy(), done.finalTestAccuracy(), 0.0);
        assertEquals(StopReason.DIVERGED, new TrainingHistory(two, false, "nan").stopReason());
        assertTrue(Double.isNaN(new TrainingHistory(List.of(), false, "none")
                .finalTestAccuracy()));
        assertEquals(-1, new TrainingHistory(two, true, "", StopReason.COMPLETED, -1, false)
                .bestEpoch());
        assertEquals("best epoch -2 of 2", assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory(two, true, "", StopReason.COMPLETED, -2, false))
                .getMessage());
        assertEquals("best epoch 2 of 2", assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory(two, true, "", StopReason.COMPLETED, 2, false))
                .getMessage());
        assertEquals("best epoch -1 (restored) of 2", assertThrows(IllegalArgumentException.class,
                () -> new TrainingHistory(two, true, "", StopReason.COMPLETED, -1, true))
                .getMessage());
    }

    /**
     * A type's reader is registered once: again with the same reader is fine, another is not.
     * (The type sorts last, so the list of known types other tests read keeps its order.)
     */
    @Test
    void aLayerTypeHasOneReader() {
        java.util.function.Function<LayerSettings, LayerSpec> reader = s -> LayerSpec.flatten();
        LayerSpec.register("zz-edge-test-flatten", reader);
        LayerSpec.register("zz-edge-test-flatten", reader);
        assertEquals(LayerSpec.flatten(), LayerSpec.read("zz-edge-test-flatten",
                new LayerSettings(Map.of())));
        assertEquals("a reader is already registered for layer type 'zz-edge-test-flatten'",
                assertThrows(IllegalStateException.class, () -> LayerSpec.register(
                        "zz-edge-test-flatten", s -> LayerSpec.dense(1))).getMessage());
    }

    /** A training's record has the final test accuracy when there was a test set, else none. */
    @Test
    void aRecordHasATestAccuracyOnlyWithATestSet() {
        org.nn4j.trainer.data.DataSet data = org.nn4j.trainer.data.DataSet.oneHot(4, 1,
                new double[] {1, -1, 2, -2}, new int[] {0, 1, 0, 1}, 2);
        Sequential model = Sequential.builder(Backends.get("ejml")).input(1).dense(2)
                .softmaxCrossEntropy().seed(1).build();
        org.nn4j.trainer.optim.Optimizer sgd =
                org.nn4j.trainer.optim.StochasticGradientDescent.withLearningRate(0.1);
        new Training(model, sgd).epochs(1).batchSize(2).fit(data, null);
        assertTrue(!model.lastTraining().orElseThrow().hyperparameters()
                .containsKey("test_accuracy"));
        TrainingHistory history = new Training(model, sgd).epochs(1).batchSize(2)
                .fit(data, data);
        assertEquals(history.finalTestAccuracy(), Double.parseDouble(model.lastTraining()
                .orElseThrow().hyperparameters().get("test_accuracy")), 0.0);
    }
}
