package org.nn4j.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.nn4j.architecture.Layout.tree;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructor;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The architecture of nn4j ({@code DESIGN.md}, "Modules and who may depend on whom") as
 * ArchUnit rules. Each factory takes the {@link Layout} it applies to, so one rule object is
 * checked against the production classes and against fixtures that break it. Every rule's
 * description starts with an id in brackets, which the failure report repeats.
 */
public final class ArchitectureRules {

    /** The numeric libraries behind our backends: only their backend may touch them. */
    public static final List<String> BACKEND_LIBRARIES = List.of(
            "org.ejml..", "org.apache.commons.math3..", "org.nd4j..", "org.bytedeco..");

    /** The service-provider interface every backend registers. */
    public static final String BACKEND_PROVIDER = "org.nn4j.api.spi.BackendProvider";

    /** The SPI types whose implementations carry their backend's prefix. */
    public static final List<String> SPI_TYPES = List.of(
            "org.nn4j.api.Backend",
            BACKEND_PROVIDER,
            "org.nn4j.api.LinearAlgebra",
            "org.nn4j.api.Matrix",
            "org.nn4j.api.Layer",
            "org.nn4j.api.Loss");

    private ArchitectureRules() {
    }

    /**
     * @param layout the layout to check
     * @return {@code api} depends on the JDK ({@code java..}) and itself only
     */
    public static ArchRule apiDependsOnJdkOnly(Layout layout) {
        DescribedPredicate<JavaClass> jdkOrApi = resideInAnyPackage("java..", tree(layout.api()))
                .or(DescribedPredicate.describe("primitive or array",
                        (JavaClass c) -> c.isPrimitive() || c.isArray()));
        return classes().that().resideInAPackage(tree(layout.api()))
                .should().onlyDependOnClassesThat(jdkOrApi)
                .as("[api-jdk-only] classes in " + tree(layout.api())
                        + " should depend on the JDK (java..) and the api only")
                .because("api has no third-party dependency: a backend or a user pulls in nothing");
    }

    /**
     * @param layout the layout to check
     * @return {@code api}, {@code trainer} and {@code tck} never touch a numeric library nor a
     *     backend class
     */
    public static ArchRule backendNeutralModulesStayNeutral(Layout layout) {
        List<String> forbidden = new ArrayList<>(BACKEND_LIBRARIES);
        forbidden.add(tree(layout.backends()));
        return noClasses()
                .that().resideInAnyPackage(
                        tree(layout.api()), tree(layout.trainer()), tree(layout.tck()))
                .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                .as("[backend-neutral] classes in " + tree(layout.api()) + ", "
                        + tree(layout.trainer()) + " and " + tree(layout.tck())
                        + " should not depend on " + String.join(", ", forbidden))
                .because("models, the trainer and the TCK run on any backend, found through Backends");
    }

    /**
     * @param layout the layout to check
     * @return no backend depends on another backend
     */
    public static ArchRule backendsAreIndependent(Layout layout) {
        return slices().matching(layout.backends() + ".(*)..").namingSlices("backend $1")
                .should().notDependOnEachOther()
                .as("[backends-independent] backends in " + tree(layout.backends())
                        + " should not depend on each other")
                .because("a backend depends on api and its own library only");
    }

    /**
     * @param layout the layout to check
     * @return outside the backends themselves, only {@code cli} and {@code benchmarks} name a
     *     backend class
     */
    public static ArchRule onlyApplicationsNameBackends(Layout layout) {
        return noClasses()
                .that().resideInAPackage(tree(layout.root()))
                .and().resideOutsideOfPackages(
                        tree(layout.backends()), tree(layout.cli()), tree(layout.benchmarks()))
                .should().dependOnClassesThat().resideInAPackage(tree(layout.backends()))
                .as("[only-applications-name-backends] classes outside "
                        + tree(layout.backends()) + ", " + tree(layout.cli()) + " and "
                        + tree(layout.benchmarks()) + " should not depend on "
                        + tree(layout.backends()))
                .because("code outside a backend asks Backends for one instead of naming it");
    }

    /**
     * Every package is a slice; the api's own dependency on its {@code spi} sub-package (its
     * discovery loads {@code BackendProvider}s, which return {@code Backend}s) is the one
     * allowed pair, since both packages ship in the api module.
     *
     * @param layout the layout to check
     * @return no cycle between the packages below the root
     */
    public static ArchRule packagesAreFreeOfCycles(Layout layout) {
        return slices().matching(layout.root() + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage(layout.api()), resideInAPackage(layout.apiSpi()))
                .as("[no-package-cycles] packages below " + layout.root()
                        + " should be free of cycles (" + layout.api() + " -> "
                        + layout.apiSpi() + " excepted)");
    }

    /**
     * @param layout the layout to check
     * @return library code (everything but {@code cli} and {@code benchmarks}) does not use
     *     {@code System.out}, {@code System.err} or {@code printStackTrace()}
     */
    public static ArchRule librariesDoNotPrint(Layout layout) {
        return noClasses()
                .that().resideInAPackage(tree(layout.root()))
                .and().resideOutsideOfPackages(tree(layout.cli()), tree(layout.benchmarks()))
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .as("[libraries-do-not-print] classes outside " + tree(layout.cli()) + " and "
                        + tree(layout.benchmarks())
                        + " should not write to System.out or System.err")
                .because("only the CLI prints; libraries report through listeners");
    }

