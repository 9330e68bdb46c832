package org.nn4j.trainer.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the CSV reader: any bytes either read into a consistent table (every feature finite,
 * one label and one line a row, lines increasing) or fail with a {@link CsvFormatException},
 * within small limits. Without {@code JAZZER_FUZZ} the inputs under
 * {@code src/test/resources/org/nn4j/trainer/data/CsvTableFuzzTestInputs/read} replay as
 * regression tests.
 */
class CsvTableFuzzTest {

    private static final CsvTable.Limits LIMITS = new CsvTable.Limits(4096, 50, 8, 40);

    @FuzzTest(maxDuration = "30s")
    void read(byte[] bytes) throws IOException {
        Path file = Files.createTempFile("fuzzed", ".csv");
        try {
            Files.write(file, bytes);
            CsvTable table;
            try {
                table = CsvTable.read(file, "label", LIMITS);
            } catch (CsvFormatException e) {
                return;
            }
            int d = table.featureNames().size();
            if (table.rows() < 1 || table.rows() > 50 || d < 1
                    || table.features().length != table.rows() * d
                    || table.labels().length != table.rows()) {
                throw new AssertionError("inconsistent table: " + table.rows() + " rows of " + d);
            }
            for (double v : table.features()) {
                if (!Double.isFinite(v)) {
                    throw new AssertionError("a feature is " + v);
                }
            }
            for (int i = 1; i < table.rows(); i++) {
                if (table.line(i) <= table.line(i - 1)) {
                    throw new AssertionError("lines out of order at row " + i);
                }
            }
            CsvTable.classes(table.labels());
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
