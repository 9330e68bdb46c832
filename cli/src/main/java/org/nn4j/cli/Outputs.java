package org.nn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Checks an output target ({@code --save}, {@code --plot}) before any work, so that a long run
 * never dies at its end for a reason known at its start, and nothing but a regular file is
 * ever replaced.
 *
 * <p>A target must be a new name in an existing, writable directory, or an existing regular,
 * writable file. A symbolic link is refused rather than followed: the file is replaced
 * atomically by a rename, which would replace the link itself, and following it would let a
 * link decide where nn4j writes. Device nodes ({@code /dev/null}), FIFOs, sockets and
 * directories are refused: replacing them with a regular file destroys them.
 *
 * <p>A refused {@code --save} exits with {@link Nn4jCommand#UNREADABLE_MODEL} (the model file
 * cannot be written), a refused {@code --plot} with {@link Nn4jCommand#OUTPUT_FAILED}: the
 * statuses the same failures give when they happen after training.
 */
final class Outputs {

    /** Writes a model file: {@code ModelFile.save} of what a command trained. */
    interface ModelWrite {
        /**
         * Writes the file.
         *
         * @throws IOException if it cannot be written
         */
        void write() throws IOException;
    }

    /**
     * Writes the model to {@code --save}; when it cannot, says why on standard error.
     *
     * @param save  the {@code --save} file, for the message
     * @param err   standard error
     * @param write the write
     * @return true if written, false (said on {@code err}) if not
     */
    static boolean saveModel(Path save, PrintWriter err, ModelWrite write) {
        try {
            write.write();
            return true;
        } catch (IOException e) {
            err.println("nn4j: cannot save the model to " + save + ": "
                    + Terminal.safe(Checks.describe(e)));
            return false;
        }
    }

    /** A target that cannot be written; carries the exit status of its option. */
    static final class TargetException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int status;

        TargetException(String message, int status) {
            super(message);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** The longest file name most file systems take, in bytes. */
    static final int MAX_NAME_BYTES = 255;

    private Outputs() {
    }

    /**
     * Checks a target.
     *
     * @param file   the target as given
     * @param option the option that gave it, for the message, such as {@code --save}
     * @throws IllegalArgumentException naming the option, the file and what is wrong
     */
    static void check(Path file, String option) {
        boolean model = option.equals("--save");
        String where = (model ? "cannot save the model to " : option.equals("--plot")
                ? "cannot write the plot to " : "cannot write the output to ") + file
                + " (" + option + "): ";
        try {
            checkTarget(file, option, where);
        } catch (IllegalArgumentException e) {
            throw new TargetException(e.getMessage(), model ? Nn4jCommand.UNREADABLE_MODEL
                    : Nn4jCommand.OUTPUT_FAILED);
        }
    }

    private static void checkTarget(Path file, String option, String where) {
        Path target = file.toAbsolutePath();
        Path name = target.getFileName();
        if (name == null || file.toString().endsWith("/")) {
            throw new IllegalArgumentException(where + "it names a directory, not a file; give a file"
                    + " name such as " + (option.equals("--plot") ? "curves.png" : "model.npz"));
        }
        int bytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException(where + "the file name is " + bytes + " bytes long,"
                    + " more than the " + MAX_NAME_BYTES + " a file system takes");
        }
        if (Files.isSymbolicLink(target)) {
            throw new IllegalArgumentException(where + "it is a symbolic link; nn4j replaces the file"
                    + " whole and would replace the link, so it refuses: give the file it points"
                    + " to (realpath)");
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(where + "it is a directory; give a file name in it");
            }
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(where + "it is not a regular file (a device, FIFO"
                        + " or socket); nn4j writes regular files only and will not replace it");
            }
            if (!Files.isWritable(target)) {
                throw new IllegalArgumentException(where + "the file exists and is read-only"
                        + " (permission denied)");
            }
        }
        Path dir = target.getParent();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(where + (Files.exists(dir)
                    ? "the directory " + dir + " is not a directory"
                    : "the directory " + dir + " does not exist"));
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException(where + "cannot write in the directory " + dir
                    + " (permission denied)");
        }
    }

    /**
     * Checks that two targets are not the same file.
     *
     * @throws IllegalArgumentException naming both options
     */
    static void distinct(Path a, String optionA, Path b, String optionB) {
        if (a != null && b != null && a.toAbsolutePath().normalize().equals(
                b.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException(optionA + " and " + optionB + " name the same file, "
                    + a + "; one would overwrite the other");
        }
    }
}
