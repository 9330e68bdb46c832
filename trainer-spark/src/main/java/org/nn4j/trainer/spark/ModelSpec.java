package org.nn4j.trainer.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.trainer.Initialization;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;

/**
 * A serializable description of a {@link Sequential}'s architecture (input size, layers,
 * loss), from which the same model is rebuilt on every Spark executor with the backend found
 * there. The weights travel separately, as one row-major {@code double[]}
 * ({@link ParameterVector}).
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.input(784)
 *         .dense(256).activation(Activation.relu())
 *         .dense(10)
 *         .softmaxCrossEntropy();
 * Sequential model = spec.build(Backends.get("ejml"), new Rng(seed));
 * }</pre>
 *
 * <p>Immutable: each method returns a new spec. Activations are kept as their kind and
 * negative slope, since {@link Activation} itself is not serializable.
 */
public final class ModelSpec implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The losses a spec can end with. */
    public enum LossKind {
        /** {@link Sequential.Builder#meanSquaredError()}. */
        MEAN_SQUARED_ERROR,
        /** {@link Sequential.Builder#softmaxCrossEntropy()}. */
        SOFTMAX_CROSS_ENTROPY
    }

    /** One layer: a dense layer ({@code outputs > 0}) or an activation ({@code kind != null}). */
    private record Step(int outputs, Initialization initialization, Activation.Kind kind,
                        double negativeSlope) implements Serializable {
    }

    private final int inputSize;
    private final List<Step> steps;
    private final LossKind loss;

    private ModelSpec(int inputSize, List<Step> steps, LossKind loss) {
        this.inputSize = inputSize;
        this.steps = List.copyOf(steps);
        this.loss = loss;
    }

    /**
     * Starts a spec.
     *
     * @param size the number of input features, positive
     * @return a spec with no layer and no loss yet
     */
    public static ModelSpec input(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("input size must be positive, got " + size);
        }
        return new ModelSpec(size, List.of(), null);
    }

    /**
     * Adds a fully connected layer whose weights are drawn He normal.
     *
     * @param outputs positive
     * @return a new spec
     */
    public ModelSpec dense(int outputs) {
        return dense(outputs, Initialization.HE_NORMAL);
    }

    /**
     * Adds a fully connected layer.
     *
     * @param outputs        positive
     * @param initialization how its weights are drawn by {@link #build}
     * @return a new spec
     */
    public ModelSpec dense(int outputs, Initialization initialization) {
        if (outputs <= 0) {
            throw new IllegalArgumentException("a dense layer needs a positive number of"
                    + " outputs, got " + outputs);
        }
        return with(new Step(outputs, Objects.requireNonNull(initialization, "initialization"),
                null, 0.0));
    }

    /**
     * Adds an activation layer.
     *
     * @param activation the function
     * @return a new spec
     */
    public ModelSpec activation(Activation activation) {
        Objects.requireNonNull(activation, "activation");
        return with(new Step(0, null, activation.kind(), activation.negativeSlope()));
    }

    /** Returns a new spec ending with the mean-squared-error loss. */
    public ModelSpec meanSquaredError() {
        return new ModelSpec(inputSize, steps, LossKind.MEAN_SQUARED_ERROR);
    }

    /** Returns a new spec ending with the softmax cross-entropy loss. */
    public ModelSpec softmaxCrossEntropy() {
        return new ModelSpec(inputSize, steps, LossKind.SOFTMAX_CROSS_ENTROPY);
    }

    /** Returns the number of input features. */
    public int inputSize() {
        return inputSize;
    }

    /** Returns the number of outputs of the last dense layer; 0 without one. */
    public int outputSize() {
        int out = 0;
        for (Step s : steps) {
            if (s.kind() == null) {
                out = s.outputs();
            }
        }
        return out;
    }

    /** Returns the loss, or {@code null} if none was chosen yet. */
    public LossKind loss() {
        return loss;
    }

    /**
     * Returns the number of weights and biases: the length of the {@link ParameterVector}.
     */
    public int parameterCount() {
        long n = 0;
        int width = inputSize;
        for (Step s : steps) {
            if (s.kind() == null) {
                n += (long) width * s.outputs() + s.outputs();
                width = s.outputs();
            }
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a model of " + n + " parameters does not fit one"
                    + " Java array");
        }
        return (int) n;
    }

    /**
     * Builds the model on a backend, drawing the dense weights from the generator layer after
     * layer (as {@link Sequential.Builder#build(Rng)} does).
     *
     * @param backend the backend
     * @param rng     the generator
     * @return a new model
     * @throws IllegalStateException if the spec has no dense layer or no loss
     */
    public Sequential build(Backend backend, Rng rng) {
        if (outputSize() == 0) {
            throw new IllegalStateException("a model needs at least one dense layer: " + this);
        }
        if (loss == null) {
            throw new IllegalStateException("choose a loss (meanSquaredError() or"
                    + " softmaxCrossEntropy()) before build(): " + this);
        }
        Sequential.Builder b = Sequential.builder(backend).input(inputSize);
        for (Step s : steps) {
            if (s.kind() == null) {
                b.initialization(s.initialization()).dense(s.outputs());
            } else {
                b.activation(activation(s));
            }
        }
        if (loss == LossKind.MEAN_SQUARED_ERROR) {
            b.meanSquaredError();
        } else {
            b.softmaxCrossEntropy();
        }
        return b.build(rng);
    }

    private static Activation activation(Step s) {
        switch (s.kind()) {
            case IDENTITY:
                return Activation.identity();
            case RELU:
                return Activation.relu();
            case LEAKY_RELU:
                return Activation.leakyRelu(s.negativeSlope());
            case SIGMOID:
                return Activation.sigmoid();
            case TANH:
                return Activation.tanh();
            default:
                throw new AssertionError(s.kind());
        }
    }

    private ModelSpec with(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new ModelSpec(inputSize, more, loss);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelSpec other && inputSize == other.inputSize
                && steps.equals(other.steps) && loss == other.loss;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputSize, steps, loss);
    }

    /** Returns the architecture, for example {@code "784 -> dense 256 -> relu -> dense 10"}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(inputSize);
        for (Step step : steps) {
            s.append(" -> ").append(step.kind() == null ? "dense " + step.outputs()
                    : activation(step).toString());
        }
        return s.append(loss == null ? "" : " -> " + loss.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-')).toString();
    }
}
