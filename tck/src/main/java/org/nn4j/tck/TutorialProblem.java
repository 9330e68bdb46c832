package org.nn4j.tck;

import java.util.SplittableRandom;

/**
 * The numpy tutorial's problem and settings: {@code y = x·W + b} with
 * {@code W = [[3, 7, 4], [5, 2, 6]]}, {@code b = [2, 9, 3]}, 500 examples of two integer
 * features from 0 to 9, mini-batches of two consecutive rows from a random start (short at
 * the end), learning rate 0.01, stop when the loss as the tutorial prints it falls below
 * 1e-15.
 */
final class TutorialProblem {

    static final int FEATURES = 2;
    static final int OUTPUTS = 3;
    static final int SAMPLES = 500;
    static final int BATCH_SIZE = 2;
    static final double LEARNING_RATE = 0.01;
    /** The tutorial prints {@code mean_n Σ_j (y − t)²}, twice nn4j's mean squared error. */
    static final double TARGET_PRINTED_LOSS = 1e-15;

    private static final double[] TRUE_WEIGHTS = {3, 7, 4, 5, 2, 6};
    private static final double[] TRUE_BIAS = {2, 9, 3};

    private TutorialProblem() {
    }

    static double[] trueWeights() {
        return TRUE_WEIGHTS.clone();
    }

    static double[] trueBias() {
        return TRUE_BIAS.clone();
    }

    /** Exact targets {@code x·W + b} for row-major features; integers, so exact in double. */
    static double[] targets(double[] x, int rows) {
        double[] y = new double[rows * OUTPUTS];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < OUTPUTS; j++) {
                double v = TRUE_BIAS[j];
                for (int k = 0; k < FEATURES; k++) {
                    v += x[i * FEATURES + k] * TRUE_WEIGHTS[k * OUTPUTS + j];
                }
                y[i * OUTPUTS + j] = v;
            }
        }
        return y;
    }

    /**
     * The random numbers of one run, from one {@link SplittableRandom} split into three
     * streams (data, initial weights, batch starts), as nn4j's trainer draws them: the data
     * are {@code nextInt(10)} row by row, the weights standard normal by Marsaglia's polar
     * method in {@link StrictMath} (bias zero), each batch start {@code nextInt(500)}.
     */
    static final class Draws {
        final double[] features;
        final double[] initialWeights;
        private final SplittableRandom batches;

        Draws(long seed) {
            SplittableRandom root = new SplittableRandom(seed);
            SplittableRandom data = root.split();
            SplittableRandom init = root.split();
            this.batches = root.split();
            features = new double[SAMPLES * FEATURES];
            for (int i = 0; i < features.length; i++) {
                features[i] = data.nextInt(10);
            }
            initialWeights = new double[FEATURES * OUTPUTS];
            for (int i = 0; i < initialWeights.length; i += 2) {
                double u;
                double v;
                double s;
                do {
                    u = 2.0 * init.nextDouble() - 1.0;
                    v = 2.0 * init.nextDouble() - 1.0;
                    s = u * u + v * v;
                } while (s >= 1.0 || s == 0.0);
                double factor = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
                initialWeights[i] = u * factor;
                initialWeights[i + 1] = v * factor;
            }
        }

        int nextBatchStart() {
            return batches.nextInt(SAMPLES);
        }
    }
}
