package org.nn4j.api;

import java.util.Objects;

/**
 * An element-wise activation function {@code f}, as a small immutable value: what
 * {@link Backend#activation(Activation, int)} builds a layer of.
 *
 * <p><b>The definition.</b> {@link #apply(double)} and {@link #derivative(double)} are the
 * scalar reference every backend must match, element by element, to within rounding (the
 * conformance kit checks it):
 *
 * <table>
 * <caption>The activations</caption>
 * <tr><th>factory</th><th>{@code f(x)}</th><th>{@code f'(x)}</th></tr>
 * <tr><td>{@link #identity()}</td><td>{@code x}</td><td>{@code 1}</td></tr>
 * <tr><td>{@link #relu()}</td><td>{@code x > 0 ? x : 0}</td><td>{@code x > 0 ? 1 : 0}</td></tr>
 * <tr><td>{@link #leakyRelu(double) leakyRelu(a)}</td><td>{@code x > 0 ? x : a·x}</td>
 *     <td>{@code x > 0 ? 1 : a}</td></tr>
 * <tr><td>{@link #sigmoid()}</td><td>{@code 1 / (1 + e^−x)}</td>
 *     <td>{@code f(x) · (1 − f(x))}</td></tr>
 * <tr><td>{@link #tanh()}</td><td>{@code tanh(x)}</td><td>{@code 1 − tanh(x)²}</td></tr>
 * </table>
 *
 * <p><b>Conventions.</b> ReLU and leaky ReLU are not differentiable at 0; their derivative
 * there is, by convention, the left one: {@code relu'(0) = 0} and {@code leakyRelu'(0) = a}.
 * ReLU maps {@code −0.0} and every negative number to {@code +0.0}. Sigmoid is computed
 * without overflow for any finite {@code x} (it saturates to exactly 0 or 1 far out; its
 * derivative then underflows to 0). NaN in gives NaN out, from {@code apply} and from
 * {@code derivative} (but the identity's derivative is 1 everywhere, so its backward pass
 * returns {@code dy} unchanged); {@code ±∞} give the limits ({@code relu(+∞) = +∞},
 * {@code sigmoid(−∞) = 0}, {@code tanh(+∞) = 1}, {@code leakyRelu(−∞) = −∞} for
 * {@code a > 0}, and so on).
 *
 * <p>Values are equal when their kind and negative slope are equal; they print as
 * {@code "identity"}, {@code "relu"}, {@code "leaky-relu(0.01)"}, {@code "sigmoid"},
 * {@code "tanh"}.
 */
public final class Activation {

    /** The kind of an activation. */
    public enum Kind {
        /** {@code f(x) = x}. */
        IDENTITY,
        /** {@code f(x) = max(x, 0)}. */
        RELU,
        /** {@code f(x) = x} for {@code x > 0}, else {@code a·x}. */
        LEAKY_RELU,
        /** The logistic function {@code 1 / (1 + e^−x)}. */
        SIGMOID,
        /** The hyperbolic tangent. */
        TANH
    }

    /**
     * The customary negative slope of {@link #leakyRelu(double)}, {@value}; a suggestion, not
     * a default applied anywhere.
     */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;

