package org.nn4j.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The numpy reference's output: lines {@code workload TAB variant TAB seconds-per-step TAB
 * note}, and comment lines starting with {@code #} that describe numpy (version, BLAS,
 * threads) or say why it was skipped.
 *
 * @param rows    the measurements
 * @param about   the comment lines, without {@code #}
 * @param present whether the file existed at all
 */
record NumpyResults(List<Row> rows, List<String> about, boolean present) {

    /**
     * One numpy measurement.
     *
     * @param workload the workload key, as {@link Report} names them
     * @param variant  for example {@code "numpy, 2 threads"}
     * @param threads  BLAS threads
     * @param seconds  seconds per step (median of the repeats)
     * @param note     anything to add
     */
    record Row(String workload, String variant, int threads, double seconds, String note) {
    }

    static NumpyResults read(Path file) throws IOException {
        List<String> lines = BenchmarkMain.readLines(file);
        if (lines == null) {
            return new NumpyResults(List.of(), List.of("numpy reference not run"), false);
        }
        List<Row> rows = new ArrayList<>();
        List<String> about = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                about.add(line.substring(1).trim());
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), Double.parseDouble(f[3]),
                    f.length > 4 ? f[4] : ""));
        }
        return new NumpyResults(rows, about, true);
    }

    /** Returns the measurement of a workload with the given BLAS thread count, or null. */
    Row find(String workload, int threads) {
        for (Row r : rows) {
            if (r.workload().equals(workload) && r.threads() == threads) {
                return r;
            }
        }
        return null;
    }
}
