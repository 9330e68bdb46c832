package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Precision;

/**
 * The {@code .npy} reader on entries built byte by byte here, as numpy's format description
 * (NEP 1, version 1.0) lays them out: the preamble's refusals, the header's grammar (what
 * numpy writes, in any key order and spacing, and each near miss refused at the character
 * counted by hand), and the data read in chunks, float64 and float32, exactly as many as the
 * shape needs.
 */
class NpyFormatTest {

    private static final String WHERE = "m.npz: w.npy";
    /** The header up to the shape: 50 characters, counted by hand. */
    private static final String P = "{'descr': '<f8', 'fortran_order': False, 'shape': ";

    /** An entry: the magic, the version, the header's length (little-endian), header, data. */
    private static byte[] npy(int major, int minor, String header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major,
                (byte) minor, (byte) header.length(), (byte) (header.length() >> 8)});
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static double[] read(byte[] entry, long[] shape, Precision precision)
            throws IOException {
        return Npy.read(new ByteArrayInputStream(entry), WHERE, shape, precision);
    }

    private static double[] read(String header, byte[] data, long... shape) throws IOException {
        return read(npy(1, 0, header, data), shape, Precision.F64);
    }

    private static String failure(byte[] entry, long... shape) {
        return assertThrows(ModelFormatException.class,
                () -> read(entry, shape, Precision.F64)).getMessage();
    }

    private static String failure(String header, long... shape) {
        return failure(npy(1, 0, header, new byte[0]), shape);
    }

    private static void assertMalformed(int at, String what, String header) {
        String m = failure(header + "\n", 2);
        assertTrue(m.startsWith(WHERE + ": malformed .npy header at character " + at + ": "
                + what + " (at '"), m);
    }

    @Test
    void theHeaderInAnyKeyOrderAndSpacingIsRead() throws IOException {
        byte[] six = doubles(1, 2, 3, 4, 5, 6);
        long[] twoByThree = {2, 3};
        double[] expected = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(expected, read(P + "(2, 3), }\n", six, twoByThree));
        assertArrayEquals(expected, read("{'shape':(2,3),'fortran_order':False,'descr':'<f8'}\n",
                six, twoByThree));
        assertArrayEquals(expected, read("  { 'descr' : '<f8' , 'fortran_order' : False ,"
                + " 'shape' : ( 2 , 3 , ) }   \n", six, twoByThree));
        assertArrayEquals(new double[] {7}, read(P + "(1,), }\n", doubles(7), 1));
        double[] nineteen = new double[19];
        nineteen[18] = 9;
        assertArrayEquals(nineteen, read(P + "(19,), }\n", doubles(nineteen), 19));
        assertArrayEquals(new double[] {7}, read(P + "(), }\n", doubles(7)));
    }

    @Test
    void aHeaderLongerThanOneByteOfLengthIsRead() throws IOException {
        // 300 = 0x012c: the length's second byte counts 256.
        String header = P + "(2,), }" + " ".repeat(300 - P.length() - 8) + "\n";
        assertEquals(300, header.length());
        assertArrayEquals(new double[] {-1, 0.5}, read(header, doubles(-1, 0.5), 2));
        // The longest header read is 1024 bytes, one more is refused.
        String longest = P + "(2,), }" + " ".repeat(1024 - P.length() - 8) + "\n";
        assertArrayEquals(new double[] {-1, 0.5}, read(longest, doubles(-1, 0.5), 2));
        String tooLong = P + "(2,), }" + " ".repeat(1025 - P.length() - 8) + "\n";
        assertEquals(WHERE + ": .npy header length 1025 exceeds the limit of 1024 bytes",
                failure(tooLong, 2));
    }

    @Test
    void aShortOrForeignPreambleIsRefused() {
        assertEquals(WHERE + ": not a .npy array (the magic \\x93NUMPY is missing; first bytes"
                + " none)", failure(new byte[0], 2));
        assertEquals(WHERE + ": not a .npy array (the magic \\x93NUMPY is missing; first bytes"
                + " 93 4e 55)", failure(new byte[] {(byte) 0x93, 'N', 'U'}, 2));
        assertEquals(WHERE + ": not a .npy array (the magic \\x93NUMPY is missing; first bytes"
                + " 50 4b 03 04 14 00)", failure(new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0},
                2));
        assertEquals(WHERE + ": truncated .npy preamble (6 of 10 bytes)",
                failure(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, 2));
        assertEquals(WHERE + ": truncated .npy preamble (9 of 10 bytes)",
                failure(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118}, 2));
        assertEquals(WHERE + ": .npy format version 1.1 is not supported; nn4j reads version"
                + " 1.0", failure(npy(1, 1, P + "(2,), }\n", doubles(1, 2)), 2));
        assertEquals(WHERE + ": .npy format version 3.0 is not supported; nn4j reads version"
                + " 1.0", failure(npy(3, 0, P + "(2,), }\n", doubles(1, 2)), 2));
    }

    @Test
    void aHeaderCutShortIsRefused() {
        byte[] whole = npy(1, 0, P + "(2,), }\n", new byte[0]);
        byte[] cut = java.util.Arrays.copyOf(whole, 10 + 20);
        assertEquals(WHERE + ": truncated .npy header (20 of " + (P.length() + 8) + " bytes)",
                failure(cut, 2));
    }

    @Test
    void headerBytesMustBePrintableAscii() {
        assertEquals(WHERE + ": the .npy header has a byte 0x7f that is not printable ASCII",
                failure(P + "(2,), }\u007f\n", 2));
        assertEquals(WHERE + ": the .npy header has a byte 0x1f that is not printable ASCII",
                failure(P + "(2,), }\u001f\n", 2));
        assertEquals(WHERE + ": the .npy header has a byte 0xe9 that is not printable ASCII",
                failure(P + "(2,), }\u00e9\n", 2));
        assertEquals(WHERE + ": the .npy header does not end with a newline",
                failure(P + "(2,), } ", 2));
        // A space and a tilde are printable: the tilde reaches the parser, which names it.
        assertMalformed(P.length() + 7, "text after the closing '}'", P + "(2,), }~");
    }

    @Test
    void eachNearMissOfTheDictIsRefusedWhereItIs() {
        assertMalformed(0, "expected '{'", "'descr': '<f8'");
        assertMalformed(1, "unexpected end of the header", "{");
        assertMalformed(9, "expected ':'", "{'descr' '<f8'}");
        assertMalformed(16, "expected ',' or '}'", "{'descr': '<f8' 'shape': (2,)}");
        assertMalformed(10, "expected a string, True, False or a tuple", "{'descr': <f8}");
        assertMalformed(10, "expected a string, True, False or a tuple", "{'descr': Tru}");
        assertMalformed(2, "unterminated string", "{'descr");
        assertMalformed(2, "escapes in strings are not supported", "{'de\\scr': '<f8'}");
        assertMalformed(2, "escapes in strings are not supported", "{'\\descr': '<f8'}");
        // The second 'descr' is read up to its value's end, character 31.
        assertMalformed(31, "key 'descr' appears twice",
                "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }");
        assertMalformed(P.length() + 8, "text after the closing '}'", P + "(2,), } x");
        assertEquals(WHERE + ": the .npy header must have exactly the keys 'descr',"
                + " 'fortran_order' and 'shape', got []", failure("{ }\n", 2));
    }

    @Test
    void eachNearMissOfTheShapeIsRefusedWhereItIs() {
        int s = P.length();
        assertMalformed(s + 3, "(n) is not a tuple; numpy writes (n,)", P + "(3), }");
        assertMalformed(s + 3, "expected ',' or ')' in the shape", P + "(2 3), }");
        assertMalformed(s + 1, "expected a non-negative integer in the shape", P + "(a,), }");
        assertMalformed(s + 1, "expected a non-negative integer in the shape", P + "(-1,), }");
        assertMalformed(s + 5, "unexpected end of the header", P + "(2, 3");
        // 32 dimensions are read; a 33rd is refused where it starts, after 32 of "1, ".
        String ones32 = "(" + "1, ".repeat(32) + ")";
        assertEquals(WHERE + ": shape (" + "1, ".repeat(31) + "1) does not match the"
                + " architecture, which needs (2,)", failure(P + ones32 + ", }\n", 2));
        assertMalformed(s + 1 + 3 * 32, "more than 32 dimensions",
                P + "(" + "1, ".repeat(33) + "), }");
    }

    @Test
    void aDimensionBeyondAnIntIsRefusedWithItsDigitsBounded() throws IOException {
        assertArrayEquals(new double[0], read(P + "(2147483647, 0), }\n", new byte[0],
                2147483647, 0));
        assertEquals(WHERE + ": shape dimension 111111111111 exceeds 2147483647",
                failure(P + "(111111111111,), }\n", 2));
        // Digits that run to the header's end (no closing parenthesis) are shown too.
        assertEquals(WHERE + ": shape dimension 111111111111 exceeds 2147483647",
                failure(P + "(111111111111\n", 2));
        // Fifty digits are shown as their first forty and "...".
        assertEquals(WHERE + ": shape dimension " + "1".repeat(40) + "... exceeds 2147483647",
                failure(P + "(" + "1".repeat(50) + ",), }\n", 2));
    }

    @Test
    void eachValueMustBeOfItsKind() {
        assertEquals(WHERE + ": fortran_order is 'False'; nn4j reads C order (False) only",
                failure("{'descr': '<f8', 'fortran_order': 'False', 'shape': (2,), }\n", 2));
        assertEquals(WHERE + ": fortran_order is (2,); nn4j reads C order (False) only",
                failure("{'descr': '<f8', 'fortran_order': (2,), 'shape': (2,), }\n", 2));
        assertEquals(WHERE + ": shape is 'x', not a tuple of integers",
                failure(P + "'x', }\n", 2));
        assertEquals(WHERE + ": shape is True, not a tuple of integers",
                failure(P + "True, }\n", 2));
        assertEquals(WHERE + ": shape is False, not a tuple of integers",
                failure(P + "False, }\n", 2));
        assertEquals(WHERE + ": dtype True is not supported; nn4j reads '<f8' (little-endian"
                + " float64) and '<f4' (little-endian float32)",
                failure("{'descr': True, 'fortran_order': False, 'shape': (2,), }\n", 2));
    }

    @Test
    void theShapeMustBeTheArchitecturesAndTheDataExactlyItsSize() {
        assertEquals(WHERE + ": shape (3, 2) does not match the architecture, which needs"
                + " (2, 3)", failure(npy(1, 0, P + "(3, 2), }\n", doubles(1, 2, 3, 4, 5, 6)), 2,
                3));
        // (2, 3) float64: 48 bytes; 40 given, then 56.
        assertEquals(WHERE + ": truncated data: shape needs 48 bytes, the entry holds 40",
                failure(npy(1, 0, P + "(2, 3), }\n", doubles(1, 2, 3, 4, 5)), 2, 3));
        assertEquals(WHERE + ": trailing bytes after the 6 elements of shape (2, 3)",
                failure(npy(1, 0, P + "(2, 3), }\n", doubles(1, 2, 3, 4, 5, 6, 7)), 2, 3));
        // (65536, 65536) has 2^32 = 4294967296 elements.
        assertEquals(WHERE + ": shape (65536, 65536) has 4294967296 elements, more than a Java"
                + " array holds (2147483639)", failure(npy(1, 0, P + "(65536, 65536), }\n",
                new byte[0]), 65536, 65536));
    }

    /** 3000 float64 values span three of the reader's 8192-byte chunks (1024 values each). */
    @Test
    void manyValuesAreReadAcrossChunks() throws IOException {
        double[] values = new double[3000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.25 - 100;
        }
        assertArrayEquals(values, read(P + "(3000,), }\n", doubles(values), 3000));
        // Cut in the second chunk: 1024 values (8192 bytes), then 808 bytes of the next.
        byte[] cut = java.util.Arrays.copyOf(doubles(values), 9000);
        assertEquals(WHERE + ": truncated data: shape needs 24000 bytes, the entry holds 9000",
                failure(npy(1, 0, P + "(3000,), }\n", cut), 3000));
    }

    /** float32 values (2048 a chunk) are widened exactly: (double) 0.1f, not 0.1. */
    @Test
    void float32ValuesAreWidenedExactly() throws IOException {
        String f4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (5000,), }\n";
        float[] values = new float[5000];
        double[] widened = new double[5000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.1f - 7;
            widened[i] = values[i];
        }
        assertArrayEquals(widened, read(npy(1, 0, f4, floats(values)), new long[] {5000},
                Precision.F32));
        assertEquals(0.10000000149011612, read(npy(1, 0,
                "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", floats(0.1f)),
                new long[] {1}, Precision.F32)[0]);
        byte[] cut = java.util.Arrays.copyOf(floats(values), 10_000);
        assertEquals(WHERE + ": truncated data: shape needs 20000 bytes, the entry holds 10000",
                assertThrows(ModelFormatException.class, () -> read(npy(1, 0, f4, cut),
                        new long[] {5000}, Precision.F32)).getMessage());
    }

    /**
     * A float32 entry by hand: the header names '<f4' and is padded so that the data start at
     * byte 128; 0.5f is 3f000000 and -2f is c0000000, little-endian.
     */
    @Test
    void float32IsEncodedAsNumpyWritesIt() {
        byte[] bytes = Npy.encode(new long[] {2}, new double[] {0.5, -2}, Precision.F32);
        assertEquals(128 + 8, bytes.length);
        assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"
                + " ".repeat(60) + "\n", new String(bytes, 10, 118, StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {0, 0, 0, 0x3f, 0, 0, 0, (byte) 0xc0},
                java.util.Arrays.copyOfRange(bytes, 128, 136));
    }
}
