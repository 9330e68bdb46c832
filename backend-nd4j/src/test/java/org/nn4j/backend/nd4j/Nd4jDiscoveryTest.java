package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.spi.BackendProvider;

/** The backend is found the way a user's application finds it. */
class Nd4jDiscoveryTest {

    @Test
    void serviceLoaderFindsTheProviderByName() {
        assertTrue(ServiceLoader.load(BackendProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .anyMatch(p -> p instanceof Nd4jBackendProvider && p.name().equals("nd4j")));
    }

    @Test
    void registrySelectsItByName() {
        BackendRegistry registry = BackendRegistry.discover(getClass().getClassLoader());
        assertEquals("nd4j", registry.select("nd4j").name());
        assertEquals("nd4j", registry.select("nd4j").linearAlgebra().zeros(1, 1).backendName());
    }

    @Test
    void priorityIsBelowEjmlAndCommons() {
        Nd4jBackendProvider p = new Nd4jBackendProvider();
        assertEquals(10, p.priority());
        assertEquals(BackendProvider.API_VERSION, p.apiVersion());
    }
}
