package org.nn4j.backend.nd4j;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads ND4J's native libraries (libnd4j and OpenBLAS, through JavaCPP) and sets their
 * threads. Only {@link Nd4jBackendProvider#create()} calls it: nothing here runs at class
 * loading, and no other class of the provider's path names {@code Nd4j}.
 *
 * <p><b>Threads.</b> The system property {@value #THREADS_PROPERTY} sets the OpenMP and
 * BLAS threads; else, if the environment sets {@code OMP_NUM_THREADS}, ND4J's own reading of
 * it stands; else one thread. One is the default because on the small machines this was
 * measured on (2 cores) a 784→256 dense step ran faster with one OpenMP thread than with
 * ND4J's default of one per core, and the tutorial's 2×3 steps gain nothing from more.
 * {@value #BLAS_THREADS_PROPERTY} then sets OpenBLAS's threads alone (for the large
 * products, which this backend sends to OpenBLAS directly), leaving libnd4j's OpenMP threads
 * as above.
 *
 * <p><b>Profiling.</b> ND4J's op profiling mode is set to {@code DISABLED} (ND4J's default,
 * {@code SCOPE_PANIC}, checks workspace scopes on every op, which this backend does not
 * use). Both settings are process-wide, as ND4J keeps them.
 */
final class Nd4jNatives {

    /** The system property that sets ND4J's OpenMP and BLAS threads. */
    static final String THREADS_PROPERTY = "nn4j.nd4j.threads";

    /** The system property that sets OpenBLAS's threads alone, after {@value #THREADS_PROPERTY}. */
    static final String BLAS_THREADS_PROPERTY = "nn4j.nd4j.blasThreads";

    /** The threads used when nothing is configured. */
    static final int DEFAULT_THREADS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jNatives.class);

    private Nd4jNatives() {
    }

    /**
     * Loads the natives, sets the threads and checks that a product computes.
     *
     * @throws IllegalStateException if the natives load but do not compute correctly
     * @throws LinkageError          if the natives cannot be loaded
     */
    static void load() {
        long started = System.nanoTime();
        String configured = System.getProperty(THREADS_PROPERTY);
        Integer threads = threads(THREADS_PROPERTY, configured, System.getenv("OMP_NUM_THREADS"));
        String blasConfigured = System.getProperty(BLAS_THREADS_PROPERTY);
        Integer blasThreads = blasConfigured == null || blasConfigured.isBlank() ? null
                : threads(BLAS_THREADS_PROPERTY, blasConfigured, null);
        Nd4j.getBackend(); // loads libnd4j; NativeOpsHolder needs it first
        NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
        if (threads != null) {
            // libnd4j's Environment keeps its own count, but the OpenMP setting is the one
            // that decides (measured: a 2x3 step took 7-20 ms at 2 threads, 0.5-3 ms at 1).
            Nd4j.getEnvironment().setMaxThreads(threads);
            nativeOps.setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        if (blasThreads != null) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
        }
        // ND4J checks every op's arrays against workspace scopes by default (SCOPE_PANIC), a
        // debugging aid; this backend uses no workspaces, and the check cost about a third
        // of a 2x3 training step here. The mode is ND4J-wide, as ND4J makes it.
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        // One tiny product, so a broken native library fails here, not in a user's step.
        double product = Nd4j.create(new double[] {2.0}, new long[] {1, 1}, DataType.DOUBLE)
                .mmul(Nd4j.create(new double[] {3.0}, new long[] {1, 1}, DataType.DOUBLE))
                .getDouble(0);
        if (product != 6.0) {
            throw new IllegalStateException("ND4J natives loaded but compute 2·3 = " + product);
        }
        LOG.debug("ND4J natives loaded in {} ms; {} OpenMP threads, {} BLAS threads",
                (System.nanoTime() - started) / 1_000_000, nativeOps.ompGetMaxThreads(),
                Nd4j.factory().blas().getMaxThreads());
    }

    /**
     * Returns the threads to set, or null to leave ND4J's choice from {@code OMP_NUM_THREADS}.
     *
     * @param name     the property's name, for the message
     * @param property the value of {@value #THREADS_PROPERTY}, may be null
     * @param ompNumThreads the value of {@code OMP_NUM_THREADS}, may be null
     * @throws IllegalArgumentException if the property is not a positive integer
     */
    static Integer threads(String name, String property, String ompNumThreads) {
        if (property != null && !property.isBlank()) {
            int n;
            try {
                n = Integer.parseInt(property.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n <= 0) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "system property %s must be a positive integer, got '%s'",
                        name, property));
            }
            return n;
        }
        if (ompNumThreads != null && !ompNumThreads.isBlank()) {
            return null;
        }
        return DEFAULT_THREADS;
    }
}
