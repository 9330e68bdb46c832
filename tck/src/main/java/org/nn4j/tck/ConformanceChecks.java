package org.nn4j.tck;

import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * The base of each group of checks: access to the backend under test and small helpers.
 * Each group is an interface of default test methods, so that it reads in one sitting, and
 * the kit implements them all: JUnit and build tools then see one test class holding every
 * check (Maven Surefire counts a class's {@code @Nested} tests as tests of no class), and the
 * group of a check is the interface that declares it.
 */
interface ConformanceChecks {

    /** The backend under test; {@link BackendConformanceKit} asks its subclass once a test. */
    Backend backendUnderTest();

    /** The precision the kit runs in; the backend under test computes in it. */
    Precision precisionUnderTest();

    /**
     * Skips a check outside float64, saying why: for checks against float64 references
     * (numpy's and PyTorch's runs) or targets below float32's resolution.
     *
     * @param why the reason, completing "float64 only: "
     */
    default void float64Only(String why) {
        Assumptions.assumeTrue(precisionUnderTest() == Precision.F64,
                () -> "float64 only: " + why + " (this run is " + precisionUnderTest() + ")");
    }

    default LinearAlgebra la() {
        return backendUnderTest().linearAlgebra();
    }

    /** A matrix of the backend under test from row-major values. */
    default Matrix matrix(int rows, int cols, double... values) {
        return la().fromRowMajor(rows, cols, values);
    }

    /** A constant array, for readable expected values. */
    static double[] filled(int length, double value) {
        double[] a = new double[length];
        Arrays.fill(a, value);
        return a;
    }
}
