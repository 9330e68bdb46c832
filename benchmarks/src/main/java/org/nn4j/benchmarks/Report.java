package org.nn4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/** Turns JMH's results and numpy's into one Markdown report: tables, ratios, targets. */
final class Report {

    /** A benchmarked workload and how to read its numbers. */
    private record WorkloadInfo(String key, String benchmarkClass, String title, double flops,
                                String per) {
    }

    private static final List<WorkloadInfo> WORKLOADS = List.of(
            new WorkloadInfo("seed-step", "SeedStepBenchmark",
                    "Seed step: 2×3 weights, batch 2 (copy batch, forward, MSE, backward, SGD)", 0,
                    "step"),
            new WorkloadInfo("dense-784", "DenseStepBenchmark",
                    "Dense 784→256, batch 64, f64: forward, MSE, backward, SGD",
                    6.0 * 64 * 784 * 256, "step"),
            new WorkloadInfo("gemm-2048", "GemmBoundStepBenchmark",
                    "DGEMM-bound step: dense 2048→2048, batch 2048, f64 (51.5 GFLOP a step)",
                    6.0 * 2048 * 2048 * 2048, "step"),
            new WorkloadInfo("seed-run", "SeedRunBenchmark",
                    "Whole seed run: `linear-regression` with the tutorial's settings, seed 0"
                            + " (10,569 steps, 177 training-set confirmations)", 0, "run"));

    /** The hand-written benchmark that nn4j on a backend is compared with. */
    private static final Map<String, List<String>> DIRECT_OF_BACKEND = Map.of(
            "ejml", List.of("ejmlDirect"),
            "commons", List.of("commonsDirect", "commonsArrayDirect"), // the faster of the two
            "nd4j", List.of("nd4jDirect"));

    /** One measured row. */
    private record Entry(String workload, String label, String method, String backend,
                         double seconds, double errorSeconds, double allocBytes) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final NumpyResults numpy;
    private final boolean quick;
    private final String command;
    private final String[] backends;

