package org.nn4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;

/**
 * The architecture rules, checked on the production classes of every module on cli's test
 * class path (our modules arrive as jars or as {@code target/classes}, depending on the
 * phase; both are imported, test output is not). {@link ArchitectureRulesCatchViolationsTest}
 * shows that each rule fails on a violation.
 */
@AnalyzeClasses(packages = "org.nn4j",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    /**
     * Leaves out test jars (trainer's, which brings the Fashion-MNIST subset to cli's tests):
     * {@code DoNotIncludeTests} knows test-class directories, not {@code -tests.jar} files.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(com.tngtech.archunit.core.importer.Location location) {
            return !location.contains("-tests.jar");
        }
    }

    private static final Layout NN4J = Layout.PRODUCTION;
    private static final ServiceFiles SERVICE_FILES =
            ServiceFiles.productionFilesOf(ArchitectureTest.class.getClassLoader());

    @ArchTest
    static final ArchRule API_DEPENDS_ON_JDK_ONLY = ArchitectureRules.apiDependsOnJdkOnly(NN4J);

    @ArchTest
    static final ArchRule BACKEND_NEUTRAL_MODULES_STAY_NEUTRAL =
            ArchitectureRules.backendNeutralModulesStayNeutral(NN4J);

    @ArchTest
    static final ArchRule BACKENDS_ARE_INDEPENDENT = ArchitectureRules.backendsAreIndependent(NN4J);

    @ArchTest
    static final ArchRule ONLY_APPLICATIONS_NAME_BACKENDS = ArchitectureRules.onlyApplicationsNameBackends(NN4J);

    @ArchTest
    static final ArchRule PACKAGES_ARE_FREE_OF_CYCLES = ArchitectureRules.packagesAreFreeOfCycles(NN4J);

    @ArchTest
    static final ArchRule LIBRARIES_DO_NOT_PRINT = ArchitectureRules.librariesDoNotPrint(NN4J);

    @ArchTest
    static final ArchRule BACKEND_CLASSES_CARRY_THEIR_PREFIX =
            ArchitectureRules.backendClassesCarryTheirPrefix(NN4J);

    @ArchTest
    static final ArchRule PROVIDERS_ARE_REGISTERED =
            ArchitectureRules.implementationsAreRegistered(ArchitectureRules.BACKEND_PROVIDER, SERVICE_FILES);

    @ArchTest
    static final ArchRule REGISTRATIONS_NAME_PROVIDERS =
            ArchitectureRules.registrationsNameImplementations(ArchitectureRules.BACKEND_PROVIDER, SERVICE_FILES);

    /** The rules above are only as good as the import: every source package must be in it. */
    @ArchTest
    static void everyModuleIsImported(JavaClasses classes) {
        Map<String, Integer> sources = Reactor.ofThisBuild().mainTypesPerPackage();
        assertTrue(sources.keySet().containsAll(
                        List.of(NN4J.api(), NN4J.apiSpi(), NN4J.trainer(), NN4J.backends() + ".ejml", NN4J.cli())),
                "the reactor's sources were not found: " + sources);
        List<String> shortfalls = ImportCoverage.shortfalls(sources, classes, NN4J);
        assertEquals(List.of(), shortfalls, "packages the architecture rules did not see");
    }
}
