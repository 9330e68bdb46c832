/**
 * nn4j's interfaces, value types and backend discovery. A backend module provides
 * {@link org.nn4j.api.spi.BackendProvider}; {@link org.nn4j.api.Backends} finds it with
 * {@link java.util.ServiceLoader}, on the module path as on the class path.
 */
module org.nn4j.api {
    exports org.nn4j.api;
    exports org.nn4j.api.spi;

    uses org.nn4j.api.spi.BackendProvider;
}
