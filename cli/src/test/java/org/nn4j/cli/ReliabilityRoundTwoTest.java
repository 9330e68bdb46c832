package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4jCommandTest.Run;

/**
 * What an outside red team broke (issue 16), each case as a script sees it: exit status,
 * stderr, stdout, and the files left behind.
 */
class ReliabilityRoundTwoTest {

    @TempDir
    static Path tiny;

    @BeforeAll
    static void writeTinyData() throws IOException {
        HostileFiles.fashion(tiny, 20, 10, false);
    }

    /** fashion-mnist on {@code data}, small unless the arguments say otherwise. */
    private static Run fashion(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("fashion-mnist", "--data", data.toString()));
        List<String> given = List.of(args);
        for (String[] option : new String[][] {{"--hidden", "4"}, {"--epochs", "1"},
            {"--batch-size", "10"}}) {
            if (!given.contains(option[0])) {
                all.addAll(List.of(option));
            }
        }
        all.addAll(given);
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    private static void assertRefused(int status, String err, Run r) {
        assertEquals(status, r.status(), r.err());
        assertEquals("", r.out());
        assertEquals("nn4j: " + err + "\n", r.err());
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), r.err());
    }

    // --- data loss ---

    @Test
    void saveRefusesDevicesFifosSymlinksAndDirectoriesBeforeTraining(@TempDir Path dir)
            throws Exception {
        int five = Nn4jCommand.UNREADABLE_MODEL;
        Path device = HostileFiles.device(dir, "null");
        assertRefused(five, "cannot save the model to " + device + " (--save): it is not a regular"
                + " file (a device, FIFO or socket); nn4j writes regular files only and will not"
                + " replace it", Nn4jCommandTest.run("linear-regression", "--save",
                device.toString()));
        assertFalse(Files.isRegularFile(device));
        Path fifo = dir.resolve("fifo.npz");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        Run r = fashion(tiny, "--save", fifo.toString());
        assertEquals(five, r.status(), r.err());
        assertEquals("", r.out());
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS));
        assertTrue(new ProcessBuilder("mkfifo", dir.resolve("p.png").toString()).start().waitFor() == 0);
        assertRefused(Nn4jCommand.OUTPUT_FAILED, "cannot write the plot to " + dir.resolve("p.png")
                + " (--plot): it is not a regular file (a device, FIFO or socket); nn4j writes"
                + " regular files only and will not replace it", fashion(tiny, "--plot",
                dir.resolve("p.png").toString()));

        Path real = Files.writeString(dir.resolve("real.npz"), "keep");
        Path link = Files.createSymbolicLink(dir.resolve("link.npz"), real);
        assertRefused(five, "cannot save the model to " + link + " (--save): it is a symbolic"
                + " link; nn4j replaces the file whole and would replace the link, so it refuses:"
                + " give the file it points to (realpath)", Nn4jCommandTest.run("linear-regression",
                "--save", link.toString()));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("keep", Files.readString(real));

        assertRefused(five, "cannot save the model to / (--save): it names a directory, not a"
                + " file; give a file name such as model.npz", Nn4jCommandTest.run(
                "linear-regression", "--save", "/"));
        assertRefused(five, "cannot save the model to " + dir + " (--save): it is a directory;"
                + " give a file name in it", Nn4jCommandTest.run("linear-regression", "--save",
                dir.toString()));
    }

    @Test
    void reSavingKeepsTheFilesMode(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("private.npz");
        Run first = Nn4jCommandTest.run("linear-regression", "--json", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, first.status(), first.err());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Run again = Nn4jCommandTest.run("linear-regression", "--json", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, again.status(), again.err());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)));
    }

    @Test
    void aPlotIntoAMissingDirectoryIsRefusedBeforeTrainingAndNothingIsWritten(@TempDir Path dir) {
        Path model = dir.resolve("m.npz");
        Path plot = dir.resolve("missing").resolve("curves.png");
        assertRefused(Nn4jCommand.OUTPUT_FAILED, "cannot write the plot to " + plot + " (--plot):"
                + " the directory " + plot.getParent() + " does not exist", fashion(tiny,
                "--save", model.toString(), "--plot", plot.toString()));
        assertFalse(Files.exists(model));
        assertRefused(Nn4jCommand.UNREADABLE_MODEL, "cannot save the model to "
                + dir.resolve("no/m.npz") + " (--save): the directory " + dir.resolve("no")
                + " does not exist", fashion(tiny, "--save", dir.resolve("no/m.npz").toString()));
    }

    @Test
    void aFailingStandardOutputExitsSixOnEveryCommand() throws Exception {
        Path model = Files.createTempFile("lr", ".npz");
        try {
            assertEquals(Nn4jCommand.OK, Nn4jCommandTest.run("linear-regression", "--save",
                    model.toString()).status());
            String[][] commands = {
                {"linear-regression", "--json"},
                {"linear-regression"},
                {"backends", "--json"},
                {"backends"},
                {"evaluate", "--json", "--model", model.toString()},
                {"evaluate", "--model", model.toString()},
                {"fashion-mnist", "--json", "--data", tiny.toString(), "--hidden", "4", "--epochs",
                    "1", "--batch-size", "10"},
                {"fashion-mnist", "--data", tiny.toString(), "--hidden", "4", "--epochs", "1",
                    "--batch-size", "10"},
            };
            for (String[] args : commands) {
                StringWriter err = new StringWriter();
                OutputStream full = new OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("No space left on device");
                    }
                };
                int status = Nn4jCommand.execute(args, new PrintWriter(full, true),
                        new PrintWriter(err));
                assertEquals(Nn4jCommand.OUTPUT_FAILED, status, String.join(" ", args) + ": " + err);
                assertTrue(err.toString().endsWith("nn4j: cannot write the results to standard"
                        + " output (it is closed, or its disk is full); exit status 6\n"), err.toString());
            }
        } finally {
            Files.deleteIfExists(model);
        }
    }

    // --- memory ---

    @Test
    void anIdxFileDeclaringMoreImagesThanTheHeapHoldsIsRefusedNamingLimit(@TempDir Path dir)
            throws Exception {
        // 1,000,000 declared images would take 7.5 GB of heap; the file holds only 100.
        assumeTrue(Runtime.getRuntime().maxMemory() < 7L << 30, "a heap smaller than 7 GiB");
        HostileFiles.fashion(dir, 1_000_000, 100, 10, true);
        Run r = fashion(dir);
        assertEquals(Nn4jCommand.OUT_OF_MEMORY, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("nn4j: 1,000,000 training and 10 test images of " + dir
                + ", with the network, would take about "), r.err());
        assertTrue(r.err().contains("; use --limit "), r.err());
        // --limit bounds what is read: the 100 images present are enough.
        Run limited = fashion(dir, "--limit", "100", "--json");
        assertEquals(Nn4jCommand.OK, limited.status(), limited.err());
        assertEquals(100, limited.json().get("train_examples").asInt());
    }

    @Test
    void aHiddenLayerLargerThanTheHeapIsRefusedNamingHidden() {
        assumeTrue(Runtime.getRuntime().maxMemory() < 40L << 30, "a heap smaller than 40 GiB");
        for (String hidden : new String[] {"1000000", "3000000"}) {
            Run r = fashion(tiny, "--hidden", hidden);
            assertEquals(Nn4jCommand.OUT_OF_MEMORY, r.status(), r.err());
            assertEquals("", r.out());
            assertTrue(r.err().startsWith("nn4j: the network [784, " + hidden + ", 10] ("), r.err());
            assertTrue(r.err().contains("use smaller --hidden sizes"), r.err());
        }
    }

    @Test
    void aModelFileLargerThanTheHeapIsRefusedBeforeItsArraysAreRead(@TempDir Path dir)
            throws Exception {
        // 700 layers of 152 units: 16.2 M parameters. Only the description is written.
        int[] units = new int[700];
        java.util.Arrays.fill(units, 152);
        units[699] = 10;
        Path file = HostileFiles.model(dir.resolve("deep.npz"), HostileFiles.description(784,
                units, null, "softmax-cross-entropy", "ejml", "fashion-mnist", "x"), Map.of());
        Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--data",
                tiny.toString(), "--max-parameters", "100000000000");
        // Either refused by the estimate, or the arrays are found missing: never loaded whole.
        assertTrue(r.status() == Nn4jCommand.OUT_OF_MEMORY || r.status()
                == Nn4jCommand.UNREADABLE_MODEL, r.err());
        assertNoStackTrace(r);
    }

    @Test
    void anOutOfMemoryErrorHasItsOwnStatusAndASentence() {
        StringWriter err = new StringWriter();
        int status = Nn4jCommand.failure(new OutOfMemoryError("Java heap space"),
                new PrintWriter(err, true));
        assertEquals(Nn4jCommand.OUT_OF_MEMORY, status);
        assertTrue(err.toString().startsWith("nn4j: out of memory (Java heap space): the Java heap"
                + " of "), err.toString());
        assertFalse(err.toString().contains("\tat "));
    }

    // --- stack traces ---

    @Test
    void arraysLargerThanAJavaArrayAreRefusedWithASentence(@TempDir Path dir) throws Exception {
        for (int[] shape : new int[][] {{2, 2147483647}, {65537, 65537}}) {
            Path file = HostileFiles.model(dir.resolve("big.npz"), HostileFiles.description(
                    shape[0], new int[] {shape[1]}, null, "mean-squared-error", "ejml",
                    "linear-regression", "x"), Map.of("dense0.weights.npy", HostileFiles.npy(
                    new long[] {shape[0], shape[1]}, -1)));
            Run r = Nn4jCommandTest.run("evaluate", "--model", file.toString(),
                    "--max-parameters", "10000000000");
            assertEquals(Nn4jCommand.UNREADABLE_MODEL, r.status(), r.err());
            assertTrue(r.err().contains("array dense0.weights of shape (" + shape[0] + ", "
                    + shape[1] + ") has " + (long) shape[0] * shape[1] + " elements, more than a"
                    + " Java array holds (2147483639)"), r.err());
            assertNoStackTrace(r);
        }
    }

    // --- security and hangs ---

    @Test
    void stringsFromAModelFileCannotDriveTheTerminal(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("lr.npz");
        assertEquals(Nn4jCommand.OK, Nn4jCommandTest.run("linear-regression", "--save",
                saved.toString()).status());
        // The same arrays, with escape sequences in the provenance's strings.
        Map<String, byte[]> arrays = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(saved.toFile())) {
            for (String name : List.of("dense0.weights.npy", "dense0.bias.npy")) {
                arrays.put(name, zip.getInputStream(zip.getEntry(name)).readAllBytes());
            }
        }
        String evil = "\\u001b[2J\\u001b]0;pwned\\u0007\\rPASS\\u009b31m\\u202e";
        Path file = HostileFiles.model(dir.resolve("evil.npz"), HostileFiles.description(2,
                new int[] {3}, null, "mean-squared-error", evil, "linear-regression", evil), arrays);
        Run text = Nn4jCommandTest.run("evaluate", "--model", file.toString());
        assertEquals(Nn4jCommand.OK, text.status(), text.err());
        for (char c : new char[] {'\u001b', '\u0007', '\r', '\u009b', '\u202e'}) {
            assertFalse(text.out().indexOf(c) >= 0, "U+" + Integer.toHexString(c) + " in " + text.out());
        }
        assertTrue(text.out().contains("Trained on backend \\u001b[2J\\u001b]0;pwned\\u0007\\u000dPASS"),
                text.out());
        Run json = Nn4jCommandTest.run("evaluate", "--model", file.toString(), "--json");
        assertEquals(Nn4jCommand.OK, json.status(), json.err());
        for (char c : new char[] {'\u001b', '\u0007', '\r', '\u009b', '\u202e', '\u007f'}) {
            assertFalse(json.out().indexOf(c) >= 0, "U+" + Integer.toHexString(c));
        }
        assertEquals("\u001b[2J\u001b]0;pwned\u0007\rPASS\u009b31m\u202e",
                json.json().get("provenance").get("backend").asText());

        // An entry name with an escape sequence, in an error message.
        Path entry = HostileFiles.model(dir.resolve("entry.npz"), HostileFiles.description(2,
                new int[] {3}, null, "mean-squared-error", "ejml", "linear-regression", "x"),
                Map.of("\u001b[2Jevil.npy", new byte[8]));
        Run bad = Nn4jCommandTest.run("evaluate", "--model", entry.toString());
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, bad.status(), bad.err());
        assertFalse(bad.err().indexOf('\u001b') >= 0, bad.err());
        assertTrue(bad.err().contains("unexpected entry '\\u001b[2Jevil.npy'"), bad.err());
    }

    @Test
    void evaluateRefusesAFifoWithoutOpeningIt(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("model.npz");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0);
        Run r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Nn4jCommandTest.run(
                "evaluate", "--model", fifo.toString()));
        assertRefused(Nn4jCommand.UNREADABLE_MODEL, "cannot load model file " + fifo + ": " + fifo
                + ": not a regular file (a directory, device or FIFO); a model file is read from a"
                + " regular file only", r);
    }

    // --- messages ---

    @Test
    void aTruncatedOrCorruptGzipIsNamedAsSuch(@TempDir Path dir) throws Exception {
        HostileFiles.fashion(dir, 20, 20, 10, true, -1);
        Path images = dir.resolve("train-images-idx3-ubyte.gz");
        byte[] whole = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(whole, whole.length - 30));
        Run cut = fashion(dir);
        assertEquals(Nn4jCommand.USAGE, cut.status(), cut.err());
        assertTrue(cut.err().startsWith("nn4j: " + images + ": truncated gzip data: the header"
                + " declares 15680 elements, the data end after "), cut.err());
        // A byte of the deflate stream changed.
        byte[] corrupt = whole.clone();
        corrupt[whole.length / 2] ^= 0x55;
        Files.write(images, corrupt);
        Run bad = fashion(dir);
        assertEquals(Nn4jCommand.USAGE, bad.status(), bad.err());
        assertTrue(bad.err().startsWith("nn4j: " + images + ": corrupt gzip data")
                || bad.err().contains("inflate to more than"), bad.err());
        assertFalse(bad.err().contains("trailing bytes after"), bad.err());
        // Deflate data longer than declared, with the CRC of the declared part: corrupt, and
        // no longer reported as "trailing bytes".
        byte[] raw = Files.readAllBytes(HostileFiles.idx(dir.resolve("raw"), new int[] {20, 28, 28},
                20 * 784, 7, false));
        byte[] longer = java.util.Arrays.copyOf(raw, raw.length + 1000);
        byte[] gz = gzip(longer);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(raw);
        java.nio.ByteBuffer.wrap(gz, gz.length - 8, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putInt((int) crc.getValue());
        Files.write(images, gz);
        assertRefused(Nn4jCommand.USAGE, images + ": corrupt gzip data: it inflates to more than"
                + " the 15680 declared elements and fails its CRC check", fashion(dir));
    }

    @Test
    void permissionErrorsSaySo() {
        assertEquals("/x/model.npz: permission denied",
                Checks.describe(new AccessDeniedException("/x/model.npz")));
        assertEquals("/x: no such file or directory",
                Checks.describe(new java.nio.file.NoSuchFileException("/x")));
    }

    @Test
    void unreadableDataFilesSayPermissionDeniedWhenNotRoot(@TempDir Path dir) throws Exception {
        assumeTrue(!"root".equals(System.getProperty("user.name")), "root reads every file");
        HostileFiles.fashion(dir, 20, 10, false);
        Path images = dir.resolve("train-images-idx3-ubyte");
        Files.setPosixFilePermissions(images, PosixFilePermissions.fromString("-w-------"));
        assertRefused(Nn4jCommand.USAGE, images + ": cannot read it: permission denied",
                fashion(dir));
    }

    @Test
    void zeroTrainingImagesAreNamed(@TempDir Path dir) throws Exception {
        HostileFiles.fashion(dir, 0, 10, false);
        assertRefused(Nn4jCommand.USAGE, "the training set in " + dir + " holds no images (its"
                + " train-images file declares 0); nothing to train on", fashion(dir));
    }

    @Test
    void rangeErrorsNameTheOption() {
        assertRefused(Nn4jCommand.USAGE, "--lr must be positive and finite, got -1.0",
                Nn4jCommandTest.run("linear-regression", "--lr", "-1"));
        assertRefused(Nn4jCommand.USAGE, "--batch-size must be positive, got 0",
                Nn4jCommandTest.run("linear-regression", "--batch-size", "0"));
        assertRefused(Nn4jCommand.USAGE, "--target-loss must be positive and finite, got NaN",
                Nn4jCommandTest.run("linear-regression", "--target-loss", "NaN"));
        assertRefused(Nn4jCommand.USAGE, "--max-steps must be positive, got 0",
                Nn4jCommandTest.run("linear-regression", "--max-steps", "0"));
        assertRefused(Nn4jCommand.USAGE, "--lr must be positive and finite, got 0.0",
                fashion(tiny, "--lr", "0"));
        for (String mu : new String[] {"0", "1", "1.5", "-0.1", "NaN"}) {
            for (String optimizer : new String[] {"momentum", "sgd"}) {
                assertRefused(Nn4jCommand.USAGE, "--momentum must be in (0, 1), got "
                        + Double.parseDouble(mu), fashion(tiny, "--optimizer", optimizer,
                        "--momentum", mu));
            }
        }
    }

    @Test
    void anEmptyBackendNameIsRefused() {
        String err = "--backend needs a backend's name, got ''; 'nn4j backends' lists them (leave"
                + " the option out for the default)";
        assertRefused(Nn4jCommand.USAGE, err, Nn4jCommandTest.run("linear-regression", "--backend", ""));
        assertRefused(Nn4jCommand.USAGE, err, fashion(tiny, "--backend", ""));
    }

    @Test
    void nothingIsPrintedBeforeALaterCheckExitsTwo() {
        // The schedule's rate underflows to 0 in epoch 1,076: found before the header.
        Run r = fashion(tiny, "--epochs", "1100", "--lr-decay", "0.5");
        assertEquals(Nn4jCommand.USAGE, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("nn4j: the learning-rate schedule"), r.err());
    }

    @Test
    void evaluateNamesMaxParametersForAModelNn4jSaved(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("wide.npz");
        Run trained = fashion(tiny, "--hidden", "100", "--save", model.toString(), "--json");
        assertEquals(Nn4jCommand.OK, trained.status(), trained.err());
        Run r = Nn4jCommandTest.run("evaluate", "--model", model.toString(), "--data",
                tiny.toString(), "--max-parameters", "1000");
        assertEquals(Nn4jCommand.UNREADABLE_MODEL, r.status(), r.err());
        assertTrue(r.err().startsWith("nn4j: cannot load model file " + model + ": it declares"
                + " 79,510 weights and biases (784 -> dense 100 -> relu -> dense 10 ->"
                + " softmax-cross-entropy), more than --max-parameters 1000, the limit that"
                + " bounds the memory a file can make nn4j use; if you trust the file,"
                + " --max-parameters 79510 loads it (about "), r.err());
        assertFalse(r.err().contains("ModelFile.load"), r.err());
        Run ok = Nn4jCommandTest.run("evaluate", "--model", model.toString(), "--data",
                tiny.toString(), "--max-parameters", "79510", "--json");
        assertEquals(Nn4jCommand.OK, ok.status(), ok.err());
    }

    @Test
    void evaluateRefusesOptionsThatDoNotApply(@TempDir Path dir) {
        Path model = dir.resolve("lr.npz");
        assertEquals(Nn4jCommand.OK, Nn4jCommandTest.run("linear-regression", "--save",
                model.toString()).status());
        for (String[] option : new String[][] {{"--data", "/tmp"}, {"--limit", "5"},
            {"--min-accuracy", "0.5"}}) {
            Run r = Nn4jCommandTest.run("evaluate", "--model", model.toString(), option[0],
                    option[1]);
            assertRefused(Nn4jCommand.USAGE, option[0] + " applies to Fashion-MNIST classifiers"
                    + " only; " + model + " is 2 -> dense 3 -> mean-squared-error (a"
                    + " linear-regression model is evaluated on the data its seed generates)", r);
        }
    }

    @Test
    void aValid249CharacterFileNameIsSaved(@TempDir Path dir) {
        Path file = dir.resolve("m".repeat(245) + ".npz");
        Run r = Nn4jCommandTest.run("linear-regression", "--json", "--save", file.toString());
        assertEquals(Nn4jCommand.OK, r.status(), r.err());
        assertTrue(Files.isRegularFile(file));
    }

    static byte[] gzip(byte[] raw) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(raw);
        }
        return bytes.toByteArray();
    }
}