    private static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0.0);
    private static final Activation RELU = new Activation(Kind.RELU, 0.0);
    private static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0.0);
    private static final Activation TANH = new Activation(Kind.TANH, 0.0);

    private final Kind kind;
    private final double negativeSlope;

    private Activation(Kind kind, double negativeSlope) {
        this.kind = kind;
        this.negativeSlope = negativeSlope;
    }

    /**
     * Returns the identity, {@code f(x) = x}: a layer that passes its input through.
     *
     * @return the identity
     */
    public static Activation identity() {
        return IDENTITY;
    }

    /**
     * Returns the rectified linear unit, {@code f(x) = max(x, 0)}, with {@code f'(0) = 0}.
     *
     * @return the rectified linear unit
     */
    public static Activation relu() {
        return RELU;
    }

    /**
     * Returns the leaky rectified linear unit: {@code f(x) = x} for {@code x > 0}, else
     * {@code negativeSlope · x}; {@code f'(0) = negativeSlope}. The customary slope is
     * {@link #DEFAULT_NEGATIVE_SLOPE} (0.01).
     *
     * @param negativeSlope the slope for {@code x ≤ 0}: finite, in {@code [0, 1)}
     * @return the activation
     * @throws IllegalArgumentException if the slope is NaN, infinite, negative or at least 1
     */
    public static Activation leakyRelu(double negativeSlope) {
        if (!(negativeSlope >= 0.0 && negativeSlope < 1.0)) {
            throw new IllegalArgumentException("leakyRelu: the negative slope must be finite and"
                    + " in [0, 1), got " + negativeSlope);
        }
        // +0.0 for -0.0, so that equal slopes give equal values and hash codes.
        return new Activation(Kind.LEAKY_RELU, negativeSlope + 0.0);
    }

    /**
     * Returns the logistic sigmoid, {@code f(x) = 1 / (1 + e^−x)}, in {@code (0, 1)}.
     *
     * @return the logistic sigmoid
     */
    public static Activation sigmoid() {
        return SIGMOID;
    }

    /**
     * Returns the hyperbolic tangent, in {@code (−1, 1)}.
     *
     * @return the hyperbolic tangent
     */
    public static Activation tanh() {
        return TANH;
    }

    /**
     * Returns the kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns the slope for {@code x ≤ 0} of a {@link Kind#LEAKY_RELU}; 0 for every other
     * kind.
     *
     * @return the negative slope, or 0
     */
    public double negativeSlope() {
        return negativeSlope;
    }

    /**
     * Computes {@code f(x)}: the reference every backend's forward pass matches.
     *
     * @param x the input
     * @return {@code f(x)}; NaN if {@code x} is NaN
     */
    public double apply(double x) {
        switch (kind) {
            case IDENTITY:
                return x;
            case RELU:
                return x > 0.0 ? x : x <= 0.0 ? 0.0 : x; // NaN stays NaN
            case LEAKY_RELU:
                return x > 0.0 ? x : negativeSlope * x;
            case SIGMOID:
                return sigmoid(x);
            case TANH:
                return Math.tanh(x);
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Computes {@code f'(x)}: the reference every backend's backward pass matches
     * ({@code dx = dy · f'(x)} element by element). At 0, ReLU's derivative is 0 and leaky
     * ReLU's is its negative slope, by convention.
     *
     * @param x the input (not the output) of the activation
     * @return {@code f'(x)}; NaN if {@code x} is NaN, except for the identity (always 1)
     */
    public double derivative(double x) {
        switch (kind) {
            case IDENTITY:
                return 1.0;
            case RELU:
                return x > 0.0 ? 1.0 : x <= 0.0 ? 0.0 : x;
            case LEAKY_RELU:
                return x > 0.0 ? 1.0 : x <= 0.0 ? negativeSlope : x;
            case SIGMOID:
                double s = sigmoid(x);
                return s * (1.0 - s);
            case TANH:
                double t = Math.tanh(x);
                return 1.0 - t * t;
            default:
                throw new AssertionError(kind);
        }
    }

    /** The logistic function, without overflow: {@code e^x} is only taken for {@code x ≤ 0}. */
    private static double sigmoid(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x); // also NaN for NaN
        return e / (1.0 + e);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Activation other && kind == other.kind
                && Double.compare(negativeSlope, other.negativeSlope) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, negativeSlope);
    }

    /** Returns the name, for example {@code "relu"} or {@code "leaky-relu(0.01)"}. */
    @Override
    public String toString() {
        switch (kind) {
            case IDENTITY:
                return "identity";
            case RELU:
                return "relu";
            case LEAKY_RELU:
                return "leaky-relu(" + negativeSlope + ")";
            case SIGMOID:
                return "sigmoid";
            case TANH:
                return "tanh";
            default:
                throw new AssertionError(kind);
        }
    }
}
