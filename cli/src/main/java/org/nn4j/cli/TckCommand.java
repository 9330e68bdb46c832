package org.nn4j.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.nn4j.api.BackendException;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nn4j tck}: the conformance kit against every backend on the class path, or one. */
@Command(name = "tck", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the conformance kit (nn4j-tck) through the JUnit Platform against"
                + " every backend on the class path, or the one named, and print passed,"
                + " failed and skipped tests per group.",
                "A backend that reports itself unavailable here is listed with its reason and"
                + " not run. Exit status 0 only when every test run passes; 1 when one fails;"
                + " 3 when the named backend, or every backend, cannot be provided."})
final class TckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "Run the kit against this backend only.")
    String backend;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    /** The outcome for one backend: a tally, or the reason it could not run. */
    record BackendRun(String name, String unavailableReason, ConformanceTally tally,
                      double seconds) {
        boolean ran() {
            return tally != null;
        }

        boolean conforming() {
            return ran() && tally.total().failed == 0;
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendRun> runs = new ArrayList<>();
        if (backend != null && !backend.isBlank()) {
            // Throws BackendException (exit 3) when the backend cannot be provided.
            runs.add(run(Backends.get(backend).name()));
        } else {
            for (BackendStatus s : Backends.registry().statuses(false)) {
                runs.add(runIfAvailable(s));
            }
        }
        boolean anyRan = runs.stream().anyMatch(BackendRun::ran);
        boolean conforming = anyRan && runs.stream().filter(BackendRun::ran)
                .allMatch(BackendRun::conforming);
        if (json) {
            out.println(Json.write(toJson(runs, conforming)));
        } else {
            printTable(out, runs, anyRan, conforming);
        }
        return exitStatus(runs);
    }

    /** 0 when every backend run passed, 1 when one failed, 3 when none could run. */
    static int exitStatus(List<BackendRun> runs) {
        if (runs.stream().noneMatch(BackendRun::ran)) {
            return Nn4jCommand.NO_BACKEND;
        }
        return runs.stream().filter(BackendRun::ran).allMatch(BackendRun::conforming)
                ? Nn4jCommand.OK : Nn4jCommand.NOT_CONFORMING;
    }

    private static BackendRun runIfAvailable(BackendStatus status) {
        if (!status.available()) {
            return new BackendRun(status.name(), status.reason(), null, 0);
        }
        try {
            Backends.get(status.name());
        } catch (BackendException e) {
            return new BackendRun(status.name(), e.getMessage(), null, 0);
        }
        return run(status.name());
    }

    /** Runs the kit against one backend through the JUnit Platform launcher. */
    static BackendRun run(String name) {
        return run(CommandLineConformanceKit.class, name);
    }

    /** Runs a test class with {@code nn4j.tck.backend} set to a backend's name. */
    static BackendRun run(Class<?> kit, String name) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(kit))
                .configurationParameter(CommandLineConformanceKit.BACKEND_PARAMETER, name)
                .build();
        Launcher launcher = LauncherFactory.create();
        ConformanceTally tally = new ConformanceTally();
        long started = System.nanoTime();
        launcher.execute(request, tally);
        return new BackendRun(name, null, tally, (System.nanoTime() - started) / 1e9);
    }

    private static void printTable(PrintWriter out, List<BackendRun> runs, boolean anyRan,
                                   boolean conforming) {
        String format = "%-10s %-24s %7s %7s %8s%n";
        out.printf(format, "BACKEND", "GROUP", "PASSED", "FAILED", "SKIPPED");
        for (BackendRun r : runs) {
            if (!r.ran()) {
                out.printf("%-10s unavailable: %s%n", r.name(), r.unavailableReason());
                continue;
            }
            for (Map.Entry<String, ConformanceTally.Counts> g : r.tally().groups().entrySet()) {
                ConformanceTally.Counts c = g.getValue();
                out.printf(format, r.name(), g.getKey(), c.passed, c.failed, c.skipped);
            }
            ConformanceTally.Counts t = r.tally().total();
            out.printf(Locale.ROOT, "%-10s %-24s %7d %7d %8d  (%.1f s)%n", r.name(), "TOTAL",
                    t.passed, t.failed, t.skipped, r.seconds());
            for (Map.Entry<String, ConformanceTally.Counts> p
                    : r.tally().precisions().entrySet()) {
                ConformanceTally.Counts c = p.getValue();
                out.printf(format, r.name(), "in " + p.getKey(), c.passed, c.failed, c.skipped);
            }
            for (Map.Entry<String, String> p : r.tally().notApplicable().entrySet()) {
                out.printf("%-10s %-24s not applicable: %s%n", r.name(), "in " + p.getKey(),
                        p.getValue());
            }
        }
        for (BackendRun r : runs) {
            if (r.ran()) {
                for (ConformanceTally.Failure f : r.tally().failures()) {
                    out.printf("FAILED %s: %s%n    %s%n", r.name(), f.test(), f.message());
                }
            }
        }
        if (runs.isEmpty()) {
            out.println("(no backend on the class path)");
        }
        if (!anyRan) {
            out.println("FAIL: no backend could be run.");
        } else {
            out.println(conforming ? "PASS: every backend run conforms."
                    : "FAIL: a backend does not conform.");
        }
    }

    private static ObjectNode toJson(List<BackendRun> runs, boolean conforming) {
        ObjectNode root = Json.object();
        root.put("conforming", conforming);
        ConformanceTally.Counts all = new ConformanceTally.Counts();
        ArrayNode list = Json.MAPPER.createArrayNode();
        for (BackendRun r : runs) {
            ObjectNode o = list.addObject();
            o.put("backend", r.name());
            o.put("available", r.ran());
            o.put("reason", r.ran() ? "" : r.unavailableReason());
            o.put("conforming", r.conforming());
            ConformanceTally.Counts t = r.ran() ? r.tally().total() : new ConformanceTally.Counts();
            all.add(t);
            o.put("passed", t.passed);
            o.put("failed", t.failed);
            o.put("skipped", t.skipped);
            o.put("seconds", r.seconds());
            ArrayNode groups = o.putArray("groups");
            ArrayNode failures = o.putArray("failures");
            ArrayNode precisions = o.putArray("precisions");
            if (r.ran()) {
                for (Map.Entry<String, ConformanceTally.Counts> p
                        : r.tally().precisions().entrySet()) {
                    precisions.addObject().put("precision", p.getKey()).put("applicable", true)
                            .put("reason", "").put("passed", p.getValue().passed)
                            .put("failed", p.getValue().failed)
                            .put("skipped", p.getValue().skipped);
                }
                for (Map.Entry<String, String> p : r.tally().notApplicable().entrySet()) {
                    precisions.addObject().put("precision", p.getKey()).put("applicable", false)
                            .put("reason", p.getValue()).put("passed", 0).put("failed", 0)
                            .put("skipped", 0);
                }
                for (Map.Entry<String, ConformanceTally.Counts> g : r.tally().groups().entrySet()) {
                    ObjectNode go = groups.addObject();
                    go.put("group", g.getKey());
                    go.put("passed", g.getValue().passed);
                    go.put("failed", g.getValue().failed);
                    go.put("skipped", g.getValue().skipped);
                }
                for (ConformanceTally.Failure f : r.tally().failures()) {
                    failures.addObject().put("test", f.test()).put("message", f.message());
                }
            }
        }
        root.put("passed", all.passed);
        root.put("failed", all.failed);
        root.put("skipped", all.skipped);
        root.set("backends", list);
        return root;
    }
}
