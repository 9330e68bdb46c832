package org.nn4j.backend.ejml;

import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * Registers the EJML backend: pure Java, always available, and the default (priority 100).
 */
public final class EjmlBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "ejml";

    /** Creates the provider; cheap, as {@link BackendProvider} requires. */
    public EjmlBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
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
        return new EjmlBackend();
    }
}
