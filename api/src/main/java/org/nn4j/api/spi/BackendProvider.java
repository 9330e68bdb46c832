package org.nn4j.api.spi;

import org.nn4j.api.Backend;

/**
 * The service a backend registers for {@link java.util.ServiceLoader}: in
 * {@code META-INF/services/org.nn4j.api.spi.BackendProvider} on the class path, and with
 * {@code provides org.nn4j.api.spi.BackendProvider with ...} on the module path.
 *
 * <p>A provider must be cheap to construct: no native library, no large allocation, nothing
 * in a static initialiser that can fail. Heavy work belongs in {@link #create()}, which the
 * registry calls once, on first use; if it throws, the backend is reported unavailable with
 * the exception's message, and the other backends are unaffected.
 */
public interface BackendProvider {

    /**
     * The version of this API. A provider returns it from {@link #apiVersion()}; being a
     * compile-time constant, it records the version the backend was built against.
     * Version 2 added activation layers, the softmax cross-entropy loss and the element-wise
     * operations {@code divideElements}, {@code sqrt}, {@code addScalar} and
     * {@code argmaxRows}, which a version-1 backend lacks.
     */
    int API_VERSION = 2;

    /**
     * Returns the backend's name: lower case, unique, for example {@code "ejml"}.
     *
     * @return the backend's name
     */
    String name();

    /**
     * Returns the priority among available backends when none is named: the highest wins,
     * ties broken by name. The pure-Java default, EJML, has 100.
     *
     * @return the priority
     */
    int priority();

    /**
     * Returns the API version this backend was built against; implement it as
     * {@code return API_VERSION;}.
     *
     * @return the API version the backend implements
     */
    int apiVersion();

    /**
     * Tells cheaply whether the backend can work here (platform, Java version). It must not
     * load native code; {@link #create()} may still fail.
     *
     * @return availability, with the reason when unavailable
     */
    Availability availability();

    /**
     * Tells whether this backend is suited to large work: products large enough that a tuned
     * native BLAS pays back its cost per call (ND4J with OpenBLAS). When no backend is named,
     * {@link org.nn4j.api.BackendRegistry#selectFor(String, long)} gives work of at least
     * {@link org.nn4j.api.BackendRegistry#LARGE_WORK} multiply-adds per batch to the
     * available backend of highest priority that says yes, and smaller work to the default.
     * Must be cheap, like {@link #availability()}.
     *
     * @return true for a backend meant for large matrices; false (the default) otherwise
     */
    default boolean suitedToLargeWork() {
        return false;
    }

    /**
     * Creates the backend; may load native libraries. Called at most once per registry.
     *
     * @return the backend
     * @throws Exception if the backend cannot work here; its message becomes the reason
     */
    Backend create() throws Exception;
}
