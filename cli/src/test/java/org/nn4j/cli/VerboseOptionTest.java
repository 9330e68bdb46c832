package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code -v}/{@code --verbose} raises slf4j-simple's level, before or after the subcommand. */
class VerboseOptionTest {

    private String saved;

    @BeforeEach
    void clear() {
        saved = System.getProperty(Logging.LEVEL_PROPERTY);
        System.clearProperty(Logging.LEVEL_PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Logging.LEVEL_PROPERTY);
        } else {
            System.setProperty(Logging.LEVEL_PROPERTY, saved);
        }
    }

    @Test
    void onceBeforeTheSubcommandMeansInfo() {
        run("--verbose", "help");
        assertEquals("info", System.getProperty(Logging.LEVEL_PROPERTY));
    }

    @Test
    void twiceAfterTheSubcommandMeansDebug() {
        run("help", "-vv");
        assertEquals("debug", System.getProperty(Logging.LEVEL_PROPERTY));
    }

    @Test
    void withoutItAnExplicitLevelStands() {
        System.setProperty(Logging.LEVEL_PROPERTY, "error");
        assertEquals("error", Logging.verbosity(0));
        assertEquals("info", Logging.verbosity(1));
    }

    private static void run(String... args) {
        Nn4jCommand.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
