package org.nn4j.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A table of examples read from a CSV file (RFC 4180, parsed by Apache Commons CSV): a header
 * row naming the columns, then one example a row; numeric feature columns, an optional label
 * column chosen by name, and any other columns kept as text (such as an id, passed through to
 * predictions).
 *
 * <p><b>What is read.</b> UTF-8 (a byte-order mark is skipped; invalid UTF-8 is refused), comma
 * separated, fields optionally in double quotes ({@code ""} for a quote inside). Empty lines
 * are skipped. Every row must have the header's number of fields. A feature is a decimal
 * number ({@code 5.1}, {@code -2}, {@code 1e-3}, {@code .5}; spaces around it are allowed);
 * an empty field is a missing value and is refused, and so is anything else
 * ({@code NA}, {@code ?}, {@code NaN}, {@code Infinity}, {@code 0x10}, a number beyond the
 * range of a double). A label is any text (trimmed of spaces), not empty. No field may hold
 * a line break (a quoted one). Each refusal is a {@link CsvFormatException} naming the file,
 * the line the row starts on (1-based, the header being line 1) and the column's name.
 *
 * <p><b>Bounds.</b> A hostile or mistaken file cannot exhaust memory or hang the reader: only
 * a regular file is opened (a FIFO or device is refused before it is opened), and the file's
 * size, the number of rows, of columns and the length of one field are bounded by
 * {@link Limits}, each refusal naming the limit.
 */
public final class CsvTable {

    /**
     * The bounds on what is read.
     *
     * @param maxBytes      the largest file, in bytes
     * @param maxRows       the most rows of data (the header not counted)
     * @param maxColumns    the most columns
     * @param maxFieldChars the longest field (a header name included), in characters
     */
    public record Limits(long maxBytes, int maxRows, int maxColumns, int maxFieldChars) {

        /** 64 MiB, 1,000,000 rows, 1,000 columns, fields of up to 1,000 characters. */
        public static final Limits DEFAULT = new Limits(64L << 20, 1_000_000, 1_000, 1_000);

        /**
         * Checks the bounds.
         *
         * @param maxBytes      positive
         * @param maxRows       positive
         * @param maxColumns    positive
         * @param maxFieldChars positive
         * @throws IllegalArgumentException if one is not positive
         */
        public Limits {
            if (maxBytes <= 0 || maxRows <= 0 || maxColumns <= 0 || maxFieldChars <= 0) {
                throw new IllegalArgumentException("CSV limits must be positive, got " + maxBytes
                        + " bytes, " + maxRows + " rows, " + maxColumns + " columns, "
                        + maxFieldChars + " characters a field");
            }
        }
    }

    private static final String[] NONE = new String[0];

    /** A decimal number: what a feature may be, once trimmed (no NaN, no infinity, no hex). */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?");

    private final String source;
    private final List<String> header;
    private final List<String> featureNames;
    private final String labelName;
    private final List<String> otherNames;
    private final int rows;
    private final double[] features;
    private final String[] labels;
    private final String[][] others;
    private final long[] lines;

    private CsvTable(String source, List<String> header, List<String> featureNames,
                     String labelName, List<String> otherNames, int rows, double[] features,
                     String[] labels, String[][] others, long[] lines) {
        this.source = source;
        this.header = header;
        this.featureNames = featureNames;
        this.labelName = labelName;
        this.otherNames = otherNames;
        this.rows = rows;
        this.features = features;
        this.labels = labels;
        this.others = others;
        this.lines = lines;
    }

    /**
     * Reads a file for training: the label column and, as features, every other column.
     *
     * @param file   the CSV file
     * @param label  the label column's name
     * @param limits the bounds
     * @return the table
     * @throws CsvFormatException if the file is not a table of examples, naming line and column
     * @throws IOException        if it cannot be read
     */
    public static CsvTable read(Path file, String label, Limits limits) throws IOException {
        return read(file, Objects.requireNonNull(label, "label"), true, null, limits);
    }

