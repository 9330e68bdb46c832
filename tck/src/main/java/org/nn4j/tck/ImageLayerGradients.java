package org.nn4j.tck;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;
import org.nn4j.api.Window.Padding;

/**
 * The image layers' gradients against central finite differences ({@link FiniteDifferences}):
 * the input gradient and every parameter's, of the convolution, max and average pooling,
 * dropout and batch normalisation (in training and in inference), at geometries that cover
 * the edge cases: stride 1 and more, {@code same} padding split evenly and unevenly,
 * {@code valid}, 1x1 kernels, rectangular kernels, a kernel as large as the image (one output
 * pixel), one channel, and a batch of one. The layers linear in a variable are stepped by
 * {@link FiniteDifferences#LINEAR_STEP}, batch normalisation and max pooling by the kit's
 * step. Inputs are random with full mantissas in
 * {@code [−2, 2)}; max pooling's are distinct multiples of 1/32, so that no ±ε step changes
 * which value is a window's maximum.
 */
interface ImageLayerGradients extends ConformanceChecks {

    /** A convolution: a batch of {@code n} images through {@code filters} filters. */
    record Conv(String name, int n, ImageShape image, int filters, int kh, int kw, int stride,
                Padding padding) {
        Window window() {
            return new Window(image, kh, kw, stride, padding);
        }

        @Override
        public String toString() {
            return name + " (batch " + n + ", " + image + ", " + filters + " filters " + kh
                    + "x" + kw + ", stride " + stride + ", " + padding.label() + ")";
        }
    }

    /** A pooling window over a batch of {@code n}. */
    record Pool(String name, int n, Window window) {
        @Override
        public String toString() {
            return name + " (batch " + n + ", " + window + ")";
        }
    }

    /** A batch normalisation over a batch of {@code n}, in training or inference. */
    record Norm(String name, int n, ImageShape image, boolean training) {
        @Override
        public String toString() {
            return name + " (batch " + n + ", " + image + ", "
                    + (training ? "training" : "inference") + ")";
        }
    }

    static Stream<Conv> convolutions() {
        return Stream.of(
                new Conv("3x3 same", 2, new ImageShape(5, 5, 2), 3, 3, 3, 1, Padding.SAME),
                new Conv("stride 2, same padded below and right", 2, new ImageShape(6, 6, 2), 2,
                        3, 3, 2, Padding.SAME),
                new Conv("one channel, batch of one", 1, new ImageShape(6, 7, 1), 2, 3, 2, 2,
                        Padding.VALID),
                new Conv("1x1", 2, new ImageShape(4, 3, 3), 2, 1, 1, 1, Padding.VALID),
                new Conv("kernel as large as the image", 3, new ImageShape(3, 3, 2), 4, 3, 3, 1,
                        Padding.VALID),
                new Conv("stride 3, windows that skip pixels", 2, new ImageShape(7, 5, 2), 2, 2,
                        3, 3, Padding.VALID));
    }

    static Stream<Pool> poolings() {
        return Stream.of(
                new Pool("2x2 stride 2", 2, Window.square(new ImageShape(4, 4, 2), 2, 2,
                        Padding.VALID)),
                new Pool("3x3 stride 2 same, one channel, batch of one", 1,
                        Window.square(new ImageShape(5, 5, 1), 3, 2, Padding.SAME)),
                new Pool("3x3 stride 1 same, overlapping", 2,
                        Window.square(new ImageShape(4, 5, 2), 3, 1, Padding.SAME)),
                new Pool("2x2 stride 2 same, odd image", 2,
                        Window.square(new ImageShape(5, 5, 2), 2, 2, Padding.SAME)),
                new Pool("window as large as the image", 2,
                        new Window(new ImageShape(3, 2, 3), 3, 2, 1, Padding.VALID)));
    }

    static Stream<Norm> normalizations() {
        return Stream.of(new Norm("image", 2, new ImageShape(2, 2, 3), true),
                new Norm("vector", 5, ImageShape.flat(4), true),
                new Norm("one channel, batch of one", 1, new ImageShape(3, 3, 1), true),
                new Norm("image", 2, new ImageShape(3, 2, 2), false),
                new Norm("vector", 3, ImageShape.flat(3), false));
    }

