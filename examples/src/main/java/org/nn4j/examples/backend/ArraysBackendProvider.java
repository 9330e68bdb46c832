package org.nn4j.examples.backend;

import org.nn4j.api.Backend;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

/**
 * Registers the "arrays" backend: listed in
 * {@code META-INF/services/org.nn4j.api.spi.BackendProvider}, public, with a public no-argument
 * constructor, cheap to construct.
 */
public final class ArraysBackendProvider implements BackendProvider {

    /** The backend's name: lower case, what {@code Backends.get(name)} and {@code --backend} take. */
    public static final String NAME = "arrays";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 1; // below every bundled backend: used only when asked for by name
    }

    @Override
    public int apiVersion() {
        return API_VERSION; // the api this was compiled against
    }

    @Override
    public Availability availability() {
        return Availability.ok(); // or Availability.unavailable("why"), e.g. a missing native
    }

    @Override
    public Backend create() {
        return new ArraysBackend();
    }
}
