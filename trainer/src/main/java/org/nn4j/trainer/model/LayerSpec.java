package org.nn4j.trainer.model;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.trainer.Rng;

/**
 * One layer of a {@link ModelSpec}: everything about a layer type is here, in the one class
 * that implements this interface. It says what the layer is ({@link #type()},
 * {@link #settings()}), how wide it makes the data, which parameters it has, and how to create
 * it on a backend; a model file writes its type and settings, and reads them back through the
 * reader {@link #register registered} for its type; Spark ships it serialized.
 *
 * <p>Adding a layer type is writing one such class (a record is enough) and registering its
 * reader once: {@link Sequential.Builder#layer(LayerSpec)}, {@link ModelSpec#build},
 * {@code ModelFile} and {@code SparkTraining} need nothing more.
 */
public interface LayerSpec extends Serializable {

    /**
     * Returns the type's name, as a model file's {@code "type"} says it, such as
     * {@code "dense"}: lower case, unique among the registered types.
     *
     * @return the name
     */
    String type();

    /**
     * Returns the settings a model file writes after the type, in order: numbers
     * ({@link Integer}, {@link Double}) and strings, by name.
     *
     * @return the settings; an empty map for none
     */
    Map<String, Object> settings();

    /**
     * Returns the width of the layer's output.
     *
     * @param inputWidth the width of its input, positive
     * @return the output width
     */
    int outputWidth(int inputWidth);

    /**
     * Returns the layer's parameters' names and shapes, in the order of
     * {@link Layer#parameters()}; a file names them {@code <type><k>.<name>}, {@code k} counting
     * the layers of this type from 0.
     *
     * @param inputWidth the width of its input
     * @return the shapes; empty for a layer without parameters
     */
    default List<ModelSpec.ArrayShape> parameterShapes(int inputWidth) {
        return List.of();
    }

    /**
     * Returns the shape of the layer's output for an input of a given shape: shape inference,
     * so a model states its input once ({@link ModelSpec#input()}) and every layer's size
     * follows. The default is a vector as wide as {@link #outputWidth(int)} says; a layer that
     * keeps the image's shape (an activation) or makes one (a convolution) overrides it.
     *
     * @param input the shape of its input
     * @return the shape of its output
     * @throws IllegalArgumentException naming the setting that does not fit the input (a
     *                                  kernel larger than a valid-padded image, say)
     */
    default ImageShape outputShape(ImageShape input) {
        return ImageShape.flat(outputWidth(input.size()));
    }

    /**
     * Returns the layer's parameters' names and shapes for an input of a given shape; the
     * default is {@link #parameterShapes(int)} of its size.
     *
     * @param input the shape of its input
     * @return the shapes; empty for a layer without parameters
     */
    default List<ModelSpec.ArrayShape> parameterShapes(ImageShape input) {
        return parameterShapes(input.size());
    }

    /**
     * Returns the names and shapes of the layer's {@linkplain Layer#state() state} arrays (a
     * batch normalisation's running statistics), in that order: saved with the model after
     * its parameters, named like them, but trained by no optimizer.
     *
     * @param input the shape of its input
     * @return the shapes; empty (the default) for a layer without state
     */
    default List<ModelSpec.ArrayShape> stateShapes(ImageShape input) {
        return List.of();
    }

    /**
     * Returns the multiply-adds of the layer's forward pass for one example: the measure of
     * a network's cost (a dense layer's {@code inputs · units}, a convolution's
     * {@code outputPixels · filters · kernel² · channels}); 0 (the default) for a layer of
     * negligible cost.
     *
     * @param input the shape of its input
     * @return the multiply-adds per example
     */
    default long multiplyAdds(ImageShape input) {
        return 0;
    }

    /**
     * Returns whether the layer draws random numbers while it trains (dropout): a model
     * gives such layers its noise generator ({@link #create(Backend, ImageShape, Rng,
     * DoubleSupplier)}).
     *
     * @return true if it draws; false (the default) otherwise
     */
    default boolean usesNoise() {
        return false;
    }

