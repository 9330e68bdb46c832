package org.nn4j.tck;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;

/**
 * The base of each group of checks: access to the backend under test and small helpers.
 * Each group is a separate class so that it reads in one sitting; the kit nests them.
 */
abstract class ConformanceChecks {

    private final Supplier<Backend> backendSupplier;
    private Backend backend;

    ConformanceChecks(Supplier<Backend> backendSupplier) {
        this.backendSupplier = Objects.requireNonNull(backendSupplier, "backendSupplier");
    }

    /** The backend under test, asked for once per test. */
    final Backend backend() {
        if (backend == null) {
            backend = Objects.requireNonNull(backendSupplier.get(),
                    "BackendConformanceKit.backend() returned null");
        }
        return backend;
    }

    final LinearAlgebra la() {
        return backend().linearAlgebra();
    }

    /** A matrix of the backend under test from row-major values. */
    final Matrix matrix(int rows, int cols, double... values) {
        return la().fromRowMajor(rows, cols, values);
    }

    /** A constant array, for readable expected values. */
    static double[] filled(int length, double value) {
        double[] a = new double[length];
        Arrays.fill(a, value);
        return a;
    }
}
