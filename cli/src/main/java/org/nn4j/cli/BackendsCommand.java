package org.nn4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nn4j backends}: every backend found, whether it works here, and the default. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List the backends on the class path: priority, availability, the"
                + " precisions each computes in (float64, float32), the default.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<BackendStatus> statuses = Backends.registry().statuses(true);
        String chosen = statuses.stream().filter(BackendStatus::isDefault)
                .map(BackendStatus::name).findFirst().orElse(null);
        Backend large = Backends.registry().largeWorkBackend();
        String largeName = large == null ? null : large.name();
        if (json) {
            ObjectNode root = Json.object();
            root.put("default", chosen);
            root.put("large_work_threshold", BackendRegistry.LARGE_WORK);
            root.put("large_work_backend", largeName);
            ArrayNode list = root.putArray("backends");
            for (BackendStatus s : statuses) {
                ObjectNode o = list.addObject();
                o.put("name", s.name());
                o.put("priority", s.priority());
                o.put("available", s.available());
                o.put("reason", s.reason());
                o.put("default", s.isDefault());
                o.put("api_version", s.apiVersion());
                o.put("provider", s.providerClass());
                o.put("large_work", s.suitedToLargeWork());
                ArrayNode precisions = o.putArray("precisions");
                precisions(s).forEach(p -> precisions.add(p.label()));
            }
            out.println(Json.write(root));
        } else {
            out.printf("%-8s %8s  %-11s %-18s %s%n", "BACKEND", "PRIORITY", "AVAILABLE",
                    "PRECISIONS", "NOTE");
            for (BackendStatus s : statuses) {
                String note = s.isDefault() ? "default" : s.reason();
                List<Precision> precisions = precisions(s);
                out.printf("%-8s %8d  %-11s %-18s %s%n", s.name(), s.priority(),
                        s.available() ? "yes" : "no", precisions.isEmpty() ? "-"
                                : precisions.stream().map(Precision::label)
                                .collect(Collectors.joining(",")), note);
            }
            if (statuses.isEmpty()) {
                out.println("(no backend on the class path)");
            } else if (chosen != null) {
                out.println(rule(chosen, largeName));
            }
        }
        return chosen == null ? Nn4jCommand.NO_BACKEND : Nn4jCommand.OK;
    }

    /** An available backend's precisions, float32 first; none for one that is unavailable. */
    private static List<Precision> precisions(BackendStatus s) {
        return s.available() ? PrecisionOption.precisions(s.name()).stream().sorted().toList()
                : List.of();
    }

    /** The workload rule in words, with fashion-mnist's default network as the example. */
    static String rule(String chosen, String large) {
        long example = BackendSelection.multiplyAdds(List.of(784, 256, 128, 10), 128);
        String threshold = String.format(Locale.ROOT, "%,d", BackendRegistry.LARGE_WORK);
        if (large == null || large.equals(chosen)) {
            return "Commands that build a network (fashion-mnist, train) use " + chosen
                    + " unless --backend, nn4j.backend or NN4J_BACKEND names another"
                    + (large == null ? "; no backend suited to large work is available." : ".");
        }
        return String.format(Locale.ROOT, "Commands that build a network (fashion-mnist, train)"
                + " choose by its work unless --backend, nn4j.backend or NN4J_BACKEND names a"
                + " backend: %s from %s multiply-adds per batch (fashion-mnist's default network:"
                + " %,d), else %s.", large, threshold, example, chosen);
    }
}
