package org.nn4j.cli;

/**
 * The log level of the command's SLF4J binding (slf4j-simple): WARN by default (from
 * {@code simplelogger.properties}), INFO with {@code --verbose}, DEBUG with it twice
 * ({@code -vv}). A level given with {@code -Dorg.slf4j.simpleLogger.defaultLogLevel} wins.
 *
 * <p>slf4j-simple reads its level once, when the first logger is made; the option is parsed
 * before any backend is loaded, so it takes effect for everything that logs.
 */
final class Logging {

    /** slf4j-simple's system property for the default level. */
    static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    private static final String[] LEVELS = {"warn", "info", "debug"};

    private Logging() {
    }

    /**
     * Sets the level for a verbosity.
     *
     * @param verbosity how many times {@code --verbose} was given
     * @return the level set, or the one the user had set
     */
    static String verbosity(int verbosity) {
        String explicit = System.getProperty(LEVEL_PROPERTY);
        if (explicit != null && !explicit.isBlank() && verbosity == 0) {
            return explicit;
        }
        String level = LEVELS[Math.max(0, Math.min(verbosity, LEVELS.length - 1))];
        System.setProperty(LEVEL_PROPERTY, level);
        return level;
    }
}
