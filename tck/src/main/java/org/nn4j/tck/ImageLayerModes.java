package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.ShapeMismatchException;
import org.nn4j.api.Window;
import org.nn4j.api.Window.Padding;

/**
 * The image layers' training and inference modes ({@link Layer#setTraining}), state
 * ({@link Layer#state}), changing batch sizes, and bad input. Dropout drops the expected
 * fraction of a large batch (within five binomial standard deviations), exactly where the
 * caller's draws say, scales what it keeps by {@code 1/(1 − rate)}, uses the same mask
 * backward, and is the identity, drawing nothing, in inference; batch normalisation's
 * training output has per-channel mean 0 and variance {@code σ²/(σ² + ε)}, and inference
 * leaves its running statistics alone. Every factory and every pass rejects bad arguments
 * with the shared exceptions, naming the operation and the operand.
 */
interface ImageLayerModes extends ConformanceChecks {

    /** A generator's draws, counted. */
    final class CountingDraws implements DoubleSupplier {
        final SplittableRandom random;
        int count;

        CountingDraws(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public double getAsDouble() {
            count++;
            return random.nextDouble();
        }
    }

    @Test
    default void dropoutDropsTheExpectedFractionWhereTheDrawsSayAndScalesTheRest() {
        int n = 200;
        int size = 50;
        double rate = 0.25;
        double[] x = Oracle.random(81, n * size, 1, 2);
        CountingDraws draws = new CountingDraws(82);
        Layer layer = backendUnderTest().dropout(size, rate, draws);
        double[] y = layer.forward(matrix(n, size, x)).toRowMajor();
        assertEquals(n * size, draws.count, "one draw per value");
        SplittableRandom replay = new SplittableRandom(82);
        int dropped = 0;
        double kept = 1 / (1 - rate);
        for (int i = 0; i < y.length; i++) {
            boolean drop = replay.nextDouble() < rate;
            if (drop) {
                dropped++;
                assertEquals(0.0, y[i], 0.0, "value " + i + ": its draw is below the rate");
            } else {
                assertTrue(Math.abs(y[i] - x[i] * kept) <= Tolerances.roundings(4) * x[i] * kept,
                        "value " + i + " kept: " + y[i] + " but expected " + x[i] + "/(1 − "
                                + rate + ") = " + x[i] * kept);
            }
        }
        double sd = Math.sqrt(n * size * rate * (1 - rate));
        assertTrue(Math.abs(dropped - n * size * rate) <= 5 * sd, dropped + " of " + n * size
                + " dropped at rate " + rate + ": more than 5 standard deviations from "
                + n * size * rate);
    }

    @Test
    default void dropoutBackwardUsesTheMaskOfTheLastForward() {
        int n = 4;
        int size = 9;
        double rate = 0.5;
        double[] draws = Oracle.random(91, n * size, 0, 1);
        Layer layer = backendUnderTest().dropout(size, rate, ImageLayerGradients.replaying(draws));
        double[] dy = Oracle.random(92, n * size);
        layer.forward(matrix(n, size, Oracle.random(93, n * size)));
        layer.setTraining(false);
        double[] dx = layer.backward(matrix(n, size, dy)).toRowMajor();
        for (int i = 0; i < dx.length; i++) {
            double expected = draws[i] >= rate ? Tolerances.round(dy[i] * 2) : 0.0;
            assertEquals(expected, dx[i], 0.0, "dx " + i + " (draw " + draws[i] + ", the forward"
                    + " was in training, so backward uses its mask though the layer has since"
                    + " been switched to inference)");
        }
    }

    @Test
    default void dropoutInInferenceIsTheIdentityAndDrawsNothing() {
        int n = 3;
        int size = 5;
        CountingDraws draws = new CountingDraws(101);
        Layer layer = backendUnderTest().dropout(size, 0.5, draws);
        layer.setTraining(false);
        double[] x = Oracle.random(102, n * size);
        double[] dy = Oracle.random(103, n * size);
        assertArrayEquals(x, layer.forward(matrix(n, size, x)).toRowMajor(), "forward");
        assertArrayEquals(dy, layer.backward(matrix(n, size, dy)).toRowMajor(), "backward");
        assertEquals(0, draws.count, "draws in inference");
        layer.setTraining(true);
        layer.forward(matrix(n, size, x));
        assertEquals(n * size, draws.count, "draws after switching back to training");
    }

