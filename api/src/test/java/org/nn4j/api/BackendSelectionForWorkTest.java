package org.nn4j.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.spi.Availability;

/** The workload rule of {@link BackendRegistry#selectFor(String, long)}. */
class BackendSelectionForWorkTest {

    /** A provider that declares its backend suited to large work, as ND4J's does. */
    private static final class Large extends FakeProvider {
        Large(String name, int priority) {
            super(name, priority);
        }

        Large(String name, int priority, RuntimeException failure) {
            super(name, priority, API_VERSION, Availability.ok(), failure);
        }

        @Override
        public boolean suitedToLargeWork() {
            return true;
        }
    }

    private static BackendRegistry.Builder quiet() {
        return BackendRegistry.builder().systemProperties(Map.of()).environment(Map.of());
    }

    private static BackendRegistry twoBackends(BackendRegistry.Builder builder) {
        return builder.register(new FakeProvider("java", 100)).register(new FakeProvider("other", 50))
                .register(new Large("native", 10)).build();
    }

    @Test
    void smallWorkGoesToTheDefaultAndLargeWorkToTheBackendSuitedToIt() {
        BackendRegistry r = twoBackends(quiet());
        BackendChoice small = r.selectFor(null, BackendRegistry.LARGE_WORK - 1);
        assertEquals("java", small.backend().name());
        assertEquals(BackendChoice.Basis.PRIORITY, small.basis());
        assertEquals("19,999 multiply-adds per batch, below 20,000: the default", small.reason());
        BackendChoice large = r.selectFor(null, BackendRegistry.LARGE_WORK);
        assertEquals("native", large.backend().name());
        assertEquals(BackendChoice.Basis.LARGE_WORK, large.basis());
        assertEquals("large-work", large.basis().label());
        assertEquals("20,000 multiply-adds per batch, at least 20,000: the available backend"
                + " suited to large work", large.reason());
        assertEquals("java", r.select().name(), "select() keeps the default");
    }

    @Test
    void aNameWinsWhateverTheWorkAndSaysWhereItCameFrom() {
        BackendRegistry r = twoBackends(quiet());
        BackendChoice argument = r.selectFor("other", Long.MAX_VALUE);
        assertEquals("other", argument.backend().name());
        assertEquals(BackendChoice.Basis.NAMED, argument.basis());
        assertEquals("named by the argument", argument.reason());
        BackendRegistry byProperty = twoBackends(BackendRegistry.builder()
                .systemProperties(Map.of(BackendRegistry.PROPERTY, "java"))
                .environment(Map.of(BackendRegistry.ENVIRONMENT_VARIABLE, "other")));
        BackendChoice property = byProperty.selectFor(null, Long.MAX_VALUE);
        assertEquals("java", property.backend().name());
        assertEquals("named by system property nn4j.backend", property.reason());
        BackendRegistry byEnvironment = twoBackends(BackendRegistry.builder()
                .systemProperties(Map.of())
                .environment(Map.of(BackendRegistry.ENVIRONMENT_VARIABLE, "java")));
        assertEquals("named by environment variable NN4J_BACKEND",
                byEnvironment.selectFor(null, Long.MAX_VALUE).reason());
    }

    @Test
    void largeWorkFallsBackToTheDefaultWhenTheBackendSuitedToItFailsToLoad() {
        BackendRegistry r = quiet().register(new FakeProvider("java", 100))
                .register(new Large("native", 10, new IllegalStateException("no natives")))
                .build();
        BackendChoice choice = r.selectFor(null, 30_000_000L);
        assertEquals("java", choice.backend().name());
        assertEquals(BackendChoice.Basis.PRIORITY, choice.basis());
        assertTrue(choice.reason().contains("no backend suited to large work is available"),
                choice.reason());
        assertNull(r.largeWorkBackend());
    }

    @Test
    void theHighestPrioritySuitedBackendWinsAndSmallWorkLoadsNoNatives() {
        Large native1 = new Large("native1", 10);
        Large native2 = new Large("native2", 20);
        BackendRegistry r = quiet().register(new FakeProvider("java", 100)).register(native1)
                .register(native2).build();
        r.selectFor(null, 10);
        assertEquals(0, native1.creations.get() + native2.creations.get(),
                "small work must not load a backend suited to large work");
        assertEquals("native2", r.selectFor(null, BackendRegistry.LARGE_WORK).backend().name());
        assertEquals(0, native1.creations.get());
    }

    @Test
    void statusesSayWhichBackendsSuitLargeWork() {
        List<BackendStatus> statuses = twoBackends(quiet()).statuses(false);
        for (BackendStatus s : statuses) {
            assertEquals(s.name().equals("native"), s.suitedToLargeWork(), s.name());
        }
        assertFalse(new BackendStatus("x", 1, 2, true, "", "X", false).suitedToLargeWork());
    }

    @Test
    void negativeWorkIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> twoBackends(quiet()).selectFor(null, -1));
        assertEquals("multiplyAdds must be zero or positive, got -1", e.getMessage());
    }
}
