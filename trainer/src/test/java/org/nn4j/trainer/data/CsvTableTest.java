package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

    @TempDir
    Path dir;

    static Path table(String name) {
        try {
            return Path.of(CsvTableTest.class.getResource("tables/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String text) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, text);
        return file;
    }

    private String refusal(String text) {
        return refusal(text, CsvTable.Limits.DEFAULT);
    }

    private String refusal(String text, CsvTable.Limits limits) {
        return assertThrows(CsvFormatException.class,
                () -> CsvTable.read(write(text), "label", limits)).getMessage();
    }

    @Test
    void readsIrisWithItsClassesInOrder() throws IOException {
        CsvTable iris = CsvTable.read(table("iris.csv"), "species", CsvTable.Limits.DEFAULT);
        assertEquals(150, iris.rows());
        assertEquals(List.of("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                "petal width (cm)"), iris.featureNames());
        // The first and last rows of Fisher's table (UCI iris.data lines 1 and 150).
        assertArrayEquals(new double[] {5.1, 3.5, 1.4, 0.2},
                java.util.Arrays.copyOfRange(iris.features(), 0, 4));
        assertArrayEquals(new double[] {5.9, 3.0, 5.1, 1.8},
                java.util.Arrays.copyOfRange(iris.features(), 596, 600));
        List<String> classes = CsvTable.classes(iris.labels());
        assertEquals(List.of("setosa", "versicolor", "virginica"), classes);
        DataSet data = iris.classification(classes);
        assertEquals(3, data.targetCount());
        double[] t = data.copyOfTargets();
        assertArrayEquals(new double[] {1, 0, 0}, java.util.Arrays.copyOfRange(t, 0, 3));
        assertArrayEquals(new double[] {0, 0, 1}, java.util.Arrays.copyOfRange(t, 447, 450));
        assertEquals(2, iris.line(0));
        assertEquals(151, iris.line(149));
    }

    @Test
    void classesAreOrderedNumericallyWhenAllAreNumbersElseByText() {
        assertEquals(List.of("2", "10", "100"), CsvTable.classes(new String[] {"10", "2", "100", "2"}));
        assertEquals(List.of("10", "2", "b"), CsvTable.classes(new String[] {"b", "2", "10"}));
        assertEquals(List.of("Zebra", "apple"), CsvTable.classes(new String[] {"apple", "Zebra"}));
    }

    @Test
    void handlesByteOrderMarkCrlfQuotesAndBlankLines() throws IOException {
        Path file = dir.resolve("bom.csv");
        Files.write(file, ("\uFEFFa,\"b, quoted\",label\r\n\r\n 1.5 ,\"-2e-1\",\"x, y\"\r\n"
                + ".5,3,\"say \"\"hi\"\"\"\r\n").getBytes(StandardCharsets.UTF_8));
        CsvTable t = CsvTable.read(file, "label", CsvTable.Limits.DEFAULT);
        assertEquals(List.of("a", "b, quoted"), t.featureNames());
        assertArrayEquals(new double[] {1.5, -0.2, 0.5, 3}, t.features());
        assertArrayEquals(new String[] {"x, y", "say \"hi\""}, t.labels());
        assertEquals(3, t.line(0));
        assertEquals(4, t.line(1));
    }

    @Test
    void regressionLabelsAreNumbers() throws IOException {
        DataSet d = CsvTable.read(write("x,label\n1,2.5\n2,-1\n"), "label", CsvTable.Limits.DEFAULT)
                .regression();
        assertArrayEquals(new double[] {2.5, -1}, d.copyOfTargets());
        String m = assertThrows(CsvFormatException.class, () -> CsvTable.read(
                write("x,label\n1,2.5\n2,high\n"), "label", CsvTable.Limits.DEFAULT).regression())
                .getMessage();
        assertTrue(m.endsWith("t.csv line 3, column 'label': 'high' is not a number; every value"
                + " must be a finite decimal number such as 5.1 or -2e-3"), m);
    }

    @Test
    void refusesEachBadValueNamingLineAndColumn() {
        assertTrue(refusal("a,b,label\n1,2,x\n3,,y\n").endsWith("line 3, column 'b': missing"
                + " value (an empty field); every value must be a number"));
        assertTrue(refusal("a,b,label\n1,2,x\n3,NA,y\n").contains("line 3, column 'b': 'NA' is"
                + " not a number"));
        assertTrue(refusal("a,b,label\n1,2,x\nnan,4,y\n").contains("line 3, column 'a': 'nan' is"
                + " not a finite number"));
        assertTrue(refusal("a,b,label\n1,2,x\n0x10,4,y\n").contains("'0x10' is not a number"));
        assertTrue(refusal("a,b,label\n1,2,x\n1e400,4,y\n").contains("'1e400' is beyond the range"));
        assertTrue(refusal("a,b,label\n1,2,x\n3,4,\n").contains("line 3, column 'label': missing"
                + " label"));
        // The line a row starts on, past a quoted line break in an earlier row's label.
        String m = assertThrows(CsvFormatException.class, () -> CsvTable.read(write(
                "a,b,label\n1,2,x\n\n3,4,y\nbad,5,z\n"), "label", CsvTable.Limits.DEFAULT))
                .getMessage();
        assertTrue(m.contains("line 5, column 'a': 'bad'"), m);
    }

    @Test
    void refusesMalformedTables() {
        assertTrue(refusal("").endsWith("empty file; a CSV file starts with a header row naming"
                + " its columns"));
        assertTrue(refusal("\n\n").contains("empty file"));
        assertTrue(refusal("a,b,label\n").endsWith("a header but no rows of data"));
        assertTrue(refusal("a,b,label\n1,2\n").endsWith("line 2: 2 fields, but the header has 3"
                + " columns; every row needs one value per column"));
        assertTrue(refusal("a,b,label\n1,2,x\n\"3\n4\",5,y\n").endsWith("line 3, column 'a': a"
                + " quoted line break inside a field; a value must fit on its line"));
        assertTrue(refusal("a,b,label\n1,2,x\n\"3,4,y\n").contains("line 3 or after: malformed"
                + " CSV"));
        assertTrue(refusal("a,a,label\n1,2,x\n").contains("the column name 'a' appears twice"));
        assertTrue(refusal("a,b,cls\n1,2,x\n").contains("no column 'label' (the label) in the"
                + " header; it has 'a', 'b', 'cls'"));
        assertTrue(refusal("label\nx\n").contains("no feature column"));
    }

    @Test
    void boundsSizeRowsColumnsAndFields() {
        CsvTable.Limits small = new CsvTable.Limits(1000, 2, 3, 10);
        assertTrue(refusal("a,b,label\n1,2,x\n3,4,y\n5,6,x\n", small).endsWith("line 4: more"
                + " than the limit of 2 rows"));
        assertTrue(refusal("a,b,c,label\n1,2,3,x\n", small).contains("4 columns, more than the"
                + " limit of 3"));
        assertTrue(refusal("a,b,label\n1,12345678901,x\n", small).contains("line 2, column 'b': a"
                + " field of 11 characters, more than the limit of 10"));
        assertTrue(refusal("a,b,label\n" + "1,2,x\n".repeat(200), small).contains("1210 bytes,"
                + " more than the limit of 1000 bytes"));
    }

    /**
     * A table exactly at every limit reads: each limit is the most allowed, not the first
     * refused. The file below is 41 bytes (counted by hand: 19 + 15 + 7 with the line
     * breaks), has 3 columns and 2 rows, and its longest fields ("abcdefghij" in the header,
     * "1234567890" in a row) are 10 characters.
     */
    @Test
    void aTableExactlyAtEveryLimitReads() throws IOException {
        String text = "abcdefghij,b,label\n1234567890,2,x\n3,4,yy\n";
        assertEquals(41, text.length());
        CsvTable t = CsvTable.read(write(text), "label", new CsvTable.Limits(41, 2, 3, 10));
        assertEquals(2, t.rows());
        assertEquals(List.of("abcdefghij", "b"), t.featureNames());
        assertArrayEquals(new double[] {1234567890, 2, 3, 4}, t.features());
        assertArrayEquals(new String[] {"x", "yy"}, t.labels());
        // One byte less is refused, before reading.
        assertTrue(refusal(text, new CsvTable.Limits(40, 2, 3, 10)).contains("41 bytes, more"
                + " than the limit of 40 bytes"));
    }

    @Test
    void refusesInvalidUtf8AndNonRegularFiles() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "a,label\n1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.read(file, "label",
                CsvTable.Limits.DEFAULT)).getMessage().contains("not valid UTF-8"));
        assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.read(dir, "label",
                CsvTable.Limits.DEFAULT)).getMessage().contains("not a regular file"));
    }

    @Test
    void predictionFilesMatchFeaturesByNameAndKeepOtherColumns() throws IOException {
        CsvTable t = CsvTable.read(write("id,b,a\nr1,2,1\nr2,4,3\n"), "label", false,
                List.of("a", "b"), CsvTable.Limits.DEFAULT);
        assertNull(t.labels());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.features());
        assertEquals(List.of("id"), t.otherNames());
        assertEquals("r2", t.other(1, 0));
        String m = assertThrows(CsvFormatException.class, () -> CsvTable.read(write("id,b\nr1,2\n"),
                "label", false, List.of("a", "b"), CsvTable.Limits.DEFAULT)).getMessage();
        assertTrue(m.contains("the feature column 'a' is not in the header, which has 'id', 'b'"), m);
    }

    @Test
    void schemaSurvivesCommasAndQuotesInNames() {
        TableSchema schema = new TableSchema(List.of("a, b", "say \"x\"", "plain"), "the label",
                TableSchema.CLASSIFICATION, List.of("yes, really", "no"));
        Map<String, String> settings = schema.settings();
        assertEquals("\"a, b\",\"say \"\"x\"\"\",plain", settings.get("feature_columns"));
        assertEquals(schema, TableSchema.of(settings).orElseThrow());
        assertTrue(TableSchema.of(Map.of("optimizer", "adam")).isEmpty());
    }
}
