package org.nn4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.nn4j.api.BackendException;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.BackendStatus;

/**
 * ND4J's natives load on first use only, and a failure to load them leaves ND4J listed as
 * unavailable, with the reason, while the other backends keep working.
 */
class Nd4jLazyLoadingTest {

    private static final String LINUX = Nd4jBackendProvider.PLATFORM;

    @Test
    void nothingLoadsUntilCreate() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        Nd4jBackendProvider p = new Nd4jBackendProvider(loads::incrementAndGet, LINUX);
        assertEquals("nd4j", p.name());
        assertTrue(p.availability().available());
        assertEquals(0, loads.get());
        assertEquals("nd4j", p.create().name());
        assertEquals(1, loads.get());
    }

    @Test
    void failedLoadIsReportedWithItsReasonAndEjmlStillSelects() {
        Nd4jBackendProvider broken = new Nd4jBackendProvider(() -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
        }, LINUX);
        BackendRegistry registry = BackendRegistry.builder()
                .register(broken) // wins over the real nd4j provider on the class path
                .classLoader(getClass().getClassLoader())
                .systemProperties(Map.of())
                .environment(Map.of())
                .build();

        BackendStatus nd4j = status(registry.statuses(true), "nd4j");
        assertFalse(nd4j.available());
        assertTrue(nd4j.reason().contains("no jnind4jcpu in java.library.path")
                && nd4j.reason().contains(LINUX), nd4j.reason());
        BackendStatus ejml = status(registry.statuses(true), "ejml");
        assertTrue(ejml.available() && ejml.isDefault());

        assertEquals("ejml", registry.select().name());
        BackendException e = assertThrows(BackendException.class, () -> registry.select("nd4j"));
        assertTrue(e.getMessage().contains("no jnind4jcpu"), e.getMessage());
        // The others still compute.
        assertEquals(4.0, registry.select("ejml").linearAlgebra()
                .add(registry.select("ejml").linearAlgebra().fromRowMajor(1, 1, 2.0),
                        registry.select("ejml").linearAlgebra().fromRowMajor(1, 1, 2.0))
                .get(0, 0), 0.0);
    }

    @Test
    void otherPlatformsAreUnavailableWithoutTryingToLoad() {
        AtomicInteger loads = new AtomicInteger();
        Nd4jBackendProvider mac = new Nd4jBackendProvider(loads::incrementAndGet, "macosx-arm64");
        BackendRegistry registry = BackendRegistry.builder().register(mac)
                .systemProperties(Map.of()).environment(Map.of()).build();
        BackendStatus s = status(registry.statuses(true), "nd4j");
        assertFalse(s.available());
        assertTrue(s.reason().contains("macosx-arm64") && s.reason().contains(LINUX), s.reason());
        assertEquals(0, loads.get());
    }

    @Test
    void platformNamesFollowJavaCpp() {
        assertEquals("linux-x86_64", Nd4jBackendProvider.platform("Linux", "amd64"));
        assertEquals("macosx-arm64", Nd4jBackendProvider.platform("Mac OS X", "aarch64"));
        assertEquals("windows-x86_64", Nd4jBackendProvider.platform("Windows 11", "amd64"));
    }

    @Test
    void threadDefaults() {
        assertEquals(1, Nd4jNatives.threads(Nd4jNatives.THREADS_PROPERTY, null, null));
        assertEquals(3, Nd4jNatives.threads(Nd4jNatives.THREADS_PROPERTY, " 3 ", "2"));
        assertNull(Nd4jNatives.threads(Nd4jNatives.THREADS_PROPERTY, null, "2"), "OMP_NUM_THREADS is left to ND4J");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Nd4jNatives.threads(Nd4jNatives.THREADS_PROPERTY, "zero", null));
        assertTrue(e.getMessage().contains(Nd4jNatives.THREADS_PROPERTY), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Nd4jNatives.threads(Nd4jNatives.THREADS_PROPERTY, "0", null));
        IllegalArgumentException blas = assertThrows(IllegalArgumentException.class,
                () -> Nd4jNatives.threads(Nd4jNatives.BLAS_THREADS_PROPERTY, "-1", null));
        assertTrue(blas.getMessage().contains("nn4j.nd4j.blasThreads"), blas.getMessage());
    }

    /**
     * Discovery in a fresh class loader: the provider is constructed and asked its cheap
     * questions, and ND4J's entry class is not even loaded.
     */
    @Test
    void discoveryDoesNotLoadNd4j() throws Exception {
        try (ProbingLoader loader = new ProbingLoader(testClassPath())) {
            Class<?> registryClass = loader.loadClass(BackendRegistry.class.getName());
            Object registry = registryClass.getMethod("discover", ClassLoader.class)
                    .invoke(null, loader);
            Object statuses = registryClass.getMethod("statuses", boolean.class)
                    .invoke(registry, false);
            assertTrue(statuses.toString().contains("name=nd4j"), statuses.toString());
            assertNotNull(loader.loaded(Nd4jBackendProvider.class.getName()),
                    "the probe sees what was loaded");
            assertNull(loader.loaded("org.nd4j.linalg.factory.Nd4j"),
                    "discovery loaded ND4J's Nd4j class");
        }
    }

    private static BackendStatus status(List<BackendStatus> statuses, String name) {
        return statuses.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + statuses));
    }

    private static URL[] testClassPath() throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }

    /** Loads every class itself (parent: the platform loader) and tells what it loaded. */
    private static final class ProbingLoader extends URLClassLoader {
        ProbingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        Class<?> loaded(String name) {
            return findLoadedClass(name);
        }
    }
}