    /**
     * Creates the layer on a backend for an input of a given shape; the default is
     * {@link #create(Backend, int, Rng)} of its size.
     *
     * @param backend the backend
     * @param input   the shape of its input
     * @param rng     the generator its initial parameters draw from
     * @param noise   uniform draws in {@code [0, 1)} for a layer that {@link #usesNoise()}
     * @return the layer
     */
    default Layer create(Backend backend, ImageShape input, Rng rng, DoubleSupplier noise) {
        return create(backend, input.size(), rng);
    }

    /**
     * Returns whether the layer's arrays ({@link #parameterShapes}) are fixed, part of its
     * specification ({@link #fixedArrays()}), rather than the trainable
     * {@link Layer#parameters()} of the layer it creates. A layer's arrays are either all
     * fixed or all trained.
     *
     * @return true for fixed arrays; false (the default) for trained ones
     */
    default boolean fixed() {
        return false;
    }

    /**
     * Returns the values of the layer's arrays when they are part of its specification, fitted
     * to data rather than trained (a {@link Standardize standardization}'s mean and scale), in
     * {@link #parameterShapes} order; a model file saves them as it saves weights. Empty (the
     * default) for a layer whose arrays are the trainable {@link Layer#parameters()}: a
     * layer's arrays are either all fixed or all trained.
     *
     * @return copies of the values, row-major; empty for trained arrays
     */
    default List<double[]> fixedArrays() {
        return List.of();
    }

    /**
     * Returns this layer with its fixed arrays replaced, as a model file's arrays give them.
     *
     * @param arrays the values, in {@link #parameterShapes} order, as many as
     *               {@link #fixedArrays()} returns
     * @return the layer with those values; this layer itself if it has no fixed arrays
     * @throws IllegalArgumentException if the values are out of the layer's range
     */
    default LayerSpec withFixedArrays(List<double[]> arrays) {
        return this;
    }

    /**
     * Creates the layer on a backend.
     *
     * @param backend    the backend
     * @param inputWidth the width of its input
     * @param rng        the generator its initial parameters draw from
     * @return the layer
     */
    Layer create(Backend backend, int inputWidth, Rng rng);

    /**
     * Returns a short description for {@link ModelSpec#describe()}, such as {@code "dense 256"}.
     *
     * @return a short description
     */
    String describe();

    /**
     * Returns a fully connected layer whose weights are drawn He normal.
     *
     * @param units its outputs, positive
     * @return the layer
     */
    static LayerSpec dense(int units) {
        return new Dense(units, Initialization.HE_NORMAL);
    }

    /**
     * Returns an activation layer.
     *
     * @param function the function
     * @return the layer
     */
    static LayerSpec activation(Activation function) {
        return new Elementwise(function);
    }

    /**
     * Returns a standardization layer {@code y = (x − mean) / scale}, column by column: fixed
     * (not trained), saved in the model file with the weights, so a loaded model applies it.
     *
     * @param standardization the mean and scale, usually fitted on the training set
     *                        ({@link org.nn4j.trainer.data.Standardization#fit})
     * @return the layer
     */
    static LayerSpec standardize(org.nn4j.trainer.data.Standardization standardization) {
        return new Standardize(standardization.mean(), standardization.scale());
    }

    /**
     * Returns a 2-D convolution of square kernels, weights drawn He normal (fan-in
     * {@code kernel · kernel · channels}), bias zero.
     *
     * @param filters its output channels, positive
     * @param kernel  the kernel's height and width, positive
     * @param stride  how far the kernel moves, positive
     * @param padding {@code VALID} or {@code SAME} (see {@link org.nn4j.api.Window})
     * @return the layer
     */
    static LayerSpec conv2d(int filters, int kernel, int stride,
                            org.nn4j.api.Window.Padding padding) {
        return new ImageLayers.Conv2d(filters, kernel, stride, padding);
    }