    @Test
    default void dropoutAtRateZeroKeepsEveryValue() {
        double[] x = Oracle.random(111, 12);
        Layer layer = backendUnderTest().dropout(4, 0.0, new CountingDraws(112));
        assertArrayEquals(x, layer.forward(matrix(3, 4, x)).toRowMajor(), "forward at rate 0");
    }

    @Test
    default void batchNormalizationTrainingOutputIsNormalizedPerChannel() {
        int n = 3;
        ImageShape image = new ImageShape(4, 3, 2);
        int c = image.channels();
        double epsilon = 1e-3;
        Layer layer = backendUnderTest().batchNormalization(image, matrix(1, c, 1, 1),
                matrix(1, c, 0, 0), la().zeros(1, c), matrix(1, c, 1, 1), 0.5, epsilon);
        double[] x = Oracle.random(121, n * image.size(), -3, 5);
        double[] y = layer.forward(matrix(n, image.size(), x)).toRowMajor();
        int m = n * image.pixels();
        for (int ch = 0; ch < c; ch++) {
            double xMean = 0;
            double yMean = 0;
            for (int i = ch; i < x.length; i += c) {
                xMean += x[i] / m;
                yMean += y[i] / m;
            }
            double xVar = 0;
            double yVar = 0;
            for (int i = ch; i < x.length; i += c) {
                xVar += (x[i] - xMean) * (x[i] - xMean) / m;
                yVar += (y[i] - yMean) * (y[i] - yMean) / m;
            }
            double tolerance = Tolerances.roundings(64 * m);
            assertEquals(0, yMean, tolerance, "channel " + ch + ": mean of the output");
            assertEquals(xVar / (xVar + epsilon), yVar, tolerance,
                    "channel " + ch + ": variance of the output, σ²/(σ² + ε)");
        }
    }

    @Test
    default void batchNormalizationStateAndParametersAreTheGivenMatricesAndInferenceLeavesThem() {
        ImageShape image = new ImageShape(2, 2, 2);
        Matrix scale = matrix(1, 2, 1, 2);
        Matrix shift = matrix(1, 2, 0, 1);
        Matrix mean = matrix(1, 2, 0.5, -0.5);
        Matrix variance = matrix(1, 2, 2, 0.5);
        Layer layer = backendUnderTest().batchNormalization(image, scale, shift, mean, variance,
                0.1, 1e-5);
        List<Parameter> parameters = layer.parameters();
        assertSame(scale, parameters.get(0).value(), "parameter scale is the given matrix");
        assertSame(shift, parameters.get(1).value(), "parameter shift is the given matrix");
        assertSame(mean, layer.state().get(0).value(), "state runningMean is the given matrix");
        assertSame(variance, layer.state().get(1).value(),
                "state runningVariance is the given matrix");
        layer.setTraining(false);
        double[] x = Oracle.random(131, 2 * image.size());
        double[] y = layer.forward(matrix(2, image.size(), x)).toRowMajor();
        double[] m = {0.5, -0.5};
        double[] v = {2, 0.5};
        double[] g = {1, 2};
        double[] b = {0, 1};
        for (int i = 0; i < x.length; i++) {
            int ch = i % 2;
            double expected = g[ch] * (x[i] - m[ch]) / Math.sqrt(v[ch] + 1e-5) + b[ch];
            assertEquals(expected, y[i], Tolerances.roundings(16) * (1 + Math.abs(expected)),
                    "inference output " + i + " from the given running statistics");
        }
        assertArrayEquals(Tolerances.round(m.clone()), mean.toRowMajor(),
                "inference leaves the running mean");
        assertArrayEquals(Tolerances.round(v.clone()), variance.toRowMajor(),
                "inference leaves the running variance");
        layer.setTraining(true);
        layer.forward(matrix(2, image.size(), x));
        assertTrue(mean.get(0, 0) != Tolerances.round(0.5),
                "a training forward moves the running mean");
    }

