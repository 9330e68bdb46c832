package org.nn4j.trainer.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.trainer.Rng;

/**
 * What a {@link Sequential} is, without its numbers: the input's shape, the layers in order
 * and the loss. The one description of a model's architecture: {@link Sequential.Builder}
 * makes it, {@link #build} makes the model from it on any backend, a model file writes and
 * reads it, and Spark ships it (serialized) to its executors. Immutable.
 *
 * <p><b>Shapes are inferred.</b> The input is an {@link ImageShape} (a vector of {@code d}
 * features is {@code 1 x 1 x d}, {@link ImageShape#flat}); each layer's input shape is the
 * previous layer's {@link LayerSpec#outputShape output shape}, so no size is typed twice. A
 * setting that does not fit its input (a kernel larger than a valid-padded image) is refused
 * here, naming the layer.
 *
 * <p>It fixes the name and shape of every array ({@link #parameterShapes()}): layer
 * {@code k} of a type (counting layers of that type only, from 0) has its parameters, then its
 * state arrays ({@link LayerSpec#stateShapes}), named {@code <type><k>.<name>}: dense layer 0
 * has {@code dense0.weights}, {@code inputs x units}, and {@code dense0.bias}, {@code units}
 * values.
 *
 * @param input  the shape of one example, as the data's columns hold it (NHWC)
 * @param layers the layers, first to last, at least one
 * @param loss   the loss's name, as {@link Loss#name()} gives it; {@link #build} knows
 *               {@value #MEAN_SQUARED_ERROR} and {@value #SOFTMAX_CROSS_ENTROPY}
 * @serial exclude
 */
