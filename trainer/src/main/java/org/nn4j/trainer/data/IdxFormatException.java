package org.nn4j.trainer.data;

import java.io.IOException;

/** An IDX file is corrupt or not one nn4j reads; the message names the file and the fault. */
public final class IdxFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file and what is wrong with it
     */
    public IdxFormatException(String message) {
        super(message);
    }
}
