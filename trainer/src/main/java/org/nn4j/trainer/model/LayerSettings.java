package org.nn4j.trainer.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A layer's settings as a model file holds them, for its type's reader
 * ({@link LayerSpec#register}): typed access by name, each failure an
 * {@link InvalidSettingException} naming the setting and the value found. Every setting must
 * be read: one the reader does not ask for is refused as unknown.
 */
public final class LayerSettings {

    private final Map<String, Object> values;
    private final Set<String> used = new TreeSet<>();

    /**
     * Wraps the values.
     *
     * @param values names to values: {@link BigDecimal} numbers, strings, or anything else
     *               (which no accessor accepts); not modified
     */
    public LayerSettings(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    /**
     * Returns a string setting.
     *
     * @param name the setting
     * @return its value
     * @throws InvalidSettingException if it is missing or not a string
     */
    public String string(String name) {
        if (!(get(name) instanceof String s)) {
            throw new InvalidSettingException(name, show(name), "expected a string");
        }
        return s;
    }

    /**
     * Returns an integer setting from 1 to {@link Integer#MAX_VALUE}.
     *
     * @param name the setting
     * @return its value
     * @throws InvalidSettingException if it is missing or out of range
     */
    public int positiveInt(String name) {
        if (get(name) instanceof BigDecimal n && n.scale() == 0 && n.signum() > 0
                && n.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0) {
            return n.intValueExact();
        }
        throw new InvalidSettingException(name, show(name), "expected an integer from 1 to "
                + Integer.MAX_VALUE);
    }

    /**
     * Returns a number setting in {@code [0, 1)}.
     *
     * @param name the setting
     * @return its value
     * @throws InvalidSettingException if it is missing or out of range
     */
    public double fraction(String name) {
        if (get(name) instanceof BigDecimal n) {
            double v = n.doubleValue();
            if (v >= 0.0 && v < 1.0) {
                return v;
            }
        }
        throw new InvalidSettingException(name, show(name), "expected a number in [0, 1)");
    }

    /**
     * Returns a number setting in {@code (0, max]}.
     *
     * @param name the setting
     * @param max  the largest value allowed
     * @return its value
     * @throws InvalidSettingException if it is missing or out of range
     */
    public double positiveNumber(String name, double max) {
        if (get(name) instanceof BigDecimal n) {
            double v = n.doubleValue();
            if (v > 0.0 && v <= max) {
                return v;
            }
        }
        throw new InvalidSettingException(name, show(name), "expected a number in (0, " + max
                + "]");
    }

    /**
     * Shows a setting's value for a message: quoted and shortened if a string.
     *
     * @param name the setting
     * @return the value as the file has it, or {@code "missing or null"}
     */
    public String show(String name) {
        Object value = values.get(name);
        if (value == null) {
            return "missing or null";
        }
        if (value instanceof String s) {
            return "\"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
        }
        if (value instanceof BigDecimal n) {
            String text = n.toString();
            return text.length() > 40 ? text.substring(0, 40) + "..." : text;
        }
        return value instanceof Map ? "an object" : value instanceof java.util.List ? "an array"
                : value.toString();
    }

    private Object get(String name) {
        used.add(name);
        return values.get(name);
    }

    void checkAllUsed() {
        for (String name : values.keySet()) {
            if (!used.contains(name)) {
                throw new InvalidSettingException(name.length() > 60 ? name.substring(0, 60)
                        + "..." : name, "an unknown setting", "this layer has "
                        + (used.isEmpty() ? "no settings" : "exactly " + used));
            }
        }
    }

    /** A layer setting that is missing, of the wrong type, out of range or unknown. */
    public static final class InvalidSettingException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        /** The setting's name. */
        private final String setting;
        /** What was found. */
        private final String found;
        /** What is expected. */
        private final String expected;

        /**
         * Creates one.
         *
         * @param setting  the setting's name
         * @param found    what was found, for the message
         * @param expected what is expected
         */
        public InvalidSettingException(String setting, String found, String expected) {
            super(setting + " is " + found + ": " + expected);
            this.setting = setting;
            this.found = found;
            this.expected = expected;
        }

        /**
         * Returns the setting's name.
         *
         * @return the setting's name
         */
        public String setting() {
            return setting;
        }

        /**
         * Returns what was found.
         *
         * @return what was found
         */
        public String found() {
            return found;
        }

        /**
         * Returns what was expected.
         *
         * @return what was expected
         */
        public String expected() {
            return expected;
        }
    }
}
