package org.nn4j.backend.commons;

import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * Registers the Apache Commons Math backend: pure Java, always available, priority 50, so
 * EJML (100) stays the default when both are present.
 */
public final class CommonsBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "commons";

    /** The priority: below EJML's 100, above ND4J's 10. */
    static final int PRIORITY = 50;

    /** Creates the provider; cheap, as {@link BackendProvider} requires. */
    public CommonsBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public int apiVersion() {
        return API_VERSION;
    }

    @Override
    public Availability availability() {
        return Availability.ok();
    }

    @Override
    public Backend create() {
        return new CommonsBackend();
    }
}
