package org.nn4j.trainer.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;

/**
 * The specifications of the image layers (issue 18): convolution, max and average pooling,
 * flatten, dropout and batch normalisation. Each knows its output's {@link ImageShape} from its
 * input's, so a model states its input once; each is made from its {@link Backend} factory
 * ({@link Backend#convolution} and the others), so every backend runs it. Obtain them from
 * {@link LayerSpec}'s factories ({@link LayerSpec#conv2d}, ...).
 *
 * <p>A model file names them {@code conv2d}, {@code max-pool}, {@code average-pool},
 * {@code flatten}, {@code dropout} and {@code batch-norm}, and their arrays
 * {@code conv2dk.kernels} (numpy shape {@code (filters, kh, kw, channels)}, the
 * {@code filters x kh·kw·channels} matrix's row-major values), {@code conv2dk.bias}
 * {@code (filters,)}, {@code batch-normk.scale}, {@code .shift}, {@code .running_mean} and
 * {@code .running_variance}, each {@code (channels,)}.
 */
public final class ImageLayers {

    private ImageLayers() {
    }

    /** Registers the readers of the types; called once by {@link LayerReaders}. */
    static void registerAll(Map<String, java.util.function.Function<LayerSettings, LayerSpec>> by) {
        by.put("conv2d", Conv2d::read);
        by.put("max-pool", s -> Pool.read(Pool.Kind.MAX, s));
        by.put("average-pool", s -> Pool.read(Pool.Kind.AVERAGE, s));
        by.put("flatten", s -> new Flatten());
        by.put("dropout", s -> new Dropout(s.fraction("rate")));
        by.put("batch-norm", s -> new BatchNorm(s.positiveNumber("momentum", 1.0),
                s.positiveNumber("epsilon", 1.0)));
    }

    /**
     * A layer whose sizes follow from its input's {@link ImageShape}: the width-only methods of
     * {@link LayerSpec} read the width as a vector {@code 1 x 1 x width}.
     */
    interface Shaped extends LayerSpec {

        @Override
        default int outputWidth(int inputWidth) {
            return outputShape(ImageShape.flat(inputWidth)).size();
        }

        @Override
        default List<ModelSpec.ArrayShape> parameterShapes(int inputWidth) {
            return parameterShapes(ImageShape.flat(inputWidth));
        }

        @Override
        default List<ModelSpec.ArrayShape> parameterShapes(ImageShape input) {
            return List.of();
        }

        @Override
        default Layer create(Backend backend, int inputWidth, Rng rng) {
            return create(backend, ImageShape.flat(inputWidth), rng, () -> {
                throw new IllegalStateException(describe() + " has no noise generator; build"
                        + " the model with ModelSpec.build or Sequential.Builder");
            });
        }
    }

    /** Makes a layer's window, or says which of its settings does not fit the input. */
    private static Window window(LayerSpec layer, ImageShape input, int size, int stride,
                                 Window.Padding padding, String sizeName) {
        if (padding == Window.Padding.VALID
                && (size > input.height() || size > input.width())) {
            throw new IllegalArgumentException(layer.describe() + ": " + sizeName + " " + size
                    + " is larger than its " + input + " input with padding 'valid'; use"
                    + " padding 'same' or a " + sizeName + " of at most "
                    + Math.min(input.height(), input.width()));
        }
        return Window.square(input, size, stride, padding);
    }

    private static Window.Padding readPadding(LayerSettings s) {
        String text = s.string("padding");
        try {
            return Window.Padding.parse(text);
        } catch (IllegalArgumentException e) {
            throw new LayerSettings.InvalidSettingException("padding", s.show("padding"),
                    "expected \"valid\" or \"same\"");
        }
    }

