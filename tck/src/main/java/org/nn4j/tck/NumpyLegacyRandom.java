package org.nn4j.tck;

/**
 * numpy's legacy random stream ({@code np.random.seed(n)} and the {@code np.random.*}
 * functions the tutorial calls), so the replay can regenerate the tutorial's batch starts
 * instead of storing thousands of them: MT19937 seeded by {@code init_genrand}, bounded
 * integers by masked rejection, and standard normals by the polar method on 53-bit doubles.
 */
final class NumpyLegacyRandom {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index;
    private boolean hasSpare;
    private double spare;

    NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("numpy seeds are 0 to 2^32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    /** One 32-bit output, as an unsigned value in a long. */
    long nextUint32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFF_FFFFL;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x8000_0000) | (mt[(i + 1) % N] & 0x7fff_ffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }

    /** {@code np.random.randint(bound)}: masked rejection on 32-bit draws. */
    int randint(int bound) {
        long max = bound - 1L;
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = nextUint32() & mask;
        } while (value > max);
        return (int) value;
    }

    /** {@code np.random.random_sample()}: 53 random bits from two draws. */
    double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.randn()}: the polar method, the second value of a pair kept. */
    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = StrictMath.sqrt(-2.0 * StrictMath.log(r2) / r2);
        spare = f * x1;
        hasSpare = true;
        return f * x2;
    }
}
