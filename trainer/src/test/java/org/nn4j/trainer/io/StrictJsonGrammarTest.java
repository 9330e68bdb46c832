package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The description reader's grammar, RFC 8259 as written by hand here: every literal, number
 * form, escape and structure it reads, the value each gives, and the refusal (with the
 * character where the fault is, counted by hand from 0) of each near miss. The writer's
 * {@code quote} is checked against hand-written literals, and against the reader on every
 * UTF-16 code unit.
 */
class StrictJsonGrammarTest {

    private static Object parse(String text) throws ModelFormatException {
        return StrictJson.parse(text, "m.json");
    }

    private static String failure(String text) {
        return assertThrows(ModelFormatException.class, () -> parse(text)).getMessage();
    }

    private static String at(int character, String what) {
        return "m.json: malformed JSON at character " + character + ": " + what;
    }

    private static StrictJson.Number number(String text) {
        return new StrictJson.Number(text);
    }

    @Test
    void literalsAreReadAndNearMissesRefused() throws ModelFormatException {
        assertEquals(Boolean.TRUE, parse("true"));
        assertEquals(Boolean.FALSE, parse("false"));
        assertNull(parse("null"));
        assertEquals(at(0, "expected true"), failure("tru"));
        assertEquals(at(0, "expected false"), failure("fals"));
        assertEquals(at(0, "expected null"), failure("nil"));
        assertEquals(at(0, "unexpected end of the JSON text"), failure(""));
        assertEquals(at(3, "unexpected end of the JSON text"), failure(" \t\n"));
    }

    @Test
    void numbersAreKeptAsWrittenInEveryForm() throws ModelFormatException {
        for (String n : new String[] {"0", "-0", "9", "1234567890", "-12.5e+3", "1E-2", "1e5",
                "0.25", "-0.0", "3.14E9"}) {
            assertEquals(number(n), parse(n), n);
        }
        assertEquals(List.of(number("9"), number("0")), parse("[9,0]"));
    }

    @Test
    void malformedNumbersAreRefused() {
        assertEquals(at(1, "unexpected end of the JSON text"), failure("-"));
        assertEquals(at(1, "expected a digit"), failure("-x"));
        assertEquals(at(2, "expected a digit"), failure("1."));
        assertEquals(at(2, "unexpected end of the JSON text"), failure("1e"));
        assertEquals(at(3, "expected a digit"), failure("1e+"));
        assertEquals(at(4, "expected a digit"), failure("1.5Ex"));
        // A leading zero ends the number: what follows is extra text.
        assertEquals(at(1, "text after the JSON value"), failure("01"));
        assertEquals(at(0, "unexpected character '+'"), failure("+1"));
        assertEquals(at(0, "unexpected character '.'"), failure(".5"));
    }

    @Test
    void everyEscapeIsRead() throws ModelFormatException {
        // \" \\ \/ \b \f \n \r \t, then é (U+00E9), € (U+20AC) and A (U+0041) as \\u escapes
        // in lower, upper and mixed case, with a character after the last one.
        assertEquals("\"\\/\b\f\n\r\t\u00e9\u20acAx",
                parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20AC\\u0041x\""));
        assertEquals("", parse("\"\""));
    }

    @Test
    void badEscapesAreRefused() {
        // "\x": the x is character 2.
        assertEquals(at(2, "bad escape \\x"), failure("\"\\x\""));
        // The text "\\u12" (6 characters with its quotes): the four digits would start at
        // character 3 and run past the end.
        assertEquals(at(3, "truncated \\u escape"), failure("\"\\u12\""));
        assertEquals(at(3, "bad \\u escape"), failure("\"\\u12g4\""));
        assertEquals(at(3, "bad \\u escape"), failure("\"\\u-123\""));
        assertEquals(at(3, "unexpected end of the JSON text"), failure("\"ab"));
        assertEquals(at(2, "unexpected end of the JSON text"), failure("\"\\"));
    }

    @Test
    void objectsAndArraysInEveryShape() throws ModelFormatException {
        assertEquals(Map.of(), parse("{}"));
        assertEquals(Map.of(), parse("{ \r\n\t}"));
        assertEquals(List.of(), parse("[ ]"));
        Object o = parse(" {\t\"b\" :\r\n[ 1 ,\t2 ] ,\n\"a\":{\"c\":null} }\r\n");
        assertEquals(Map.of("b", List.of(number("1"), number("2")),
                "a", nullMap("c")), o);
        // Keys keep the file's order.
        assertEquals(List.of("b", "a"), new ArrayList<>(((Map<?, ?>) o).keySet()));
        assertEquals(List.of(Boolean.TRUE, "x", List.of(List.of())), parse("[true,\"x\",[[]]]"));
    }

    private static Map<String, Object> nullMap(String key) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put(key, null);
        return m;
    }

    @Test
    void malformedStructuresAreRefused() {
        assertEquals(at(12, "key \"a\" appears twice"), failure("{\"a\":1,\"a\":2}"));
        assertEquals(at(1, "expected a key in double quotes"), failure("{a:1}"));
        assertEquals(at(1, "expected a key in double quotes"), failure("{,}"));
        assertEquals(at(7, "expected a key in double quotes"), failure("{\"a\":1,}"));
        assertEquals(at(5, "expected ':'"), failure("{\"a\" 1}"));
        assertEquals(at(7, "expected '}'"), failure("{\"a\":1 \"b\":2}"));
        assertEquals(at(6, "unexpected end of the JSON text"), failure("{\"a\":1"));
        assertEquals(at(3, "expected ']'"), failure("[1 2]"));
        assertEquals(at(3, "unexpected character ']'"), failure("[1,]"));
        assertEquals(at(2, "unexpected end of the JSON text"), failure("[1"));
    }

    /** A character that cannot be printed is named by its code, a printable one as itself. */
    @Test
    void anUnexpectedCharacterIsNamedPrintably() {
        assertEquals(at(0, "unexpected character '~'"), failure("~"));
        assertEquals(at(0, "unexpected character '!'"), failure("!"));
        assertEquals(at(0, "unexpected character '\\u007f'"), failure("\u007f"));
        assertEquals(at(0, "unexpected character '\\u001f'"), failure("\u001f"));
        assertEquals(at(0, "unexpected character '\\u00e9'"), failure("\u00e9"));
        assertEquals(at(2, "bad escape \\ "), failure("\"\\ \""));
    }

    @Test
    void quoteWritesTheEscapesByHand() {
        StringBuilder sb = new StringBuilder();
        StrictJson.quote(sb, "a\"b\\c\nd\re\tf\u0000\u001f g~\u007f\u00e9/");
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000\\u001f g~\\u007f\\u00e9/\"", sb.toString());
        StringBuilder empty = new StringBuilder("x");
        StrictJson.quote(empty, "");
        assertEquals("x\"\"", empty.toString());
    }

    /** The reader gives back every UTF-16 code unit the writer quotes, each alone and all together. */
    @Test
    void everyCodeUnitQuotedReadsBack() throws ModelFormatException {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String one = String.valueOf((char) c);
            StringBuilder sb = new StringBuilder();
            StrictJson.quote(sb, one);
            assertEquals(one, parse(sb.toString()), "code unit " + c);
            all.append((char) c);
        }
        StringBuilder sb = new StringBuilder();
        StrictJson.quote(sb, all.toString());
        assertEquals(all.toString(), parse(sb.toString()));
    }
}
