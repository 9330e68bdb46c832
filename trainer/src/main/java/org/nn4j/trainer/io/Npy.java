package org.nn4j.trainer.io;

import org.nn4j.api.Precision;
import org.nn4j.trainer.model.ModelSpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * numpy's {@code .npy} format, version 1.0, for little-endian float64 ({@code '<f8'}) or
 * float32 ({@code '<f4'}) arrays in C order: the magic {@code \x93NUMPY}, the version bytes 1
 * and 0, a little-endian {@code uint16} header length, the header (a Python dict literal
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }} padded with spaces to a
 * multiple of 64 bytes and ended by a newline), then the data.
 *
 * <p>Reading is strict and bounded: the header is at most {@value #MAX_HEADER_BYTES} bytes,
 * must hold exactly the three keys, the dtype of the precision the caller expects,
 * {@code False} and the shape the caller expects; the data are then read as they arrive, so
 * memory grows with the bytes present, never with what a header declares.
 */
final class Npy {

    /** The longest header read; numpy writes 118 bytes for a 2-D shape. */
    static final int MAX_HEADER_BYTES = 1024;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE = MAGIC.length + 2 + 2;
    private static final int ALIGNMENT = 64;
    private static final int CHUNK_BYTES = 8192;

    private Npy() {
    }

    /** Returns numpy's text for a shape: {@code (2, 3)}, {@code (3,)}, {@code ()}. */
    static String shapeText(long[] dims) {
        return new ModelSpec.ArrayShape("", dims).numpyShape();
    }

    /**
     * Returns numpy's dtype of a precision: {@code '<f4'} or {@code '<f8'}.
     *
     * @param precision the precision
     * @return the dtype string, without quotes
     */
    static String dtype(Precision precision) {
        return precision == Precision.F32 ? "<f4" : "<f8";
    }

    /**
     * Encodes a float64 array as a {@code .npy} file.
     *
     * @param dims   its shape
     * @param values its elements, row-major. Not modified.
     * @return the file's bytes
     */
    static byte[] encode(long[] dims, double[] values) {
        return encode(dims, values, Precision.F64);
    }

    /**
     * Encodes an array as a {@code .npy} file in a precision: {@code '<f4'} stores each value
     * as a {@code float}, which must already be one (the callers' arrays come from float32
     * matrices, or are checked).
     *
     * @param dims      its shape
     * @param values    its elements, row-major. Not modified.
     * @param precision the element type written
     * @return the file's bytes
     */
    static byte[] encode(long[] dims, double[] values, Precision precision) {
        String dict = "{'descr': '" + dtype(precision) + "', 'fortran_order': False, 'shape': "
                + shapeText(dims) + ", }";
        int unpadded = PREAMBLE + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        String header = dict + " ".repeat(padding) + "\n";
        byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer buffer = ByteBuffer.allocate(PREAMBLE + headerBytes.length
                        + precision.bytes() * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length)
                .put(headerBytes);
        if (precision == Precision.F32) {
            java.nio.FloatBuffer floats = buffer.asFloatBuffer();
            for (double v : values) {
                floats.put((float) v);
            }
        } else {
            buffer.asDoubleBuffer().put(values);
        }
        return buffer.array();
    }

    /**
     * Reads a {@code .npy} entry that must hold a float64 array of a given shape, and nothing
     * after it.
     *
     * @param in       the entry's bytes (read up to the array's end, plus one to check for more)
     * @param where    the file and entry, for messages
     * @param expected the shape the architecture needs; its element count fits in an array
     * @return the elements, row-major
     * @throws ModelFormatException naming the field and value at fault
     * @throws IOException          if the stream fails
     */
    static double[] read(InputStream in, String where, long[] expected) throws IOException {
        return read(in, where, expected, Precision.F64);
    }

    /**
     * Reads a {@code .npy} entry that must hold an array of a given shape and precision
     * ({@code '<f4'} for float32, {@code '<f8'} for float64), and nothing after it.
     *
     * @param in        the entry's bytes (read up to the array's end, plus one to check for more)
     * @param where     the file and entry, for messages
     * @param expected  the shape the architecture needs; its element count fits in an array
     * @param precision the precision the file records, whose dtype the entry must have
     * @return the elements, row-major, widened exactly to double
     * @throws ModelFormatException naming the field and value at fault
     * @throws IOException          if the stream fails
     */
    static double[] read(InputStream in, String where, long[] expected, Precision precision)
            throws IOException {
        byte[] preamble = in.readNBytes(PREAMBLE);
        if (preamble.length < MAGIC.length
                || !Arrays.equals(Arrays.copyOf(preamble, MAGIC.length), MAGIC)) {
            throw new ModelFormatException(where + ": not a .npy array (the magic \\x93NUMPY is"
                    + " missing; first bytes " + hex(preamble, MAGIC.length) + ")");
        }
        if (preamble.length < PREAMBLE) {
            throw new ModelFormatException(where + ": truncated .npy preamble ("
                    + preamble.length + " of " + PREAMBLE + " bytes)");
        }
        int major = preamble[6] & 0xFF;
        int minor = preamble[7] & 0xFF;
        if (major != 1 || minor != 0) {
            throw new ModelFormatException(where + ": .npy format version " + major + "." + minor
                    + " is not supported; nn4j reads version 1.0");
        }
        int headerLength = (preamble[8] & 0xFF) | (preamble[9] & 0xFF) << 8;
        if (headerLength > MAX_HEADER_BYTES) {
            throw new ModelFormatException(where + ": .npy header length " + headerLength
                    + " exceeds the limit of " + MAX_HEADER_BYTES + " bytes");
        }
        byte[] header = in.readNBytes(headerLength);
        if (header.length < headerLength) {
            throw new ModelFormatException(where + ": truncated .npy header (" + header.length
                    + " of " + headerLength + " bytes)");
        }
        long[] shape = parseHeader(header, where, precision);
        if (!Arrays.equals(shape, expected)) {
            throw new ModelFormatException(where + ": shape " + shapeText(shape) + " does not"
                    + " match the architecture, which needs " + shapeText(expected));
        }
        long count = 1;
        for (long d : expected) {
            count *= d;
        }
        if (count > ModelFile.MAX_ARRAY_ELEMENTS) {
            throw new ModelFormatException(where + ": shape " + shapeText(expected) + " has "
                    + count + " elements, more than a Java array holds ("
                    + ModelFile.MAX_ARRAY_ELEMENTS + ")");
        }
        double[] values = readValues(in, where, (int) count, precision.bytes());
        if (in.read() != -1) {
            throw new ModelFormatException(where + ": trailing bytes after the " + count
                    + " elements of shape " + shapeText(expected));
        }
        return values;
    }

    /**
     * Reads {@code count} little-endian doubles ({@code size} 8) or floats ({@code size} 4,
     * widened exactly), growing the array as bytes arrive: a short entry costs memory for what
     * it holds, not for what it claims.
     */
    private static double[] readValues(InputStream in, String where, int count, int size)
            throws IOException {
        double[] values = new double[Math.min(count, CHUNK_BYTES / size)];
        byte[] chunk = new byte[CHUNK_BYTES];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int filled = 0;
        while (filled < count) {
            int want = Math.min(CHUNK_BYTES / size, count - filled);
            int got = in.readNBytes(chunk, 0, want * size);
            if (got < want * size) {
                long present = (long) filled * size + got;
                throw new ModelFormatException(where + ": truncated data: shape needs "
                        + (long) count * size + " bytes, the entry holds " + present);
            }
            if (filled + want > values.length) {
                values = Arrays.copyOf(values, (int) Math.min(count, 2L * values.length));
            }
            view.clear();
            if (size == Double.BYTES) {
                view.asDoubleBuffer().get(values, filled, want);
            } else {
                for (int i = 0; i < want; i++) {
                    values[filled + i] = view.getFloat(i * Float.BYTES);
                }
            }
            filled += want;
        }
        return values;
    }

    /** Parses the header dict; returns the shape after checking descr and fortran_order. */
    static long[] parseHeader(byte[] header, String where, Precision precision)
            throws ModelFormatException {
        for (byte b : header) {
            if (b < 0x20 && b != '\n' || b > 0x7e) {
                throw new ModelFormatException(where + ": the .npy header has a byte 0x"
                        + String.format("%02x", b & 0xFF) + " that is not printable ASCII");
            }
        }
        String text = new String(header, StandardCharsets.US_ASCII);
        if (!text.endsWith("\n")) {
            throw new ModelFormatException(where + ": the .npy header does not end with a newline");
        }
        HeaderParser p = new HeaderParser(text.substring(0, text.length() - 1), where);
        Map<String, Object> dict = p.dict();
        if (!dict.keySet().equals(Map.of("descr", "", "fortran_order", "", "shape", "").keySet())) {
            throw new ModelFormatException(where + ": the .npy header must have exactly the keys"
                    + " 'descr', 'fortran_order' and 'shape', got " + dict.keySet());
        }
        Object descr = dict.get("descr");
        if (!"<f8".equals(descr) && !"<f4".equals(descr)) {
            throw new ModelFormatException(where + ": dtype " + p.show(descr) + " is not"
                    + " supported; nn4j reads '<f8' (little-endian float64) and '<f4'"
                    + " (little-endian float32)");
        }
        if (!dtype(precision).equals(descr)) {
            throw new ModelFormatException(where + ": dtype " + p.show(descr) + " does not"
                    + " match the file's precision, " + precision + ", whose arrays are '"
                    + dtype(precision) + "'");
        }
        if (!Boolean.FALSE.equals(dict.get("fortran_order"))) {
            throw new ModelFormatException(where + ": fortran_order is "
                    + p.show(dict.get("fortran_order")) + "; nn4j reads C order (False) only");
        }
        if (!(dict.get("shape") instanceof long[] shape)) {
            throw new ModelFormatException(where + ": shape is " + p.show(dict.get("shape"))
                    + ", not a tuple of integers");
        }
        return shape;
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format("%02x", bytes[i] & 0xFF));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** A strict parser of the Python literal numpy writes: a dict of str keys to str, bool or tuple. */
    private static final class HeaderParser {
        private static final int MAX_DIMENSIONS = 32;
        private final String s;
        private final String where;
        private int i;

        HeaderParser(String s, String where) {
            this.s = s;
            this.where = where;
        }

        Map<String, Object> dict() throws ModelFormatException {
            Map<String, Object> dict = new HashMap<>();
            skipSpaces();
            expect('{');
            skipSpaces();
            while (peek() != '}') {
                String key = string();
                skipSpaces();
                expect(':');
                skipSpaces();
                Object value = value();
                if (dict.put(key, value) != null) {
                    throw fail("key '" + key + "' appears twice");
                }
                skipSpaces();
                if (peek() == ',') {
                    i++;
                    skipSpaces();
                } else if (peek() != '}') {
                    throw fail("expected ',' or '}'");
                }
            }
            i++;
            skipSpaces();
            if (i != s.length()) {
                throw fail("text after the closing '}'");
            }
            return dict;
        }

        private Object value() throws ModelFormatException {
            char c = peek();
            if (c == '\'') {
                return string();
            }
            if (c == '(') {
                return tuple();
            }
            if (s.startsWith("True", i)) {
                i += 4;
                return Boolean.TRUE;
            }
            if (s.startsWith("False", i)) {
                i += 5;
                return Boolean.FALSE;
            }
            throw fail("expected a string, True, False or a tuple");
        }

        private String string() throws ModelFormatException {
            expect('\'');
            int end = s.indexOf('\'', i);
            if (end < 0) {
                throw fail("unterminated string");
            }
            String value = s.substring(i, end);
            if (value.indexOf('\\') >= 0) {
                throw fail("escapes in strings are not supported");
            }
            i = end + 1;
            return value;
        }

        private long[] tuple() throws ModelFormatException {
            expect('(');
            List<Long> dims = new ArrayList<>();
            skipSpaces();
            boolean comma = false;
            while (peek() != ')') {
                if (dims.size() == MAX_DIMENSIONS) {
                    throw fail("more than " + MAX_DIMENSIONS + " dimensions");
                }
                dims.add(dimension());
                skipSpaces();
                comma = peek() == ',';
                if (comma) {
                    i++;
                    skipSpaces();
                } else if (peek() != ')') {
                    throw fail("expected ',' or ')' in the shape");
                }
            }
            i++;
            if (dims.size() == 1 && !comma) {
                throw fail("(n) is not a tuple; numpy writes (n,)");
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long dimension() throws ModelFormatException {
            int start = i;
            long value = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
                if (value > Integer.MAX_VALUE) {
                    int end = i;
                    while (end < s.length() && end - start < 40 && Character.isDigit(s.charAt(end))) {
                        end++;
                    }
                    throw new ModelFormatException(where + ": shape dimension "
                            + s.substring(start, end) + (end - start == 40 ? "..." : "")
                            + " exceeds " + Integer.MAX_VALUE);
                }
            }
            if (i == start) {
                throw fail("expected a non-negative integer in the shape");
            }
            return value;
        }

        private void skipSpaces() {
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
        }

        private char peek() throws ModelFormatException {
            if (i >= s.length()) {
                throw fail("unexpected end of the header");
            }
            return s.charAt(i);
        }

        private void expect(char c) throws ModelFormatException {
            if (peek() != c) {
                throw fail("expected '" + c + "'");
            }
            i++;
        }

        String show(Object value) {
            if (value instanceof long[] dims) {
                return shapeText(dims);
            }
            if (value instanceof String str) {
                return "'" + str + "'";
            }
            return value instanceof Boolean b ? (b ? "True" : "False") : String.valueOf(value);
        }

        private ModelFormatException fail(String what) {
            String context = s.substring(Math.min(i, s.length()), Math.min(s.length(), i + 20));
            return new ModelFormatException(where + ": malformed .npy header at character " + i
                    + ": " + what + " (at '" + context + "')");
        }
    }
}
