package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first column is a column like any other (the label or a named feature may be there),
 * the header is held to the same rules as a row (its fields' length, no line break, a name for
 * every column), and a refusal in the header names the line the header is on, after any blank
 * lines. Every expected value is read off the small file written in the test.
 */
class CsvTableColumnsTest {

    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, text);
        return file;
    }

    private String refusal(String text, CsvTable.Limits limits) throws IOException {
        Path file = write(text);
        return assertThrows(CsvFormatException.class,
                () -> CsvTable.read(file, "label", limits)).getMessage();
    }

    @Test
    void aLabelInTheFirstColumnIsTheLabel() throws IOException {
        CsvTable t = CsvTable.read(write("label,a,b\nx,1,2\ny,3,4\n"), "label",
                CsvTable.Limits.DEFAULT);
        assertEquals("label", t.labelName());
        assertArrayEquals(new String[] {"x", "y"}, t.labels());
        assertEquals(List.of("a", "b"), t.featureNames());
        assertArrayEquals(new double[] {1, 2, 3, 4}, t.features());
        // Its classes make a data set: x is class 0, y class 1.
        assertArrayEquals(new double[] {1, 0, 0, 1},
                t.classification(List.of("x", "y")).copyOfTargets());
    }

    @Test
    void aNamedFeatureInTheFirstColumnIsFound() throws IOException {
        CsvTable t = CsvTable.read(write("a,id,b\n1,r1,2\n3,r2,4\n"), "label", false,
                List.of("b", "a"), CsvTable.Limits.DEFAULT);
        assertEquals(List.of("b", "a"), t.featureNames());
        assertArrayEquals(new double[] {2, 1, 4, 3}, t.features());
        assertEquals(List.of("id"), t.otherNames());
        assertEquals("r2", t.other(1, 0));
    }

    /** Blank lines 1 and 2, the header on line 3 with an 11-character name at a limit of 10. */
    @Test
    void aHeaderFieldOverTheLimitIsRefusedNamingItsLineAndColumn() throws IOException {
        CsvTable.Limits tenCharacters = new CsvTable.Limits(1000, 10, 10, 10);
        Path file = write("\n\na,abcdefghijk,label\n1,2,x\n");
        assertEquals(file + " line 3, header column 2: a field of 11 characters, more than the"
                + " limit of 10", refusal("\n\na,abcdefghijk,label\n1,2,x\n", tenCharacters));
        // With the header on line 1, a problem in it is on line 1.
        assertEquals(file + " line 1, header column 1: a field of 11 characters, more than the"
                + " limit of 10", refusal("abcdefghijk,label\n1,x\n", tenCharacters));
    }

    @Test
    void aHeaderNameWithALineBreakIsRefused() throws IOException {
        Path file = write("");
        assertEquals(file + " line 1, header column 1: a quoted line break inside a field; a"
                + " value must fit on its line", refusal("\"a\nb\",label\n1,x\n",
                CsvTable.Limits.DEFAULT));
    }

    @Test
    void aColumnWithoutANameIsRefused() throws IOException {
        Path file = write("");
        assertEquals(file + " line 1 (the header): column 2 has no name",
                refusal("a,,label\n1,2,x\n", CsvTable.Limits.DEFAULT));
        assertEquals(file + " line 2 (the header): column 1 has no name",
                refusal("\n ,label\n1,x\n", CsvTable.Limits.DEFAULT));
    }

    /**
     * A malformed header (a quote never closed) after one blank line: the parser fails reading
     * the record that starts on line 2.
     */
    @Test
    void aMalformedHeaderIsRefusedNamingItsLine() throws IOException {
        String m = refusal("\n\"a,label\n1,x\n", CsvTable.Limits.DEFAULT);
        assertEquals(dir.resolve("t.csv") + " line 2 or after: malformed CSV",
                m.substring(0, m.indexOf(" (")), m);
    }

    /** A line break is refused wherever it is in a field, its first character included. */
    @Test
    void aLineBreakAtTheStartOfAFieldIsRefused() throws IOException {
        for (String lineBreak : new String[] {"\n", "\r"}) {
            String m = refusal("a,label\n\"" + lineBreak + "1\",x\n", CsvTable.Limits.DEFAULT);
            assertEquals(dir.resolve("t.csv") + " line 2, column 'a': a quoted line break inside"
                    + " a field; a value must fit on its line", m);
        }
    }

    /** Only a byte-order mark is skipped: any other first character, even U+0000, is kept. */
    @Test
    void onlyAByteOrderMarkIsSkippedAtTheStart() throws IOException {
        CsvTable t = CsvTable.read(write("\u0000a,label\n1,x\n"), "label",
                CsvTable.Limits.DEFAULT);
        assertEquals(List.of("\u0000a"), t.featureNames());
    }

    /** Each limit is at least 1: 1 is accepted, 0 refused. */
    @Test
    void eachLimitIsAtLeastOne() {
        assertEquals(1, new CsvTable.Limits(1, 1, 1, 1).maxFieldChars());
        long[][] zeros = {{0, 1, 1, 1}, {1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}};
        for (long[] z : zeros) {
            assertEquals("CSV limits must be positive, got " + z[0] + " bytes, " + z[1] + " rows, "
                    + z[2] + " columns, " + z[3] + " characters a field",
                    assertThrows(IllegalArgumentException.class, () -> new CsvTable.Limits(z[0],
                            (int) z[1], (int) z[2], (int) z[3])).getMessage());
        }
    }
}
