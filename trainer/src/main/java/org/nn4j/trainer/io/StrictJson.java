package org.nn4j.trainer.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer for the model file's description: RFC 8259 values
 * only (no comments, no trailing commas, no NaN), no duplicate keys, nesting at most
 * {@value #MAX_DEPTH} deep. Numbers are kept as their text ({@link Number}) so the schema
 * decides how to read them. The input is already bounded by the caller.
 */
final class StrictJson {

    static final int MAX_DEPTH = 8;

    /** A JSON number, as written. */
    record Number(String text) {
    }

    private final String s;
    private final String where;
    private int i;

    private StrictJson(String s, String where) {
        this.s = s;
        this.where = where;
    }

    /**
     * Parses a document.
     *
     * @param text  the text
     * @param where the file and entry, for messages
     * @return a {@code Map<String, Object>}, {@code List<Object>}, {@code String},
     *         {@link Number}, {@code Boolean} or {@code null}
     * @throws ModelFormatException naming the character at fault
     */
    static Object parse(String text, String where) throws ModelFormatException {
        StrictJson p = new StrictJson(text, where);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.i != text.length()) {
            throw p.fail("text after the JSON value");
        }
        return value;
    }

    private Object value(int depth) throws ModelFormatException {
        if (depth > MAX_DEPTH) {
            throw fail("nested more than " + MAX_DEPTH + " deep");
        }
        char c = peek();
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || c >= '0' && c <= '9') {
                    return number();
                }
                throw fail("unexpected character '" + printable(c) + "'");
        }
    }

    private Map<String, Object> object(int depth) throws ModelFormatException {
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw fail("expected a key in double quotes");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value(depth + 1);
            if (map.containsKey(key)) {
                throw fail("key \"" + key + "\" appears twice");
            }
            map.put(key, value);
            skipSpace();
            if (peek() == ',') {
                i++;
            } else {
                expect('}');
                return map;
            }
        }
    }

    private List<Object> array(int depth) throws ModelFormatException {
        i++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                i++;
            } else {
                expect(']');
                return list;
            }
        }
    }

    private String string() throws ModelFormatException {
        i++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = peek();
            i++;
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                i--;
                throw fail("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = peek();
            i++;
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        throw fail("truncated \\u escape");
                    }
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        int digit = Character.digit(s.charAt(i + k), 16);
                        if (digit < 0) {
                            throw fail("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    i += 4;
                    sb.append((char) code);
                }
                default -> {
                    i--;
                    throw fail("bad escape \\" + printable(e));
                }
            }
        }
    }

    private Number number() throws ModelFormatException {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        if (peek() == '0') {
            i++;
        } else {
            digits();
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            digits();
        }
        if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (peek() == '+' || peek() == '-') {
                i++;
            }
            digits();
        }
        return new Number(s.substring(start, i));
    }

    private void digits() throws ModelFormatException {
        int start = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == start) {
            throw fail("expected a digit");
        }
    }

    private Object literal(String word, Object value) throws ModelFormatException {
        if (!s.startsWith(word, i)) {
            throw fail("expected " + word);
        }
        i += word.length();
        return value;
    }

    private void skipSpace() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\n'
                || s.charAt(i) == '\r' || s.charAt(i) == '\t')) {
            i++;
        }
    }

    private char peek() throws ModelFormatException {
        if (i >= s.length()) {
            throw fail("unexpected end of the JSON text");
        }
        return s.charAt(i);
    }

    private void expect(char c) throws ModelFormatException {
        if (peek() != c) {
            throw fail("expected '" + c + "'");
        }
        i++;
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private ModelFormatException fail(String what) {
        return new ModelFormatException(where + ": malformed JSON at character " + i + ": " + what);
    }

    /** Appends a JSON string literal. */
    static void quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