    /**
     * Reads a file.
     *
     * @param file          the CSV file
     * @param label         the label column's name, or {@code null} for none
     * @param labelRequired whether a file without the label column, or with an empty label,
     *                      is refused; if not, a file without it has {@link #labels()}
     *                      {@code null}, and an empty label is kept as {@code ""}
     * @param features      the feature columns, by name, in the order the features take; every
     *                      one must be in the header; {@code null} for every column but the label
     * @param limits        the bounds
     * @return the table: columns that are neither features nor the label are kept as text
     * @throws CsvFormatException if the file is not a table of examples, naming line and column
     * @throws IOException        if it cannot be read
     */
    public static CsvTable read(Path file, String label, boolean labelRequired,
                                List<String> features, Limits limits) throws IOException {
        Objects.requireNonNull(limits, "limits");
        String source = file.toString();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new CsvFormatException(source + ": not a regular file (a directory, device or"
                    + " FIFO); a CSV file is read from a regular file only");
        }
        long size = Files.size(file);
        if (size > limits.maxBytes()) {
            throw new CsvFormatException(source + ": " + size + " bytes, more than the limit of "
                    + limits.maxBytes() + " bytes for a CSV file");
        }
        try (InputStream in = Files.newInputStream(file);
             Reader reader = new InputStreamReader(new BoundedInput(in, limits.maxBytes(), source),
                     StandardCharsets.UTF_8.newDecoder()
                             .onMalformedInput(CodingErrorAction.REPORT)
                             .onUnmappableCharacter(CodingErrorAction.REPORT))) {
            return new Builder(source, label, labelRequired, features, limits).read(reader);
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(source + ": not valid UTF-8 text (a CSV file is read as"
                    + " UTF-8)");
        }
    }

    /**
     * Returns the file's name, as given.
     *
     * @return the file's name
     */
    public String source() {
        return source;
    }

    /**
     * Returns every column's name, in the file's order.
     *
     * @return the header, unmodifiable
     */
    public List<String> header() {
        return header;
    }

    /**
     * Returns the feature columns' names, in the order of the features.
     *
     * @return the names, unmodifiable
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the label column's name, or {@code null} when the file has none.
     *
     * @return the label column's name, or {@code null}
     */
    public String labelName() {
        return labelName;
    }

    /**
     * Returns the names of the columns that are neither features nor the label.
     *
     * @return the names, unmodifiable
     */
    public List<String> otherNames() {
        return otherNames;
    }

    /**
     * Returns the number of rows of data.
     *
     * @return the number of rows
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns the features, row-major, {@code rows() · featureNames().size()}.
     *
     * @return the table's own array; do not modify it
     */
    public double[] features() {
        return features;
    }

    /**
     * Returns the labels as written (trimmed), or {@code null} when the file has no label column.
     *
     * @return the table's own array, or {@code null}; do not modify it
     */
    public String[] labels() {
        return labels;
    }

    /**
     * Returns a value of a column that is neither a feature nor the label, as written.
     *
     * @param row    the row, from 0
     * @param column the column's index in {@link #otherNames()}
     * @return the value
     */
    public String other(int row, int column) {
        return others[row][column];
    }

    /**
     * Returns the line a row starts on in the file: 1-based, the header being line 1.
     *
     * @param row the row, from 0
     * @return its line
     */
    public long line(int row) {
        return lines[row];
    }

    /**
     * Returns the classes of the labels: each distinct label once, in numeric order when every
     * label is a number ({@code 2} before {@code 10}), else in the order of
     * {@link String#compareTo} (Unicode code units). The order does not depend on the rows'.
     *
     * @param labels labels, not empty strings
     * @return the classes, in order
     */
    public static List<String> classes(String[] labels) {
        Set<String> distinct = new LinkedHashSet<>(Arrays.asList(labels));
        List<String> classes = new ArrayList<>(distinct);
        boolean numeric = classes.stream().allMatch(c -> NUMBER.matcher(c).matches()
                && Double.isFinite(Double.parseDouble(c)));
        if (numeric) {
            classes.sort((a, b) -> {
                int c = Double.compare(Double.parseDouble(a), Double.parseDouble(b));
                return c != 0 ? c : a.compareTo(b);
            });
        } else {
            Collections.sort(classes);
        }
        return classes;
    }

    /**
     * Returns the data set of a classification: the features and the one-hot class of each
     * row's label.
     *
     * @param classes the classes, in order (as {@link #classes} gives them for training)
     * @return the data set, named after the file
     * @throws CsvFormatException if the file has no label column, or a label is not one of the
     *                            classes (naming the line)
     */
    public DataSet classification(List<String> classes) throws CsvFormatException {
        requireLabels();
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < classes.size(); k++) {
            index.put(classes.get(k), k);
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            Integer k = index.get(labels[i]);
            if (k == null) {
                throw new CsvFormatException(at(lines[i], labelName) + "the label '"
                        + shorten(labels[i]) + "' is not one of the model's " + classes.size()
                        + " classes");
            }
            y[i] = k;
        }
        return DataSet.oneHot(rows, featureNames.size(), features, y, classes.size())
                .named(name());
    }

    /**
     * Returns the data set of a regression: the features and each row's label as a number.
     *
     * @return the data set, named after the file
     * @throws CsvFormatException if the file has no label column, or a label is not a finite
     *                            number (naming the line)
     */
    public DataSet regression() throws CsvFormatException {
        requireLabels();
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = number(labels[i], lines[i], labelName);
        }
        return new DataSet(rows, featureNames.size(), 1, features, y).named(name());
    }

    private String name() {
        Path name = Path.of(source).getFileName();
        return name == null ? source : name.toString();
    }

    private void requireLabels() throws CsvFormatException {
        if (labels == null) {
            throw new CsvFormatException(source + ": no label column");
        }
    }

    private String at(long line, String column) {
        return source + " line " + line + ", column '" + shorten(column) + "': ";
    }

    private double number(String text, long line, String column) throws CsvFormatException {
        return parse(text, source, line, column);
    }

    /** Parses a number strictly, or refuses it naming the file, line and column. */
    static double parse(String text, String source, long line, String column)
            throws CsvFormatException {
        String t = text.strip();
        String where = source + " line " + line + ", column '" + shorten(column) + "': ";
        if (t.isEmpty()) {
            throw new CsvFormatException(where + "missing value (an empty field); every value"
                    + " must be a number");
        }
        if (!NUMBER.matcher(t).matches()) {
            String lower = t.toLowerCase(java.util.Locale.ROOT);
            boolean notFinite = lower.matches("[+-]?(nan|inf|infinity)");
            throw new CsvFormatException(where + "'" + shorten(t) + "' is not "
                    + (notFinite ? "a finite number" : "a number") + "; every value must be a"
                    + " finite decimal number such as 5.1 or -2e-3");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new CsvFormatException(where + "'" + shorten(t) + "' is beyond the range of a"
                    + " double");
        }
        return v;
    }

    static String shorten(String s) {
        String one = s.replace("\n", "\\n").replace("\r", "\\r");
        return one.length() > 60 ? one.substring(0, 60) + "..." : one;
    }

    /** Reads the records, column roles decided by the header. */
    private static final class Builder {
        private final String source;
        private final String label;
        private final boolean labelRequired;
        private final List<String> wanted;
        private final Limits limits;
        private List<String> header;
        private int[] featureColumns;
        private int labelColumn = -1;
        private int[] otherColumns;

        Builder(String source, String label, boolean labelRequired, List<String> wanted,
                Limits limits) {
            this.source = source;
            this.label = label;
            this.labelRequired = labelRequired;
            this.wanted = wanted == null ? null : List.copyOf(wanted);
            this.limits = limits;
        }

        CsvTable read(Reader reader) throws IOException {
            Reader in = skipByteOrderMark(reader);
            CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
            try (CSVParser parser = format.parse(in)) {
                Iterator<CSVRecord> records = parser.iterator();
                long end = 0;
                long line = 0;
                CSVRecord first = null;
                while (first == null && hasNext(records, end + 1)) {
                    CSVRecord r = records.next();
                    line = end + 1;
                    end = parser.getCurrentLineNumber();
                    if (!blank(r)) {
                        first = r;
                    }
                }
                if (first == null) {
                    throw new CsvFormatException(source + ": empty file; a CSV file starts with a"
                            + " header row naming its columns");
                }
                header(first, line);
                List<String> featureNames = new ArrayList<>();
                for (int j : featureColumns) {
                    featureNames.add(header.get(j));
                }
                List<String> otherNames = new ArrayList<>();
                for (int j : otherColumns) {
                    otherNames.add(header.get(j));
                }
                int d = featureColumns.length;
                double[] x = new double[16 * Math.max(1, d)];
                List<String> y = labelColumn < 0 ? null : new ArrayList<>();
                List<String[]> others = new ArrayList<>();
                long[] lines = new long[16];
                int rows = 0;
                while (hasNext(records, end + 1)) {
                    CSVRecord r = records.next();
                    line = end + 1;
                    end = parser.getCurrentLineNumber();
                    if (blank(r)) {
                        continue;
                    }
                    if (rows == limits.maxRows()) {
                        throw new CsvFormatException(source + " line " + line + ": more than the"
                                + " limit of " + limits.maxRows() + " rows");
                    }
                    checkRecord(r, line);
                    if ((long) (rows + 1) * d > Integer.MAX_VALUE - 8) {
                        throw new CsvFormatException(source + " line " + line + ": more values"
                                + " than a Java array holds");
                    }
                    if ((rows + 1) * d > x.length) {
                        x = Arrays.copyOf(x, (int) Math.min(Integer.MAX_VALUE - 8L,
                                Math.max((long) x.length * 2, (long) (rows + 1) * d)));
                    }
                    if (rows == lines.length) {
                        lines = Arrays.copyOf(lines, rows * 2);
                    }
                    for (int k = 0; k < d; k++) {
                        int j = featureColumns[k];
                        x[rows * d + k] = parse(r.get(j), source, line, header.get(j));
                    }
                    if (y != null) {
                        String value = r.get(labelColumn).strip();
                        if (value.isEmpty() && labelRequired) {
                            throw new CsvFormatException(source + " line " + line + ", column '"
                                    + shorten(label) + "': missing label (an empty field)");
                        }
                        y.add(value);
                    }
                    String[] other = otherColumns.length == 0 ? NONE
                            : new String[otherColumns.length];
                    for (int k = 0; k < other.length; k++) {
                        other[k] = r.get(otherColumns[k]);
                    }
                    others.add(other);
                    lines[rows] = line;
                    rows++;
                }
                if (rows == 0) {
                    throw new CsvFormatException(source + ": a header but no rows of data");
                }
                return new CsvTable(source, Collections.unmodifiableList(header),
                        List.copyOf(featureNames), labelColumn < 0 ? null : label,
                        List.copyOf(otherNames), rows, Arrays.copyOf(x, rows * d),
                        y == null ? null : y.toArray(String[]::new),
                        others.toArray(String[][]::new), Arrays.copyOf(lines, rows));
            }
        }

        /** Commons CSV reports a malformed file from its iterator, unchecked. */
        private boolean hasNext(Iterator<CSVRecord> records, long line) throws IOException {
            try {
                return records.hasNext();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException c) {
                    throw c;
                }
                if (e.getCause() instanceof CsvFormatException c) {
                    throw c;
                }
                throw new CsvFormatException(source + " line " + line + " or after: malformed CSV ("
                        + shorten(String.valueOf(e.getCause().getMessage())) + ")");
            } catch (IllegalStateException e) {
                throw new CsvFormatException(source + " line " + line + " or after: malformed CSV ("
                        + shorten(String.valueOf(e.getMessage())) + ")");
            }
        }

        private static boolean blank(CSVRecord r) {
            return r.size() == 1 && r.get(0).isEmpty();
        }

        private void header(CSVRecord r, long line) throws CsvFormatException {
            if (r.size() > limits.maxColumns()) {
                throw new CsvFormatException(source + " line " + line + ": " + r.size()
                        + " columns, more than the limit of " + limits.maxColumns());
            }
            List<String> names = new ArrayList<>();
            Map<String, Integer> seen = new HashMap<>();
            for (int j = 0; j < r.size(); j++) {
                String name = r.get(j).strip();
                checkField(r.get(j), line, "header column " + (j + 1));
                if (name.isEmpty()) {
                    throw new CsvFormatException(source + " line " + line + " (the header): column "
                            + (j + 1) + " has no name");
                }
                if (seen.putIfAbsent(name, j) != null) {
                    throw new CsvFormatException(source + " line " + line + " (the header): the"
                            + " column name '" + shorten(name) + "' appears twice");
                }
                names.add(name);
            }
            header = names;
            if (label != null) {
                labelColumn = names.indexOf(label);
                if (labelColumn < 0 && labelRequired) {
                    throw new CsvFormatException(source + ": no column '" + shorten(label)
                            + "' (the label) in the header; it has " + listed(names));
                }
            }
            List<Integer> feature = new ArrayList<>();
            if (wanted == null) {
                for (int j = 0; j < names.size(); j++) {
                    if (j != labelColumn) {
                        feature.add(j);
                    }
                }
            } else {
                List<String> missing = new ArrayList<>();
                for (String name : wanted) {
                    int j = names.indexOf(name);
                    if (j < 0) {
                        missing.add(name);
                    } else if (j == labelColumn) {
                        throw new CsvFormatException(source + ": the column '" + shorten(name)
                                + "' cannot be both a feature and the label");
                    }
                    feature.add(j);
                }
                if (!missing.isEmpty()) {
                    throw new CsvFormatException(source + ": the feature column"
                            + (missing.size() == 1 ? " " : "s ") + listed(missing)
                            + (missing.size() == 1 ? " is" : " are") + " not in the header, which"
                            + " has " + listed(names));
                }
            }
            if (feature.isEmpty()) {
                throw new CsvFormatException(source + ": no feature column; the header has only "
                        + listed(names));
            }
            featureColumns = feature.stream().mapToInt(Integer::intValue).toArray();
            List<Integer> other = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                if (j != labelColumn && !feature.contains(j)) {
                    other.add(j);
                }
            }
            otherColumns = other.stream().mapToInt(Integer::intValue).toArray();
        }

        private void checkRecord(CSVRecord r, long line) throws CsvFormatException {
            if (r.size() != header.size()) {
                throw new CsvFormatException(source + " line " + line + ": " + r.size() + " field"
                        + (r.size() == 1 ? "" : "s") + ", but the header has " + header.size()
                        + " columns; every row needs one value per column");
            }
            for (int j = 0; j < r.size(); j++) {
                checkField(r.get(j), line, "column '" + shorten(header.get(j)) + "'");
            }
        }

        private void checkField(String value, long line, String column)
                throws CsvFormatException {
            if (value.length() > limits.maxFieldChars()) {
                throw new CsvFormatException(source + " line " + line + ", " + column + ": a"
                        + " field of " + value.length() + " characters, more than the limit of "
                        + limits.maxFieldChars());
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
                throw new CsvFormatException(source + " line " + line + ", " + column + ": a"
                        + " quoted line break inside a field; a value must fit on its line");
            }
        }

        private static String listed(List<String> names) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < names.size() && k < 20; k++) {
                sb.append(k == 0 ? "" : ", ").append('\'').append(shorten(names.get(k)))
                        .append('\'');
            }
            return names.size() > 20 ? sb + " and " + (names.size() - 20) + " more" : sb.toString();
        }

        private static Reader skipByteOrderMark(Reader reader) throws IOException {
            java.io.PushbackReader in = new java.io.PushbackReader(reader, 1);
            int c = in.read();
            if (c >= 0 && c != '\uFEFF') {
                in.unread(c);
            }
            return in;
        }
    }

    /** Refuses to read past a byte count: the file may grow after its size was checked. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private final long max;
        private final String source;
        private long count;

        BoundedInput(InputStream in, long max, String source) {
            super(in);
            this.max = max;
            this.source = source;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw tooLong();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (count += n) > max) {
                throw tooLong();
            }
            return n;
        }

        private CsvFormatException tooLong() {
            return new CsvFormatException(source + ": more than the limit of " + max
                    + " bytes for a CSV file (it grew while being read)");
        }
    }
}
