package org.nn4j.trainer.regression;

/**
 * numpy's {@code allclose}: every {@code |a − b| <= atol + rtol · |b|}, with NaN never close.
 */
public final class AllClose {

    /** numpy's default relative tolerance. */
    public static final double DEFAULT_RTOL = 1e-5;

    /** numpy's default absolute tolerance. */
    public static final double DEFAULT_ATOL = 1e-8;

    private AllClose() {
    }

    /**
     * Compares with numpy's default tolerances.
     *
     * @param actual   the values to check
     * @param expected the reference, of the same length
     * @return whether every pair is close
     */
    public static boolean allClose(double[] actual, double[] expected) {
        return allClose(actual, expected, DEFAULT_RTOL, DEFAULT_ATOL);
    }

    /**
     * Compares with given tolerances.
     *
     * @param actual   the values to check
     * @param expected the reference, of the same length
     * @param rtol     relative tolerance, applied to {@code |expected|}
     * @param atol     absolute tolerance
     * @return whether every pair is close
     * @throws IllegalArgumentException if the lengths differ
     */
    public static boolean allClose(double[] actual, double[] expected, double rtol, double atol) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException("cannot compare " + actual.length + " values with "
                    + expected.length);
        }
        for (int i = 0; i < actual.length; i++) {
            if (!(Math.abs(actual[i] - expected[i]) <= atol + rtol * Math.abs(expected[i]))) {
                return false;
            }
        }
        return true;
    }
}
