package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;

class BackendRegistryTest {

    private static BackendRegistry.Builder quiet() {
        return BackendRegistry.builder().systemProperties(Map.of()).environment(Map.of());
    }

    @Test
    void highestPriorityWinsAndTiesGoByName() {
        BackendRegistry r = quiet().register(new FakeProvider("low", 1))
                .register(new FakeProvider("zeta", 50)).register(new FakeProvider("alpha", 50))
                .build();
        assertEquals("alpha", r.select().name());
    }

    @Test
    void explicitNameBeatsPropertyWhichBeatsEnvironment() {
        BackendRegistry.Builder b = BackendRegistry.builder()
                .register(new FakeProvider("a", 100)).register(new FakeProvider("b", 1))
                .register(new FakeProvider("c", 1));
        BackendRegistry r = b.systemProperties(Map.of(BackendRegistry.PROPERTY, "b"))
                .environment(Map.of(BackendRegistry.ENVIRONMENT_VARIABLE, "c")).build();
        assertEquals("a", r.select("a").name());
        assertEquals("b", r.select().name());
        assertEquals("b", r.select("  ").name(), "a blank argument counts as none");
        BackendRegistry envOnly = BackendRegistry.builder().register(new FakeProvider("a", 100))
                .register(new FakeProvider("c", 1)).systemProperties(Map.of())
                .environment(Map.of(BackendRegistry.ENVIRONMENT_VARIABLE, "C")).build();
        assertEquals("c", envOnly.select().name(), "names are case-insensitive");
    }

    @Test
    void unknownNameListsWhatWasFoundAndWhoAsked() {
        BackendRegistry r = quiet().register(new FakeProvider("ejml", 100))
                .register(FakeProvider.failing("nd4j", 10, "no natives")).build();
        BackendException e = assertThrows(BackendException.class, () -> r.select("blas"));
        assertEquals("No nn4j backend named 'blas' (requested by the argument). Found: ejml"
                + " (priority 100, available), nd4j (priority 10, available).", e.getMessage());
        BackendRegistry viaProperty = BackendRegistry.builder()
                .register(new FakeProvider("ejml", 100)).environment(Map.of())
                .systemProperties(Map.of(BackendRegistry.PROPERTY, "blas")).build();
        assertTrue(assertThrows(BackendException.class, viaProperty::select).getMessage()
                .contains("requested by system property nn4j.backend"));
    }

    @Test
    void noBackendNamesTheArtifactAndTheClassLoader(@TempDir Path empty) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {empty.toUri().toURL()},
                null)) {
            BackendRegistry r = quiet().classLoader(loader).build();
            BackendException e = assertThrows(BackendException.class, r::select);
            assertTrue(e.getMessage().startsWith("No nn4j backend on the class path."), e.getMessage());
            assertTrue(e.getMessage().contains("org.nn4j:nn4j-backend-ejml"), e.getMessage());
            assertTrue(e.getMessage().contains(loader.toString()), e.getMessage());
            assertTrue(r.statuses(true).isEmpty());
        }
    }

    @Test
    void aBackendThatFailsToLoadIsUnavailableWithItsReasonAndOthersStillWork() {
        FakeProvider broken = FakeProvider.failing("nd4j", 200, "libnd4jcpu.so: cannot open");
        BackendRegistry r = quiet().register(broken).register(new FakeProvider("ejml", 100))
                .build();
        assertEquals("ejml", r.select().name());
        BackendException e = assertThrows(BackendException.class, () -> r.select("nd4j"));
        assertEquals("nn4j backend 'nd4j' (requested by the argument) is unavailable: failed to"
                + " load: java.lang.IllegalStateException: libnd4jcpu.so: cannot open",
                e.getMessage());
        assertEquals(1, broken.creations.get(), "a failed load is not retried");
        BackendStatus s = r.statuses(true).get(0);
        assertEquals("nd4j", s.name());
        assertFalse(s.available());
        assertTrue(s.reason().contains("cannot open"));
        assertTrue(r.statuses(true).get(1).isDefault());
    }

    @Test
    void aBackendUnavailableByItsOwnCheckIsNeverCreated() {
        FakeProvider p = new FakeProvider("gpu", 500, BackendProvider.API_VERSION,
                Availability.unavailable("no GPU"), null);
        BackendRegistry r = quiet().register(p).register(new FakeProvider("ejml", 100)).build();
        assertEquals("ejml", r.select().name());
        assertEquals("nn4j backend 'gpu' (requested by the argument) is unavailable: no GPU",
                assertThrows(BackendException.class, () -> r.select("gpu")).getMessage());
        assertEquals(0, p.creations.get());
    }

    @Test
    void aBackendBuiltForAnotherApiVersionNamesBothVersions() {
        BackendRegistry r = quiet().register(new FakeProvider("old", 100, 0,
                Availability.ok(), null)).build();
        BackendException e = assertThrows(BackendException.class, () -> r.select("old"));
        assertEquals("nn4j backend 'old' (requested by the argument) is unavailable: built for"
                + " nn4j API version 0, but this nn4j API is version " + BackendProvider.API_VERSION,
                e.getMessage());
        BackendException none = assertThrows(BackendException.class, r::select);
        assertTrue(none.getMessage().startsWith("No usable nn4j backend"), none.getMessage());
        assertTrue(none.getMessage().contains("built for nn4j API version 0"), none.getMessage());
    }

    @Test
    void backendsAreCreatedOnceAndOnlyWhenUsed() {
        FakeProvider p = new FakeProvider("ejml", 100);
        BackendRegistry r = quiet().register(p).build();
        r.statuses(false);
        assertEquals(0, p.creations.get(), "listing without probing loads nothing");
        Backend first = r.select();
        assertEquals(first, r.select("ejml"));
        assertEquals(1, p.creations.get());
    }

    @Test
    void discoversThroughServiceLoaderInTheGivenClassLoaderAndSurvivesABrokenEntry(
            @TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()),
                "org.nn4j.api.NoSuchProvider\n" + FakeProvider.Discoverable.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            BackendRegistry r = quiet().classLoader(loader).build();
            List<BackendStatus> all = r.statuses(true);
            assertEquals(2, all.size(), all.toString());
            assertEquals("discoverable", all.get(0).name());
            assertTrue(all.get(0).isDefault());
            assertFalse(all.get(1).available());
            assertTrue(all.get(1).reason().contains("org.nn4j.api.NoSuchProvider"),
                    all.get(1).reason());
            assertEquals("discoverable", r.select().name());
        }
    }

    @Test
    void aHandRegisteredProviderShadowsADiscoveredOneOfTheSameName(@TempDir Path dir)
            throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(BackendProvider.class.getName()),
                FakeProvider.Discoverable.class.getName() + "\n");
        FakeProvider mine = new FakeProvider("discoverable", 1);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()},
                getClass().getClassLoader())) {
            BackendRegistry r = quiet().classLoader(loader).register(mine).build();
            assertEquals(1, r.statuses(false).size());
            assertEquals(1, r.statuses(false).get(0).priority());
        }
    }
}
