package org.nn4j.trainer.data;

import java.io.IOException;

/**
 * A CSV file cannot be read as a table of examples: its message names the file and, where
 * there is one, the line (1-based, the line the record starts on) and the column.
 */
public final class CsvFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, the line and column where known, and what is wrong
     */
    public CsvFormatException(String message) {
        super(message);
    }
}