    @Test
    default void convolutionAndPoolingAreTheSameInTrainingAndInferenceAndHaveNoState() {
        ImageShape image = new ImageShape(4, 4, 2);
        Window window = Window.square(image, 3, 1, Padding.SAME);
        Backend be = backendUnderTest();
        List<Layer> layers = List.of(be.convolution(window, matrix(3, window.patchSize(),
                        Oracle.random(141, 3 * window.patchSize())), matrix(1, 3,
                        Oracle.random(142, 3))), be.maxPool(window), be.averagePool(window));
        double[] x = Oracle.random(143, 2 * image.size());
        for (Layer layer : layers) {
            double[] training = layer.forward(matrix(2, image.size(), x)).toRowMajor();
            layer.setTraining(false);
            assertArrayEquals(training, layer.forward(matrix(2, image.size(), x)).toRowMajor(),
                    layer + ": inference output");
            assertEquals(List.of(), layer.state(), layer + ": state");
        }
    }

    @Test
    default void changingBatchSizesGiveTheSameRowsAsFreshLayers() {
        ImageShape image = new ImageShape(5, 4, 2);
        Window window = new Window(image, 3, 2, 2, Padding.SAME);
        double[] kernels = Oracle.random(151, 2 * window.patchSize());
        double[] bias = Oracle.random(152, 2);
        Layer layer = backendUnderTest().convolution(window,
                matrix(2, window.patchSize(), kernels), matrix(1, 2, bias));
        Layer pool = backendUnderTest().maxPool(window);
        int out = layer.outputSize();
        for (int n : new int[] {3, 1, 5, 3, 1}) {
            double[] x = Oracle.random(153 + n, n * image.size());
            double[] dy = Oracle.random(163 + n, n * out);
            Layer fresh = backendUnderTest().convolution(window,
                    matrix(2, window.patchSize(), kernels), matrix(1, 2, bias));
            assertArrayEquals(fresh.forward(matrix(n, image.size(), x)).toRowMajor(),
                    layer.forward(matrix(n, image.size(), x)).toRowMajor(),
                    "convolution forward, batch " + n);
            assertArrayEquals(fresh.backward(matrix(n, out, dy)).toRowMajor(),
                    layer.backward(matrix(n, out, dy)).toRowMajor(),
                    "convolution backward, batch " + n);
            assertArrayEquals(fresh.parameters().get(0).gradient().toRowMajor(),
                    layer.parameters().get(0).gradient().toRowMajor(),
                    "convolution dKernels, batch " + n);
            Layer freshPool = backendUnderTest().maxPool(window);
            assertArrayEquals(freshPool.forward(matrix(n, image.size(), x)).toRowMajor(),
                    pool.forward(matrix(n, image.size(), x)).toRowMajor(),
                    "max pooling forward, batch " + n);
            double[] poolDy = Oracle.random(173 + n, n * pool.outputSize());
            assertArrayEquals(freshPool.backward(matrix(n, pool.outputSize(), poolDy))
                    .toRowMajor(), pool.backward(matrix(n, pool.outputSize(), poolDy))
                    .toRowMajor(), "max pooling backward, batch " + n);
        }
    }

    /** Asserts that {@code call} throws {@code type} with a message containing each word. */
    private static <T extends Throwable> void refused(Class<T> type, Executable call,
                                                      String what, String... words) {
        T e = assertThrows(type, call, what);
        for (String word : words) {
            assertTrue(String.valueOf(e.getMessage()).contains(word), what + ": the message '"
                    + e.getMessage() + "' names '" + word + "'");
        }
    }

