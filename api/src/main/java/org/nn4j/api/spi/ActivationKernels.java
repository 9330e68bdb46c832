package org.nn4j.api.spi;

import org.nn4j.api.Activation;

/**
 * The element-wise kernels of {@link Activation} on {@code double[]} and {@code float[]},
 * shared by backends whose activation layers work on Java arrays (EJML, Commons Math, and
 * ND4J between bulk copies), so every such backend computes the same bits as
 * {@link Activation#apply(double)} and {@link Activation#derivative(double)} define.
 *
 * <p><b>One formula, two precisions.</b> Each function and derivative is written once, as a
 * private method on {@code double}; the {@code double[]} loops store its result, the
 * {@code float[]} loops widen their inputs (exactly), compute in {@code double} and round once
 * when they store. So a {@code float[]} kernel gives exactly
 * {@link org.nn4j.api.Precision#round} of the {@code double[]} kernel on the same (widened)
 * inputs, and what it stores are {@code float} values.
 */
public final class ActivationKernels {

    private ActivationKernels() {
    }

    /**
     * {@code y = f(x)} over the first {@code n} elements.
     *
     * @param kind  the activation function
     * @param slope the negative slope of {@link Activation.Kind#LEAKY_RELU}; ignored by the other kinds
     * @param x     the inputs. Not modified.
     * @param y     the outputs. Modified.
     * @param n     the number of elements
     */
    public static void forward(Activation.Kind kind, double slope, double[] x, double[] y, int n) {
        switch (kind) {
            case IDENTITY -> System.arraycopy(x, 0, y, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = relu(x[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = leakyRelu(x[i], slope);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[i] = sigmoid(x[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.tanh(x[i]);
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    /**
     * {@code y = f(x)} over the first {@code n} elements, in {@code float}: each element is
     * computed in {@code double} and rounded once when stored.
     *
     * @param kind  the activation function
     * @param slope the negative slope of {@link Activation.Kind#LEAKY_RELU}; ignored by the other kinds
     * @param x     the inputs. Not modified.
     * @param y     the outputs. Modified.
     * @param n     the number of elements
     */
    public static void forward(Activation.Kind kind, double slope, float[] x, float[] y, int n) {
        switch (kind) {
            case IDENTITY -> System.arraycopy(x, 0, y, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) relu(x[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) leakyRelu(x[i], slope);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) sigmoid(x[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.tanh(x[i]);
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    /**
     * {@code dx = dy · f'(x)} over the first {@code n} elements, given {@code x} and {@code y}.
     *
     * @param kind  the activation function
     * @param slope the negative slope of {@link Activation.Kind#LEAKY_RELU}; ignored by the other kinds
     * @param x     the forward pass's inputs. Not modified.
     * @param y     the forward pass's outputs. Not modified.
     * @param dy    the gradient with respect to {@code y}. Not modified.
     * @param dx    the gradient with respect to {@code x}. Modified.
     * @param n     the number of elements
     */
    public static void backward(Activation.Kind kind, double slope, double[] x, double[] y,
                                double[] dy, double[] dx, int n) {
        switch (kind) {
            case IDENTITY -> System.arraycopy(dy, 0, dx, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * reluDerivative(x[i]);
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * leakyReluDerivative(x[i], slope);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * sigmoidDerivative(y[i]);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = dy[i] * tanhDerivative(y[i]);
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    /**
     * {@code dx = dy · f'(x)} over the first {@code n} elements, given {@code x} and {@code y},
     * in {@code float}: each element is computed in {@code double} and rounded once when
     * stored.
     *
     * @param kind  the activation function
     * @param slope the negative slope of {@link Activation.Kind#LEAKY_RELU}; ignored by the other kinds
     * @param x     the forward pass's inputs. Not modified.
     * @param y     the forward pass's outputs. Not modified.
     * @param dy    the gradient with respect to {@code y}. Not modified.
     * @param dx    the gradient with respect to {@code x}. Modified.
     * @param n     the number of elements
     */
    public static void backward(Activation.Kind kind, double slope, float[] x, float[] y,
                                float[] dy, float[] dx, int n) {
        switch (kind) {
            case IDENTITY -> System.arraycopy(dy, 0, dx, 0, n);
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (float) (dy[i] * reluDerivative(x[i]));
                }
            }
            case LEAKY_RELU -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (float) (dy[i] * leakyReluDerivative(x[i], slope));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (float) (dy[i] * sigmoidDerivative(y[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    dx[i] = (float) (dy[i] * tanhDerivative(y[i]));
                }
            }
            default -> throw new AssertionError(kind);
        }
    }

    // The formulas, once. Small enough for the JIT to inline into every loop above.

    /**
     * ReLU with Math.max, not a branch: with about half the inputs negative a branch is
     * mispredicted half the time; the intrinsic gives the same bits (NaN stays NaN, -0.0
     * becomes 0.0) about 15 times faster on 128x256 (A/B, one JVM).
     */
    private static double relu(double x) {
        return Math.max(x, 0.0);
    }

    private static double leakyRelu(double x, double slope) {
        return x > 0.0 ? x : slope * x;
    }

    /** The logistic function, without overflow: {@code e^x} is only taken for {@code x < 0}. */
    private static double sigmoid(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /**
     * relu'(x) without a branch: max and min bring x into [0, 1] (-0.0 to 0.0, +inf to 1, NaN
     * stays NaN) and ceil sends (0, 1] to 1: the same bits as 1 for x > 0, 0 for x <= 0, NaN
     * for NaN, 4 to 12 times faster on 128x256 (A/B, one JVM), where a branch on the sign was
     * mispredicted half the time.
     */
    private static double reluDerivative(double x) {
        return Math.ceil(Math.min(Math.max(x, 0.0), 1.0));
    }

    private static double leakyReluDerivative(double x, double slope) {
        return x > 0.0 ? 1.0 : x <= 0.0 ? slope : x;
    }

    /** sigmoid' from the output {@code s}: {@code s·(1 − s)}. */
    private static double sigmoidDerivative(double s) {
        return s * (1.0 - s);
    }

    /** tanh' from the output {@code t}: {@code 1 − t²}. */
    private static double tanhDerivative(double t) {
        return 1.0 - t * t;
    }
}
