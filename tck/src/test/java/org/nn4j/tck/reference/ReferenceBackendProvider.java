package org.nn4j.tck.reference;

import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/** Registers the reference backend (unbroken) for the kit's discovery checks. */
public final class ReferenceBackendProvider implements BackendProvider {

    /** The backend's name. */
    public static final String NAME = "reference";

    /** Creates the provider. */
    public ReferenceBackendProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
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
        return new ReferenceBackend(Breakage.NONE);
    }
}
