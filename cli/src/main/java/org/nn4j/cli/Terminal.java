package org.nn4j.cli;

/**
 * Makes text from files safe to print on a terminal. A model file's provenance, its entry
 * names and anything else read from outside can hold control characters: an escape sequence
 * could clear the screen, retitle the terminal or overwrite a line with a fake verdict. Every
 * such character is shown as a visible {@code \}{@code uXXXX} escape instead.
 */
final class Terminal {

    private Terminal() {
    }

    /**
     * Returns a message with its first letter in upper case, to start a sentence.
     *
     * @param s the message, not null
     * @return the message, capitalised
     */
    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * Returns the text with every control character (C0 but tab, DEL, C1), bidirectional
     * override and line or paragraph separator replaced by {@code \}{@code uXXXX}; a
     * backslash stays a backslash.
     *
     * @param text the text, or null
     * @return the text, safe to print; {@code "null"} for null
     */
    static String safe(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (unsafe(c)) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(String.format("\\u%04x", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    /**
     * Returns a message that may span lines (picocli's usage text, several sentences) with
     * each line made safe.
     */
    static String safeLines(String text) {
        if (text == null) {
            return "null";
        }
        String[] lines = text.split("\n", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(safe(lines[i]));
        }
        return sb.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 && c != '\t' || c >= 0x7f && c <= 0x9f
                || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                || c == '\u2028' || c == '\u2029' || c == '\u200e' || c == '\u200f'
                || c == '\u061c';
    }
}
