package org.nn4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link MlpStepBenchmark} and {@link GemmPeakBenchmark} (or whatever the JMH arguments
 * select) and prints one Markdown table with the time of each and its GFLOP/s, so the MLP
 * step's rate sits next to the measured DGEMM/SGEMM peak. Arguments are JMH's own (for
 * example {@code -f 1 -wi 3 -i 5 -p backend=nd4j MlpStep}); docs/performance.md gives the
 * commands.
 */
public final class MlpStepMain {

    private MlpStepMain() {
    }

    /**
     * Runs the benchmarks and prints the table.
     *
     * @param args JMH's command-line arguments
     * @throws Exception if JMH cannot run
     */
    public static void main(String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .jvmArgsAppend("-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .build();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        System.out.println();
        System.out.println(table(results));
    }

    /** The Markdown table: one row per run, with GFLOP/s. */
    static String table(List<RunResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| benchmark | parameters | time | ± (99.9 %) | GFLOP/s |\n");
        sb.append("|---|---|---|---|---|\n");
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            Result<?> primary = r.getPrimaryResult();
            double seconds = primary.getScore() * secondsPer(primary.getScoreUnit());
            double flops = flops(name, r);
            StringBuilder params = new StringBuilder();
            for (String key : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? "" : ", ").append(key).append('=')
                        .append(r.getParams().getParam(key));
            }
            sb.append(String.format(Locale.ROOT, "| %s | %s | %.4g %s | %.2g | %s |%n", name,
                    params, primary.getScore(), primary.getScoreUnit(),
                    primary.getScoreError(), Double.isNaN(flops) ? "" : String.format(
                            Locale.ROOT, "%.1f", flops / seconds / 1e9)));
        }
        return sb.toString();
    }

    private static double flops(String name, RunResult r) {
        if (name.startsWith("MlpStepBenchmark")) {
            return MlpStepBenchmark.flops(r.getParams().getParam("hidden"),
                    Integer.parseInt(r.getParams().getParam("batch")));
        }
        if (name.startsWith("GemmPeakBenchmark")) {
            return GemmPeakBenchmark.flops(Integer.parseInt(r.getParams().getParam("size")));
        }
        return Double.NaN;
    }

    /** Seconds in one unit of JMH's "us/op", "ms/op", "s/op". */
    private static double secondsPer(String unit) {
        return switch (unit) {
            case "ns/op" -> 1e-9;
            case "us/op" -> 1e-6;
            case "ms/op" -> 1e-3;
            case "s/op" -> 1.0;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
    }
}
