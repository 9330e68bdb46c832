package org.nn4j.api.spi;

/**
 * The element-wise kernels of the fused optimizer steps of {@link org.nn4j.api.LinearAlgebra}
 * ({@code momentumStep}, {@code adaGradStep}, {@code rmsPropStep}, {@code adamStep}) on
 * {@code double[]}, shared by backends whose matrices are Java arrays or are copied into Java
 * arrays in chunks (EJML, Commons Math, ND4J), so that every such backend computes the same
 * bits. Each loop reads and writes every element once: one pass over memory per parameter,
 * where the unfused steps made eight to ten.
 *
 * <p>Every method works on the first {@code n} elements of its arrays; the arrays are
 * distinct. The formulas are {@link org.nn4j.api.LinearAlgebra}'s, in the order written there.
 *
 * <p><b>Two precisions.</b> Each kernel has a {@code float[]} twin for float32 matrices. The
 * formulas are written once, as private per-element methods on {@code double} that both
 * loops call; the {@code float[]} loop widens its inputs (exactly), computes in
 * {@code double} and rounds once when it stores. So every element a {@code float[]} kernel
 * stores is exactly {@link org.nn4j.api.Precision#round} of what the {@code double[]} kernel
 * computes from the same (widened) inputs: the new state is computed from the old state and
 * the gradient as stored, and the parameter's update uses the new state before it is rounded.
 * That is also what {@link AbstractLinearAlgebra}'s default steps compute for a float32
 * matrix (widen, run the {@code double[]} kernel, round on the way back), bit for bit.
 */
public final class OptimizerKernels {

    private OptimizerKernels() {
    }

