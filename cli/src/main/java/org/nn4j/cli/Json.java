package org.nn4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON written by {@code --json}: one object, keys in a fixed order. Strings are escaped
 * as JSON requires, and so are the characters a terminal would act on when the JSON is shown
 * on one (DEL, C1 controls, bidirectional overrides): a string read from a model file cannot
 * take over the terminal of someone who reads the output.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static {
        MAPPER.getFactory().setCharacterEscapes(new TerminalSafeEscapes());
    }

    /** JSON's escapes, plus a six-character escape for what {@link Terminal} would escape. */
    private static final class TerminalSafeEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] ascii;

        TerminalSafeEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            String escaped = Terminal.safe(String.valueOf((char) ch));
            return escaped.length() == 1 ? null : new SerializedString(escaped);
        }
    }

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array(double[] values) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double v : values) {
            a.add(v);
        }
        return a;
    }

    /** A row-major matrix as an array of rows. */
    static ArrayNode matrix(double[] values, int rows, int cols) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int i = 0; i < rows; i++) {
            ArrayNode row = a.addArray();
            for (int j = 0; j < cols; j++) {
                row.add(values[i * cols + j]);
            }
        }
        return a;
    }

    static String write(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
