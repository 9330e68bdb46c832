package org.nn4j.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.nn4j.api.Precision;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Counts one run of the conformance kit: passed, failed and skipped tests per group (the
 * kit's nested classes) and per precision (the kit runs once per precision, in a container
 * named after it), and the failures with their messages. A test aborted by an assumption
 * counts as skipped; a precision the backend does not declare is not applicable, with its
 * reason, and counts no test.
 */
final class ConformanceTally implements TestExecutionListener {

    /** Counts of one group. */
    static final class Counts {
        int passed;
        int failed;
        int skipped;

        void add(Counts other) {
            passed += other.passed;
            failed += other.failed;
            skipped += other.skipped;
        }
    }

    /** A failed test or container and why. */
    record Failure(String test, String message) {
    }

    /** How the kit words the reason of a precision the backend does not declare. */
    static final String NOT_APPLICABLE = "not applicable: ";

    private final Map<String, Counts> groups = new LinkedHashMap<>();
    private final Map<String, Counts> precisions = new LinkedHashMap<>();
    private final Map<String, String> notApplicable = new LinkedHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        String precision = precisionOf(id);
        if (precision != null && reason != null && reason.startsWith(NOT_APPLICABLE)) {
            // The kit skips every check of a precision the backend does not declare.
            notApplicable.putIfAbsent(precision, reason.substring(NOT_APPLICABLE.length()));
        } else if (id.isTest()) {
            counts(id).skipped++;
            precisionCounts(id).skipped++;
        } else {
            plan.getDescendants(id).stream().filter(TestIdentifier::isTest)
                    .forEach(t -> {
                        counts(t).skipped++;
                        precisionCounts(t).skipped++;
                    });
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (id.isTest()) {
                    counts(id).passed++;
                    precisionCounts(id).passed++;
                }
            }
            case ABORTED -> {
                if (id.isTest()) {
                    counts(id).skipped++;
                    precisionCounts(id).skipped++;
                }
            }
            case FAILED -> {
                // A failed container (the kit class could not start, say) counts as a failure too.
                counts(id).failed++;
                precisionCounts(id).failed++;
                String message = result.getThrowable().map(ConformanceTally::describe)
                        .orElse("failed");
                failures.add(new Failure(path(id), message));
            }
            default -> throw new IllegalStateException("unknown status " + result.getStatus());
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        String first = m == null ? "" : m.lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
    }

    /**
     * The group of a test: the class or interface that declares its method (the kit's groups
     * are interfaces of default test methods; a kit may also use {@code @Nested} classes), or
     * its ancestor two levels below the engine (engine, kit, group) when it has no method.
     */
    private Counts counts(TestIdentifier id) {
        List<TestIdentifier> chain = chain(id);
        String group = null;
        for (int i = chain.size() - 1; i >= 0 && group == null; i--) {
            if (chain.get(i).getSource().orElse(null) instanceof MethodSource m) {
                group = m.getJavaMethod().getDeclaringClass().getSimpleName();
            }
        }
        if (group == null) {
            group = chain.size() > 2 ? chain.get(2).getDisplayName() : "(kit)";
        }
        return groups.computeIfAbsent(group, g -> new Counts());
    }

    /** The precision of the run a test or container belongs to, or null. */
    private String precisionOf(TestIdentifier id) {
        List<TestIdentifier> chain = chain(id);
        return chain.size() > 2 ? precisionLabel(chain.get(2)) : null;
    }

    private static String precisionLabel(TestIdentifier id) {
        try {
            return Precision.parse(id.getDisplayName()).label();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The counts of the precision a test ran in; a kit without precision runs has one. */
    private Counts precisionCounts(TestIdentifier id) {
        String precision = precisionOf(id);
        return precisions.computeIfAbsent(precision == null ? Precision.F64.label() : precision,
                p -> new Counts());
    }

    private List<TestIdentifier> chain(TestIdentifier id) {
        List<TestIdentifier> chain = new ArrayList<>();
        Optional<TestIdentifier> current = Optional.of(id);
        while (current.isPresent()) {
            chain.add(0, current.get());
            current = plan.getParent(current.get());
        }
        return chain;
    }

    private String path(TestIdentifier id) {
        List<TestIdentifier> chain = chain(id);
        StringBuilder sb = new StringBuilder();
        for (int i = Math.min(2, chain.size() - 1); i < chain.size(); i++) {
            if (sb.length() > 0) {
                sb.append(" > ");
            }
            sb.append(chain.get(i).getDisplayName());
        }
        return sb.toString();
    }

    Map<String, Counts> groups() {
        return groups;
    }

    /** Passed, failed and skipped tests per precision the kit ran in, by label. */
    Map<String, Counts> precisions() {
        return precisions;
    }

    /** The precisions the backend does not declare, by label, and why. */
    Map<String, String> notApplicable() {
        return notApplicable;
    }

    List<Failure> failures() {
        return failures;
    }

    Counts total() {
        Counts total = new Counts();
        groups.values().forEach(total::add);
        return total;
    }
}
