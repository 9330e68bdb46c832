package org.nn4j.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Guards the rules against passing on an empty or partial import: each package of the
 * reactor's main sources must arrive with at least as many top-level classes as it has
 * source files. A module missing from cli's test class path (or a stale jar of it) shows up
 * here instead of silently escaping every rule.
 */
public final class ImportCoverage {

    private ImportCoverage() {
    }

    /**
     * @param expected package to number of top-level types in the sources
     * @param imported the classes ArchUnit imported
     * @param layout the layout; packages of {@link Layout#benchmarks()} and {@link
     *     Layout#examples()}, which are not on cli's class path by design, are not expected
     * @return one line per package with fewer classes imported than declared
     */
    public static List<String> shortfalls(Map<String, Integer> expected, JavaClasses imported, Layout layout) {
        List<String> shortfalls = new ArrayList<>();
        expected.forEach((pkg, declared) -> {
            for (String application : List.of(layout.benchmarks(), layout.examples())) {
                if (pkg.equals(application) || pkg.startsWith(application + ".")) {
                    return;
                }
            }
            long found = StreamSupport.stream(imported.spliterator(), false)
                    .filter(JavaClass::isTopLevelClass)
                    .filter(c -> c.getPackageName().equals(pkg))
                    .count();
            if (found < declared) {
                shortfalls.add(String.format("package %s: %d source files but %d classes imported;"
                                + " is its module a (test) dependency of cli, and built in this reactor?",
                        pkg, declared, found));
            }
        });
        return shortfalls;
    }
}
