/**
 * The Apache Commons Math backend: nothing exported, found as a service. Commons Math 3 has
 * no module descriptor; its automatic module name comes from the jar file name.
 */
module org.nn4j.backend.commons {
    requires org.nn4j.api;
    requires commons.math3;

    provides org.nn4j.api.spi.BackendProvider with org.nn4j.backend.commons.CommonsBackendProvider;
}
