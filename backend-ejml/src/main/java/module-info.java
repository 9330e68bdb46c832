/**
 * The EJML backend: nothing exported, found as a service. EJML's jars have no module
 * descriptor; their automatic module names come from the jar file names.
 */
module org.nn4j.backend.ejml {
    requires org.nn4j.api;
    requires ejml.core;
    requires ejml.ddense;

    provides org.nn4j.api.spi.BackendProvider with org.nn4j.backend.ejml.EjmlBackendProvider;
}
