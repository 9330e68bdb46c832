package org.nn4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.api.Activation;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.model.Initialization;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;

/**
 * The networks {@code nn4j fashion-mnist --model} trains: {@value #MLP}, the multi-layer
 * perceptron of {@code --hidden} and {@code --activation}, and {@value #CNN}, the default
 * convolutional network, chosen by measurement (docs/cli.md says which and why).
 */
final class FashionMnistModels {

    /** {@code --model mlp}: the perceptron. */
    static final String MLP = "mlp";
    /** {@code --model cnn}: the convolutional network. */
    static final String CNN = "cnn";
    /** The epochs of a CNN run unless {@code --epochs} says otherwise. */
    static final int CNN_EPOCHS = 15;
    /** The rows per mini-batch of a CNN run unless {@code --batch-size} says otherwise. */
    static final int CNN_BATCH_SIZE = 64;
    /** The rows per mini-batch of an MLP run unless {@code --batch-size} says otherwise. */
    static final int MLP_BATCH_SIZE = 128;
    /** The epochs of an MLP run unless {@code --epochs} says otherwise. */
    static final int MLP_EPOCHS = 15;

    /** A Fashion-MNIST image: 28x28 pixels of one grey channel, its 784 columns as they are. */
    static final ImageShape IMAGE = new ImageShape(28, 28, 1);

    private FashionMnistModels() {
    }

    /**
     * Parses {@code --model}.
     *
     * @param text the option's value
     * @return {@link #MLP} or {@link #CNN}
     * @throws IllegalArgumentException naming the option and the choices
     */
    static String parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(MLP) || t.equals(CNN)) {
            return t;
        }
        throw new IllegalArgumentException("--model must be mlp or cnn, got '" + text + "'");
    }

    /**
     * The perceptron: 784 inputs, a dense layer and the activation per hidden size, 10 logits.
     *
     * @param hidden     the hidden layers' sizes
     * @param activation their activation; tanh and sigmoid layers get Xavier-uniform weights,
     *                   the others He-normal
     * @return the architecture
     */
    static ModelSpec mlp(List<Integer> hidden, Activation activation) {
        Initialization init = activation.kind() == Activation.Kind.TANH
                || activation.kind() == Activation.Kind.SIGMOID
                ? Initialization.XAVIER_UNIFORM : Initialization.HE_NORMAL;
        List<LayerSpec> layers = new ArrayList<>();
        for (int size : hidden) {
            layers.add(new LayerSpec.Dense(size, init));
            layers.add(LayerSpec.activation(activation));
        }
        layers.add(new LayerSpec.Dense(FashionMnist.CLASSES, init));
        return new ModelSpec(FashionMnist.PIXELS, layers, ModelSpec.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * The default CNN on 28x28x1 images: conv 16 3x3 same, ReLU, max-pool 2, conv 32 3x3
     * same, ReLU, max-pool 2, flatten, dense 128, ReLU, dropout 0.25, dense 10.
     *
     * @return the architecture
     */
    static ModelSpec cnn() {
        Activation relu = Activation.relu();
        List<LayerSpec> layers = List.of(
                LayerSpec.conv2d(16, 3, 1, Window.Padding.SAME), LayerSpec.activation(relu),
                LayerSpec.maxPool(2, 2, Window.Padding.VALID),
                LayerSpec.conv2d(32, 3, 1, Window.Padding.SAME), LayerSpec.activation(relu),
                LayerSpec.maxPool(2, 2, Window.Padding.VALID),
                LayerSpec.flatten(),
                LayerSpec.dense(128), LayerSpec.activation(relu),
                LayerSpec.dropout(0.25),
                LayerSpec.dense(FashionMnist.CLASSES));
        return new ModelSpec(IMAGE, layers, ModelSpec.SOFTMAX_CROSS_ENTROPY);
    }

    /**
     * The widths {@link Memory} counts for a network: for the perceptron its input, hidden
     * and output sizes (as before the CNN); for a CNN the input, every layer's output and, for
     * each convolution, its {@code im2col} columns per example (the largest buffer it keeps).
     *
     * @param spec   the architecture
     * @param hidden the perceptron's hidden sizes
     * @return the widths, input first
     */
    static List<Integer> memoryWidths(ModelSpec spec, List<Integer> hidden) {
        List<Integer> widths = new ArrayList<>();
        if (spec.input().isFlat()) {
            widths.add(spec.inputSize());
            widths.addAll(hidden);
            widths.add(spec.outputSize());
            return widths;
        }
        return Memory.widths(spec);
    }
}
