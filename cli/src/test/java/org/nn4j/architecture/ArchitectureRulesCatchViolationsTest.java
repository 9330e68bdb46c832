package org.nn4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Each architecture rule, evaluated on fixture classes that break it
 * ({@code org.nn4j.architecture.fixtures.<case>}, laid out like nn4j below their own root):
 * the rule must report every offending class, and none of the well-behaved ones beside them.
 * The rule objects are built by the same factories as those of {@link ArchitectureTest}.
 */
class ArchitectureRulesCatchViolationsTest {

    private static final String FIXTURES = "org.nn4j.architecture.fixtures";

    @Test
    void apiMayDependOnTheJdkOnly() {
        String report = violations(ArchitectureRules::apiDependsOnJdkOnly, "apijdk");

        assertTrue(report.contains("[api-jdk-only]"), report);
        assertMentions(report, "apijdk.api.ApiUsingEjml", "apijdk.api.ApiUsingTrainer");
        assertTrue(report.contains("org.ejml.data.DMatrixRMaj"), report);
        assertSpares(report, "apijdk.api.JdkOnlyApi");
    }

    @Test
    void apiTrainerAndTckNeverTouchBackendLibrariesNorBackends() {
        String report = violations(ArchitectureRules::backendNeutralModulesStayNeutral, "neutral");

        assertTrue(report.contains("[backend-neutral]"), report);
        assertMentions(report, "neutral.trainer.TrainerUsingEjml", "neutral.tck.TckNamingBackend");
        assertSpares(report, "neutral.trainer.NeutralTrainer");
    }

    @Test
    void backendsMayNotDependOnEachOther() {
        String report = violations(ArchitectureRules::backendsAreIndependent, "independent");

        assertTrue(report.contains("[backends-independent]"), report);
        assertMentions(report, "independent.backend.alpha.AlphaUsesBeta");
    }

    @Test
    void onlyTheApplicationsNameBackendClasses() {
        String report = violations(ArchitectureRules::onlyApplicationsNameBackends, "appnames");

        assertTrue(report.contains("[only-applications-name-backends]"), report);
        assertMentions(report, "appnames.trainer.TrainerNamingBackend", "appnames.models.ModelNamingBackend");
        assertSpares(report, "appnames.cli.CliNamingBackend", "appnames.benchmarks.BenchmarkNamingBackend");
    }

    @Test
    void packagesMayNotFormCycles() {
        String report = violations(ArchitectureRules::packagesAreFreeOfCycles, "cycles");

        assertTrue(report.contains("[no-package-cycles]"), report);
        assertMentions(report, "cycles.first.First", "cycles.second.Second");
        // the api and its spi sub-package are the one allowed pair; third only points into the cycle
        assertSpares(report, "cycles.api.ApiRegistry", "cycles.api.spi.ApiProvider", "cycles.third.Third");
    }

    @Test
    void librariesMayNotWriteToTheStandardStreams() {
        String report = violations(ArchitectureRules::librariesDoNotPrint, "printing");

        assertTrue(report.contains("[libraries-do-not-print]"), report);
        assertMentions(report, "printing.trainer.PrintingTrainer", "printing.backend.alpha.AlphaComplainer",
                "printing.tck.StackTracePrinter");
        assertSpares(report, "printing.trainer.QuietTrainer", "printing.cli.PrintingCli");
    }

    @Test
    void spiImplementationsCarryTheirBackendsPrefix() {
        String report = violations(ArchitectureRules::backendClassesCarryTheirPrefix, "naming");

        assertTrue(report.contains("[backend-prefix]"), report);
        assertMentions(report, "naming.backend.alpha.MeanSquaredError", "naming.backend.alpha.layers.DenseLayer",
                "naming.backend.beta.AlphaStyleLoss");
        assertTrue(report.contains("does not start with 'Beta'"), report);
        assertSpares(report, "naming.backend.alpha.AlphaLoss", "naming.backend.alpha.AbstractAlphaLayer",
                "naming.backend.alpha.LookupTable");
    }

