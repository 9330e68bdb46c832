package org.nn4j.backend.commons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.spi.BackendProvider;

/** The backend is found the way a user's application finds it. */
class CommonsDiscoveryTest {

    @Test
    void serviceLoaderFindsTheProviderByName() {
        assertTrue(ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(p -> p instanceof CommonsBackendProvider && p.name().equals("commons")));
    }

    @Test
    void registrySelectsItByName() {
        BackendRegistry registry = BackendRegistry.discover(getClass().getClassLoader());
        assertEquals("commons", registry.select("commons").name());
        assertEquals("commons", registry.select("commons").linearAlgebra().zeros(1, 1).backendName());
    }

    @Test
    void priorityKeepsEjmlTheDefault() {
        CommonsBackendProvider p = new CommonsBackendProvider();
        assertEquals(50, p.priority());
        assertEquals(BackendProvider.API_VERSION, p.apiVersion());
    }
}