    /**
     * Returns a max pooling over square windows.
     *
     * @param size    the window's height and width, positive
     * @param stride  how far the window moves, positive
     * @param padding {@code VALID} or {@code SAME}
     * @return the layer
     */
    static LayerSpec maxPool(int size, int stride, org.nn4j.api.Window.Padding padding) {
        return new ImageLayers.Pool(ImageLayers.Pool.Kind.MAX, size, stride, padding);
    }

    /**
     * Returns an average pooling over square windows (padding is not counted).
     *
     * @param size    the window's height and width, positive
     * @param stride  how far the window moves, positive
     * @param padding {@code VALID} or {@code SAME}
     * @return the layer
     */
    static LayerSpec averagePool(int size, int stride, org.nn4j.api.Window.Padding padding) {
        return new ImageLayers.Pool(ImageLayers.Pool.Kind.AVERAGE, size, stride, padding);
    }

    /**
     * Returns a flatten layer: the image becomes a vector of its {@code size()} values (the
     * values do not move: the layout is already one example a row).
     *
     * @return the layer
     */
    static LayerSpec flatten() {
        return new ImageLayers.Flatten();
    }

    /**
     * Returns an inverted dropout layer, active only in training.
     *
     * @param rate the probability of dropping a value, in {@code [0, 1)}
     * @return the layer
     */
    static LayerSpec dropout(double rate) {
        return new ImageLayers.Dropout(rate);
    }

    /**
     * Returns a batch normalisation over the input's channels (a vector's features), with
     * PyTorch's defaults: momentum 0.1, epsilon 1e-5.
     *
     * @return the layer
     */
    static LayerSpec batchNorm() {
        return new ImageLayers.BatchNorm(ImageLayers.BatchNorm.DEFAULT_MOMENTUM,
                ImageLayers.BatchNorm.DEFAULT_EPSILON);
    }

    /**
     * Registers how a model file's layers of a type are read, once per type.
     *
     * @param type   the name {@link #type()} returns
     * @param reader makes the layer from its settings; it throws
     *               {@link LayerSettings.InvalidSettingException} for a bad value
     * @throws IllegalStateException if another reader is registered for the type
     */
    static void register(String type, Function<LayerSettings, LayerSpec> reader) {
        Function<LayerSettings, LayerSpec> before = LayerReaders.BY_TYPE.putIfAbsent(type, reader);
        if (before != null && before != reader) {
            throw new IllegalStateException("a reader is already registered for layer type '"
                    + type + "'");
        }
    }

    /**
     * Reads a layer from a model file's settings.
     *
     * @param type     its type
     * @param settings its settings; every one must be used
     * @return the layer
     * @throws LayerSettings.InvalidSettingException naming the setting that is wrong, unknown
     *                                               or missing, or the type if no reader is
     *                                               registered
     */
    static LayerSpec read(String type, LayerSettings settings) {
        Function<LayerSettings, LayerSpec> reader = LayerReaders.BY_TYPE.get(type);
        if (reader == null) {
            throw new LayerSettings.InvalidSettingException("type", "\"" + type + "\"",
                    "a layer is " + LayerReaders.known());
        }
        LayerSpec layer = reader.apply(settings);
        settings.checkAllUsed();
        return layer;
    }

    /**
     * A fully connected layer {@code y = x·W + b}; its weights are drawn by its
     * initialization, its bias starts at zero. A file writes its units only (how the weights
     * were first drawn is in the model's provenance); read back, it says He normal.
     *
     * @param units          its number of outputs, positive
     * @param initialization how {@link #create} draws its weights
     * @serial exclude
     */
    record Dense(int units, Initialization initialization) implements LayerSpec {

        private static final long serialVersionUID = 1L;