    /**
     * @param layout the layout to check
     * @return implementations of the SPI types in {@code backend.<name>..} have a simple name
     *     starting with the capitalised backend name ({@code ejml} to {@code Ejml}), or with
     *     {@code Abstract} and that prefix
     */
    public static ArchRule backendClassesCarryTheirPrefix(Layout layout) {
        DescribedPredicate<JavaClass> spiImplementation = SPI_TYPES.stream()
                .map(JavaClass.Predicates::assignableTo)
                .reduce((a, b) -> a.or(b))
                .orElseThrow()
                .as("implement one of " + SPI_TYPES.stream()
                        .map(type -> type.substring(type.lastIndexOf('.') + 1))
                        .collect(Collectors.joining(", ")));
        return classes()
                .that().resideInAPackage(tree(layout.backends()))
                .and(spiImplementation)
                .and().areNotAnonymousClasses()
                .and().areNotLocalClasses()
                .should(carryBackendPrefix(layout))
                .as("[backend-prefix] classes in " + tree(layout.backends()) + " that "
                        + spiImplementation.getDescription()
                        + " should be named after their backend (ejml -> Ejml..., nd4j -> Nd4j...)")
                .because("the interface gets the plain noun, the implementation its backend's prefix");
    }

    /**
     * @param serviceInterface the service interface
     * @param files the service files to look in
     * @return every concrete implementation is listed in a service file and can be
     *     instantiated by {@link java.util.ServiceLoader} (public, public no-argument constructor)
     */
    public static ArchRule implementationsAreRegistered(String serviceInterface, ServiceFiles files) {
        return classes()
                .that().areAssignableTo(serviceInterface)
                .and().areNotInterfaces()
                .and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should(beLoadableService(serviceInterface, files))
                .as("[providers-registered] implementations of " + serviceInterface
                        + " should be listed in " + ServiceFiles.resourceName(serviceInterface)
                        + " and loadable by ServiceLoader")
                .because("an unregistered backend is never discovered");
    }

    /**
     * @param serviceInterface the service interface
     * @param files the service files to read
     * @return every class listed in the service files exists among the imported classes and
     *     implements the interface
     */
    public static ArchRule registrationsNameImplementations(String serviceInterface, ServiceFiles files) {
        return all(new AbstractClassesTransformer<Registration>(
                        "entries of " + files + " " + ServiceFiles.resourceName(serviceInterface)) {
                    @Override
                    public Iterable<Registration> doTransform(JavaClasses classes) {
                        return files.entries(serviceInterface).stream()
                                .map(entry -> new Registration(entry, classes.contain(entry.className())
                                        ? Optional.of(classes.get(entry.className()))
                                        : Optional.empty()))
                                .collect(Collectors.toList());
                    }
                })
                .should(nameAnImplementationOf(serviceInterface))
                .as("[registrations-exist] every entry of " + ServiceFiles.resourceName(serviceInterface)
                        + " should name an imported class implementing " + serviceInterface)
                .because("ServiceLoader fails on the first bad entry, hiding every backend after it");
    }

    /** A service-file entry with the class it names, if that class was imported. */
    record Registration(ServiceFiles.Entry entry, Optional<JavaClass> javaClass) {
    }

    private static ArchCondition<JavaClass> carryBackendPrefix(Layout layout) {
        return new ArchCondition<>("carry their backend's prefix") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String rest = c.getPackageName().substring(layout.backends().length() + 1);
                String backend = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
                String prefix = backend.substring(0, 1).toUpperCase(Locale.ROOT) + backend.substring(1);
                String name = c.getSimpleName();
                boolean named = name.startsWith(prefix) || name.startsWith("Abstract" + prefix);
                events.add(new SimpleConditionEvent(c, named, String.format(
                        "Class <%s> is in backend '%s' but its name does not start with '%s'",
                        c.getName(), backend, prefix)));
            }
        };
    }

    private static ArchCondition<JavaClass> beLoadableService(String serviceInterface, ServiceFiles files) {
        return new ArchCondition<>("be listed in a service file and be loadable") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                boolean listed = files.entries(serviceInterface).stream()
                        .anyMatch(entry -> entry.className().equals(c.getName()));
                events.add(new SimpleConditionEvent(c, listed, String.format(
                        "Class <%s> implements %s but no %s lists it (files: %s)",
                        c.getName(), serviceInterface, ServiceFiles.resourceName(serviceInterface),
                        files.files(serviceInterface))));
                boolean loadable = c.getModifiers().contains(JavaModifier.PUBLIC)
                        && (c.isTopLevelClass() || c.getModifiers().contains(JavaModifier.STATIC))
                        && c.getConstructors().stream().anyMatch(ArchitectureRules::isPublicNoArg);
                events.add(new SimpleConditionEvent(c, loadable, String.format(
                        "Class <%s> is not a public class with a public no-argument constructor,"
                                + " so ServiceLoader cannot create it", c.getName())));
            }
        };
    }

    private static boolean isPublicNoArg(JavaConstructor constructor) {
        return constructor.getModifiers().contains(JavaModifier.PUBLIC)
                && constructor.getRawParameterTypes().isEmpty();
    }

    private static ArchCondition<Registration> nameAnImplementationOf(String serviceInterface) {
        return new ArchCondition<>("name an implementation of " + serviceInterface) {
            @Override
            public void check(Registration registration, ConditionEvents events) {
                ServiceFiles.Entry entry = registration.entry();
                if (registration.javaClass().isEmpty()) {
                    events.add(SimpleConditionEvent.violated(registration, String.format(
                            "Class <%s> is listed in %s but no such class was imported",
                            entry.className(), entry.file())));
                    return;
                }
                JavaClass c = registration.javaClass().get();
                boolean implementation = c.isAssignableTo(serviceInterface) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT);
                events.add(new SimpleConditionEvent(registration, implementation, String.format(
                        "Class <%s> is listed in %s but is not a concrete implementation of %s",
                        entry.className(), entry.file(), serviceInterface)));
            }
        };
    }
}
