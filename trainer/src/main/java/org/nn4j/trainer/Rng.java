package org.nn4j.trainer;

import java.util.Objects;

/**
 * The one source of randomness in nn4j: data, initial weights and batch order all come from
 * here, on the Java side, so every backend sees the same numbers and a seed reproduces a run.
 *
 * <p>The algorithm is {@link java.util.SplittableRandom}'s (SplitMix64, Steele, Lea and
 * Flood, 2014), written out here so that its state can be saved and restored
 * ({@link #state()}, {@link #restore(State)}: a training checkpoint resumes the same shuffles);
 * a test checks it draws exactly what {@code SplittableRandom} draws for the same seed. The
 * Gaussian is drawn by Marsaglia's polar method in {@link StrictMath}, so the same seed gives
 * the same numbers bit for bit on every JDK. {@link #split()} makes an independent stream, so
 * that, for example, the data do not change when the weights are initialised differently.
 *
 * <p>Not thread-safe: give each thread its own, made by {@link #split()}.
 */
public final class Rng {

    /** SplittableRandom's {@code GOLDEN_GAMMA}, the increment of a generator made from a seed. */
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private final long seed;
    private long state;
    private long gamma;
    private double spareGaussian;
    private boolean hasSpare;

    /**
     * Creates a generator.
     *
     * @param seed the seed; equal seeds give equal streams
     */
    public Rng(long seed) {
        this(seed, seed, GOLDEN_GAMMA);
    }

    private Rng(long seed, long state, long gamma) {
        this.seed = seed;
        this.state = state;
        this.gamma = gamma;
    }

    /**
     * Where a generator is in its stream: what {@link #restore(State)} needs to continue it
     * exactly, draw for draw.
     *
     * @param seed          the seed it reports ({@link #seed()})
     * @param position      SplitMix64's counter
     * @param gamma         SplitMix64's increment, odd
     * @param hasSpare      whether a second Gaussian of the last polar draw is waiting
     * @param spareGaussian that Gaussian, or 0
     */
    public record State(long seed, long position, long gamma, boolean hasSpare,
                        double spareGaussian) {

        /**
         * Checks the state could be a generator's.
         *
         * @param seed          the seed it reports
         * @param position      SplitMix64's counter
         * @param gamma         SplitMix64's increment, odd
         * @param hasSpare      whether a second Gaussian is waiting
         * @param spareGaussian that Gaussian, or 0
         * @throws IllegalArgumentException if {@code gamma} is even, or the spare is not finite
         */
        public State {
            if ((gamma & 1L) == 0) {
                throw new IllegalArgumentException("a generator's gamma is odd, got " + gamma);
            }
            if (!Double.isFinite(spareGaussian) || (!hasSpare && spareGaussian != 0.0)) {
                throw new IllegalArgumentException("the spare Gaussian must be finite, and 0"
                        + " when there is none; got " + spareGaussian + " (hasSpare " + hasSpare
                        + ")");
            }
        }
    }

    /**
     * Returns where the generator is, to continue it later with {@link #restore(State)}.
     *
     * @return its state; the generator is not changed
     */
    public State state() {
        return new State(seed, state, gamma, hasSpare, hasSpare ? spareGaussian : 0.0);
    }

    /**
     * Returns a generator that continues from a saved state: it draws what the generator
     * whose {@link #state()} it was would have drawn next.
     *
     * @param state a state from {@link #state()}
     * @return a new generator
     */
    public static Rng restore(State state) {
        Objects.requireNonNull(state, "state");
        Rng rng = new Rng(state.seed(), state.position(), state.gamma());
        rng.hasSpare = state.hasSpare();
        rng.spareGaussian = state.spareGaussian();
        return rng;
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
        long childState = nextLong();
        return new Rng(seed, childState, mixGamma(nextSeed()));
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
        // SplittableRandom's bounded draw: a power of two masks, others reject the
        // over-represented top of the range.
        int r = mix32(nextSeed());
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = mix32(nextSeed()) >>> 1) {
            // redraw
        }
        return r;
    }

    /**
     * Returns a uniform double in {@code [0, 1)}.
     *
     * @return a uniform double in {@code [0, 1)}
     */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
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
            u = 2.0 * nextDouble() - 1.0;
            v = 2.0 * nextDouble() - 1.0;
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

    private long nextLong() {
        return mix64(nextSeed());
    }

    private long nextSeed() {
        return state += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    private static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