    private static void checkPositive(String layer, String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(layer + " needs a positive " + name + ", got "
                    + value);
        }
    }

    /**
     * A 2-D convolution of {@code filters} square kernels; weights drawn He normal (fan-in
     * {@code kernel · kernel · channels}), bias zero.
     *
     * @param filters its output channels, positive
     * @param kernel  the kernels' height and width, positive
     * @param stride  how far the kernel moves, positive
     * @param padding valid or same
     * @serial exclude
     */
    public record Conv2d(int filters, int kernel, int stride, Window.Padding padding)
            implements Shaped {

        private static final long serialVersionUID = 1L;

        /**
         * Checks the values.
         *
         * @param filters as the record
         * @param kernel  as the record
         * @param stride  as the record
         * @param padding as the record
         * @throws IllegalArgumentException naming the setting that is not positive
         */
        public Conv2d {
            checkPositive("a conv2d layer", "number of filters", filters);
            checkPositive("a conv2d layer", "kernel", kernel);
            checkPositive("a conv2d layer", "stride", stride);
            Objects.requireNonNull(padding, "padding");
        }

        @Override
        public String type() {
            return "conv2d";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("filters", filters);
            s.put("kernel", kernel);
            s.put("stride", stride);
            s.put("padding", padding.label());
            return s;
        }

        /** Returns the window over an input, checking that the kernel fits it. */
        Window window(ImageShape input) {
            return ImageLayers.window(this, input, kernel, stride, padding, "kernel");
        }

        @Override
        public ImageShape outputShape(ImageShape input) {
            return window(input).output(filters);
        }

        @Override
        public long multiplyAdds(ImageShape input) {
            Window window = window(input);
            return (long) window.outputHeight() * window.outputWidth() * filters
                    * window.patchSize();
        }

        @Override
        public List<ModelSpec.ArrayShape> parameterShapes(ImageShape input) {
            return List.of(new ModelSpec.ArrayShape("kernels",
                            new long[] {filters, kernel, kernel, input.channels()}),
                    new ModelSpec.ArrayShape("bias", new long[] {filters}));
        }

        @Override
        public Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
            Window window = window(input);
            LinearAlgebra la = backend.linearAlgebra();
            int patch = window.patchSize();
            // He normal depends on the fan-in only; the draws fill filters x patch row-major.
            double[] w = Initialization.HE_NORMAL.weights(patch, filters, rng);
            return backend.convolution(window, la.fromRowMajor(filters, patch, w),
                    la.zeros(1, filters));
        }

        @Override
        public String describe() {
            return "conv2d " + filters + " " + kernel + "x" + kernel
                    + (stride == 1 ? "" : " stride " + stride) + " " + padding.label();
        }

        static LayerSpec read(LayerSettings s) {
            return new Conv2d(s.positiveInt("filters"), s.positiveInt("kernel"),
                    s.positiveInt("stride"), readPadding(s));
        }
    }

    /**
     * A max or average pooling over square windows, channel by channel; no parameters.
     *
     * @param kind    max or average
     * @param size    the window's height and width, positive
     * @param stride  how far the window moves, positive
     * @param padding valid or same (padding is never the maximum and not counted in an average)
     * @serial exclude
     */
    public record Pool(Kind kind, int size, int stride, Window.Padding padding) implements Shaped {

        private static final long serialVersionUID = 1L;

        /** Which pooling. */
        public enum Kind {
            /** The largest value of the window. */
            MAX,
            /** The mean of the window's values inside the image. */
            AVERAGE
        }

        /**
         * Checks the values.
         *
         * @param kind    as the record
         * @param size    as the record
         * @param stride  as the record
         * @param padding as the record
         * @throws IllegalArgumentException naming the setting that is not positive
         */
        public Pool {
            Objects.requireNonNull(kind, "kind");
            checkPositive("a pooling layer", "size", size);
            checkPositive("a pooling layer", "stride", stride);
            Objects.requireNonNull(padding, "padding");
        }

        @Override
        public String type() {
            return kind == Kind.MAX ? "max-pool" : "average-pool";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("size", size);
            s.put("stride", stride);
            s.put("padding", padding.label());
            return s;
        }

        @Override
        public ImageShape outputShape(ImageShape input) {
            return ImageLayers.window(this, input, size, stride, padding, "size").pooled();
        }

        @Override
        public Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
            Window window = ImageLayers.window(this, input, size, stride, padding, "size");
            return kind == Kind.MAX ? backend.maxPool(window) : backend.averagePool(window);
        }

        @Override
        public String describe() {
            return type() + " " + size + "x" + size + (stride == size ? "" : " stride " + stride)
                    + (padding == Window.Padding.VALID ? "" : " " + padding.label());
        }

        static LayerSpec read(Kind kind, LayerSettings s) {
            return new Pool(kind, s.positiveInt("size"), s.positiveInt("stride"), readPadding(s));
        }
    }

    /**
     * Flattens an image into a vector of its values; the values do not move (the layout is
     * already one example a row), so it only changes the shape later layers see.
     *
     * @serial exclude
     */
    public record Flatten() implements Shaped {

        private static final long serialVersionUID = 1L;

        @Override
        public String type() {
            return "flatten";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of();
        }

        @Override
        public ImageShape outputShape(ImageShape input) {
            return ImageShape.flat(input.size());
        }

        @Override
        public Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
            return backend.activation(Activation.identity(), input.size());
        }

        @Override
        public String describe() {
            return "flatten";
        }
    }

    /**
     * Inverted dropout: in training each value is kept with probability {@code 1 − rate} and
     * scaled by {@code 1 / (1 − rate)}; in inference it passes unchanged. Its draws come from
     * the model's noise generator, seeded from the model's seed.
     *
     * @param rate the probability of dropping, in {@code [0, 1)}
     * @serial exclude
     */
    public record Dropout(double rate) implements Shaped {

        private static final long serialVersionUID = 1L;

        /**
         * Checks the rate.
         *
         * @param rate as the record
         * @throws IllegalArgumentException if it is not in {@code [0, 1)}
         */
        public Dropout {
            if (!(rate >= 0.0 && rate < 1.0)) {
                throw new IllegalArgumentException("a dropout layer's rate must be in [0, 1),"
                        + " got " + rate);
            }
        }

        @Override
        public String type() {
            return "dropout";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("rate", rate);
        }

        @Override
        public ImageShape outputShape(ImageShape input) {
            return input;
        }

        @Override
        public boolean usesNoise() {
            return true;
        }

        @Override
        public Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
            return backend.dropout(input.size(), rate, noise);
        }

        @Override
        public String describe() {
            return "dropout " + rate;
        }
    }

    /**
     * Batch normalisation over the input's channels (a vector's features): scale starts at 1,
     * shift at 0, the running mean at 0 and the running variance at 1.
     *
     * @param momentum how far a batch moves the running statistics, in {@code (0, 1]}
     * @param epsilon  added to the variance, positive
     * @serial exclude
     */
    public record BatchNorm(double momentum, double epsilon) implements Shaped {

        private static final long serialVersionUID = 1L;
        /** PyTorch's default momentum. */
        public static final double DEFAULT_MOMENTUM = 0.1;
        /** PyTorch's default epsilon. */
        public static final double DEFAULT_EPSILON = 1e-5;

        /**
         * Checks the values.
         *
         * @param momentum as the record
         * @param epsilon  as the record
         * @throws IllegalArgumentException naming the value out of range
         */
        public BatchNorm {
            if (!(momentum > 0.0 && momentum <= 1.0)) {
                throw new IllegalArgumentException("a batch-norm layer's momentum must be in"
                        + " (0, 1], got " + momentum);
            }
            if (!(epsilon > 0.0 && epsilon <= 1.0)) {
                throw new IllegalArgumentException("a batch-norm layer's epsilon must be in"
                        + " (0, 1], got " + epsilon);
            }
        }

        @Override
        public String type() {
            return "batch-norm";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("momentum", momentum);
            s.put("epsilon", epsilon);
            return s;
        }

        @Override
        public ImageShape outputShape(ImageShape input) {
            return input;
        }

        @Override
        public List<ModelSpec.ArrayShape> parameterShapes(ImageShape input) {
            long[] c = {input.channels()};
            return List.of(new ModelSpec.ArrayShape("scale", c),
                    new ModelSpec.ArrayShape("shift", c));
        }

        @Override
        public List<ModelSpec.ArrayShape> stateShapes(ImageShape input) {
            long[] c = {input.channels()};
            return List.of(new ModelSpec.ArrayShape("running_mean", c),
                    new ModelSpec.ArrayShape("running_variance", c));
        }

        @Override
        public Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
            LinearAlgebra la = backend.linearAlgebra();
            int c = input.channels();
            double[] ones = new double[c];
            java.util.Arrays.fill(ones, 1.0);
            return backend.batchNormalization(input, la.fromRowMajor(1, c, ones),
                    la.zeros(1, c), la.zeros(1, c), la.fromRowMajor(1, c, ones.clone()),
                    momentum, epsilon);
        }

        @Override
        public String describe() {
            return "batch-norm";
        }
    }
}
