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
            double v = momentum == 0.0 ? gradient[i] : momentum * velocity[i] + gradient[i];
            if (weightDecay != 0.0) {
                v += weightDecay * parameter[i];
            }
            velocity[i] = v;
            parameter[i] -= learningRate * v;
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
            double s = sumOfSquares[i] + g * g;
            sumOfSquares[i] = s;
            parameter[i] -= learningRate * (g / (Math.sqrt(s) + epsilon));
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
            double s = decay * meanSquare[i] + keep * (g * g);
            meanSquare[i] = s;
            parameter[i] -= learningRate * (g / (Math.sqrt(s) + epsilon));
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
        double stepSize = learningRate / (1.0 - Math.pow(beta1, step));
        double secondCorrection = 1.0 / (1.0 - Math.pow(beta2, step));
        double keep1 = 1.0 - beta1;
        double keep2 = 1.0 - beta2;
        for (int i = 0; i < n; i++) {
            double g = gradient[i];
            double m = beta1 * firstMoment[i] + keep1 * g;
            double v = beta2 * secondMoment[i] + keep2 * (g * g);
            firstMoment[i] = m;
            secondMoment[i] = v;
            parameter[i] -= stepSize * (m / (Math.sqrt(v * secondCorrection) + epsilon));
        }
    }
}
