package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Window;

/**
 * The image layers' forward and backward passes against known answers computed by numpy with
 * direct loops (no im2col), from {@code image_layers_reference.py} beside
 * {@value #RESOURCE} (cross-checked there against PyTorch's {@code conv2d} and
 * {@code batch_norm}): convolutions with {@code same} padding split evenly and unevenly,
 * stride 2, one channel and a batch of one, 1x1 kernels and a kernel as large as the image;
 * max and average pooling with and without padding; two training batches of batch
 * normalisation (outputs, running statistics after each, the first one's gradients) and an
 * inference batch on the running statistics, for an image and a vector; inverted dropout on
 * given draws. Inputs are multiples of 1/8, exact in both precisions; answers are compared
 * within {@link Tolerances#knownAnswer()} relative ({@link Expect#matrix}).
 */
interface ImageLayerKnownAnswers extends ConformanceChecks {

    /** The known answers, beside their generator. */
    static final String RESOURCE = "/org/nn4j/tck/image/image-layers.properties";

    /** The known answers, read once. */
    final class Answers {
        static final Properties P = load();

        private Answers() {
        }

        private static Properties load() {
            try (InputStream in = ImageLayerKnownAnswers.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the kit's resource " + RESOURCE + " is missing");
                }
                Properties p = new Properties();
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
                return p;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String text(String key) {
            String value = P.getProperty(key);
            if (value == null) {
                throw new IllegalStateException(RESOURCE + " has no " + key);
            }
            return value;
        }

        static double[] values(String key) {
            return Arrays.stream(text(key).split(",")).mapToDouble(Double::parseDouble).toArray();
        }

        static String[] geometry(String prefix) {
            return text(prefix + "geometry").split(",");
        }

        /** The case names of a kind, such as {@code conv}, in the file's order. */
        static Stream<String> cases(String kind) {
            return P.stringPropertyNames().stream()
                    .filter(k -> k.startsWith(kind + ".") && k.endsWith(".geometry"))
                    .map(k -> k.substring(kind.length() + 1, k.length() - ".geometry".length()))
                    .sorted();
        }
    }

    static Stream<String> convolutionCases() {
        return Answers.cases("conv");
    }

    static Stream<String> maxPoolCases() {
        return Answers.cases("maxpool");
    }

    static Stream<String> averagePoolCases() {
        return Answers.cases("avgpool");
    }