    /** A convolution layer on random kernels and bias, and its check. */
    private FiniteDifferences convolution(Conv c) {
        long seed = c.toString().hashCode();
        Window w = c.window();
        Layer layer = backendUnderTest().convolution(w,
                matrix(c.filters(), w.patchSize(), Oracle.random(seed, c.filters()
                        * w.patchSize(), -2, 2)),
                matrix(1, c.filters(), Oracle.random(seed + 1, c.filters(), -2, 2)));
        Matrix x = matrix(c.n(), c.image().size(), Oracle.random(seed + 2,
                c.n() * c.image().size(), -2, 2));
        return new FiniteDifferences(la(), layer, x, Oracle.random(seed + 3,
                c.n() * w.output(c.filters()).size()), true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#convolutions")
    default void convolutionInputGradientMatchesFiniteDifferences(Conv c) {
        convolution(c).checkInput("convolution " + c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#convolutions")
    default void convolutionKernelsGradientMatchesFiniteDifferences(Conv c) {
        convolution(c).checkParameter("convolution " + c, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#convolutions")
    default void convolutionBiasGradientMatchesFiniteDifferences(Conv c) {
        convolution(c).checkParameter("convolution " + c, 1);
    }

    /** Distinct multiples of 1/32, in a random order: no ties, and ±ε never reorders them. */
    private static double[] distinct(long seed, int n) {
        double[] order = Oracle.random(seed, n);
        Integer[] index = new Integer[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        java.util.Arrays.sort(index, (a, b) -> Double.compare(order[a], order[b]));
        double[] values = new double[n];
        for (int rank = 0; rank < n; rank++) {
            values[index[rank]] = (rank - n / 2) / 32.0;
        }
        return values;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#poolings")
    default void maxPoolInputGradientMatchesFiniteDifferences(Pool p) {
        long seed = p.toString().hashCode();
        int size = p.window().input().size();
        Matrix x = matrix(p.n(), size, distinct(seed, p.n() * size));
        new FiniteDifferences(la(), backendUnderTest().maxPool(p.window()), x,
                Oracle.random(seed + 1, p.n() * p.window().pooled().size()), false)
                .checkInput("maxPool " + p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#poolings")
    default void averagePoolInputGradientMatchesFiniteDifferences(Pool p) {
        long seed = p.toString().hashCode();
        int size = p.window().input().size();
        Matrix x = matrix(p.n(), size, Oracle.random(seed, p.n() * size, -2, 2));
        new FiniteDifferences(la(), backendUnderTest().averagePool(p.window()), x,
                Oracle.random(seed + 1, p.n() * p.window().pooled().size()), true)
                .checkInput("averagePool " + p);
    }

    /** Draws that repeat every {@code period}: each forward of a batch sees the same mask. */
    static DoubleSupplier replaying(double[] draws) {
        int[] next = {0};
        return () -> {
            double u = draws[next[0]];
            next[0] = (next[0] + 1) % draws.length;
            return u;
        };
    }

    @org.junit.jupiter.api.Test
    default void dropoutInputGradientMatchesFiniteDifferences() {
        int n = 3;
        int size = 7;
        double[] draws = Oracle.random(71, n * size, 0, 1);
        Layer layer = backendUnderTest().dropout(size, 0.375, replaying(draws));
        new FiniteDifferences(la(), layer, matrix(n, size, Oracle.random(72, n * size, -2, 2)),
                Oracle.random(73, n * size), true).checkInput("dropout 0.375, training");
        layer.setTraining(false);
        new FiniteDifferences(la(), layer, matrix(n, size, Oracle.random(74, n * size, -2, 2)),
                Oracle.random(75, n * size), true).checkInput("dropout 0.375, inference");
    }

    /** A batch normalisation layer on random parameters and running statistics, and its check. */
    private FiniteDifferences normalization(Norm c) {
        long seed = c.toString().hashCode();
        int ch = c.image().channels();
        Backend be = backendUnderTest();
        Layer layer = be.batchNormalization(c.image(), matrix(1, ch, Oracle.random(seed, ch,
                        0.5, 1.5)), matrix(1, ch, Oracle.random(seed + 1, ch, -1, 1)),
                matrix(1, ch, Oracle.random(seed + 2, ch, -1, 1)),
                matrix(1, ch, Oracle.random(seed + 3, ch, 0.5, 2)), 0.1, 1e-3);
        layer.setTraining(c.training());
        Matrix x = matrix(c.n(), c.image().size(), Oracle.random(seed + 4,
                c.n() * c.image().size(), -2, 2));
        return new FiniteDifferences(la(), layer, x, Oracle.random(seed + 5,
                c.n() * c.image().size()), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#normalizations")
    default void batchNormalizationInputGradientMatchesFiniteDifferences(Norm c) {
        normalization(c).checkInput("batchNormalization " + c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.ImageLayerGradients#normalizations")
    default void batchNormalizationScaleAndShiftGradientsMatchFiniteDifferences(Norm c) {
        FiniteDifferences check = normalization(c);
        for (int i : List.of(0, 1)) {
            check.checkParameter("batchNormalization " + c, i);
        }
    }
}