        /**
         * Checks the values.
         *
         * @param units          its number of outputs, positive
         * @param initialization how its weights are drawn
         * @throws IllegalArgumentException if {@code units} is not positive
         */
        public Dense {
            if (units <= 0) {
                throw new IllegalArgumentException("a dense layer needs a positive number of"
                        + " units, got " + units);
            }
            Objects.requireNonNull(initialization, "initialization");
        }

        @Override
        public String type() {
            return "dense";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("units", units);
        }

        @Override
        public int outputWidth(int inputWidth) {
            return units;
        }

        @Override
        public List<ModelSpec.ArrayShape> parameterShapes(int inputWidth) {
            return List.of(new ModelSpec.ArrayShape("weights", new long[] {inputWidth, units}),
                    new ModelSpec.ArrayShape("bias", new long[] {units}));
        }

        @Override
        public long multiplyAdds(ImageShape input) {
            return (long) input.size() * units;
        }

        @Override
        public Layer create(Backend backend, int inputWidth, Rng rng) {
            LinearAlgebra la = backend.linearAlgebra();
            double[] w = initialization.weights(inputWidth, units, rng);
            return backend.dense(la.fromRowMajor(inputWidth, units, w), la.zeros(1, units));
        }

        @Override
        public String describe() {
            return "dense " + units;
        }

        static LayerSpec read(LayerSettings s) {
            return new Dense(s.positiveInt("units"), Initialization.HE_NORMAL);
        }
    }

    /**
     * An element-wise activation layer, as wide as its input.
     *
     * @param kind          the function's kind
     * @param negativeSlope the slope of a leaky ReLU below zero; 0 for the others
     * @serial exclude
     */
    record Elementwise(Activation.Kind kind, double negativeSlope) implements LayerSpec {

        private static final long serialVersionUID = 1L;

        /**
         * Keeps a function.
         *
         * @param function the activation function
         */
        public Elementwise(Activation function) {
            this(function.kind(), function.negativeSlope());
        }

        /**
         * Checks the kind is given and the slope is a leaky ReLU's.
         *
         * @param kind          the function's kind
         * @param negativeSlope the slope of a leaky ReLU below zero; 0 for the others
         */
        public Elementwise {
            Objects.requireNonNull(kind, "kind");
            function(kind, negativeSlope);
        }

        /**
         * Returns the function.
         *
         * @return the function
         */
        public Activation function() {
            return function(kind, negativeSlope);
        }

        @Override
        public String type() {
            return "activation";
        }

        @Override
        public Map<String, Object> settings() {
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("function", FUNCTIONS.get(kind.ordinal()));
            if (kind == Activation.Kind.LEAKY_RELU) {
                settings.put("negative_slope", negativeSlope);
            }
            return settings;
        }

        @Override
        public int outputWidth(int inputWidth) {
            return inputWidth;
        }

        /** Returns the input's shape: an activation keeps an image an image. */
        @Override
        public ImageShape outputShape(ImageShape input) {
            return input;
        }

        @Override
        public Layer create(Backend backend, int inputWidth, Rng rng) {
            return backend.activation(function(), inputWidth);
        }

        @Override
        public String describe() {
            return function().toString();
        }

        /** The file's names of the functions, in {@link Activation.Kind} order. */
        private static final List<String> FUNCTIONS = List.of("identity", "relu", "leaky-relu",
                "sigmoid", "tanh");

        private static Activation function(Activation.Kind kind, double negativeSlope) {
            switch (kind) {
                case IDENTITY:
                    return Activation.identity();
                case RELU:
                    return Activation.relu();
                case LEAKY_RELU:
                    return Activation.leakyRelu(negativeSlope);
                case SIGMOID:
                    return Activation.sigmoid();
                default:
                    return Activation.tanh();
            }
        }