    @Test
    default void badArgumentsAreRefusedNamingTheProblem() {
        Backend be = backendUnderTest();
        ImageShape image = new ImageShape(4, 4, 2);
        Window window = Window.square(image, 3, 1, Padding.VALID);
        Matrix kernels = la().zeros(3, window.patchSize());
        Matrix bias = la().zeros(1, 3);
        refused(ShapeMismatchException.class, () -> be.convolution(window,
                la().zeros(3, window.patchSize() + 1), bias), "kernels one column too wide",
                "convolution", "kernels");
        refused(ShapeMismatchException.class, () -> be.convolution(window, kernels,
                la().zeros(1, 2)), "a bias of 2 for 3 filters", "convolution", "bias");
        refused(IllegalArgumentException.class, () -> be.convolution(window,
                new ForeignMatrix(3, window.patchSize()), bias), "foreign kernels",
                ForeignMatrix.BACKEND, be.name());
        refused(NullPointerException.class, () -> be.convolution(window, null, bias),
                "null kernels", "kernels");
        Layer conv = be.convolution(window, kernels, bias);
        refused(IllegalStateException.class, () -> conv.backward(la().zeros(1, conv.outputSize())),
                "convolution backward before forward", "before forward");
        refused(ShapeMismatchException.class, () -> conv.forward(la().zeros(2, image.size() - 1)),
                "convolution input one column short", "convolution.forward", "input");
        conv.forward(la().zeros(2, image.size()));
        refused(ShapeMismatchException.class, () -> conv.backward(la().zeros(3,
                conv.outputSize())), "convolution output gradient of another batch",
                "convolution.backward", "outputGradient");
        Layer pool = be.maxPool(window);
        refused(ShapeMismatchException.class, () -> pool.forward(la().zeros(1, 3)),
                "max pooling input of 3 columns", "maxPool.forward", "input");
        refused(IllegalStateException.class, () -> be.averagePool(window)
                .backward(la().zeros(1, 8)), "average pooling backward before forward",
                "before forward");
        for (double rate : new double[] {-0.1, 1.0, Double.NaN}) {
            refused(IllegalArgumentException.class, () -> be.dropout(4, rate,
                    new CountingDraws(1)), "dropout rate " + rate, "rate", String.valueOf(rate));
        }
        refused(IllegalArgumentException.class, () -> be.dropout(0, 0.5, new CountingDraws(1)),
                "dropout of 0 features", "dropout", "0");
        refused(NullPointerException.class, () -> be.dropout(4, 0.5, null), "dropout without"
                + " draws", "uniform");
        Layer dropout = be.dropout(2, 0.5, () -> 1.0);
        refused(IllegalStateException.class, () -> dropout.forward(la().zeros(1, 2)),
                "a draw of 1.0", "1.0", "[0, 1)");
        Matrix ones = matrix(1, 2, 1, 1);
        for (double momentum : new double[] {0, 1.5, Double.NaN}) {
            refused(IllegalArgumentException.class, () -> be.batchNormalization(image,
                    la().copy(ones), la().zeros(1, 2), la().zeros(1, 2), la().copy(ones),
                    momentum, 1e-5), "momentum " + momentum, "momentum");
        }
        refused(IllegalArgumentException.class, () -> be.batchNormalization(image,
                la().copy(ones), la().zeros(1, 2), la().zeros(1, 2), la().copy(ones), 0.1, 0),
                "epsilon 0", "epsilon");
        refused(ShapeMismatchException.class, () -> be.batchNormalization(image,
                la().zeros(1, 3), la().zeros(1, 2), la().zeros(1, 2), la().copy(ones), 0.1,
                1e-5), "a scale of 3 channels for 2", "batchNormalization", "scale");
        Matrix shared = la().zeros(1, 2);
        refused(IllegalArgumentException.class, () -> be.batchNormalization(image,
                la().copy(ones), shared, shared, la().copy(ones), 0.1, 1e-5),
                "the same matrix as shift and running mean", "runningMean", "shift");
        Layer vector = be.batchNormalization(ImageShape.flat(2), la().copy(ones),
                la().zeros(1, 2), la().zeros(1, 2), la().copy(ones), 0.1, 1e-5);
        refused(IllegalArgumentException.class, () -> vector.forward(la().zeros(1, 2)),
                "training on one value per channel", "more than one value per channel");
        vector.setTraining(false);
        assertEquals(1, vector.forward(la().zeros(1, 2)).rows(),
                "inference on a batch of one vector");
    }
}