public record ModelSpec(ImageShape input, List<LayerSpec> layers, String loss)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    /** The name of the mean-squared-error loss, as {@code Loss.name()} gives it. */
    public static final String MEAN_SQUARED_ERROR = "mean-squared-error";
    /** The name of the softmax cross-entropy loss, as {@code Loss.name()} gives it. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax-cross-entropy";

    /** What an array of {@link #parameterShapes()} is. */
    public enum ArrayKind {
        /** A trainable parameter, one of {@code Sequential.parameters()}. */
        TRAINED,
        /** Part of a layer's specification, fitted to data ({@link LayerSpec#fixed()}). */
        FIXED,
        /** A layer's state, {@code Sequential.state()}: updated by training, no gradient. */
        STATE
    }

    /**
     * Checks the values and infers every layer's shape.
     *
     * @param input  the shape of one example
     * @param layers the layers, first to last, at least one; copied
     * @param loss   the loss's name
     * @throws IllegalArgumentException naming the value that is out of range, or the layer
     *                                  (its number from 1 and description) whose settings do
     *                                  not fit its input
     */
    public ModelSpec {
        Objects.requireNonNull(input, "input");
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        Objects.requireNonNull(loss, "loss");
        ImageShape shape = input;
        for (int k = 0; k < layers.size(); k++) {
            try {
                // A layer whose width is fixed (a standardization's) refuses another input here.
                shape = layers.get(k).outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + (k + 1) + " (" + layers.get(k)
                        .describe() + ") after " + shape + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * A model whose input is a vector of features, {@code 1 x 1 x inputSize}.
     *
     * @param inputSize the number of input features, positive
     * @param layers    the layers, first to last, at least one; copied
     * @param loss      the loss's name
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public ModelSpec(int inputSize, List<LayerSpec> layers, String loss) {
        this(flatInput(inputSize), layers, loss);
    }

    private static ImageShape flatInput(int inputSize) {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("the input size must be positive, got " + inputSize);
        }
        return ImageShape.flat(inputSize);
    }

    /**
     * Returns the number of input features: the input's {@code size()}, the data's columns.
     *
     * @return the number of input features
     */
    public int inputSize() {
        return input.size();
    }

    /**
     * Returns the shape of each layer's input, then the last layer's output.
     *
     * @return {@code layers().size() + 1} shapes
     */
    public List<ImageShape> shapes() {
        List<ImageShape> shapes = new ArrayList<>();
        ImageShape shape = input;
        shapes.add(shape);
        for (LayerSpec layer : layers) {
            shape = layer.outputShape(shape);
            shapes.add(shape);
        }
        return shapes;
    }

    /**
     * Returns the multiply-adds of a forward pass for one example, summed over the layers
     * ({@link LayerSpec#multiplyAdds}): the cost measure that compares architectures.
     *
     * @return the multiply-adds per example
     */
    public long multiplyAdds() {
        List<ImageShape> shapes = shapes();
        long total = 0;
        for (int k = 0; k < layers.size(); k++) {
            total += layers.get(k).multiplyAdds(shapes.get(k));
        }
        return total;
    }

    /**
     * Returns whether a layer draws random numbers while training (dropout).
     *
     * @return true if any layer {@link LayerSpec#usesNoise() uses noise}
     */
    public boolean usesNoise() {
        return layers.stream().anyMatch(LayerSpec::usesNoise);
    }

    /**
     * Returns the kind of each array of {@link #parameterShapes()}: trained (the
     * {@code Sequential.parameters()}, in order), fixed (part of a layer's specification, such
     * as a standardization's mean) or state (the {@code Sequential.state()}, in order).
     *
     * @return one kind an array
     */
    public List<ArrayKind> arrayKinds() {
        List<ArrayKind> kinds = new ArrayList<>();
        List<ImageShape> shapes = shapes();
        for (int k = 0; k < layers.size(); k++) {
            LayerSpec layer = layers.get(k);
            ArrayKind kind = layer.fixed() ? ArrayKind.FIXED : ArrayKind.TRAINED;
            for (int n = layer.parameterShapes(shapes.get(k)).size(); n > 0; n--) {
                kinds.add(kind);
            }
            for (int n = layer.stateShapes(shapes.get(k)).size(); n > 0; n--) {
                kinds.add(ArrayKind.STATE);
            }
        }
        return kinds;
    }

    /**
     * Returns, for each array of {@link #parameterShapes()}, whether it is fixed (part of a
     * layer's specification, such as a standardization's mean: {@link LayerSpec#fixed()}).
     *
     * @return one flag an array
     */
    public boolean[] fixedArrays() {
        List<ArrayKind> kinds = arrayKinds();
        boolean[] fixed = new boolean[kinds.size()];
        for (int k = 0; k < fixed.length; k++) {
            fixed[k] = kinds.get(k) == ArrayKind.FIXED;
        }
        return fixed;
    }

    /**
     * Returns every array of a model without state, in {@link #parameterShapes()} order.
     *
     * @param trained the trainable parameters' values, in {@code Sequential.parameters()}
     *                order; kept, not copied
     * @return the arrays
     * @throws IllegalArgumentException if the number of values is not the model's
     */
    public List<double[]> arrays(List<double[]> trained) {
        return arrays(trained, List.of());
    }

    /**
     * Returns every array of the model, in {@link #parameterShapes()} order: the fixed ones
     * from the layers' specifications, the others from the values given.
     *
     * @param trained the trainable parameters' values, in {@code Sequential.parameters()}
     *                order; kept, not copied
     * @param state   the state arrays' values, in {@code Sequential.state()} order; kept
     * @return the arrays
     * @throws IllegalArgumentException if the number of values is not the model's
     */
    public List<double[]> arrays(List<double[]> trained, List<double[]> state) {
        List<ArrayKind> kinds = arrayKinds();
        long trainedCount = kinds.stream().filter(k -> k == ArrayKind.TRAINED).count();
        long stateCount = kinds.stream().filter(k -> k == ArrayKind.STATE).count();
        if (trained.size() != trainedCount || state.size() != stateCount) {
            throw new IllegalArgumentException("the architecture " + describe() + " has "
                    + trainedCount + " trained and " + stateCount + " state arrays, got "
                    + trained.size() + " and " + state.size());
        }
        List<double[]> all = new ArrayList<>();
        int nextTrained = 0;
        int nextState = 0;
        for (LayerSpec layer : layers) {
            if (layer.fixed()) {
                all.addAll(layer.fixedArrays());
            }
        }
        List<double[]> fixedValues = new ArrayList<>(all);
        all.clear();
        int nextFixed = 0;
        for (ArrayKind kind : kinds) {
            all.add(kind == ArrayKind.TRAINED ? trained.get(nextTrained++)
                    : kind == ArrayKind.STATE ? state.get(nextState++)
                    : fixedValues.get(nextFixed++));
        }
        return all;
    }

    /**
     * Returns this specification with its fixed layers' arrays taken from a model's arrays,
     * as a model file holds them.
     *
     * @param arrays every array, in {@link #parameterShapes()} order, of the right lengths
     * @return the specification with those fixed arrays
     * @throws IllegalArgumentException if a fixed array's values are out of its layer's range
     */
    public ModelSpec withFixedArrays(List<double[]> arrays) {
        List<LayerSpec> bound = new ArrayList<>();
        int next = 0;
        List<ImageShape> shapes = shapes();
        for (int k = 0; k < layers.size(); k++) {
            LayerSpec layer = layers.get(k);
            int count = layer.parameterShapes(shapes.get(k)).size();
            bound.add(layer.fixed() ? layer.withFixedArrays(arrays.subList(next, next + count))
                    : layer);
            next += count + layer.stateShapes(shapes.get(k)).size();
        }
        return new ModelSpec(input, bound, loss);
    }

    /**
     * Returns the shape of the last layer's output.
     *
     * @return the output's shape
     */
    public ImageShape outputShape() {
        List<ImageShape> shapes = shapes();
        return shapes.get(shapes.size() - 1);
    }

    /**
     * Returns the number of outputs: the size of the last layer's output.
     *
     * @return the number of outputs
     */
    public int outputSize() {
        return outputShape().size();
    }

    /**
     * Returns the arrays a model of this architecture has, named {@code <type><k>.<name>}
     * (such as {@code dense0.weights}): each layer's parameters then its state, layer after
     * layer ({@link #arrayKinds()} says which is which).
     *
     * @return the names and shapes
     */
    public List<ArrayShape> parameterShapes() {
        List<ArrayShape> all = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        List<ImageShape> shapes = shapes();
        for (int n = 0; n < layers.size(); n++) {
            LayerSpec layer = layers.get(n);
            List<ArrayShape> own = new ArrayList<>(layer.parameterShapes(shapes.get(n)));
            own.addAll(layer.stateShapes(shapes.get(n)));
            if (!own.isEmpty()) {
                int k = counts.merge(layer.type(), 1, Integer::sum) - 1;
                for (ArrayShape shape : own) {
                    all.add(new ArrayShape(layer.type() + k + "." + shape.name(),
                            shape.dimensions));
                }
            }
        }
        return all;
    }

    /**
     * Returns the number of values in all arrays (weights, biases, fixed and state arrays),
     * or {@link Long#MAX_VALUE} if it does not fit in a {@code long}.
     *
     * @return the count
     */
    public long parameterCount() {
        long total = 0;
        for (ArrayShape shape : parameterShapes()) {
            long n = shape.elements();
            total = n == Long.MAX_VALUE || total > Long.MAX_VALUE - n ? Long.MAX_VALUE : total + n;
        }
        return total;
    }

    /**
     * Returns a one-line description, such as {@code "784 -> dense 256 -> relu -> ..."}, or
     * for an image input {@code "28x28x1 -> conv2d 16 3x3 same -> ..."}.
     *
     * @return a one-line description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(input.isFlat() ? String.valueOf(input.size()) : input.toString());
        for (LayerSpec layer : layers) {
            sb.append(" -> ").append(layer.describe());
        }
        return sb.append(" -> ").append(loss).toString();
    }

    /**
     * Returns the settings a model's provenance records: {@code model} (the
     * {@linkplain #describe() description}) and {@code initialization} (of the dense layers'
     * weights, each distinct scheme once, such as {@code he-normal}).
     *
     * @return the settings, in order
     */
    public Map<String, Object> settings() {
        Set<String> initializations = new LinkedHashSet<>();
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Dense dense) {
                initializations.add(dense.initialization().name().toLowerCase(Locale.ROOT)
                        .replace('_', '-'));
            }
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("model", describe());
        if (!initializations.isEmpty()) {
            settings.put("initialization", String.join(",", initializations));
        }
        return settings;
    }

    /**
     * Builds the model on a backend, drawing the initial parameters from the generator layer
     * after layer: the same seed gives the same initial network on every backend.
     *
     * @param backend the backend
     * @param rng     the generator
     * @return a new model
     * @throws IllegalArgumentException if the loss is neither of the two named here
     */
    public Sequential build(Backend backend, Rng rng) {
        Loss l;
        if (loss.equals(MEAN_SQUARED_ERROR)) {
            l = backend.meanSquaredError();
        } else if (loss.equals(SOFTMAX_CROSS_ENTROPY)) {
            l = backend.softmaxCrossEntropy();
        } else {
            throw new IllegalArgumentException("the loss '" + loss + "' is not one a spec can"
                    + " build; it knows " + MEAN_SQUARED_ERROR + " and " + SOFTMAX_CROSS_ENTROPY);
        }
        return build(backend, rng, l);
    }

    /** Builds with a given loss of the backend, the one this spec names. */
    Sequential build(Backend backend, Rng rng, Loss lossFunction) {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(rng, "rng");
        List<Layer> built = new ArrayList<>();
        List<ImageShape> shapes = shapes();
        Sequential.Noise noise = new Sequential.Noise(SeedStreams.noise(rng.seed()));
        for (int k = 0; k < layers.size(); k++) {
            built.add(layers.get(k).create(backend, shapes.get(k), rng, noise));
        }
        return new Sequential(this, backend, built, lossFunction, rng.seed(), noise);
    }

    /**
     * Serializes through a proxy: {@link ImageShape} is an api value type, not
     * {@link Serializable}.
     *
     * @return the proxy
     */
    private Object writeReplace() {
        return new Serial(input.height(), input.width(), input.channels(), layers, loss);
    }

    /** The serial form of a {@link ModelSpec}. */
    private record Serial(int height, int width, int channels, List<LayerSpec> layers,
                          String loss) implements Serializable {
        private static final long serialVersionUID = 1L;

        private Object readResolve() {
            return new ModelSpec(new ImageShape(height, width, channels), layers, loss);
        }
    }

    /**
     * The name and shape of one parameter array.
     *
     * @param name       its name, such as {@code dense0.weights} (for a layer's own shapes,
     *                   {@code weights})
     * @param dimensions its shape, numpy's order (rows, then columns)
     * @serial exclude
     */
    public record ArrayShape(String name, long[] dimensions) implements Serializable {

        private static final long serialVersionUID = 1L;

        /**
         * Copies the dimensions.
         *
         * @param name       its name
         * @param dimensions its shape, numpy's order; copied
         */
        public ArrayShape {
            Objects.requireNonNull(name, "name");
            dimensions = dimensions.clone();
        }

        /**
         * Returns the shape, numpy's order.
         *
         * @return a copy of the dimensions
         */
        @Override
        public long[] dimensions() {
            return dimensions.clone();
        }

        /**
         * Returns the number of elements, or {@link Long#MAX_VALUE} on overflow.
         *
         * @return the number of elements
         */
        public long elements() {
            long n = 1;
            for (long d : dimensions) {
                if (d != 0 && n > Long.MAX_VALUE / d) {
                    return Long.MAX_VALUE;
                }
                n *= d;
            }
            return n;
        }

        /**
         * Returns the shape as numpy prints it: {@code (784, 256)} or {@code (10,)}.
         *
         * @return the shape as numpy prints it
         */
        public String numpyShape() {
            StringBuilder sb = new StringBuilder("(");
            for (int i = 0; i < dimensions.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(dimensions[i]);
            }
            return sb.append(dimensions.length == 1 ? ",)" : ")").toString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayShape other && name.equals(other.name)
                    && Arrays.equals(dimensions, other.dimensions);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(dimensions);
        }

        @Override
        public String toString() {
            return name + numpyShape();
        }
    }
}
