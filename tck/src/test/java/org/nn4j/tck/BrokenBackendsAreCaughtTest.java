package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.nn4j.tck.reference.Breakage;

/** Runs the kit against each deliberately broken reference backend. */
class BrokenBackendsAreCaughtTest {

    static EngineExecutionResults run(Breakage breakage) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(BreakableReferenceKit.class))
                .configurationParameter(BreakableReferenceKit.BREAKAGE, breakage.name())
                .execute();
    }

    /** "Group.method" of a test, the same for every invocation of a parameterized one. */
    static String label(TestDescriptor descriptor) {
        MethodSource source = (MethodSource) descriptor.getSource().orElseThrow();
        String group = source.getClassName().substring(source.getClassName().lastIndexOf('$') + 1);
        return group + "." + source.getMethodName();
    }

    static Set<String> failedTests(EngineExecutionResults results) {
        return results.testEvents().failed().stream().map(e -> label(e.getTestDescriptor()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(Breakage.class)
    void show(Breakage breakage) {
        EngineExecutionResults results = run(breakage);
        System.err.println("BREAKAGE " + breakage + " failed=" + failedTests(results)
                + " containersFailed=" + results.containerEvents().failed().count()
                + " succeeded=" + results.testEvents().succeeded().count()
                + " aborted=" + results.testEvents().aborted().count());
        assertEquals(0, results.containerEvents().failed().count());
    }
}
