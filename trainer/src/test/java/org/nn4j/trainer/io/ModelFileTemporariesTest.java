package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Initialization;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;

/**
 * Where a save writes and what it leaves (issue 16): only regular files are replaced, a file's
 * mode survives, temporaries stay within a file name's 255 bytes, are removed when the JVM is
 * stopped by a signal, and are cleaned up by the next save after a kill nothing survives.
 */
class ModelFileTemporariesTest {

    static SavedModel model(int rows) {
        ModelSpec arch = new ModelSpec(rows, List.of(LayerSpec.dense(3)),
                ModelSpec.MEAN_SQUARED_ERROR);
        return new SavedModel(arch, new Provenance("ejml", 1, "test", Map.of(), "x",
                Instant.EPOCH), List.of(new double[rows * 3], new double[3]));
    }

    static List<String> temporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(Temporaries.SUFFIX) || n.endsWith(".tmp")).sorted().toList();
        }
    }

    @Test
    void onlyRegularFilesAreReplaced(@TempDir Path dir) throws Exception {
        // As root, a device of the test's own: a regression must not replace /dev/null.
        Path nullDevice = Path.of("/dev/null");
        if ("root".equals(System.getProperty("user.name"))) {
            nullDevice = dir.resolve("null");
            assumeTrue(new ProcessBuilder("mknod", "-m", "666", nullDevice.toString(), "c", "1",
                    "3").start().waitFor() == 0, "mknod");
        }
        Path target = nullDevice;
        IOException device = assertThrows(IOException.class,
                () -> ModelFile.save(model(2), target));
        assertEquals(target + " is not a regular file (a directory, device, FIFO or socket); a"
                + " save replaces regular files only", device.getMessage());
        assertFalse(Files.isRegularFile(target));
        IOException root = assertThrows(IOException.class, () -> ModelFile.save(model(2), Path.of("/")));
        assertEquals("/ names no file; give a file name such as model.npz", root.getMessage());
        Path real = Files.writeString(dir.resolve("real.npz"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.npz"), real);
        assertThrows(IOException.class, () -> ModelFile.save(model(2), link));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", Files.readString(real));
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void aReplacedFileKeepsItsMode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.npz");
        ModelFile.save(model(2), file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        ModelFile.save(model(2), file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        ModelFile.save(model(2), file);
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void temporariesOfLongNamesStayWithin255Bytes(@TempDir Path dir) throws Exception {
        for (String name : new String[] {"m".repeat(245) + ".npz", "é".repeat(125) + ".npz"}) {
            Path temp = Temporaries.create(dir, name);
            try {
                assertTrue(temp.getFileName().toString().getBytes(StandardCharsets.UTF_8).length <= 255,
                        temp.getFileName().toString());
            } finally {
                Files.delete(temp);
                Temporaries.forget(temp);
            }
            ModelFile.save(model(2), dir.resolve(name));
            assertTrue(Files.isRegularFile(dir.resolve(name)));
        }
        assertEquals(List.of(), temporaries(dir));
    }

    @Test
    void theNextSaveRemovesTemporariesOfItsTargetWhoseProcessIsGone(@TempDir Path dir)
            throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        long dead = done.pid();
        assumeTrue(ProcessHandle.of(dead).isEmpty(), "the pid is not reused yet");
        long alive = ProcessHandle.current().pid();
        Path stale = Files.createFile(dir.resolve(".model.npz." + dead + "-0badcafe.nn4j-tmp"));
        Path running = Files.createFile(dir.resolve(".model.npz." + alive + "-0badcafe.nn4j-tmp"));
        Path other = Files.createFile(dir.resolve(".other.npz." + dead + "-0badcafe.nn4j-tmp"));
        Path oldFormat = Files.createFile(dir.resolve(".model.npz.1f2e3d4c5b6a.tmp"));
        Files.setLastModifiedTime(oldFormat, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
        Path recentOldFormat = Files.createFile(dir.resolve(".model.npz.abc.tmp"));
        ModelFile.save(model(2), dir.resolve("model.npz"));
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(oldFormat));
        assertTrue(Files.exists(running), "a save in progress in a live process");
        assertTrue(Files.exists(other), "another target's");
        assertTrue(Files.exists(recentOldFormat), "an older nn4j's, less than an hour old");
    }

    @Test
    void initializationRefusesALayerLargerThanAnArray() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initialization.HE_NORMAL.weights(784, 3_000_000, new Rng(0)));
        assertEquals("a 784x3000000 layer has 2352000000 weights, more than a Java array holds"
                + " (2147483639)", e.getMessage());
    }

    /** SIGTERM (and SIGINT) run the JVM's shutdown hooks: the temporary is removed. */
    @Test
    void aSaveStoppedBySigtermLeavesNoTemporary(@TempDir Path dir) throws Exception {
        Process p = slowSave(dir);
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of(), temporaries(dir));
        assertFalse(Files.exists(dir.resolve("model.npz")));
    }

    /** SIGKILL runs nothing: the temporary stays until the next save of the same target. */
    @Test
    void aSaveKilledBySigkillIsCleanedUpByTheNextSave(@TempDir Path dir) throws Exception {
        Process p = slowSave(dir);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, temporaries(dir).size(), temporaries(dir).toString());
        ModelFile.save(model(2), dir.resolve("model.npz"));
        assertEquals(List.of(), temporaries(dir));
        assertTrue(Files.isRegularFile(dir.resolve("model.npz")));
    }

    /** Starts {@link SlowSave} in a new JVM and waits until its temporary exists. */
    private static Process slowSave(Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SlowSave.class.getName(), dir.resolve("model.npz").toString())
                .redirectErrorStream(true).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaries(dir).isEmpty()) {
            assertTrue(p.isAlive(), () -> "the save ended: " + output(p));
            assertTrue(System.nanoTime() < deadline, "no temporary after 60 s");
            Thread.sleep(10);
        }
        // The temporary exists and its writer is blocked in the stream hook.
        Thread.sleep(200);
        return p;
    }

    private static String output(Process p) {
        try {
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A save that writes a little and then waits forever, to be stopped from outside. */
    public static final class SlowSave {
        public static void main(String[] args) throws IOException {
            ModelFile.save(model(1000), Path.of(args[0]), out -> new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
    }
}
