package org.nn4j.trainer;

import java.util.SplittableRandom;

/**
 * The one source of randomness in nn4j: data, initial weights and batch order all come from
 * here, on the Java side, so every backend sees the same numbers and a seed reproduces a run.
 *
 * <p>Built on {@link SplittableRandom}, whose algorithm is specified, with a Gaussian drawn
 * by Marsaglia's polar method in {@link StrictMath}, so the same seed gives the same numbers
 * bit for bit on every JDK. {@link #split()} makes an independent stream, so that, for
 * example, the data do not change when the weights are initialised differently.
 *
 * <p>Not thread-safe: give each thread its own, made by {@link #split()}.
 */
public final class Rng {

    private final SplittableRandom random;
    private final long seed;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * Creates a generator.
     *
     * @param seed the seed; equal seeds give equal streams
     */
    public Rng(long seed) {
        this(new SplittableRandom(seed), seed);
    }

    private Rng(SplittableRandom random, long seed) {
        this.random = random;
        this.seed = seed;
    }

    /**
     * Returns the seed this generator was created with, or, for one made by {@link #split()},
     * the seed of the generator it was split from: what a model's provenance records.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns a new generator whose stream is independent of this one's.
     *
     * @return a new generator whose stream is independent of this one's
     */
    public Rng split() {
        return new Rng(random.split(), seed);
    }

    /**
     * Returns a uniform integer in {@code [0, bound)}.
     *
     * @param bound the exclusive upper bound, positive
     * @return the integer
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return random.nextInt(bound);
    }

    /**
     * Returns a uniform double in {@code [0, 1)}.
     *
     * @return a uniform double in {@code [0, 1)}
     */
    public double nextDouble() {
        return random.nextDouble();
    }

    /**
     * Returns a standard normal draw (mean 0, variance 1).
     *
     * @return a standard normal draw
     */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2.0 * random.nextDouble() - 1.0;
            v = 2.0 * random.nextDouble() - 1.0;
            s = u * u + v * v;
        } while (s >= 1.0 || s == 0.0);
        double factor = StrictMath.sqrt(-2.0 * StrictMath.log(s) / s);
        spareGaussian = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /**
     * Fills a new array with standard normal draws.
     *
     * @param count how many
     * @return the draws
     */
    public double[] gaussians(int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = nextGaussian();
        }
        return out;
    }
}
