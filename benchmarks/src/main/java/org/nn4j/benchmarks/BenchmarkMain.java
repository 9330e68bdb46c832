package org.nn4j.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark in one JMH session, so the ratios compare numbers taken side by side,
 * and writes the Markdown report (with numpy's numbers, measured just before by
 * {@code benchmarks/numpy_reference.py}). {@code benchmarks/run.sh} is the way to call it.
 *
 * <p>Arguments: {@code --quick} (one fork, short iterations), {@code --numpy FILE} (the numpy
 * script's output), {@code --out FILE} (the Markdown report), {@code --json-dir DIR} (JMH's
 * raw results), {@code --backends a,b} (default: every available backend),
 * {@code --include REGEX} (a subset of the benchmarks), {@code --command TEXT} (the command
 * line to quote in the report).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /**
     * Runs the benchmarks and writes the report.
     *
     * @param args see the class comment
     * @throws Exception if JMH cannot run or a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path numpy = null;
        Path out = Path.of("benchmarks/results.md");
        Path jsonDir = Path.of("benchmarks/target");
        String backends = null;
        String include = null;
        String command = "benchmarks/run.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--numpy" -> numpy = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--json-dir" -> jsonDir = Path.of(args[++i]);
                case "--backends" -> backends = args[++i];
                case "--include" -> include = args[++i];
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        String[] backendNames = backends != null ? backends.split(",") : availableBackends();
        Files.createDirectories(jsonDir);

        List<RunResult> results = new ArrayList<>();
        // Fast benchmarks: nanoseconds to milliseconds per operation.
        results.addAll(run(options(quick ? Phase.QUICK : Phase.FULL, backendNames,
                jsonDir.resolve("jmh-steps.json"), include,
                "SeedStepBenchmark|DenseStepBenchmark|SeedRunBenchmark")));
        // The DGEMM-bound step: up to seconds per operation, so fewer and longer iterations.
        results.addAll(run(options(quick ? Phase.QUICK_GEMM : Phase.FULL_GEMM, backendNames,
                jsonDir.resolve("jmh-gemm.json"), include, "GemmBoundStepBenchmark")));

        Report report = new Report(results, NumpyResults.read(numpy), quick, command,
                backendNames);
        String markdown = report.markdown();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(markdown);
        System.out.println("Written to " + out);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        try {
            return new Runner(options.build()).run();
        } catch (NoBenchmarksException e) {
            return List.of(); // --include left nothing in this phase
        }
    }

    private static String[] availableBackends() {
        return Backends.registry().statuses(false).stream()
                .filter(BackendStatus::available)
                .map(BackendStatus::name)
                .toArray(String[]::new);
    }

    /** JMH settings of one phase. */
    private enum Phase {
        FULL(3, 3, 1000, 4, 1000),
        QUICK(1, 2, 500, 3, 500),
        FULL_GEMM(1, 1, 1000, 2, 1000),
        QUICK_GEMM(1, 1, 100, 1, 100);

        final int forks;
        final int warmups;
        final int warmupMillis;
        final int measurements;
        final int measurementMillis;

        Phase(int forks, int warmups, int warmupMillis, int measurements, int measurementMillis) {
            this.forks = forks;
            this.warmups = warmups;
            this.warmupMillis = warmupMillis;
            this.measurements = measurements;
            this.measurementMillis = measurementMillis;
        }
    }

    private static ChainedOptionsBuilder options(Phase phase, String[] backendNames, Path json,
                                                 String include, String classes) {
        // A benchmark runs when it is in this phase and matches --include, if given.
        String only = include == null ? "" : "(?=.*(" + include + "))";
        return new OptionsBuilder()
                .include("^" + only + "org\\.nn4j\\.benchmarks\\.(" + classes + ")\\.")
                .forks(phase.forks)
                .warmupIterations(phase.warmups)
                .warmupTime(TimeValue.milliseconds(phase.warmupMillis))
                .measurementIterations(phase.measurements)
                .measurementTime(TimeValue.milliseconds(phase.measurementMillis))
                .addProfiler(GCProfiler.class)
                .param("backend", backendNames)
                .jvmArgsAppend("-Xmx6g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
    }

    /** Reads a text file, or returns null when it is absent. */
    static List<String> readLines(Path file) throws IOException {
        if (file == null || !Files.exists(file)) {
            return null;
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }
}
