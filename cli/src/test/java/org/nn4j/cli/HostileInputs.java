package org.nn4j.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The hostile-input suite (issue 16), run by {@code .ci/run} under {@code -Xmx256m}:
 * generates a corpus of hostile data files, model files, options and output targets in a
 * scratch directory, runs the real command line on each (most cases through
 * {@link Nn4jCommand#execute} in this JVM, which is what {@code main} runs; the cases that
 * need a real process, its standard output or a signal, as {@code java -Xmx256m} processes),
 * and checks for each: the exit status is in the documented set (and the one expected, where
 * one is), no Java stack trace on stderr, no file but the intended target changed, and a time
 * bound. Exit status 0 when every case passes; the failures are listed otherwise.
 *
 * <pre>java -Xmx256m -cp cli/target/test-classes:cli/target/nn4j-cli.jar org.nn4j.cli.HostileInputs</pre>
 */
public final class HostileInputs {

    /** Every exit status the command documents, but 8 (internal error: a bug, a failure here). */
    static final Set<Integer> DOCUMENTED = Set.of(0, 1, 2, 3, 5, 6, 7);
    static final long CASE_SECONDS = 60;

    private final Path root;
    private final Path sandbox;
    private final List<String> failures = new ArrayList<>();
    private int cases;

    private HostileInputs(Path root) throws IOException {
        this.root = root;
        this.sandbox = Files.createDirectories(root.resolve("sandbox"));
    }

    /**
     * Runs the suite.
     *
     * @param args an optional scratch directory (default: a new temporary one, deleted after)
     * @throws Exception if the corpus cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path root = args.length > 0 ? Files.createDirectories(Path.of(args[0]))
                : Files.createTempDirectory("nn4j-hostile");
        long started = System.nanoTime();
        HostileInputs suite = new HostileInputs(root);
        try {
            suite.run();
        } finally {
            if (args.length == 0) {
                delete(root);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("hostile inputs: %d cases, %d failed, %.1f s (heap %d MiB)%n",
                suite.cases, suite.failures.size(), seconds,
                Runtime.getRuntime().maxMemory() >> 20);
        suite.failures.forEach(f -> System.out.println("FAILED " + f));
        System.exit(suite.failures.isEmpty() ? 0 : 1);
    }

    private void run() throws Exception {
        Path data = root.resolve("data");
        Path tiny = HostileFiles.fashion(data.resolve("tiny"), 20, 10, false);
        Path lr = sandbox.resolve("lr.npz");
        expect("setup: a linear-regression model", Set.of(0), lr, "linear-regression", "--save",
                lr.toString());
        long t = System.nanoTime();
        dataCases(data, tiny);
        t = phase("data files", t);
        modelCases(root.resolve("models"), lr, tiny);
        t = phase("model files", t);
        optionCases(tiny);
        t = phase("options", t);
        outputCases(tiny);
        t = phase("output targets", t);
        processCases(tiny, lr);
        t = phase("processes", t);
        csvCases(root.resolve("csv"));
        phase("CSV tables", t);
    }

    private long phase(String name, long since) {
        long now = System.nanoTime();
        System.out.printf("== %s: %.1f s, %d cases so far%n", name, (now - since) / 1e9, cases);
        return now;
    }

    // --- data files ---

    private void dataCases(Path data, Path tiny) throws IOException {
        // A 0.8 MB gzip declaring and holding a million blank images (784 MB inflated).
        Path million = HostileFiles.fashion(data.resolve("million"), 1_000_000, 10, true);
        expect("1,000,000 images without --limit", Set.of(7), null, fashion(million));
        expect("1,000,000 images with --limit 200", Set.of(0, 1), null, fashion(million, "--limit", "200"));
        expect("declared 1,000,000 images, holding 100", Set.of(7), null,
                fashion(HostileFiles.fashion(data.resolve("liar"), 1_000_000, 100, 10, true)));
        expect("zero training images", Set.of(2), null,
                fashion(HostileFiles.fashion(data.resolve("empty"), 0, 10, false)));
        expect("zero test images", Set.of(2), null,
                fashion(HostileFiles.fashion(data.resolve("notest"), 20, 0, false)));
        Path held = HostileFiles.fashion(data.resolve("short"), 20, 19, 10, false);
        expect("images file shorter than declared", Set.of(2), null, fashion(held));
        Path gz = HostileFiles.fashion(data.resolve("gz"), 20, 20, 10, true, -1);
        byte[] whole = Files.readAllBytes(gz.resolve("train-images-idx3-ubyte.gz"));
        Random random = new Random(16);
        for (int cut : new int[] {1, 2, 5, 11, 20, whole.length / 3, whole.length / 2,
            whole.length - 9, whole.length - 4, whole.length - 1}) {
            Path dir = copyData(gz, data.resolve("cut" + cut));
            Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(whole, cut));
            expect("gzip images cut at byte " + cut, Set.of(2), null, fashion(dir));
        }
        for (int k = 0; k < 12; k++) {
            Path dir = copyData(gz, data.resolve("flip" + k));
            byte[] b = whole.clone();
            int at = 10 + random.nextInt(b.length - 10);
            b[at] ^= (byte) (1 + random.nextInt(255));
            Files.write(dir.resolve("train-images-idx3-ubyte.gz"), b);
            expect("gzip images with byte " + at + " changed", DOCUMENTED, null, fashion(dir));
        }
        Path trailing = copyData(tiny, data.resolve("trailing"));
        Files.write(trailing.resolve("train-images-idx3-ubyte"), new byte[] {1, 2, 3},
                java.nio.file.StandardOpenOption.APPEND);
        expect("trailing bytes", Set.of(2), null, fashion(trailing));
        int[][] headers = {{0, 0, 8, 3, 0, 0, 0, 20, 0, 0, 0, 27, 0, 0, 0, 28},
            {0, 0, 8, 0}, {0, 0, 8, 9}, {0, 0, 0x0d, 3}, {0x50, 0x4b, 3, 4},
            {0, 0, 8, 3, 0x7f, -1, -1, -1, 0x7f, -1, -1, -1, 0, 0, 0, 28},
            {0, 0, 8, 3, -1, -1, -1, -1, 0, 0, 0, 28, 0, 0, 0, 28}, {}, {0}};
        for (int k = 0; k < headers.length; k++) {
            Path dir = copyData(tiny, data.resolve("header" + k));
            byte[] b = new byte[headers[k].length];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) headers[k][i];
            }
            Files.write(dir.resolve("train-images-idx3-ubyte"), b);
            expect("IDX header " + Arrays.toString(headers[k]), Set.of(2), null, fashion(dir));
        }
        Path label = copyData(tiny, data.resolve("label"));
        HostileFiles.idx(label.resolve("train-labels-idx1-ubyte"), new int[] {20}, 20, 200, false);
        expect("label 200", Set.of(2), null, fashion(label));
        Path count = copyData(tiny, data.resolve("count"));
        HostileFiles.idx(count.resolve("train-labels-idx1-ubyte"), new int[] {19}, 19, 1, false);
        expect("19 labels for 20 images", Set.of(2), null, fashion(count));
        Path fifo = copyData(tiny, data.resolve("fifo"));
        Files.delete(fifo.resolve("train-images-idx3-ubyte"));
        if (mkfifo(fifo.resolve("train-images-idx3-ubyte"))) {
            expect("a FIFO as the images file", Set.of(2), null, fashion(fifo));
        }
        Path directory = copyData(tiny, data.resolve("directory"));
        Files.delete(directory.resolve("t10k-images-idx3-ubyte"));
        Files.createDirectory(directory.resolve("t10k-images-idx3-ubyte"));
        expect("a directory as the test images file", Set.of(2), null, fashion(directory));
        expect("a missing data directory", Set.of(2), null, fashion(data.resolve("nowhere")));
        expect("a file as the data directory", Set.of(2), null,
                fashion(tiny.resolve("train-images-idx3-ubyte")));
        Path devzero = copyData(tiny, data.resolve("devzero"));
        Files.delete(devzero.resolve("train-images-idx3-ubyte"));
        Files.createSymbolicLink(devzero.resolve("train-images-idx3-ubyte"), Path.of("/dev/zero"));
        expect("/dev/zero as the images file", Set.of(2), null, fashion(devzero));
        expect("evaluate with --limit 1 on the million", Set.of(5), null, "evaluate",
                "--model", sandbox.resolve("missing.npz").toString(), "--data", million.toString());
    }

    // --- CSV tables (nn4j train --csv, nn4j predict) ---

    private void csvCases(Path dir) throws IOException {
        Files.createDirectories(dir);
        String header = "a,b,label\n";
        String good = header + "1,2,x\n3,4,y\n5,6,x\n7,8,y\n";
        String[][] tables = {
            {"an empty file", "", "empty file"},
            {"a header only", header, "a header but no rows"},
            {"blank lines only", "\n\n\n", "empty file"},
            {"a ragged row", header + "1,2,x\n3,y\n", "line 3: 2 fields, but the header has 3"},
            {"a long row", header + "1,2,x\n3,4,y,5\n", "line 3: 4 fields"},
            {"a quoted newline", header + "1,2,x\n\"3\n\",4,y\n", "line 3, column 'a': a quoted line break"},
            {"an unclosed quote", header + "1,2,x\n\"3,4,y\n", "malformed CSV"},
            {"a huge field", header + "1,2,x\n" + "9".repeat(5000) + ",4,y\n", "line 3, column 'a': a field of 5000"},
            {"a non-numeric value", header + "1,2,x\n3,four,y\n", "line 3, column 'b': 'four' is not a number"},
            {"NaN", header + "1,2,x\nNaN,4,y\n", "line 3, column 'a': 'NaN' is not a finite number"},
            {"Infinity", header + "1,2,x\n3,-Infinity,y\n", "'-Infinity' is not a finite number"},
            {"1e999", header + "1,2,x\n1e999,4,y\n", "beyond the range of a double"},
            {"a missing value", header + "1,2,x\n3,,y\n", "line 3, column 'b': missing value"},
            {"a missing label", header + "1,2,x\n3,4,\n", "line 3, column 'label': missing label"},
            {"a duplicate column", "a,a,label\n1,2,x\n", "appears twice"},
            {"an unnamed column", "a,,label\n1,2,x\n", "column 2 has no name"},
            {"invalid UTF-8", header + "1,2,\u00ff\n", null},
            {"a single class", header + "1,2,x\n3,4,x\n", "a single class"},
            {"a label column only", "label\nx\ny\n", "no feature column"},
        };
        for (String[] table : tables) {
            Path file = dir.resolve(table[0].replace(' ', '-') + ".csv");
            byte[] bytes = table[0].equals("invalid UTF-8")
                    ? (header + "1,2,x\n3,4,").concat("\u0000").getBytes(StandardCharsets.ISO_8859_1)
                    : table[1].getBytes(StandardCharsets.UTF_8);
            if (table[0].equals("invalid UTF-8")) {
                bytes[bytes.length - 1] = (byte) 0xC3;
            }
            Files.write(file, bytes);
            Result r = expect("CSV: " + table[0], Set.of(2), null, "train", "--csv",
                    file.toString(), "--label", "label", "--epochs", "1", "--batch-size", "1");
            String wanted = table[2] == null ? "not valid UTF-8" : table[2];
            check(r == null || r.err().contains(wanted), "CSV: " + table[0] + ": the message does"
                    + " not say '" + wanted + "': " + (r == null ? "" : shorten(r.err())));
        }
        Path big = dir.resolve("big.csv");
        try (java.io.Writer w = Files.newBufferedWriter(big)) {
            w.write(header);
            for (int i = 0; i < 5_000_000; i++) {
                w.write("0,1,x\n");
            }
        }
        Result memory = expect("CSV: a 30 MB table under a 256 MiB heap", Set.of(7), null, "train",
                "--csv", big.toString(), "--label", "label");
        check(memory == null || memory.err().contains("would take about"), "CSV: a 30 MB table: "
                + (memory == null ? "" : shorten(memory.err())));
        try (java.io.Writer w = Files.newBufferedWriter(big, java.nio.file.StandardOpenOption.APPEND)) {
            for (int i = 0; i < 7_000_000; i++) {
                w.write("0,1,x\n");
            }
        }
        Result size = expect("CSV: a 72 MB table", Set.of(2), null, "train", "--csv",
                big.toString(), "--label", "label");
        check(size == null || size.err().contains("more than the limit of 67108864 bytes"),
                "CSV: a 72 MB table: " + (size == null ? "" : shorten(size.err())));
        Files.delete(big);
        Path ok = dir.resolve("good.csv");
        Files.writeString(ok, good);
        Result unknown = expect("CSV: an unknown label column", Set.of(2), null, "train", "--csv",
                ok.toString(), "--label", "nosuch", "--epochs", "1", "--batch-size", "1");
        check(unknown == null || unknown.err().contains("no column 'nosuch' (the label) in the"
                + " header; it has 'a', 'b', 'label'"), "CSV: an unknown label column: "
                + (unknown == null ? "" : shorten(unknown.err())));
        expect("CSV: a missing file", Set.of(2), null, "train", "--csv",
                dir.resolve("nowhere.csv").toString(), "--label", "label");
        expect("CSV: a directory", Set.of(2), null, "train", "--csv", dir.toString(),
                "--label", "label");
        expect("CSV: /dev/zero", Set.of(2), null, "train", "--csv", "/dev/zero", "--label", "label");
        expect("CSV: --task nonsense", Set.of(2), null, "train", "--csv", ok.toString(),
                "--label", "label", "--task", "nonsense");
        expect("CSV: regression on text labels", Set.of(2), null, "train", "--csv", ok.toString(),
                "--label", "label", "--task", "regression", "--batch-size", "1");
        Path model = sandbox.resolve("csv-model.npz");
        expect("CSV: train and save", Set.of(0), model, "train", "--csv", ok.toString(), "--label",
                "label", "--epochs", "2", "--batch-size", "1", "--hidden", "4", "--save",
                model.toString());
        Path missingFeature = dir.resolve("missing-feature.csv");
        Files.writeString(missingFeature, "a,label\n1,x\n");
        Result missing = expect("CSV: predict without a feature column", Set.of(2), null,
                "predict", "--model", model.toString(), "--csv", missingFeature.toString());
        check(missing == null || missing.err().contains("the feature column 'b' is not in the"
                + " header"), "CSV: predict without a feature column: "
                + (missing == null ? "" : shorten(missing.err())));
        Path existing = sandbox.resolve("predictions.csv");
        Files.writeString(existing, "keep me\n");
        expect("CSV: predict onto an existing file", Set.of(6), null, "predict", "--model",
                model.toString(), "--csv", ok.toString(), "--output", existing.toString());
        check(Files.readString(existing).equals("keep me\n"), "CSV: predict replaced an"
                + " existing --output without --force");
        expect("CSV: predict with --force", Set.of(0), existing, "predict", "--model",
                model.toString(), "--csv", ok.toString(), "--output", existing.toString(),
                "--force");
        expect("CSV: predict with a Fashion-MNIST-less model", Set.of(5), null, "predict",
                "--model", dir.resolve("nowhere.npz").toString(), "--csv", ok.toString());
        expect("CSV: predict onto the input", Set.of(2), null, "predict", "--model",
                model.toString(), "--csv", ok.toString(), "--output", ok.toString(), "--force");
    }

    // --- model files ---

    private void modelCases(Path models, Path lr, Path tiny) throws IOException {
        Files.createDirectories(models);
        byte[] good = Files.readAllBytes(lr);
        Random random = new Random(1616);
        for (int k = 0; k < 40; k++) {
            byte[] b = good.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                b[random.nextInt(b.length)] ^= (byte) (1 + random.nextInt(255));
            }
            Path file = Files.write(models.resolve("flip" + k + ".npz"), b);
            expect("model with " + flips + " bytes changed (" + k + ")", Set.of(0, 1, 5), null,
                    "evaluate", "--model", file.toString());
        }
        for (int cut : new int[] {0, 1, 4, 30, 100, good.length / 2, good.length - 23,
            good.length - 1}) {
            Path file = Files.write(models.resolve("cut" + cut + ".npz"), Arrays.copyOf(good, cut));
            expect("model cut at byte " + cut, Set.of(5), null, "evaluate", "--model", file.toString());
        }
        // 700 layers, 16.2 M zero parameters in 0.3 MB: within every loading cap.
        int[] deep = new int[700];
        Arrays.fill(deep, 152);
        deep[699] = 10;
        Path deepFile = HostileFiles.zerosModel(models.resolve("deep.npz"), HostileFiles.description(
                784, deep, null, "softmax-cross-entropy", "ejml", "fashion-mnist", "x"), 784, deep);
        expect("700 layers, 16.2 M zero parameters, deflated", Set.of(5, 7), null, "evaluate",
                "--model", deepFile.toString(), "--data", tiny.toString());
        expect("the same with --max-parameters 20000000", Set.of(7), null, "evaluate", "--model",
                deepFile.toString(), "--data", tiny.toString(), "--max-parameters", "20000000");
        for (long[] shape : new long[][] {{2, 2147483647}, {65537, 65537}, {2147483647, 2147483647}}) {
            Path file = HostileFiles.model(models.resolve("shape.npz"), HostileFiles.description(
                    (int) shape[0], new int[] {(int) shape[1]}, null, "mean-squared-error", "ejml",
                    "linear-regression", "x"), Map.of("dense0.weights.npy",
                    HostileFiles.npy(shape, -1)));
            expect("array of shape " + Arrays.toString(shape), Set.of(5), null, "evaluate",
                    "--model", file.toString(), "--max-parameters", "9000000000000000000");
        }
        String evil = "\\u001b[2J\\u001b]0;pwned\\u0007\\rPASS\\u009b";
        Path evilFile = HostileFiles.model(models.resolve("evil.npz"), HostileFiles.description(2,
                new int[] {3}, null, "mean-squared-error", evil, "linear-regression", evil),
                HostileFiles.zeros(2, new int[] {3}));
        Result text = expect("escape sequences in the provenance", Set.of(1), null, "evaluate",
                "--model", evilFile.toString());
        check(text != null && text.out.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == '\r'
                || c == 0x9b), "escape sequences in the provenance: printed raw");
        Result json = expect("escape sequences in the provenance, --json", Set.of(1), null,
                "evaluate", "--json", "--model", evilFile.toString());
        check(json != null && json.out.chars().noneMatch(c -> c == 0x1b || c == 0x9b),
                "escape sequences in the provenance: raw in JSON");
        Path entry = HostileFiles.model(models.resolve("entry.npz"), HostileFiles.description(2,
                new int[] {3}, null, "mean-squared-error", "ejml", "linear-regression", "x"),
                Map.of("\u001b]0;pwned\u0007.npy", new byte[8]));
        Result bad = expect("an escape sequence in an entry name", Set.of(5), null, "evaluate",
                "--model", entry.toString());
        check(bad != null && bad.err.indexOf('\u001b') < 0, "an entry name printed raw");
        Path bomb = models.resolve("bomb.npz");
        Map<String, byte[]> bombEntries = new LinkedHashMap<>();
        bombEntries.put("dense0.weights.npy", new byte[64 << 20]);
        HostileFiles.model(bomb, HostileFiles.description(2, new int[] {3}, null,
                "mean-squared-error", "ejml", "linear-regression", "x"), bombEntries);
        expect("a 64 MiB deflated entry for 6 values", Set.of(5), null, "evaluate", "--model",
                bomb.toString());
        Path fifo = models.resolve("fifo.npz");
        if (mkfifo(fifo)) {
            expect("a FIFO as the model", Set.of(5), null, "evaluate", "--model", fifo.toString());
        }
        expect("/dev/zero as the model", Set.of(5), null, "evaluate", "--model", "/dev/zero");
        expect("a directory as the model", Set.of(5), null, "evaluate", "--model", models.toString());
        expect("a missing model", Set.of(5), null, "evaluate", "--model",
                models.resolve("none.npz").toString());
        Path text2 = Files.writeString(models.resolve("text.npz"), "not a zip\n".repeat(1000));
        expect("a text file as the model", Set.of(5), null, "evaluate", "--model", text2.toString());
        expect("--data with a linear-regression model", Set.of(2), null, "evaluate", "--model",
                lr.toString(), "--data", tiny.toString());
        expect("--max-parameters 0", Set.of(2), null, "evaluate", "--model", lr.toString(),
                "--max-parameters", "0");
        expect("--max-parameters 1", Set.of(5), null, "evaluate", "--model", lr.toString(),
                "--max-parameters", "1");
        expect("evaluate --backend ''", Set.of(2), null, "evaluate", "--model", lr.toString(),
                "--backend", "");
        expect("evaluate --backend nope", Set.of(3), null, "evaluate", "--model", lr.toString(),
                "--backend", "nope");
    }

    // --- options ---

    private void optionCases(Path tiny) {
        String[][] refused = {
            {"--hidden", "3000000"}, {"--hidden", "1000000"}, {"--hidden", "1000,1000,1000,1000,1000000"},
        };
        for (String[] o : refused) {
            expect("fashion-mnist " + String.join(" ", o), Set.of(7), null, fashion(tiny, o));
        }
        String[][] usage = {
            {"--hidden", "0"}, {"--hidden", "-1"}, {"--hidden", "a,b"}, {"--hidden", ","},
            {"--hidden", "99999999999"}, {"--batch-size", "0"}, {"--batch-size", "2147483647"},
            {"--limit", "0"}, {"--limit", "-1"}, {"--limit", "2147483647"}, {"--lr", "NaN"},
            {"--lr", "Infinity"}, {"--lr", "-0"}, {"--lr", "1e400"}, {"--momentum", "1"},
            {"--momentum", "NaN"}, {"--lr-decay", "0"}, {"--lr-decay", "2"}, {"--lr-step", "0"},
            {"--epochs", "0"}, {"--epochs", "-5"}, {"--epochs", "1100", "--lr-decay", "0.5"},
            {"--min-accuracy", "2"}, {"--min-accuracy", "NaN"}, {"--activation", "gelu"},
            {"--optimizer", "lbfgs"}, {"--weight-decay", "0.1", "--optimizer", "adam"},
            {"--local-steps", "3"}, {"--spark", "local[1]"}, {"--backend", ""},
            {"--backend", " "}, {"--plot", "x.txt"}, {"--frobnicate"}, {"--seed", "1e3"},
        };
        for (String[] o : usage) {
            expect("fashion-mnist " + String.join(" ", o), Set.of(2), null, fashion(tiny, o));
        }
        expect("fashion-mnist --backend nope", Set.of(3), null, fashion(tiny, "--backend", "nope"));
        String[][] lr = {
            {"--lr", "-1"}, {"--lr", "0"}, {"--batch-size", "0"}, {"--batch-size", "501"},
            {"--target-loss", "0"}, {"--target-loss", "NaN"}, {"--max-steps", "0"},
            {"--max-steps", "-1"}, {"--print-every", "0"}, {"--backend", ""}, {"--seed", "x"},
        };
        for (String[] o : lr) {
            List<String> args = new ArrayList<>(List.of("linear-regression"));
            args.addAll(List.of(o));
            expect("linear-regression " + String.join(" ", o), Set.of(2), null,
                    args.toArray(String[]::new));
        }
        expect("linear-regression --lr 1.0 (diverges)", Set.of(1), null, "linear-regression",
                "--lr", "1.0", "--json");
        expect("linear-regression --max-steps 1", Set.of(1), null, "linear-regression",
                "--max-steps", "1");
        expect("backends", Set.of(0), null, "backends");
        expect("no arguments", Set.of(0), null);
        expect("an unknown command", Set.of(2), null, "frobnicate");
    }

    // --- output targets ---

    private void outputCases(Path tiny) throws IOException {
        Path out = Files.createDirectories(sandbox.resolve("out"));
        Path devices = Files.createDirectories(root.resolve("devices"));
        Path devNull = HostileFiles.device(devices, "null");
        Path devFull = HostileFiles.device(devices, "full");
        for (String target : new String[] {devNull.toString(), devFull.toString(), "/", out.toString(),
            out.resolve("missing/m.npz").toString(), out.resolve("x".repeat(256)).toString()}) {
            expect("--save " + shorten(target), Set.of(5), null, "linear-regression", "--save", target);
        }
        check(!Files.isRegularFile(devNull) && !Files.isRegularFile(devFull),
                "a device replaced by a regular file");
        Path fifo = out.resolve("fifo.npz");
        if (mkfifo(fifo)) {
            expect("--save onto a FIFO", Set.of(5), null, fashion(tiny, "--save", fifo.toString()));
            check(Files.exists(fifo) && !Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS),
                    "a FIFO replaced");
            Path fifoPlot = out.resolve("fifo.png");
            mkfifo(fifoPlot);
            expect("--plot onto a FIFO", Set.of(6), null, fashion(tiny, "--plot",
                    fifoPlot.toString()));
        }
        Path real = Files.writeString(out.resolve("real.npz"), "keep");
        Path link = Files.createSymbolicLink(out.resolve("link.npz"), real);
        expect("--save onto a symbolic link", Set.of(5), null, "linear-regression", "--save",
                link.toString());
        check(Files.isSymbolicLink(link), "a symbolic link replaced");
        Path dangling = Files.createSymbolicLink(out.resolve("dangling.npz"), out.resolve("nothing"));
        expect("--save onto a dangling link", Set.of(5), null, "linear-regression", "--save",
                dangling.toString());
        Path model = out.resolve("m.npz");
        expect("--plot into a missing directory with --save", Set.of(6), null, fashion(tiny,
                "--save", model.toString(), "--plot", out.resolve("none/c.png").toString()));
        check(!Files.exists(model), "--save written although --plot was refused");
        expect("--save and --plot the same file", Set.of(2), null, fashion(tiny, "--save",
                out.resolve("same.png").toString(), "--plot", out.resolve("same.png").toString()));
        Path longName = out.resolve("n".repeat(245) + ".npz");
        expect("a 249-character --save name", Set.of(0), longName, "linear-regression", "--save",
                longName.toString());
        Path privateModel = out.resolve("private.npz");
        expect("save", Set.of(0), privateModel, "linear-regression", "--save", privateModel.toString());
        Files.setPosixFilePermissions(privateModel, PosixFilePermissions.fromString("rw-------"));
        expect("re-save a 0600 file", Set.of(0), privateModel, "linear-regression", "--save",
                privateModel.toString());
        check(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateModel))
                .equals("rw-------"), "re-saving a 0600 file changed its mode");
        Path both = out.resolve("both.npz");
        Path plot = out.resolve("both.png");
        expectAll("--save and --plot", Set.of(0), List.of(both, plot), fashion(tiny, "--save", both.toString(),
                "--plot", plot.toString()));
        check(Files.isRegularFile(both) && Files.isRegularFile(plot), "--save and --plot not written");
        try (Stream<Path> left = Files.list(out)) {
            check(left.noneMatch(p -> p.getFileName().toString().endsWith(".nn4j-tmp")),
                    "a temporary file left behind");
        }
        for (String[] args : new String[][] {{"linear-regression", "--json"}, {"backends", "--json"},
            {"evaluate", "--json", "--model", sandbox.resolve("lr.npz").toString()},
            {"fashion-mnist", "--json", "--data", tiny.toString(), "--hidden", "4", "--epochs", "1",
                "--batch-size", "10"}}) {
            cases++;
            StringWriter err = new StringWriter();
            OutputStream full = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    throw new IOException("No space left on device");
                }
            };
            int status = Nn4jCommand.execute(args, new PrintWriter(full, true), new PrintWriter(err));
            check(status == Nn4jCommand.OUTPUT_FAILED, args[0] + " onto a failing stdout: status "
                    + status + " " + err);
        }
    }

    // --- real processes: standard output, signals, the heap ---

    private void processCases(Path tiny, Path lr) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        List<String> jvm = List.of(java, "-Xmx256m", "-cp", cp, Nn4jCommand.class.getName());
        for (String[] args : new String[][] {{"linear-regression", "--json"}, {"backends"},
            {"evaluate", "--model", lr.toString()}, {"fashion-mnist", "--json", "--data",
                tiny.toString(), "--hidden", "4", "--epochs", "1", "--batch-size", "10"}}) {
            for (String redirect : new String[] {">/dev/full", ">&-"}) {
                cases++;
                String line = quote(jvm) + " " + quote(List.of(args)) + " " + redirect;
                Process p = new ProcessBuilder("sh", "-c", line).redirectErrorStream(false).start();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = p.waitFor(CASE_SECONDS, TimeUnit.SECONDS);
                check(done && p.exitValue() == Nn4jCommand.OUTPUT_FAILED && !stackTrace(err),
                        String.join(" ", args) + " " + redirect + ": status "
                                + (done ? p.exitValue() : "timeout") + " " + err);
            }
        }
        Path million = root.resolve("data/million");
        cases++;
        List<String> run = new ArrayList<>(jvm);
        run.addAll(List.of("fashion-mnist", "--data", million.toString(), "--limit", "1000",
                "--hidden", "8", "--epochs", "1", "--json"));
        Process p = new ProcessBuilder(run).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        check(p.waitFor(CASE_SECONDS, TimeUnit.SECONDS) && Set.of(0, 1).contains(p.exitValue())
                && !stackTrace(err), "the million images with --limit 1000 in a 256 MiB process: " + err);
        // A save killed by SIGTERM and by SIGKILL: a model of 16 M parameters takes a while.
        Path killed = Files.createDirectories(sandbox.resolve("killed"));
        for (boolean forcibly : new boolean[] {false, true}) {
            cases++;
            List<String> save = new ArrayList<>(List.of(java, "-Xmx2g", "-cp", cp,
                    Nn4jCommand.class.getName(), "fashion-mnist", "--data", tiny.toString(),
                    "--hidden", "4000,1000", "--epochs", "1", "--batch-size", "20", "--json",
                    "--save", killed.resolve("model.npz").toString()));
            Process s = new ProcessBuilder(save).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CASE_SECONDS);
            // Until the temporary holds a megabyte: killed in the middle of writing.
            while (temporaryBytes(killed) < 1 << 20 && s.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            boolean caught = temporaries(killed) > 0;
            if (forcibly) {
                s.destroyForcibly();
            } else {
                s.destroy();
            }
            s.waitFor(CASE_SECONDS, TimeUnit.SECONDS);
            if (!caught) {
                check(false, "the save finished before it could be killed");
                continue;
            }
            if (!forcibly) {
                check(temporaries(killed) == 0, "SIGTERM during a save left a temporary file");
            } else {
                check(temporaries(killed) == 1, "SIGKILL during a save left "
                        + temporaries(killed) + " temporary files");
                List<Path> changed = new ArrayList<>(List.of(killed.resolve("model.npz")));
                try (Stream<Path> files = Files.list(killed)) {
                    files.forEach(changed::add);
                }
                expectAll("the next save after a SIGKILL", Set.of(0), changed,
                        "linear-regression", "--save", killed.resolve("model.npz").toString());
                check(temporaries(killed) == 0, "the next save left the killed save's temporary");
            }
        }
    }

    private static long temporaryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".nn4j-tmp"))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static int temporaries(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().endsWith(".nn4j-tmp")).count();
        }
    }

    // --- running one case ---

    record Result(int status, String out, String err) {
    }

    /**
     * Runs the command in this JVM and checks it; returns what it printed, or null if it
     * timed out.
     */
    private Result expect(String name, Set<Integer> statuses, Path target, String... args) {
        return expectAll(name, statuses, target == null ? List.of() : List.of(target), args);
    }

    private Result expectAll(String name, Set<Integer> statuses, List<Path> targets,
                             String... args) {
        cases++;
        Map<Path, String> before = snapshot();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "case");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        Future<Integer> status = runner.submit(() -> Nn4jCommand.execute(args,
                new PrintWriter(out), new PrintWriter(err)));
        int s;
        try {
            s = status.get(CASE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            failures.add(name + ": no exit within " + CASE_SECONDS + " s");
            runner.shutdownNow();
            return null;
        } catch (Exception e) {
            failures.add(name + ": " + e);
            return null;
        } finally {
            runner.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String e = err.toString();
        if (!DOCUMENTED.contains(s) || !statuses.contains(s)) {
            failures.add(name + ": exit status " + s + ", expected " + statuses + "; stderr: "
                    + shorten(e));
        }
        if (stackTrace(e)) {
            failures.add(name + ": a stack trace on stderr: " + shorten(e));
        }
        if (s == Nn4jCommand.USAGE && !out.toString().isEmpty() && args.length > 0
                && !e.contains("Usage:")) {
            failures.add(name + ": exit status 2 after printing on stdout: " + shorten(out.toString()));
        }
        Map<Path, String> after = snapshot();
        for (Path p : union(before.keySet(), after.keySet())) {
            if (!targets.contains(p) && !java.util.Objects.equals(before.get(p), after.get(p))) {
                failures.add(name + ": " + p + " changed (" + before.get(p) + " -> " + after.get(p) + ")");
            }
        }
        System.out.printf("%-60s %d  %5.2f s%n", shorten(name), s, seconds);
        return new Result(s, out.toString(), e);
    }

    private void check(boolean ok, String failure) {
        if (!ok) {
            failures.add(failure);
        }
    }

    static boolean stackTrace(String err) {
        return err.contains("\tat ") || err.matches("(?s).*\\b(java|javax|sun|jdk)\\.[a-z.]+\\.[A-Z]\\w*(Exception|Error)\\b.*");
    }

    /** Every file of the sandbox (and /dev/null) with its type, size, mode and time. */
    private Map<Path, String> snapshot() {
        Map<Path, String> files = new TreeMap<>(Comparator.comparing(Path::toString));
        try (Stream<Path> walk = Files.walk(sandbox)) {
            walk.forEach(p -> files.put(p, describe(p)));
        } catch (IOException | java.io.UncheckedIOException e) {
            files.put(sandbox, "unlistable: " + e);
        }
        files.put(Path.of("/dev/null"), describe(Path.of("/dev/null")));
        return files;
    }

    private static String describe(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            String type = a.isSymbolicLink() ? "link" : a.isDirectory() ? "dir" : a.isRegularFile()
                    ? "file" : "other";
            return type + " " + (a.isDirectory() ? "" : a.size() + " " + a.lastModifiedTime())
                    + (a.isSymbolicLink() ? "" : " " + PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)));
        } catch (IOException e) {
            return "gone";
        }
    }

    private static Set<Path> union(Set<Path> a, Set<Path> b) {
        Set<Path> all = new java.util.TreeSet<>(Comparator.comparing(Path::toString));
        all.addAll(a);
        all.addAll(b);
        return all;
    }

    private static String[] fashion(Path data, String... args) {
        List<String> all = new ArrayList<>(List.of("fashion-mnist", "--data", data.toString()));
        List<String> given = List.of(args);
        for (String[] option : new String[][] {{"--hidden", "4"}, {"--epochs", "1"},
            {"--batch-size", "10"}, {"--json", null}}) {
            if (!given.contains(option[0])) {
                all.add(option[0]);
                if (option[1] != null) {
                    all.add(option[1]);
                }
            }
        }
        all.addAll(given);
        return all.toArray(String[]::new);
    }

    private static Path copyData(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    private static boolean mkfifo(Path p) {
        try {
            return new ProcessBuilder("mkfifo", p.toString()).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String quote(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            sb.append(sb.length() == 0 ? "" : " ").append('\'').append(w.replace("'", "'\\''"))
                    .append('\'');
        }
        return sb.toString();
    }

    private static String shorten(String s) {
        String one = s.replace('\n', ' ');
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
