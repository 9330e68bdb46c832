package org.nn4j.cli;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writers of hostile inputs: IDX files and model files, each exactly as asked, lies included. */
final class HostileFiles {

    private HostileFiles() {
    }

    /**
     * A character device to save onto, safely: as root (who could replace {@code /dev/null}
     * if the code under test regressed), a private copy of the null device (or of
     * {@code /dev/full}) made in {@code dir} with mknod; otherwise {@code /dev/null} or
     * {@code /dev/full} themselves, which only root can replace.
     *
     * @param dir  a scratch directory
     * @param name {@code "null"} or {@code "full"}
     */
    static Path device(Path dir, String name) {
        Path system = Path.of("/dev", name);
        if (!"root".equals(System.getProperty("user.name"))) {
            return system;
        }
        Path own = dir.resolve(name);
        try {
            String minor = name.equals("null") ? "3" : "7";
            if (new ProcessBuilder("mknod", "-m", "666", own.toString(), "c", "1", minor)
                    .start().waitFor() == 0) {
                return own;
            }
        } catch (IOException e) {
            // No mknod: refuse to risk the system's device.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("as root, a test saves onto a device of its own only,"
                + " and mknod failed in " + dir);
    }

    /**
     * An IDX file of unsigned bytes declaring {@code dims} and holding {@code present} bytes
     * of {@code fill} after its header (or, for a negative {@code fill}, bytes that vary as in
     * real images, so that gzip cannot shrink them to nothing), raw or gzip.
     */
    static Path idx(Path file, int[] dims, long present, int fill, boolean gzip) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             OutputStream os = gzip ? new GZIPOutputStream(raw, 1 << 16) : raw;
             DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {0, 0, 0x08, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) fill);
            if (fill < 0) {
                java.util.Random random = new java.util.Random(fill);
                random.nextBytes(chunk);
            }
            for (long left = present; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    /** A Fashion-MNIST directory: {@code train} and {@code test} images (declared and held), labels 0. */
    static Path fashion(Path dir, int train, int test, boolean gzip) throws IOException {
        return fashion(dir, train, train, test, gzip);
    }

    static Path fashion(Path dir, int trainDeclared, int trainHeld, int test, boolean gzip)
            throws IOException {
        return fashion(dir, trainDeclared, trainHeld, test, gzip, 0);
    }

    static Path fashion(Path dir, int trainDeclared, int trainHeld, int test, boolean gzip,
                        int fill) throws IOException {
        Files.createDirectories(dir);
        String gz = gzip ? ".gz" : "";
        idx(dir.resolve("train-images-idx3-ubyte" + gz), new int[] {trainDeclared, 28, 28},
                784L * trainHeld, fill, gzip);
        idx(dir.resolve("train-labels-idx1-ubyte" + gz), new int[] {trainDeclared}, trainHeld, 3,
                gzip);
        idx(dir.resolve("t10k-images-idx3-ubyte" + gz), new int[] {test, 28, 28}, 784L * test, 0,
                gzip);
        idx(dir.resolve("t10k-labels-idx1-ubyte" + gz), new int[] {test}, test, 3, gzip);
        return dir;
    }

    /** A {@code .npy} version 1.0 array of float64 zeros (or only its header, if {@code values} is -1). */
    static byte[] npy(long[] shape, long values) {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : i < shape.length - 1
                    ? ", " : "");
        }
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        byte[] h = header.getBytes(StandardCharsets.US_ASCII);
        long dataBytes = Math.max(0, values) * 8;
        byte[] out = new byte[(int) (10 + h.length + dataBytes)];
        out[0] = (byte) 0x93;
        System.arraycopy("NUMPY".getBytes(StandardCharsets.US_ASCII), 0, out, 1, 5);
        out[6] = 1;
        out[8] = (byte) h.length;
        out[9] = (byte) (h.length >> 8);
        System.arraycopy(h, 0, out, 10, h.length);
        return out;
    }

    /**
     * A model file's description, compact: dense layers of {@code units} after {@code input}
     * inputs, each followed by {@code activation} (null for none) but the last, with the
     * provenance strings given as raw JSON string contents (escapes allowed).
     */
    static String description(int input, int[] units, String activation, String loss,
                              String backend, String dataSet, String version) {
        StringBuilder layers = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        long in = input;
        for (int k = 0; k < units.length; k++) {
            if (k > 0) {
                layers.append(',');
                arrays.append(',');
            }
            layers.append("{\"type\":\"dense\",\"units\":").append(units[k]).append('}');
            if (activation != null && k < units.length - 1) {
                layers.append(",{\"type\":\"activation\",\"function\":\"").append(activation)
                        .append("\"}");
            }
            arrays.append("\"dense").append(k).append(".weights.npy\":[").append(in).append(',')
                    .append(units[k]).append("],\"dense").append(k).append(".bias.npy\":[")
                    .append(units[k]).append(']');
            in = units[k];
        }
        return "{\"format\":\"nn4j-model\",\"version\":1,\"architecture\":{\"input\":" + input
                + ",\"layers\":[" + layers + "],\"loss\":\"" + loss + "\"},\"arrays\":{"
                + arrays + "},\"provenance\":{\"backend\":\"" + backend + "\",\"seed\":0,"
                + "\"data_set\":\"" + dataSet + "\",\"hyperparameters\":{\"note\":\"" + backend
                + "\"},\"nn4j_version\":\"" + version + "\",\"created\":"
                + "\"2026-12-01T00:00:00Z\"}}";
    }

    /**
     * A model file of zeros for a description made by {@link #description}, written array by
     * array (deflated) without holding them: a small file for a large model.
     */
    static Path zerosModel(Path file, String description, int input, int[] units)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file)))) {
            zip.putNextEntry(new ZipEntry("model.json"));
            zip.write(description.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            long in = input;
            for (int k = 0; k < units.length; k++) {
                zip.putNextEntry(new ZipEntry("dense" + k + ".weights.npy"));
                zip.write(npy(new long[] {in, units[k]}, in * units[k]));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("dense" + k + ".bias.npy"));
                zip.write(npy(new long[] {units[k]}, units[k]));
                zip.closeEntry();
                in = units[k];
            }
        }
        return file;
    }

    /** A model file: the description, then the entries in order, deflated. */
    static Path model(Path file, String description, Map<String, byte[]> entries)
            throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(
                Files.newOutputStream(file)))) {
            Map<String, byte[]> all = new LinkedHashMap<>();
            all.put("model.json", description.getBytes(StandardCharsets.UTF_8));
            all.putAll(entries);
            for (Map.Entry<String, byte[]> e : all.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** Zero-valued arrays for every dense layer of a description made by {@link #description}. */
    static Map<String, byte[]> zeros(int input, int[] units) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        long in = input;
        for (int k = 0; k < units.length; k++) {
            entries.put("dense" + k + ".weights.npy", npy(new long[] {in, units[k]}, in * units[k]));
            entries.put("dense" + k + ".bias.npy", npy(new long[] {units[k]}, units[k]));
            in = units[k];
        }
        return entries;
    }
}
