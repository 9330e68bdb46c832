package org.nn4j.trainer.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.nn4j.api.Activation;
import org.nn4j.api.Layer;
import org.nn4j.trainer.model.Sequential;

/**
 * What a saved model is, without its numbers: the input size, the layers in order and the
 * loss. It fixes the name and shape of every array of a model file: dense layer {@code k}
 * (counting dense layers only, from 0) has {@code densek.weights}, {@code inputs x units},
 * and {@code densek.bias}, {@code units} values.
 *
 * @param inputSize the number of input features, positive
 * @param layers    the layers, first to last, at least one; an activation never comes first
 *                  in a way that changes widths: it is as wide as the layer before it
 * @param loss      {@value #MEAN_SQUARED_ERROR} or {@value #SOFTMAX_CROSS_ENTROPY}
 */
public record ModelArchitecture(int inputSize, List<LayerSpec> layers, String loss) {

    /** The name of the mean-squared-error loss, as {@code Loss.name()} gives it. */
    public static final String MEAN_SQUARED_ERROR = "mean-squared-error";
    /** The name of the softmax cross-entropy loss, as {@code Loss.name()} gives it. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax-cross-entropy";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public ModelArchitecture {
        if (inputSize <= 0) {
            throw new IllegalArgumentException("the input size must be positive, got " + inputSize);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        Objects.requireNonNull(loss, "loss");
        if (!loss.equals(MEAN_SQUARED_ERROR) && !loss.equals(SOFTMAX_CROSS_ENTROPY)) {
            throw new IllegalArgumentException("the loss must be " + MEAN_SQUARED_ERROR + " or "
                    + SOFTMAX_CROSS_ENTROPY + ", got '" + loss + "'");
        }
    }

    /**
     * Describes a model's architecture.
     *
     * @param model the model; its layers must be dense or activation layers and its loss one
     *              of the two named here
     * @return its architecture
     * @throws IllegalArgumentException if the model has a layer or loss a file cannot describe
     */
    public static ModelArchitecture of(Sequential model) {
        List<LayerSpec> specs = new ArrayList<>();
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Optional<Activation> activation = model.activationAt(i);
            if (activation.isPresent()) {
                specs.add(LayerSpec.activation(activation.get()));
            } else if (layers.get(i).parameters().size() == 2) {
                specs.add(LayerSpec.dense(layers.get(i).outputSize()));
            } else {
                throw new IllegalArgumentException("layer " + i + " (" + layers.get(i).getClass()
                        .getSimpleName() + ") is neither dense nor an activation; a model file"
                        + " cannot describe it");
            }
        }
        return new ModelArchitecture(model.inputSize(), specs, model.loss().name());
    }

    /** Returns the number of outputs: the units of the last dense layer, else the input size. */
    public int outputSize() {
        int width = inputSize;
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Dense dense) {
                width = dense.units();
            }
        }
        return width;
    }

    /**
     * Returns the arrays a model of this architecture has, in {@code Sequential.parameters()}
     * order: each dense layer's weights, then its bias.
     *
     * @return the names and shapes
     */
    public List<ArrayShape> parameterShapes() {
        List<ArrayShape> shapes = new ArrayList<>();
        int width = inputSize;
        int dense = 0;
        for (LayerSpec layer : layers) {
            if (layer instanceof LayerSpec.Dense d) {
                shapes.add(new ArrayShape("dense" + dense + ".weights", new long[] {width, d.units()}));
                shapes.add(new ArrayShape("dense" + dense + ".bias", new long[] {d.units()}));
                width = d.units();
                dense++;
            }
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

    /** Returns a one-line description, such as {@code "784 -> dense 256 -> relu -> ..."}. */
    public String describe() {
        StringBuilder sb = new StringBuilder().append(inputSize);
        for (LayerSpec layer : layers) {
            sb.append(" -> ").append(layer instanceof LayerSpec.Dense d ? "dense " + d.units()
                    : ((LayerSpec.Elementwise) layer).function().toString());
        }
        return sb.append(" -> ").append(loss).toString();
    }

    /**
     * The name and shape of one array of a model file.
     *
     * @param name       the entry's name without {@code .npy}, such as {@code dense0.weights}
     * @param dimensions its shape, numpy's order (rows, then columns)
     */
    public record ArrayShape(String name, long[] dimensions) {

        /** Copies the dimensions. */
        public ArrayShape {
            Objects.requireNonNull(name, "name");
            dimensions = dimensions.clone();
        }

        @Override
        public long[] dimensions() {
            return dimensions.clone();
        }

        /** Returns the number of elements, or {@link Long#MAX_VALUE} on overflow. */
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

        /** Returns the shape as numpy prints it: {@code (784, 256)} or {@code (10,)}. */
        public String numpyShape() {
            return Npy.shapeText(dimensions);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayShape other && name.equals(other.name)
                    && java.util.Arrays.equals(dimensions, other.dimensions);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + java.util.Arrays.hashCode(dimensions);
        }

        @Override
        public String toString() {
            return name + numpyShape();
        }
    }
}
