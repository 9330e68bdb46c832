package org.nn4j.trainer.testing;

import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * Registers {@link Float32TestBackend} for a module's tests that need it found by name (Spark's
 * executors look backends up through {@code ServiceLoader}); lowest priority, so it is never
 * the default. Only trainer-spark's tests register it.
 */
public final class Float32TestBackendProvider implements BackendProvider {

    /** For {@code ServiceLoader}. */
    public Float32TestBackendProvider() {
    }

    @Override
    public String name() {
        return Float32TestBackend.NAME;
    }

    @Override
    public int priority() {
        return -1000;
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
        return Float32TestBackend.create();
    }
}
