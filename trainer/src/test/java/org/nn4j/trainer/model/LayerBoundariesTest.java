package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;

/**
 * Every documented range of a layer's settings at its edges, as the builder takes them and as
 * a model file's settings are read: the edge inside the range is accepted, the one outside is
 * refused naming the setting. The ranges are the javadoc's ({@code [0, 1)} for a dropout
 * rate, {@code (0, 1]} for batch normalisation's momentum and epsilon, 1 to
 * {@link Integer#MAX_VALUE} for a count), and a window with padding {@code valid} fits an
 * input exactly as large as it (one output position, by hand: {@code (4 − 4) / 1 + 1 = 1}).
 */
class LayerBoundariesTest {

    private static final Window.Padding VALID = Window.Padding.VALID;

    /** Settings as a model file's reader gives them: numbers as {@link BigDecimal}. */
    private static LayerSettings settings(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object v = namesAndValues[i + 1];
            values.put((String) namesAndValues[i], v instanceof String s && !s.isEmpty()
                    && (Character.isDigit(s.charAt(0)) || s.charAt(0) == '-')
                    ? new BigDecimal(s) : v);
        }
        return new LayerSettings(values);
    }

    private static String refusal(String type, LayerSettings settings) {
        return assertThrows(LayerSettings.InvalidSettingException.class,
                () -> LayerSpec.read(type, settings)).getMessage();
    }

    @Test
    void aDropoutRateOfZeroIsAcceptedAndOneOrANegativeRateRefused() {
        assertEquals(LayerSpec.dropout(0.0), LayerSpec.read("dropout", settings("rate", "0")));
        assertEquals(LayerSpec.dropout(0.5), LayerSpec.read("dropout", settings("rate", "0.5")));
        assertEquals("rate is 1: expected a number in [0, 1)",
                refusal("dropout", settings("rate", "1")));
        assertEquals("rate is -0.1: expected a number in [0, 1)",
                refusal("dropout", settings("rate", "-0.1")));
        assertEquals("a dropout layer's rate must be in [0, 1), got -0.1",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.dropout(-0.1)).getMessage());
    }

    @Test
    void batchNormalisationTakesAMomentumAndAnEpsilonUpToOneAndAboveZero() {
        assertEquals(new ImageLayers.BatchNorm(1.0, 1.0), LayerSpec.read("batch-norm",
                settings("momentum", "1", "epsilon", "1")));
        assertEquals("momentum is 0: expected a number in (0, 1.0]", refusal("batch-norm",
                settings("momentum", "0", "epsilon", "0.00001")));
        assertEquals("epsilon is 1.5: expected a number in (0, 1.0]", refusal("batch-norm",
                settings("momentum", "0.1", "epsilon", "1.5")));
        assertEquals("a batch-norm layer's momentum must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class,
                        () -> new ImageLayers.BatchNorm(1.5, 1e-5)).getMessage());
        assertEquals("a batch-norm layer's epsilon must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new ImageLayers.BatchNorm(0.1, 0.0)).getMessage());
        assertEquals("a batch-norm layer's epsilon must be in (0, 1], got 1.5",
                assertThrows(IllegalArgumentException.class,
                        () -> new ImageLayers.BatchNorm(0.1, 1.5)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new ImageLayers.BatchNorm(0.1, Double.NaN));
    }

    @Test
    void aCountIsAnIntegerFromOneToTheLargestInt() {
        assertEquals(LayerSpec.dense(1), LayerSpec.read("dense", settings("units", "1")));
        assertEquals(LayerSpec.dense(Integer.MAX_VALUE),
                LayerSpec.read("dense", settings("units", "2147483647")));
        String expected = ": expected an integer from 1 to 2147483647";
        assertEquals("units is 2147483648" + expected,
                refusal("dense", settings("units", "2147483648")));
        assertEquals("units is 0" + expected, refusal("dense", settings("units", "0")));
        assertEquals("units is 1.5" + expected, refusal("dense", settings("units", "1.5")));
        assertEquals("units is \"3\"" + expected, refusal("dense",
                new LayerSettings(Map.of("units", "3"))));
    }

    @Test
    void aKernelStrideOrFilterCountOfOneIsAcceptedAndZeroRefused() {
        // A 1x1 kernel of stride 1 keeps the image's height and width.
        assertEquals(new ImageShape(2, 3, 1),
                LayerSpec.conv2d(1, 1, 1, VALID).outputShape(new ImageShape(2, 3, 5)));
        assertEquals(new ImageShape(2, 3, 5),
                LayerSpec.maxPool(1, 1, VALID).outputShape(new ImageShape(2, 3, 5)));
        assertEquals("a conv2d layer needs a positive number of filters, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.conv2d(0, 1, 1, VALID)).getMessage());
        assertEquals("a pooling layer needs a positive size, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.maxPool(0, 1, VALID)).getMessage());
        assertEquals("a pooling layer needs a positive stride, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> LayerSpec.maxPool(2, 0, VALID)).getMessage());
    }

    /**
     * With padding {@code valid}, a window as large as the input fits once; one larger in
     * either the height or the width alone does not.
     */
    @Test
    void aValidWindowFitsAnInputExactlyItsSizeAndNotOneSmallerInEitherSide() {
        assertEquals(new ImageShape(1, 1, 2),
                LayerSpec.maxPool(4, 1, VALID).outputShape(new ImageShape(4, 4, 2)));
        assertEquals(new ImageShape(1, 1, 3),
                LayerSpec.conv2d(3, 4, 1, VALID).outputShape(new ImageShape(4, 4, 2)));
        for (ImageShape small : List.of(new ImageShape(3, 4, 2), new ImageShape(4, 3, 2))) {
            String message = assertThrows(IllegalArgumentException.class,
                    () -> LayerSpec.maxPool(4, 1, VALID).outputShape(small)).getMessage();
            assertTrue(message.startsWith("max-pool 4x4 stride 1: size 4 is larger than its " + small
                    + " input with padding 'valid'; use padding 'same' or a size of at most 3"),
                    message);
        }
    }

    /** A dense layer of 1x1 is the smallest; a size of 0 either way is refused. */
    @Test
    void initialWeightsNeedPositiveSizes() {
        assertEquals(1, Initialization.HE_NORMAL.weights(1, 1, new org.nn4j.trainer.Rng(1))
                .length);
        assertEquals("a layer needs positive sizes, got 0x3", assertThrows(
                IllegalArgumentException.class, () -> Initialization.XAVIER_UNIFORM.weights(0, 3,
                        new org.nn4j.trainer.Rng(1))).getMessage());
        assertEquals("a layer needs positive sizes, got 3x0", assertThrows(
                IllegalArgumentException.class, () -> Initialization.XAVIER_UNIFORM.weights(3, 0,
                        new org.nn4j.trainer.Rng(1))).getMessage());
    }

    /**
     * The width-only methods read a width as a vector 1x1xwidth: a flatten, an activation and
     * a dropout keep it; a 1x1 convolution of 3 filters on a vector of 5 makes 3 and has a
     * 1x1x5x3 kernel and 3 biases (5·3 + 3 = 18 values).
     */
    @Test
    void widthOnlyLayersReadAWidthAsAVector() {
        assertEquals(6, LayerSpec.flatten().outputWidth(6));
        assertEquals(5, LayerSpec.activation(org.nn4j.api.Activation.relu()).outputWidth(5));
        assertEquals(4, LayerSpec.dropout(0.5).outputWidth(4));
        assertEquals(3, LayerSpec.conv2d(3, 1, 1, VALID).outputWidth(5));
        long values = 0;
        for (ModelSpec.ArrayShape shape : LayerSpec.conv2d(3, 1, 1, VALID).parameterShapes(5)) {
            values += shape.elements();
        }
        assertEquals(18, values);
        LayerSpec flatten = LayerSpec.flatten();
        assertEquals(flatten, flatten.withFixedArrays(List.of()));
        String message = assertThrows(IllegalStateException.class, () -> LayerSpec.dropout(0.5)
                .create(org.nn4j.api.Backends.get("ejml"), 4, new org.nn4j.trainer.Rng(1))
                .forward(org.nn4j.api.Backends.get("ejml").linearAlgebra().zeros(1, 4)))
                .getMessage();
        assertTrue(message.endsWith("has no noise generator; build the model with"
                + " ModelSpec.build or Sequential.Builder"), message);
    }
}
