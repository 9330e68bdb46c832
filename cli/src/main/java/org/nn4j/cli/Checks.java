package org.nn4j.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The checks and messages the commands share: an option's range, named by the option, and
 * an I/O failure as a sentence rather than a class name or a bare path.
 */
final class Checks {

    private Checks() {
    }

    /** {@code --backend ""} is a mistake, not a request for the default. */
    static String backend(String name) {
        if (name != null && name.isBlank()) {
            throw new IllegalArgumentException("--backend needs a backend's name, got '" + name
                    + "'; 'nn4j backends' lists them (leave the option out for the default)");
        }
        return name;
    }

    static double positiveFinite(String option, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be positive and finite, got " + value);
        }
        return value;
    }

    static long positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
        return value;
    }

    /** An I/O failure as a sentence: the file and the reason, never a class name. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException a) {
            return a.getReason() != null ? a.getMessage() : a.getFile() + ": permission denied";
        }
        if (e instanceof NoSuchFileException n) {
            return n.getReason() != null ? n.getMessage() : n.getFile()
                    + ": no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() == null) {
            return f.getFile() + ": " + e.getClass().getSimpleName()
                    .replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
