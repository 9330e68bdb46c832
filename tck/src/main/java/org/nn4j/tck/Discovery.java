package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.spi.BackendProvider;

/**
 * The backend is found the way applications find it: {@link ServiceLoader} lists its
 * {@link BackendProvider} under the backend's name, in the class loader that loaded the
 * backend, and {@link BackendRegistry} selects it by that name.
 */
interface Discovery extends ConformanceChecks {

    static final String SERVICE_FILE = "META-INF/services/" + BackendProvider.class.getName();


    private ClassLoader loader() {
        ClassLoader l = backendUnderTest().getClass().getClassLoader();
        return l != null ? l : ClassLoader.getSystemClassLoader();
    }

    private BackendProvider provider() {
        String name = backendUnderTest().name();
        List<String> seen = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class, loader())) {
            if (name.equals(p.name())) {
                return p;
            }
            seen.add(p.name());
        }
        return fail("ServiceLoader finds no BackendProvider named '" + name + "' in " + loader()
                + "; it finds " + seen + ". Register the provider in " + SERVICE_FILE);
    }

    /**
     * Without junit-jupiter-params, JUnit ignores the kit's parameterized tests without a
     * word; this fails instead, so a report can never look complete when it is not.
     */
    @Test
    default void junitJupiterParamsIsPresentSoNoParameterizedCheckIsSilentlyLost() {
        try {
            Class.forName("org.junit.jupiter.params.ParameterizedTest", false,
                    Discovery.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            fail("org.junit.jupiter:junit-jupiter-params is not on the class path, so the kit's"
                    + " parameterized checks do not run; add it (nn4j-tck depends on it)");
        }
    }

    @Test
    default void backendNameIsLowerCaseAndSharedByItsLinearAlgebraAndMatrices() {
        String name = backendUnderTest().name();
        assertTrue(name != null && !name.isBlank(), "the name must not be blank");
        assertEquals(name.toLowerCase(Locale.ROOT), name, "the name must be lower case");
        assertEquals(name, la().backendName(), "linearAlgebra().backendName()");
        assertEquals(name, la().zeros(1, 1).backendName(), "a matrix's backendName()");
    }

    @Test
    default void serviceLoaderFindsTheProviderByTheBackendsName() {
        BackendProvider p = provider();
        assertEquals(BackendProvider.API_VERSION, p.apiVersion(),
                "the provider must be built for this api version");
        assertTrue(p.availability().available(),
                "the provider of a backend that works must say it is available: " + p.availability());
    }

    @Test
    default void providerIsListedInMetaInfServices() {
        String providerClass = provider().getClass().getName();
        List<String> listed = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader().getResources(SERVICE_FILE))) {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(line -> line.replaceAll("#.*", "").trim())
                            .filter(line -> !line.isEmpty()).forEach(listed::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(listed.contains(providerClass), providerClass + " is not listed in any "
                + SERVICE_FILE + "; listed: " + listed);
    }

    /** Only on the module path: the backend's module must declare {@code provides}. */
    @Test
    default void providerIsDeclaredInTheModuleDescriptorOnTheModulePath() {
        Module module = backendUnderTest().getClass().getModule();
        assumeTrue(module.isNamed() && !module.getDescriptor().isAutomatic(),
                "the backend is not an explicit module here (class path or automatic module)");
        ModuleDescriptor descriptor = module.getDescriptor();
        String providerClass = provider().getClass().getName();
        boolean provides = descriptor.provides().stream()
                .anyMatch(p -> p.service().equals(BackendProvider.class.getName())
                        && p.providers().contains(providerClass));
        assertTrue(provides, "module " + module.getName() + " must declare 'provides "
                + BackendProvider.class.getName() + " with " + providerClass + "'");
    }

    @Test
    default void registrySelectsTheBackendByItsName() {
        String name = backendUnderTest().name();
        BackendRegistry registry = BackendRegistry.discover(loader());
        Backend selected = registry.select(name);
        assertEquals(name, selected.name(), "the selected backend's name");
        assertEquals(backendUnderTest().getClass(),
                selected.inPrecision(precisionUnderTest()).getClass(),
                "the registry must create the same kind of backend as the one under test (in "
                        + precisionUnderTest() + ")");
        assertEquals(name, registry.select(name.toUpperCase(Locale.ROOT))
                .name(), "names are case-insensitive");
    }
}