    /**
     * SGD with momentum {@code μ} and weight decay {@code λ}: {@code v ← μ·v + (g + λ·θ)},
     * {@code θ ← θ − learningRate·v}. With {@code μ = 0}, {@code v} is overwritten (not
     * multiplied by zero, so a non-finite old {@code v} does not leak into the step).
     *
     * @param learningRate positive and finite
     * @param momentum     {@code μ} in {@code [0, 1)}
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param gradient     {@code g}. Not modified.
     * @param velocity     {@code v}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void momentum(double learningRate, double momentum, double weightDecay,
                                double[] gradient, double[] velocity, double[] parameter, int n) {
        for (int i = 0; i < n; i++) {
            double v = velocity(momentum, weightDecay, gradient[i], velocity[i], parameter[i]);
            velocity[i] = v;
            parameter[i] = parameter[i] - learningRate * v;
        }
    }

    /**
     * {@link #momentum(double, double, double, double[], double[], double[], int)} on
     * {@code float[]}: computed in {@code double}, rounded once per stored element.
     *
     * @param learningRate positive and finite
     * @param momentum     {@code μ} in {@code [0, 1)}
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param gradient     {@code g}. Not modified.
     * @param velocity     {@code v}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void momentum(double learningRate, double momentum, double weightDecay,
                                float[] gradient, float[] velocity, float[] parameter, int n) {
        for (int i = 0; i < n; i++) {
            double v = velocity(momentum, weightDecay, gradient[i], velocity[i], parameter[i]);
            velocity[i] = (float) v;
            parameter[i] = (float) (parameter[i] - learningRate * v);
        }
    }

    /**
     * AdaGrad: {@code s ← s + g²}, {@code θ ← θ − learningRate·g / (√s + ε)}.
     *
     * @param learningRate positive and finite
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param sumOfSquares {@code s}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void adaGrad(double learningRate, double epsilon, double[] gradient,
                               double[] sumOfSquares, double[] parameter, int n) {
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double s = accumulate(sumOfSquares[i], g);
            sumOfSquares[i] = s;
            parameter[i] = parameter[i] - scaledStep(learningRate, g, s, epsilon);
        }
    }

    /**
     * {@link #adaGrad(double, double, double[], double[], double[], int)} on {@code float[]}:
     * computed in {@code double}, rounded once per stored element.
     *
     * @param learningRate positive and finite
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param sumOfSquares {@code s}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void adaGrad(double learningRate, double epsilon, float[] gradient,
                               float[] sumOfSquares, float[] parameter, int n) {
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double s = accumulate(sumOfSquares[i], g);
            sumOfSquares[i] = (float) s;
            parameter[i] = (float) (parameter[i] - scaledStep(learningRate, g, s, epsilon));
        }
    }

    /**
     * RMSProp: {@code s ← ρ·s + (1 − ρ)·g²}, {@code θ ← θ − learningRate·g / (√s + ε)}.
     *
     * @param learningRate positive and finite
     * @param decay        {@code ρ} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param meanSquare   {@code s}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void rmsProp(double learningRate, double decay, double epsilon,
                               double[] gradient, double[] meanSquare, double[] parameter, int n) {
        double keep = 1.0 - decay;
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double s = average(decay, keep, meanSquare[i], g * g);
            meanSquare[i] = s;
            parameter[i] = parameter[i] - scaledStep(learningRate, g, s, epsilon);
        }
    }

    /**
     * {@link #rmsProp(double, double, double, double[], double[], double[], int)} on
     * {@code float[]}: computed in {@code double}, rounded once per stored element.
     *
     * @param learningRate positive and finite
     * @param decay        {@code ρ} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param meanSquare   {@code s}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void rmsProp(double learningRate, double decay, double epsilon,
                               float[] gradient, float[] meanSquare, float[] parameter, int n) {
        double keep = 1.0 - decay;
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double s = average(decay, keep, meanSquare[i], g * g);
            meanSquare[i] = (float) s;
            parameter[i] = (float) (parameter[i] - scaledStep(learningRate, g, s, epsilon));
        }
    }

    /**
     * Adam at step {@code t}: {@code m ← β₁·m + (1 − β₁)·g}, {@code v ← β₂·v + (1 − β₂)·g²},
     * {@code θ ← θ − (learningRate / (1 − β₁ᵗ))·m / (√(v / (1 − β₂ᵗ)) + ε)}.
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁} in {@code [0, 1)}
     * @param beta2        {@code β₂} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}. Not modified.
     * @param firstMoment  {@code m}. Modified.
     * @param secondMoment {@code v}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void adam(double learningRate, double beta1, double beta2, double epsilon,
                            long step, double[] gradient, double[] firstMoment,
                            double[] secondMoment, double[] parameter, int n) {
        double stepSize = adamStepSize(learningRate, beta1, step);
        double secondCorrection = adamSecondCorrection(beta2, step);
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double m = average(beta1, keep1, firstMoment[i], g);
            double v = average(beta2, keep2, secondMoment[i], g * g);
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameter[i] = parameter[i] - adamDelta(stepSize, m, v, secondCorrection, epsilon);
        }
    }

    /**
     * {@link #adam(double, double, double, double, long, double[], double[], double[],
     * double[], int)} on {@code float[]}: computed in {@code double}, rounded once per stored
     * element.
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁} in {@code [0, 1)}
     * @param beta2        {@code β₂} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}. Not modified.
     * @param firstMoment  {@code m}. Modified.
     * @param secondMoment {@code v}. Modified.
     * @param parameter    {@code θ}. Modified.
     * @param n            the number of elements of each array
     */
    public static void adam(double learningRate, double beta1, double beta2, double epsilon,
                            long step, float[] gradient, float[] firstMoment,
                            float[] secondMoment, float[] parameter, int n) {
        double stepSize = adamStepSize(learningRate, beta1, step);
        double secondCorrection = adamSecondCorrection(beta2, step);
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double m = average(beta1, keep1, firstMoment[i], g);
            double v = average(beta2, keep2, secondMoment[i], g * g);
            firstMoment[i] = (float) m;
            secondMoment[i] = (float) v;
            parameter[i] = (float) (parameter[i]
                    - adamDelta(stepSize, m, v, secondCorrection, epsilon));
        }
    }

    // The formulas, once. Small enough for the JIT to inline into every loop above.

    /**
     * Momentum's new velocity {@code μ·v + (g + λ·θ)}. With {@code μ = 0}, {@code v} is
     * overwritten (not multiplied by zero, so a non-finite old {@code v} does not leak in).
     */
    private static double velocity(double momentum, double weightDecay, double g, double v,
                                   double p) {
        double next = momentum == 0.0 ? g : momentum * v + g;
        if (weightDecay != 0.0) {
            next += weightDecay * p;
        }
        return next;
    }

    /** AdaGrad's running sum {@code s + g²}. */
    private static double accumulate(double s, double g) {
        return s + g * g;
    }

    /** {@code learningRate · g / (√s + ε)}: AdaGrad's and RMSProp's update. */
    private static double scaledStep(double learningRate, double g, double s, double epsilon) {
        return learningRate * (g / (Math.sqrt(s) + epsilon));
    }

    /** The exponential moving average {@code β·old + (1 − β)·x}, {@code keep = 1 − β}. */
    private static double average(double beta, double keep, double old, double x) {
        return beta * old + keep * x;
    }

    /** Adam's {@code learningRate / (1 − β₁ᵗ)}. */
    private static double adamStepSize(double learningRate, double beta1, long step) {
        return learningRate / (1.0 - Math.pow(beta1, step));
    }

    /** Adam's {@code 1 / (1 − β₂ᵗ)}. */
    private static double adamSecondCorrection(double beta2, long step) {
        return 1.0 / (1.0 - Math.pow(beta2, step));
    }

    /** Adam's update {@code stepSize · m / (√(v · secondCorrection) + ε)}. */
    private static double adamDelta(double stepSize, double m, double v,
                                    double secondCorrection, double epsilon) {
        return stepSize * (m / (Math.sqrt(v * secondCorrection) + epsilon));
    }
}