    static Stream<String> batchNormalizationCases() {
        return Answers.cases("bn");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerKnownAnswers#convolutionCases")
    default void convolutionForwardAndBackwardMatchNumpy(String name) {
        String p = "conv." + name + ".";
        String[] g = Answers.geometry(p);
        int n = Integer.parseInt(g[0]);
        ImageShape image = new ImageShape(Integer.parseInt(g[1]), Integer.parseInt(g[2]),
                Integer.parseInt(g[3]));
        int filters = Integer.parseInt(g[4]);
        Window window = new Window(image, Integer.parseInt(g[5]), Integer.parseInt(g[6]),
                Integer.parseInt(g[7]), Window.Padding.parse(g[8]));
        Matrix kernels = matrix(filters, window.patchSize(), Answers.values(p + "kernels"));
        Matrix bias = matrix(1, filters, Answers.values(p + "bias"));
        Layer layer = backendUnderTest().convolution(window, kernels, bias);
        int out = window.output(filters).size();
        String what = "convolution " + name + " (" + window + ", " + filters + " filters)";
        assertEquals(image.size(), layer.inputSize(), what + ": inputSize");
        assertEquals(out, layer.outputSize(), what + ": outputSize");
        List<Parameter> parameters = layer.parameters();
        assertEquals(List.of("kernels", "bias"), parameters.stream().map(Parameter::name).toList(),
                what + ": parameter names");
        assertSame(kernels, parameters.get(0).value(), what + ": the kernels given");
        assertSame(bias, parameters.get(1).value(), what + ": the bias given");
        Matrix x = matrix(n, image.size(), Answers.values(p + "x"));
        Expect.matrix(what + ": forward", n, out, Answers.values(p + "y"), layer.forward(x));
        Matrix dy = matrix(n, out, Answers.values(p + "dy"));
        assertNull(layer.backward(dy, false), what + ": backward(dy, false)");
        Expect.matrix(what + ": dKernels without the input gradient", filters,
                window.patchSize(), Answers.values(p + "dKernels"), parameters.get(0).gradient());
        Expect.matrix(what + ": dBias without the input gradient", 1, filters,
                Answers.values(p + "dBias"), parameters.get(1).gradient());
        Expect.matrix(what + ": dx", n, image.size(), Answers.values(p + "dx"),
                layer.backward(dy));
        Expect.matrix(what + ": dKernels", filters, window.patchSize(),
                Answers.values(p + "dKernels"), parameters.get(0).gradient());
        Expect.matrix(what + ": dBias", 1, filters, Answers.values(p + "dBias"),
                parameters.get(1).gradient());
    }

    private void pooling(String kind, String name) {
        String p = kind + "pool." + name + ".";
        String[] g = Answers.geometry(p);
        int n = Integer.parseInt(g[0]);
        Window window = new Window(new ImageShape(Integer.parseInt(g[1]), Integer.parseInt(g[2]),
                Integer.parseInt(g[3])), Integer.parseInt(g[4]), Integer.parseInt(g[5]),
                Integer.parseInt(g[6]), Window.Padding.parse(g[7]));
        Layer layer = kind.equals("max") ? backendUnderTest().maxPool(window)
                : backendUnderTest().averagePool(window);
        String what = kind + " pooling " + name + " (" + window + ")";
        int in = window.input().size();
        int out = window.pooled().size();
        assertEquals(in, layer.inputSize(), what + ": inputSize");
        assertEquals(out, layer.outputSize(), what + ": outputSize");
        assertEquals(List.of(), layer.parameters(), what + ": parameters");
        Expect.matrix(what + ": forward", n, out, Answers.values(p + "y"),
                layer.forward(matrix(n, in, Answers.values(p + "x"))));
        Expect.matrix(what + ": backward", n, in, Answers.values(p + "dx"),
                layer.backward(matrix(n, out, Answers.values(p + "dy"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerKnownAnswers#maxPoolCases")
    default void maxPoolForwardAndBackwardMatchNumpy(String name) {
        pooling("max", name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerKnownAnswers#averagePoolCases")
    default void averagePoolForwardAndBackwardMatchNumpy(String name) {
        pooling("avg", name);
    }

    /** The batch normalisation layer of a case, on the file's parameters and statistics. */
    private Layer batchNormalization(String p, ImageShape image) {
        int c = image.channels();
        return backendUnderTest().batchNormalization(image, matrix(1, c, Answers.values(p + "scale")),
                matrix(1, c, Answers.values(p + "shift")),
                matrix(1, c, Answers.values(p + "runningMean0")),
                matrix(1, c, Answers.values(p + "runningVariance0")),
                Double.parseDouble(Answers.text(p + "momentum")),
                Double.parseDouble(Answers.text(p + "epsilon")));
    }

    private static ImageShape image(String[] g) {
        return new ImageShape(Integer.parseInt(g[1]), Integer.parseInt(g[2]),
                Integer.parseInt(g[3]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerKnownAnswers#batchNormalizationCases")
    default void batchNormalizationTrainingMatchesNumpy(String name) {
        String p = "bn." + name + ".";
        String[] g = Answers.geometry(p);
        int n = Integer.parseInt(g[0]);
        ImageShape image = image(g);
        int c = image.channels();
        int size = image.size();
        Layer layer = batchNormalization(p, image);
        String what = "batch normalisation " + name + " (" + image + ", batch " + n + ")";
        assertEquals(List.of("scale", "shift"), layer.parameters().stream()
                .map(Parameter::name).toList(), what + ": parameter names");
        assertEquals(List.of("runningMean", "runningVariance"), layer.state().stream()
                .map(Layer.State::name).toList(), what + ": state names");
        Matrix y1 = layer.forward(matrix(n, size, Answers.values(p + "x1")));
        Expect.matrix(what + ": training forward of batch 1", n, size, Answers.values(p + "y1"), y1);
        Expect.matrix(what + ": running mean after batch 1", 1, c,
                Answers.values(p + "runningMean1"), layer.state().get(0).value());
        Expect.matrix(what + ": running variance after batch 1 (unbiased batch variance)", 1, c,
                Answers.values(p + "runningVariance1"), layer.state().get(1).value());
        Matrix dx = layer.backward(matrix(n, size, Answers.values(p + "dy1")));
        Expect.matrix(what + ": dx of batch 1", n, size, Answers.values(p + "dx1"), dx);
        Expect.matrix(what + ": dScale of batch 1", 1, c, Answers.values(p + "dScale1"),
                layer.parameters().get(0).gradient());
        Expect.matrix(what + ": dShift of batch 1", 1, c, Answers.values(p + "dShift1"),
                layer.parameters().get(1).gradient());
        Expect.matrix(what + ": training forward of batch 2", n, size, Answers.values(p + "y2"),
                layer.forward(matrix(n, size, Answers.values(p + "x2"))));
        Expect.matrix(what + ": running mean after batch 2", 1, c,
                Answers.values(p + "runningMean2"), layer.state().get(0).value());
        Expect.matrix(what + ": running variance after batch 2", 1, c,
                Answers.values(p + "runningVariance2"), layer.state().get(1).value());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerKnownAnswers#batchNormalizationCases")
    default void batchNormalizationInferenceUsesTheRunningStatistics(String name) {
        String p = "bn." + name + ".";
        String[] g = Answers.geometry(p);
        int n = Integer.parseInt(g[0]);
        ImageShape image = image(g);
        int size = image.size();
        Layer layer = batchNormalization(p, image);
        layer.forward(matrix(n, size, Answers.values(p + "x1")));
        layer.forward(matrix(n, size, Answers.values(p + "x2")));
        layer.setTraining(false);
        String what = "batch normalisation " + name + " in inference, after two training batches";
        Expect.matrix(what + ": forward", n, size, Answers.values(p + "yInference"),
                layer.forward(matrix(n, size, Answers.values(p + "xInference"))));
        Expect.matrix(what + ": dx", n, size, Answers.values(p + "dxInference"),
                layer.backward(matrix(n, size, Answers.values(p + "dyInference"))));
        Expect.matrix(what + ": the running mean is unchanged", 1, image.channels(),
                Answers.values(p + "runningMean2"), layer.state().get(0).value());
        Expect.matrix(what + ": the running variance is unchanged", 1, image.channels(),
                Answers.values(p + "runningVariance2"), layer.state().get(1).value());
    }

    @Test
    default void dropoutOnGivenDrawsMatchesNumpy() {
        String[] g = Answers.geometry("dropout.");
        int n = Integer.parseInt(g[0]);
        int size = Integer.parseInt(g[1]);
        double[] draws = Answers.values("dropout.draws");
        int[] next = {0};
        DoubleSupplier uniform = () -> draws[next[0]++];
        Layer layer = backendUnderTest().dropout(size,
                Double.parseDouble(Answers.text("dropout.rate")), uniform);
        Expect.matrix("dropout forward", n, size, Answers.values("dropout.y"),
                layer.forward(matrix(n, size, Answers.values("dropout.x"))));
        assertEquals(draws.length, next[0], "dropout draws one value per element");
        Expect.matrix("dropout backward", n, size, Answers.values("dropout.dx"),
                layer.backward(matrix(n, size, Answers.values("dropout.dy"))));
    }
}
