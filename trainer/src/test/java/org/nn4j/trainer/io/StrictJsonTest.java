package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The description reader's refusals, on texts written here: each names the fault and the
 * character where it is; the same texts without the fault parse.
 */
class StrictJsonTest {

    private static Object parse(String text) throws ModelFormatException {
        return StrictJson.parse(text, "m.json");
    }

    private static String failure(String text) {
        return assertThrows(ModelFormatException.class, () -> parse(text)).getMessage();
    }

    private static String nested(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    @Test
    void textAfterTheValueIsRefused() throws ModelFormatException {
        assertEquals(Map.of("a", List.of()), parse(" {\"a\": []} \n"));
        assertEquals("m.json: malformed JSON at character 11: text after the JSON value",
                failure(" {\"a\": []} x"));
        assertEquals("m.json: malformed JSON at character 2: text after the JSON value",
                failure("{}{}"));
    }

    /** The outermost value and 8 levels within it are allowed; a ninth level is not. */
    @Test
    void nestingDeeperThanTheLimitIsRefused() throws ModelFormatException {
        assertEquals(8, StrictJson.MAX_DEPTH);
        parse(nested(9));
        parse("{\"a\":" + nested(8) + "}");
        assertEquals("m.json: malformed JSON at character 9: nested more than 8 deep",
                failure(nested(10)));
        assertEquals("m.json: malformed JSON at character 13: nested more than 8 deep",
                failure("{\"a\":" + nested(9) + "}"));
    }

    @Test
    void rawControlCharactersInAStringAreRefusedButEscapesAreRead() throws ModelFormatException {
        assertEquals("a\tb\nc\u0001", parse("\"a\\tb\\nc\\u0001\""));
        assertEquals(" ~", parse("\" ~\""), "space and tilde are ordinary characters");
        for (char c : new char[] {0, '\t', '\n', 0x1f}) {
            assertEquals("m.json: malformed JSON at character 2: control character in a string",
                    failure("\"a" + c + "b\""), "character " + (int) c);
        }
    }
}
