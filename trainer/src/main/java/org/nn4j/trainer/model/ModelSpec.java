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
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.trainer.Rng;

/**
 * What a {@link Sequential} is, without its numbers: the input size, the layers in order and
 * the loss. The one description of a model's architecture: {@link Sequential.Builder} makes
 * it, {@link #build} makes the model from it on any backend, a model file writes and reads it,
 * and Spark ships it (serialized) to its executors. Immutable.
 *
 * <p>It fixes the name and shape of every parameter array ({@link #parameterShapes()}): dense
 * layer {@code k} (counting dense layers only, from 0) has {@code densek.weights},
 * {@code inputs x units}, and {@code densek.bias}, {@code units} values.
 *
 * @param inputSize the number of input features, positive
 * @param layers    the layers, first to last, at least one
 * @param loss      the loss's name, as {@link Loss#name()} gives it; {@link #build} knows
 *                  {@value #MEAN_SQUARED_ERROR} and {@value #SOFTMAX_CROSS_ENTROPY}
 * @serial exclude
 */
public record ModelSpec(int inputSize, List<LayerSpec> layers, String loss) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The name of the mean-squared-error loss, as {@code Loss.name()} gives it. */
    public static final String MEAN_SQUARED_ERROR = "mean-squared-error";
    /** The name of the softmax cross-entropy loss, as {@code Loss.name()} gives it. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax-cross-entropy";

    /**
     * Checks the values.
     *
     * @param inputSize the number of input features, positive
     * @param layers    the layers, first to last, at least one; copied
     * @param loss      the loss's name
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public ModelSpec {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("the input size must be positive, got " + inputSize);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        Objects.requireNonNull(loss, "loss");
        int width = inputSize;
        for (LayerSpec layer : layers) {
            // A layer whose width is fixed (a standardization's) refuses another input here.
            width = layer.outputWidth(width);
        }
    }

    /**
     * Returns, for each array of {@link #parameterShapes()}, whether it is fixed (part of a
     * layer's specification, such as a standardization's mean: {@link LayerSpec#fixed()})
     * rather than one of the trainable {@code Sequential.parameters()}, which are the others,
     * in order.
     *
     * @return one flag an array
     */
    public boolean[] fixedArrays() {
        List<Boolean> flags = new ArrayList<>();
        int width = inputSize;
        for (LayerSpec layer : layers) {
            for (int k = layer.parameterShapes(width).size(); k > 0; k--) {
                flags.add(layer.fixed());
            }
            width = layer.outputWidth(width);
        }
        boolean[] fixed = new boolean[flags.size()];
        for (int k = 0; k < fixed.length; k++) {
            fixed[k] = flags.get(k);
        }
        return fixed;
    }

    /**
     * Returns every array of the model, in {@link #parameterShapes()} order: the fixed ones
     * from the layers' specifications, the others from the trained values given.
     *
     * @param trained the trainable parameters' values, in {@code Sequential.parameters()}
     *                order; kept, not copied
     * @return the arrays
     * @throws IllegalArgumentException if the number of trained values is not the model's
     */
    public List<double[]> arrays(List<double[]> trained) {
        List<double[]> all = new ArrayList<>();
        int next = 0;
        int width = inputSize;
        for (LayerSpec layer : layers) {
            int count = layer.parameterShapes(width).size();
            if (layer.fixed()) {
                all.addAll(layer.fixedArrays());
            } else {
                for (int k = 0; k < count; k++, next++) {
                    if (next >= trained.size()) {
                        break;
                    }
                    all.add(trained.get(next));
                }
            }
            width = layer.outputWidth(width);
        }
        if (next != trained.size() || all.size() != parameterShapes().size()) {
            throw new IllegalArgumentException("the architecture " + describe() + " has "
                    + (parameterShapes().size() - all.size() + next) + " trained arrays, got "
                    + trained.size());
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
        int width = inputSize;
        for (LayerSpec layer : layers) {
            int count = layer.parameterShapes(width).size();
            bound.add(layer.fixed() ? layer.withFixedArrays(arrays.subList(next, next + count))
                    : layer);
            next += count;
            width = layer.outputWidth(width);
        }
        return new ModelSpec(inputSize, bound, loss);
    }

    /**
     * Returns the number of outputs: the width of the last layer's output.
     *
     * @return the number of outputs
     */
    public int outputSize() {
        int width = inputSize;
        for (LayerSpec layer : layers) {
            width = layer.outputWidth(width);
        }
        return width;
    }

    /**
     * Returns the arrays a model of this architecture has, in {@code Sequential.parameters()}
     * order, named {@code <type><k>.<name>} (such as {@code dense0.weights}).
     *
     * @return the names and shapes
     */
    public List<ArrayShape> parameterShapes() {
        List<ArrayShape> shapes = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        int width = inputSize;
        for (LayerSpec layer : layers) {
            List<ArrayShape> own = layer.parameterShapes(width);
            if (!own.isEmpty()) {
                int k = counts.merge(layer.type(), 1, Integer::sum) - 1;
                for (ArrayShape shape : own) {
                    shapes.add(new ArrayShape(layer.type() + k + "." + shape.name(),
                            shape.dimensions));
                }
            }
            width = layer.outputWidth(width);
        }
        return shapes;
    }

    /**
     * Returns the number of weights and biases, or {@link Long#MAX_VALUE} if it does not fit
     * in a {@code long}.
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
     * Returns a one-line description, such as {@code "784 -> dense 256 -> relu -> ..."}.
     *
     * @return a one-line description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputSize);
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
        int width = inputSize;
        for (LayerSpec layer : layers) {
            built.add(layer.create(backend, width, rng));
            width = layer.outputWidth(width);
        }
        return new Sequential(this, backend, built, lossFunction, rng.seed());
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
