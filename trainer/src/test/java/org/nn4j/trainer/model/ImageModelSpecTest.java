package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;

/**
 * Shape inference of the image layers: every size follows from the input's shape, the array
 * names and shapes a model file writes, the cost measure, and the errors for settings that do
 * not fit. The expected numbers are worked out by hand in the comments, not read from the
 * code.
 */
class ImageModelSpecTest {

    private static final Window.Padding SAME = Window.Padding.SAME;
    private static final Window.Padding VALID = Window.Padding.VALID;

    /** The example network, on a 28x28 grey image. */
    static ModelSpec example() {
        return new ModelSpec(new ImageShape(28, 28, 1), List.of(
                LayerSpec.conv2d(32, 3, 1, VALID), LayerSpec.activation(Activation.relu()),
                LayerSpec.maxPool(2, 2, VALID),
                LayerSpec.conv2d(64, 3, 1, VALID), LayerSpec.activation(Activation.relu()),
                LayerSpec.maxPool(2, 2, VALID),
                LayerSpec.flatten(), LayerSpec.dense(128), LayerSpec.dropout(0.5),
                LayerSpec.batchNorm(), LayerSpec.dense(10)), ModelSpec.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void everyShapeFollowsFromTheInput() {
        // 28 -3+1-> 26 /2-> 13 -3+1-> 11 /2-> 5 (floor); 5*5*64 = 1600 flattened.
        assertEquals(List.of(new ImageShape(28, 28, 1), new ImageShape(26, 26, 32),
                new ImageShape(26, 26, 32), new ImageShape(13, 13, 32),
                new ImageShape(11, 11, 64), new ImageShape(11, 11, 64), new ImageShape(5, 5, 64),
                ImageShape.flat(1600), ImageShape.flat(128), ImageShape.flat(128),
                ImageShape.flat(128), ImageShape.flat(10)), example().shapes());
        assertEquals(784, example().inputSize());
        assertEquals(10, example().outputSize());
    }

    @Test
    void samePaddingKeepsTheSizeAndStrideDividesItRoundingUp() {
        ModelSpec spec = new ModelSpec(new ImageShape(7, 5, 3), List.of(
                LayerSpec.conv2d(4, 3, 2, SAME), LayerSpec.averagePool(2, 1, SAME),
                LayerSpec.conv2d(2, 1, 1, VALID)), ModelSpec.MEAN_SQUARED_ERROR);
        // ceil(7/2) = 4, ceil(5/2) = 3; a 2x2 pool of stride 1, same: 4x3; 1x1 conv: 4x3x2.
        assertEquals(List.of(new ImageShape(7, 5, 3), new ImageShape(4, 3, 4),
                new ImageShape(4, 3, 4), new ImageShape(4, 3, 2)), spec.shapes());
    }

    @Test
    void theArraysAreNamedByTypeAndCountedAndConvKernelsAreFiltersHeightWidthChannels() {
        List<ModelSpec.ArrayShape> shapes = example().parameterShapes();
        assertEquals(List.of(
                new ModelSpec.ArrayShape("conv2d0.kernels", new long[] {32, 3, 3, 1}),
                new ModelSpec.ArrayShape("conv2d0.bias", new long[] {32}),
                new ModelSpec.ArrayShape("conv2d1.kernels", new long[] {64, 3, 3, 32}),
                new ModelSpec.ArrayShape("conv2d1.bias", new long[] {64}),
                new ModelSpec.ArrayShape("dense0.weights", new long[] {1600, 128}),
                new ModelSpec.ArrayShape("dense0.bias", new long[] {128}),
                new ModelSpec.ArrayShape("batch-norm0.scale", new long[] {128}),
                new ModelSpec.ArrayShape("batch-norm0.shift", new long[] {128}),
                new ModelSpec.ArrayShape("batch-norm0.running_mean", new long[] {128}),
                new ModelSpec.ArrayShape("batch-norm0.running_variance", new long[] {128}),
                new ModelSpec.ArrayShape("dense1.weights", new long[] {128, 10}),
                new ModelSpec.ArrayShape("dense1.bias", new long[] {10})), shapes);
        ModelSpec.ArrayKind t = ModelSpec.ArrayKind.TRAINED;
        ModelSpec.ArrayKind s = ModelSpec.ArrayKind.STATE;
        assertEquals(List.of(t, t, t, t, t, t, t, t, s, s, t, t), example().arrayKinds());
        boolean[] fixed = example().fixedArrays();
        assertEquals(12, fixed.length);
        for (boolean f : fixed) {
            assertFalse(f);
        }
    }

    @Test
    void theArraysOfAModelInterleaveTrainedAndStateValuesInFileOrder() {
        ModelSpec spec = new ModelSpec(3, List.of(LayerSpec.batchNorm(), LayerSpec.dense(1)),
                ModelSpec.MEAN_SQUARED_ERROR);
        double[] scale = {1, 2, 3};
        double[] shift = {4, 5, 6};
        double[] mean = {7, 8, 9};
        double[] variance = {10, 11, 12};
        double[] w = {13, 14, 15};
        double[] b = {16};
        List<double[]> all = spec.arrays(List.of(scale, shift, w, b), List.of(mean, variance));
        assertEquals(List.of(scale, shift, mean, variance, w, b), all);
        assertThrows(IllegalArgumentException.class,
                () -> spec.arrays(List.of(scale, shift, w, b)));
    }

    @Test
    void multiplyAddsCountConvolutionsAndDenseLayers() {
        // conv1: 26*26 outputs * 32 filters * 9 = 194,688; conv2: 11*11 * 64 * (9*32) =
        // 2,230,272; dense 1600*128 = 204,800; dense 128*10 = 1,280.
        assertEquals(194_688L + 2_230_272L + 204_800L + 1_280L, example().multiplyAdds());
    }

    @Test
    void aVectorInputIsOneByOneByD() {
        ModelSpec old = new ModelSpec(5, List.of(LayerSpec.dense(3)), ModelSpec.MEAN_SQUARED_ERROR);
        assertEquals(ImageShape.flat(5), old.input());
        assertEquals("5 -> dense 3 -> mean-squared-error", old.describe());
        assertTrue(example().describe().startsWith("28x28x1 -> conv2d 32 3x3 valid -> relu"
                + " -> max-pool 2x2 -> "), example().describe());
        // An activation keeps an image an image; a dense layer makes a vector.
        assertEquals(new ImageShape(4, 4, 2), LayerSpec.activation(Activation.relu())
                .outputShape(new ImageShape(4, 4, 2)));
        assertEquals(ImageShape.flat(3), LayerSpec.dense(3).outputShape(new ImageShape(4, 4, 2)));
    }

    @Test
    void aKernelLargerThanAValidPaddedInputIsRefusedNamingTheLayerAndTheOption() {
        List<LayerSpec> layers = List.of(LayerSpec.conv2d(8, 3, 1, VALID),
                LayerSpec.maxPool(2, 2, VALID), LayerSpec.conv2d(8, 5, 1, VALID),
                LayerSpec.dense(2));
        String message = assertThrows(IllegalArgumentException.class,
                () -> new ModelSpec(new ImageShape(10, 10, 1), layers,
                        ModelSpec.MEAN_SQUARED_ERROR)).getMessage();
        // 10 -> 8 -> 4: a 5x5 kernel does not fit.
        assertEquals("layer 3 (conv2d 8 5x5 valid) after 4x4x8: conv2d 8 5x5 valid: kernel 5 is"
                + " larger than its 4x4x8 input with padding 'valid'; use padding 'same' or a"
                + " kernel of at most 4", message);
        String pool = assertThrows(IllegalArgumentException.class,
                () -> new ModelSpec(new ImageShape(1, 6, 2), List.of(LayerSpec.maxPool(2, 2,
                        VALID)), ModelSpec.MEAN_SQUARED_ERROR)).getMessage();
        assertTrue(pool.startsWith("layer 1 (max-pool 2x2) after 1x6x2: max-pool 2x2: size 2 is"
                + " larger than its 1x6x2 input"), pool);
        // Same padding fits any kernel.
        assertEquals(new ImageShape(4, 4, 8), LayerSpec.conv2d(8, 5, 1, SAME)
                .outputShape(new ImageShape(4, 4, 1)));
    }

    @Test
    void badSettingsAreRefusedNamingTheSetting() {
        assertEquals("a conv2d layer needs a positive kernel, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.conv2d(4, 0, 1, SAME)).getMessage());
        assertEquals("a conv2d layer needs a positive stride, got -1",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.conv2d(4, 3, -1, SAME)).getMessage());
        assertEquals("a dropout layer's rate must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.dropout(1.0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerSpec.dropout(Double.NaN));
        assertEquals("a batch-norm layer's momentum must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new ImageLayers.BatchNorm(0.0, 1e-5)).getMessage());
    }

    @Test
    void aFileReadsEveryImageLayerBackFromItsSettings() {
        for (LayerSpec layer : List.of(LayerSpec.conv2d(4, 3, 2, SAME),
                LayerSpec.maxPool(3, 2, VALID), LayerSpec.averagePool(2, 2, SAME),
                LayerSpec.flatten(), LayerSpec.dropout(0.3), LayerSpec.batchNorm())) {
            Map<String, Object> settings = new java.util.LinkedHashMap<>();
            layer.settings().forEach((k, v) -> settings.put(k, v instanceof Number n
                    ? new java.math.BigDecimal(n.toString()) : v));
            assertEquals(layer, LayerSpec.read(layer.type(), new LayerSettings(settings)),
                    layer.type());
        }
        Map<String, Object> bad = Map.of("filters", new java.math.BigDecimal(4), "kernel",
                new java.math.BigDecimal(3), "stride", java.math.BigDecimal.ONE, "padding",
                "full");
        assertEquals("padding is \"full\": expected \"valid\" or \"same\"",
                assertThrows(LayerSettings.InvalidSettingException.class,
                        () -> LayerSpec.read("conv2d", new LayerSettings(bad))).getMessage());
    }

    @Test
    void anImageSpecSurvivesJavaSerializationAsSparkShipsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(example());
        }
        try (ObjectInputStream in = new ObjectInputStream(
                new ByteArrayInputStream(bytes.toByteArray()))) {
            ModelSpec back = (ModelSpec) in.readObject();
            assertEquals(example(), back);
            assertArrayEquals(example().fixedArrays(), back.fixedArrays());
        }
    }
}