    Report(List<RunResult> results, NumpyResults numpy, boolean quick, String command,
           String[] backends) {
        this.numpy = numpy;
        this.quick = quick;
        this.command = command;
        this.backends = backends.clone();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            String cls = parts[parts.length - 2];
            String method = parts[parts.length - 1];
            WorkloadInfo w = WORKLOADS.stream().filter(x -> x.benchmarkClass().equals(cls))
                    .findFirst().orElse(null);
            if (w == null) {
                continue;
            }
            String backend = r.getParams().getParamsKeys().contains("backend")
                    ? r.getParams().getParam("backend")
                    : method.startsWith("nn4jNd4jTwo") ? "nd4j"
                    : method.equals("nn4jEjmlOneThread") ? "ejml" : null;
            Result<?> primary = r.getPrimaryResult();
            double unit = secondsPerUnit(primary.getScoreUnit());
            double alloc = Double.NaN;
            for (Map.Entry<String, Result> e : r.getSecondaryResults().entrySet()) {
                if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                    alloc = e.getValue().getScore();
                }
            }
            entries.add(new Entry(w.key(), label(method, backend), method, backend,
                    primary.getScore() * unit, primary.getScoreError() * unit, alloc));
        }
    }

    private static String label(String method, String backend) {
        return switch (method) {
            case "nn4j" -> "**nn4j on " + backend + "**";
            case "nn4jEjmlOneThread" -> "**nn4j on ejml, 1 thread** (`-Dnn4j.ejml.concurrentThreshold=` max)";
            case "nn4jNd4jTwoThreads" -> "**nn4j on nd4j, 2 threads** (`-Dnn4j.nd4j.threads=2`)";
            case "nn4jNd4jTwoBlasThreads" ->
                    "**nn4j on nd4j, 2 BLAS threads** (`-Dnn4j.nd4j.blasThreads=2`)";
            case "ejmlDirect" -> "EJML by hand (`CommonOps_DDRM`)";
            case "ejmlDirectConcurrent" -> "EJML by hand (`CommonOps_MT_DDRM` products)";
            case "commonsDirect" -> "Commons Math by hand (`BlockRealMatrix`)";
            case "commonsArrayDirect" -> "Commons Math by hand (`Array2DRowRealMatrix`)";
            case "nd4jDirect" -> "ND4J by hand (`Nd4j.gemm` with transpose flags, `axpy`; ND4J's"
                    + " default threads)";
            default -> method;
        };
    }

    private static double secondsPerUnit(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-9;
            case "us/op" -> 1e-6;
            case "ms/op" -> 1e-3;
            case "s/op" -> 1.0;
            default -> throw new IllegalArgumentException("unexpected JMH unit " + unit);
        };
    }

    String markdown() throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# nn4j benchmarks").append(quick ? " (quick run: one fork, short iterations;"
                + " indicative only)" : "").append("\n\n");
        sb.append("- date: ").append(ZonedDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append('\n');
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores (nproc), ").append(cpuModel()).append(", ")
                .append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB max heap\n");
        sb.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("; JMH 1.37, ")
                .append(quick ? "1 fork, 2×0.5 s warm-up, 3×0.5 s measured"
                        : "3 forks, 3×1 s warm-up, 4×1 s measured (DGEMM step: 1 fork, 1 warm-up,"
                        + " 2 measured, each at least one step)").append("; backends: ")
                .append(String.join(", ", backends)).append('\n');
        String coretype = System.getenv("OPENBLAS_CORETYPE");
        sb.append("- ND4J's OpenBLAS 0.3.19 kernels: OPENBLAS_CORETYPE=")
                .append(coretype == null ? "unset" : coretype)
                .append(" (chosen by bin/openblas-coretype.sh, as ./nn4j does)\n");
        sb.append("- command: `").append(command).append("`\n");
        for (String line : numpy.about()) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append('\n');
        sb.append("Times are per operation (JMH average time, ± its 99.9 % confidence half-width);"
                + " *÷ by hand* divides by the same library used directly, *÷ numpy* by numpy"
                + " with 2 BLAS threads (below 1 is faster than numpy). Allocation is JMH's"
                + " `gc.alloc.rate.norm`.\n\n");
        for (WorkloadInfo w : WORKLOADS) {
            appendWorkload(sb, w);
        }
        appendTargets(sb);
        return sb.toString();
    }

    private void appendWorkload(StringBuilder sb, WorkloadInfo w) {
        List<Entry> rows = entries.stream().filter(e -> e.workload().equals(w.key())).toList();
        NumpyResults.Row np1 = numpy.find(w.key(), 1);
        NumpyResults.Row np2 = numpy.find(w.key(), 2);
        if (rows.isEmpty() && np1 == null && np2 == null) {
            return;
        }
        boolean flops = w.flops() > 0;
        sb.append("### ").append(w.title()).append("\n\n");
        sb.append("| implementation | time per ").append(w.per()).append(" | ± | ")
                .append(flops ? "GFLOP/s | " : "")
                .append("allocated per ").append(w.per()).append(" | ÷ by hand | ÷ numpy |\n");
        sb.append("|---|---:|---:|").append(flops ? "---:|" : "").append("---:|---:|---:|\n");
        double numpyRef = np2 != null ? np2.seconds() : Double.NaN;
        for (Entry e : rows) {
            double direct = Double.NaN;
            if (e.method().startsWith("nn4j")) {
                direct = fastestDirect(w.key(), e.backend());
            }
            sb.append("| ").append(e.label()).append(" | ").append(time(e.seconds()))
                    .append(" | ").append(time(e.errorSeconds())).append(" | ");
            if (flops) {
                sb.append(String.format(Locale.ROOT, "%.1f", w.flops() / e.seconds() / 1e9))
                        .append(" | ");
            }
            sb.append(bytes(e.allocBytes())).append(" | ")
                    .append(ratio(e.seconds(), direct)).append(" | ")
                    .append(ratio(e.seconds(), numpyRef)).append(" |\n");
        }
        for (NumpyResults.Row n : new NumpyResults.Row[] {np1, np2}) {
            if (n == null) {
                continue;
            }
            sb.append("| ").append(n.variant()).append(n.note().isEmpty() ? "" : " (" + n.note()
                    + ")").append(" | ").append(time(n.seconds())).append(" | | ");
            if (flops) {
                sb.append(String.format(Locale.ROOT, "%.1f", w.flops() / n.seconds() / 1e9))
                        .append(" | ");
            }
            sb.append(" | | ").append(ratio(n.seconds(), numpyRef)).append(" |\n");
        }
        sb.append('\n');
    }

    /** The fastest hand-written benchmark of a backend's library, in seconds, or NaN. */
    private double fastestDirect(String workload, String backend) {
        double best = Double.NaN;
        for (String method : DIRECT_OF_BACKEND.getOrDefault(backend, List.of())) {
            Entry d = find(workload, method, null);
            if (d != null && !(d.seconds() >= best)) {
                best = d.seconds();
            }
        }
        return best;
    }

    /** The fastest nn4j benchmark on a backend (any configuration), or null. */
    private Entry fastestNn4j(String workload, String backend) {
        return entries.stream().filter(e -> e.workload().equals(workload)
                        && e.method().startsWith("nn4j")
                        && (backend == null || backend.equals(e.backend())))
                .min((a, b) -> Double.compare(a.seconds(), b.seconds())).orElse(null);
    }

    private Entry find(String workload, String method, String backend) {
        for (Entry e : entries) {
            if (e.workload().equals(workload) && e.method().equals(method)
                    && (backend == null || backend.equals(e.backend()))) {
                return e;
            }
        }
        return null;
    }

    private void appendTargets(StringBuilder sb) {
        sb.append("### Targets (issue 6)\n\n| target | measured | met |\n|---|---|---|\n");
        Entry nEjml = find("seed-step", "nn4j", "ejml");
        Entry dEjml = find("seed-step", "ejmlDirect", null);
        if (nEjml != null && dEjml != null) {
            double r = nEjml.seconds() / dEjml.seconds();
            target(sb, "seed step: nn4j on EJML ≤ 1.3× EJML by hand",
                    String.format(Locale.ROOT, "%s vs %s: %.2f×", time(nEjml.seconds()),
                            time(dEjml.seconds()), r), r <= 1.3);
        }
        if (nEjml != null) {
            target(sb, "seed step: nn4j on EJML allocates 0 B per step",
                    bytes(nEjml.allocBytes()) + " per step", nEjml.allocBytes() < 0.5);
        }
        Entry nCommons = find("seed-step", "nn4j", "commons");
        double dCommons = fastestDirect("seed-step", "commons");
        if (nCommons != null && !Double.isNaN(dCommons)) {
            double r = nCommons.seconds() / dCommons;
            target(sb, "seed step: nn4j on Commons Math ≤ 1.5× Commons Math by hand (the faster"
                            + " of Block and Array2DRow)",
                    String.format(Locale.ROOT, "%s vs %s: %.2f×", time(nCommons.seconds()),
                            time(dCommons), r), r <= 1.5);
        }
        Entry nNd4j = find("seed-step", "nn4j", "nd4j");
        if (nNd4j != null) {
            target(sb, "seed step: nn4j on ND4J ≤ 50 µs", time(nNd4j.seconds()),
                    nNd4j.seconds() <= 50e-6);
        }
        NumpyResults.Row np2 = numpy.find("dense-784", 2);
        Entry best = fastestNn4j("dense-784", null);
        if (best != null && np2 != null) {
            target(sb, "dense 784→256: nn4j's best backend faster than numpy (2 threads)",
                    String.format(Locale.ROOT, "%s %s vs numpy %s", best.label(),
                            time(best.seconds()), time(np2.seconds())),
                    best.seconds() < np2.seconds());
        }
        Entry dense = find("dense-784", "nn4j", "ejml");
        Entry denseDirect = find("dense-784", "ejmlDirect", null);
        if (dense != null && denseDirect != null) {
            double r = denseDirect.seconds() / dense.seconds();
            target(sb, "dense 784→256: nn4j on EJML ≥ 1.8× faster than EJML by hand (1 thread)",
                    String.format(Locale.ROOT, "%s vs %s: %.2f× faster", time(dense.seconds()),
                            time(denseDirect.seconds()), r), r >= 1.8);
        }
        Entry gemm = fastestNn4j("gemm-2048", "nd4j");
        // numpy at its best, whichever thread count that was in this run
        NumpyResults.Row npGemm = numpy.find("gemm-2048", 2);
        NumpyResults.Row npGemm1 = numpy.find("gemm-2048", 1);
        if (npGemm == null || (npGemm1 != null && npGemm1.seconds() < npGemm.seconds())) {
            npGemm = npGemm1;
        }
        if (gemm != null && npGemm != null) {
            double share = npGemm.seconds() / gemm.seconds();
            double f = 6.0 * 2048 * 2048 * 2048 / 1e9;
            target(sb, "DGEMM-bound step: nn4j on ND4J ≥ 90 % of numpy's GFLOP/s (numpy's"
                            + " better thread count)",
                    String.format(Locale.ROOT, "%s %.1f vs %s %.1f GFLOP/s: %.0f %%",
                            gemm.label(), f / gemm.seconds(), npGemm.variant(),
                            f / npGemm.seconds(), 100 * share),
                    share >= 0.9);
        }
        Entry run = find("seed-run", "nn4j", "ejml");
        if (run != null) {
            target(sb, "whole seed run on EJML < 2 ms after warm-up", time(run.seconds()),
                    run.seconds() < 2e-3);
        }
        sb.append('\n');
    }

    private static void target(StringBuilder sb, String what, String measured, boolean met) {
        sb.append("| ").append(what).append(" | ").append(measured).append(" | ")
                .append(met ? "yes" : "**no**").append(" |\n");
    }

    static String time(double seconds) {
        if (Double.isNaN(seconds)) {
            return "–";
        }
        double a = Math.abs(seconds);
        if (a < 1e-6) {
            return String.format(Locale.ROOT, "%.1f ns", seconds * 1e9);
        }
        if (a < 1e-3) {
            return String.format(Locale.ROOT, "%.2f µs", seconds * 1e6);
        }
        if (a < 1) {
            return String.format(Locale.ROOT, "%.3f ms", seconds * 1e3);
        }
        return String.format(Locale.ROOT, "%.3f s", seconds);
    }

    private static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "–";
        }
        return b < 0.5 ? "0 B" : String.format(Locale.ROOT, "%.0f B", b);
    }

    private static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a / b);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "CPU model unknown (" + e.getMessage() + ")";
        }
        return "CPU model unknown";
    }
}
