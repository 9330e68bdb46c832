package org.nn4j.trainer.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files of {@link ModelFile#save}: named so that they are recognised, removed
 * when the JVM is stopped, and cleaned up by the next save after a kill that no code survives.
 *
 * <p>A save to {@code model.npz} writes {@code .model.npz.<pid>-<8 hex>.nn4j-tmp} in the same
 * directory (the target's name is cut so that the whole name stays within 255 bytes). A
 * shutdown hook deletes the temporaries of saves in progress when the JVM exits normally or on
 * SIGTERM, SIGINT or SIGHUP. After SIGKILL (or a power cut) nothing runs: the next save to the
 * same target deletes every temporary of that target whose process is gone, and those an older
 * nn4j left ({@code .model.npz.<hex>.tmp}) once they are an hour old.
 */
final class Temporaries {

    /** The longest file name in bytes most file systems accept. */
    static final int MAX_NAME_BYTES = 255;
    static final String SUFFIX = ".nn4j-tmp";
    /** {@code "." + name + "." + pid + "-" + 8 hex + SUFFIX}: room for a 10-digit pid. */
    private static final int MAX_PREFIX_BYTES = MAX_NAME_BYTES - 1 - 1 - 10 - 1 - 8 - SUFFIX.length();
    private static final Pattern OURS = Pattern.compile("\\.([0-9]{1,10})-[0-9a-f]{8}"
            + Pattern.quote(SUFFIX));
    private static final Pattern OLDER = Pattern.compile("\\.[0-9a-f]{1,16}\\.tmp");
    private static final Duration OLDER_AGE = Duration.ofHours(1);

    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private Temporaries() {
    }

    /** Creates a new temporary for the target {@code name} in {@code dir}. */
    static Path create(Path dir, String name) throws IOException {
        hook();
        String prefix = "." + cut(name) + "." + ProcessHandle.current().pid() + "-";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(prefix + String.format("%08x",
                    ThreadLocalRandom.current().nextInt()) + SUFFIX);
            IN_PROGRESS.add(temp);
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                IN_PROGRESS.remove(temp);
                if (attempt == 10) {
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                IN_PROGRESS.remove(temp);
                throw e;
            }
        }
    }

    /** The temporary is gone (moved over the target or deleted): the hook leaves it alone. */
    static void forget(Path temp) {
        IN_PROGRESS.remove(temp);
    }

    /**
     * Deletes the temporaries of target {@code name} left by processes that no longer run
     * (killed during a save), and those of an older nn4j once an hour old. Failures to list or
     * delete are ignored: cleaning up is not what the caller asked for.
     */
    static void removeStale(Path dir, String name) {
        String ours = "." + cut(name);
        String older = "." + name;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(ours))) {
            for (Path p : entries) {
                String file = p.getFileName().toString();
                Matcher m = OURS.matcher(file.substring(ours.length()));
                if (m.matches() && !running(Long.parseLong(m.group(1)))) {
                    Files.deleteIfExists(p);
                } else if (file.startsWith(older)
                        && OLDER.matcher(file.substring(older.length())).matches()
                        && Files.isRegularFile(p)
                        && Files.getLastModifiedTime(p).compareTo(FileTime.from(
                        Instant.now().minus(OLDER_AGE))) < 0) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // A directory that cannot be listed, or a file gone meanwhile: nothing to clean.
        }
    }

    private static boolean running(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** The target's name cut to at most {@link #MAX_PREFIX_BYTES} bytes of UTF-8, whole characters. */
    static String cut(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_PREFIX_BYTES) {
            return name;
        }
        int end = 0;
        int bytes = 0;
        while (end < name.length()) {
            int cp = name.codePointAt(end);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > MAX_PREFIX_BYTES) {
                break;
            }
            bytes += n;
            end += Character.charCount(cp);
        }
        return name.substring(0, end);
    }

    private static void hook() {
        if (hooked) {
            return;
        }
        synchronized (Temporaries.class) {
            if (hooked) {
                return;
            }
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(Temporaries::deleteAll,
                        "nn4j-model-temporaries"));
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the save's own cleanup still runs.
            }
            hooked = true;
        }
    }

    private static void deleteAll() {
        for (Path temp : IN_PROGRESS) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException | RuntimeException e) {
                // Shutting down: nothing more can be done about it.
            }
        }
    }
}
