package org.nn4j.trainer.model;

import org.nn4j.trainer.Rng;

/**
 * How the weights of a dense layer {@code fanIn x fanOut} are drawn; biases start at zero.
 * Every draw comes from a seeded {@link Rng}, on the Java side, so every backend starts from
 * the same weights.
 */
public enum Initialization {

    /** He (Kaiming): normal, mean 0, variance {@code 2 / fanIn}; for ReLU layers. */
    HE_NORMAL,

    /** He: uniform on {@code ±sqrt(6 / fanIn)} (variance {@code 2 / fanIn}). */
    HE_UNIFORM,

    /** Xavier/Glorot: normal, mean 0, variance {@code 2 / (fanIn + fanOut)}; for tanh, sigmoid. */
    XAVIER_NORMAL,

    /** Xavier/Glorot: uniform on {@code ±sqrt(6 / (fanIn + fanOut))}, Glorot's own proposal. */
    XAVIER_UNIFORM;

    /** The most weights one layer may have: the largest Java array. */
    public static final int MAX_WEIGHTS = Integer.MAX_VALUE - 8;

    /**
     * Draws the weights of a layer, row-major ({@code fanIn} rows of {@code fanOut}).
     *
     * @param fanIn  inputs, positive
     * @param fanOut outputs, positive
     * @param rng    the generator; {@code fanIn · fanOut} draws (normal or uniform) are taken
     * @return a new array of {@code fanIn · fanOut} weights
     * @throws IllegalArgumentException if a size is not positive, or the layer has more
     *                                  weights than a Java array holds
     */
    public double[] weights(int fanIn, int fanOut, Rng rng) {
        if (fanIn <= 0 || fanOut <= 0) {
            throw new IllegalArgumentException("a layer needs positive sizes, got " + fanIn + "x"
                    + fanOut);
        }
        double variance = this == HE_NORMAL || this == HE_UNIFORM
                ? 2.0 / fanIn : 2.0 / (fanIn + fanOut);
        long count = (long) fanIn * fanOut;
        if (count > MAX_WEIGHTS) {
            throw new IllegalArgumentException("a " + fanIn + "x" + fanOut + " layer has " + count
                    + " weights, more than a Java array holds (" + MAX_WEIGHTS + ")");
        }
        double[] w = new double[(int) count];
        if (this == HE_NORMAL || this == XAVIER_NORMAL) {
            double sd = Math.sqrt(variance);
            for (int i = 0; i < w.length; i++) {
                w[i] = sd * rng.nextGaussian();
            }
        } else {
            double limit = Math.sqrt(3.0 * variance);
            for (int i = 0; i < w.length; i++) {
                w[i] = limit * (2.0 * rng.nextDouble() - 1.0);
            }
        }
        return w;
    }
}