    @Test
    void everyImplementationIsRegisteredAndLoadable() {
        String service = FIXTURES + ".services.FixtureService";
        ArchRule rule = ArchitectureRules.implementationsAreRegistered(service, fixtureServiceFiles());

        String report = violations(rule, "services");

        assertTrue(report.contains("[providers-registered]"), report);
        assertTrue(report.contains("Class <" + FIXTURES + ".services.UnlistedService> implements"), report);
        assertTrue(report.contains("Class <" + FIXTURES + ".services.HiddenConstructorService> is not a public class"),
                report);
        assertSpares(report, "services.RegisteredService");
    }

    @Test
    void everyRegistrationNamesAnImplementation() {
        String service = FIXTURES + ".services.FixtureService";
        ArchRule rule = ArchitectureRules.registrationsNameImplementations(service, fixtureServiceFiles());

        String report = violations(rule, "services");

        assertTrue(report.contains("[registrations-exist]"), report);
        assertTrue(report.contains("Class <" + FIXTURES + ".services.MissingService> is listed"), report);
        assertTrue(report.contains("Class <" + FIXTURES + ".services.NotAService> is listed"), report);
        assertSpares(report, "services.RegisteredService", "services.HiddenConstructorService");
    }

    @Test
    void productionServiceFilesLeaveTestOutputOut() {
        String service = FIXTURES + ".services.FixtureService";
        ClassLoader loader = getClass().getClassLoader();

        assertEquals(1, ServiceFiles.allFilesOf(loader).files(service).size(), "the fixture file");
        assertEquals(List.of(), ServiceFiles.productionFilesOf(loader).files(service));
    }

    @Test
    void anEmptyImportIsCaught() {
        JavaClasses nothing = new ClassFileImporter().importPackages(FIXTURES + ".nosuchpackage");

        List<String> shortfalls = ImportCoverage.shortfalls(
                Map.of("org.nn4j.api", 12, "org.nn4j.benchmarks", 3), nothing, Layout.PRODUCTION);

        assertEquals(List.of("package org.nn4j.api: 12 source files but 0 classes imported;"
                + " is its module a (test) dependency of cli, and built in this reactor?"), shortfalls);
    }

    @Test
    void aPartialImportIsCaught() {
        JavaClasses neutral = fixtures("neutral");
        String trainer = FIXTURES + ".neutral.trainer";

        assertEquals(List.of(), ImportCoverage.shortfalls(Map.of(trainer, 2), neutral, Layout.PRODUCTION));
        assertEquals(1, ImportCoverage.shortfalls(Map.of(trainer, 3), neutral, Layout.PRODUCTION).size());
    }

    private static ServiceFiles fixtureServiceFiles() {
        return ServiceFiles.allFilesOf(ArchitectureRulesCatchViolationsTest.class.getClassLoader());
    }

    private static JavaClasses fixtures(String fixtureCase) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + fixtureCase);
        assertFalse(classes.isEmpty(), "no fixture classes for " + fixtureCase);
        return classes;
    }

    private static String violations(Function<Layout, ArchRule> ruleForLayout, String fixtureCase) {
        return violations(ruleForLayout.apply(new Layout(FIXTURES + "." + fixtureCase)), fixtureCase);
    }

    private static String violations(ArchRule rule, String fixtureCase) {
        EvaluationResult result = rule.evaluate(fixtures(fixtureCase));
        assertTrue(result.hasViolation(), "no violation reported by " + rule.getDescription());
        return result.getFailureReport().toString();
    }

    private static void assertMentions(String report, String... fixtureClasses) {
        for (String fixture : fixtureClasses) {
            assertTrue(report.contains(FIXTURES + "." + fixture), fixture + " not reported:\n" + report);
        }
    }

    private static void assertSpares(String report, String... fixtureClasses) {
        for (String fixture : fixtureClasses) {
            // followed by '.', '>' or ' ': a class name, not the prefix of a longer one
            for (String end : List.of(".", ">", " ", "$")) {
                assertFalse(report.contains(FIXTURES + "." + fixture + end),
                        fixture + " reported although it keeps the rule:\n" + report);
            }
        }
    }
}
