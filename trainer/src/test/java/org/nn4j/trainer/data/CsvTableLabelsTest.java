package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table read without its label column (allowed, for prediction) gives no training set: both
 * kinds of data set are refused naming the file, rather than built with missing targets.
 */
class CsvTableLabelsTest {

    @TempDir
    Path dir;

    @Test
    void aTableWithoutALabelColumnGivesNoDataSet() throws Exception {
        Path file = dir.resolve("unlabelled.csv");
        Files.writeString(file, "a,b\n1,2\n3,4\n");
        CsvTable table = CsvTable.read(file, "label", false, null, CsvTable.Limits.DEFAULT);
        assertEquals(file + ": no label column", assertThrows(CsvFormatException.class,
                () -> table.classification(List.of("x", "y"))).getMessage());
        assertEquals(file + ": no label column", assertThrows(CsvFormatException.class,
                table::regression).getMessage());
    }
}