        static LayerSpec read(LayerSettings s) {
            String function = s.string("function");
            int k = FUNCTIONS.indexOf(function);
            if (k < 0) {
                throw new LayerSettings.InvalidSettingException("function", s.show("function"),
                        "expected identity, relu, leaky-relu, sigmoid or tanh");
            }
            Activation.Kind kind = Activation.Kind.values()[k];
            return new Elementwise(kind, kind == Activation.Kind.LEAKY_RELU
                    ? s.fraction("negative_slope") : 0.0);
        }
    }

    /**
     * A fixed standardization {@code y[j] = (x[j] − mean[j]) / scale[j]}, as wide as its input
     * (see {@link org.nn4j.trainer.data.Standardization}): no trainable parameters, so no
     * optimizer touches it. A file writes its width ({@code "features"}) and its two arrays,
     * {@code standardizek.mean} and {@code standardizek.scale}, like weights (numpy reads them).
     *
     * @param mean  each feature's mean, finite
     * @param scale each feature's scale, positive and finite
     * @serial exclude
     */
    record Standardize(double[] mean, double[] scale) implements LayerSpec {

        private static final long serialVersionUID = 1L;

        /**
         * Checks and copies the values.
         *
         * @param mean  each feature's mean, finite; copied
         * @param scale each feature's scale, positive and finite; copied
         * @throws IllegalArgumentException naming the feature whose value is out of range
         */
        public Standardize {
            mean = mean.clone();
            scale = scale.clone();
            org.nn4j.trainer.data.Standardization.check(mean, scale);
        }

        /**
         * Returns each feature's mean.
         *
         * @return a copy
         */
        @Override
        public double[] mean() {
            return mean.clone();
        }

        /**
         * Returns each feature's scale.
         *
         * @return a copy
         */
        @Override
        public double[] scale() {
            return scale.clone();
        }

        @Override
        public String type() {
            return "standardize";
        }

        @Override
        public Map<String, Object> settings() {
            return Map.of("features", mean.length);
        }

        /**
         * Returns the input's width, which must be the number of features.
         *
         * @throws IllegalArgumentException if the input's width is another
         */
        @Override
        public int outputWidth(int inputWidth) {
            if (inputWidth != mean.length) {
                throw new IllegalArgumentException("a standardization of " + mean.length
                        + " features follows an input of width " + inputWidth);
            }
            return inputWidth;
        }

        /** Returns the input's shape, which must be as wide as the features. */
        @Override
        public ImageShape outputShape(ImageShape input) {
            outputWidth(input.size());
            return input;
        }

        @Override
        public List<ModelSpec.ArrayShape> parameterShapes(int inputWidth) {
            return List.of(new ModelSpec.ArrayShape("mean", new long[] {mean.length}),
                    new ModelSpec.ArrayShape("scale", new long[] {mean.length}));
        }

        @Override
        public boolean fixed() {
            return true;
        }

        @Override
        public List<double[]> fixedArrays() {
            return List.of(mean.clone(), scale.clone());
        }

        @Override
        public LayerSpec withFixedArrays(List<double[]> arrays) {
            if (arrays.size() != 2) {
                throw new IllegalArgumentException("a standardization has 2 arrays, got "
                        + arrays.size());
            }
            return new Standardize(arrays.get(0), arrays.get(1));
        }

        @Override
        public Layer create(Backend backend, int inputWidth, Rng rng) {
            outputWidth(inputWidth);
            return new StandardizationLayer(backend.linearAlgebra(), mean, scale);
        }

        @Override
        public String describe() {
            return "standardize";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Standardize other && java.util.Arrays.equals(mean, other.mean)
                    && java.util.Arrays.equals(scale, other.scale);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(mean) * 31 + java.util.Arrays.hashCode(scale);
        }

        @Override
        public String toString() {
            return "Standardize[features=" + mean.length + "]";
        }

        /**
         * A file's standardization before its arrays are read: its width only, so a hostile
         * description allocates nothing before the model's size is checked.
         */
        static LayerSpec read(LayerSettings s) {
            return new UnfittedStandardize(s.positiveInt("features"));
        }
    }
}
