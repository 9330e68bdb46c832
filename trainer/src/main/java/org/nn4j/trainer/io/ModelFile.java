package org.nn4j.trainer.io;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nn4j.api.Backend;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;

/**
 * Saves and loads models in one backend-neutral file, numpy's {@code .npz} layout: a zip
 * archive whose first entry, {@value #DESCRIPTION_ENTRY}, describes the model (format
 * {@value #FORMAT_NAME} version {@value #FORMAT_VERSION}: architecture, array shapes,
 * provenance, and {@code "precision": "float32"} for a float32 model), followed by one
 * {@code .npy} array per parameter in C order, little-endian float64 ({@code '<f8'}) or, for a
 * float32 model, float32 ({@code '<f4'}): {@code dense0.weights.npy}, {@code dense0.bias.npy},
 * {@code dense1.weights.npy}, ... {@code numpy.load("model.npz")["dense0.weights"]} reads a
 * weight matrix, of dtype float64 or float32. A description without {@code "precision"} is
 * float64, as every file before float32 was.
 *
 * <p><b>Saving</b> writes a temporary file in the target's directory, forces it to disk and
 * moves it over the target atomically ({@code ATOMIC_MOVE}), so a save that fails or is
 * interrupted leaves the previous file as it was. Only a regular file is replaced (a device,
 * FIFO, directory or symbolic link is refused), and it keeps its permissions. The temporary
 * ({@code .model.npz.<pid>-<hex>.nn4j-tmp}, within 255 bytes for any valid target name) is
 * deleted when the save fails, by a shutdown hook when the JVM is stopped (SIGTERM, SIGINT),
 * and, after a SIGKILL that no code survives, by the next save to the same target. No Java
 * serialization is involved, in saving or in loading.
 *
 * <p><b>Loading</b> trusts nothing in the file, and opens only a regular file (a FIFO or a
 * device could block or never end). The description must come first, be at most
 * {@value #MAX_DESCRIPTION_BYTES} bytes of strict JSON, name this format and version (another
 * version is refused by name), and declare at most {@value #MAX_LAYERS} layers and at most
 * {@code maxParameters} weights and biases ({@link #DEFAULT_MAX_PARAMETERS} unless given).
 * Every array entry must be one the architecture names, once; its zip-declared size must fit
 * its shape; its {@code .npy} header (magic, version 1.0, header length at most 1024 bytes,
 * dtype {@code '<f8'}, or {@code '<f4'} in a float32 file, {@code fortran_order False}, shape)
 * must match the architecture and the precision; and
 * its data are read as they arrive, bounded by the shape, never by a size the zip or header
 * declares. The archive must end with its zip directory and an end record that counts the
 * model's entries, so a file cut anywhere is refused. Any fault is a
 * {@link ModelFormatException} naming the file, entry, field and value.
 *
 * <p><b>Memory bound.</b> Loading holds at most: the description (64 KiB and its parse),
 * one zip entry name (64 KiB), and the arrays read so far, which grow with the bytes actually
 * present (8 bytes a value in memory, whatever the file's precision; transiently up to 3
 * times the largest array while it grows),
 * never more than {@code 8 · maxParameters} bytes in all: 128 MiB with the default limit,
 * whatever sizes a hostile file declares. A zip bomb is inflated only up to those bounds.
 */
public final class ModelFile {

    /** The format's name, in the description's {@code "format"}. */
    public static final String FORMAT_NAME = "nn4j-model";
    /** The format version this nn4j writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The description's entry name, first in the archive. */
    public static final String DESCRIPTION_ENTRY = "model.json";
    /** The largest description read. */
    public static final int MAX_DESCRIPTION_BYTES = 64 * 1024;
    /** The most layers a model file may declare. */
    public static final int MAX_LAYERS = 1000;
    /** The default cap on weights and biases: 16 Mi values, 128 MiB of float64. */
    public static final long DEFAULT_MAX_PARAMETERS = 1L << 24;
    /** The most elements one array may have: the largest Java array. */
    public static final long MAX_ARRAY_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final int NPY_OVERHEAD = 10 + Npy.MAX_HEADER_BYTES;
    private static final int END_RECORD = 22;
    private static final long MAX_CENTRAL_DIRECTORY = 1L << 20;

    private ModelFile() {
    }

    /**
     * Saves a model with the provenance the library knows ({@link Provenance#of(Sequential)}):
     * its backend, seed and specification and, once trained, every setting of its last
     * training and the training set's name.
     *
     * @param model the model; dense and activation layers, MSE or softmax cross-entropy
     * @param file  the file to write or replace
     * @throws IOException if it cannot be written (the previous file, if any, is unchanged)
     */
    public static void save(Sequential model, Path file) throws IOException {
        save(model, Provenance.of(model), file);
    }

    /**
     * Saves a trained model.
     *
     * @param model      the model; dense and activation layers, MSE or softmax cross-entropy
     * @param provenance where it comes from
     * @param file       the file to write or replace
     * @throws IOException if it cannot be written (the previous file, if any, is unchanged),
     *                     or names no file, or a file that is not regular (device, FIFO,
     *                     directory, symbolic link)
     */
    public static void save(Sequential model, Provenance provenance, Path file) throws IOException {
        save(SavedModel.of(model, provenance), file);
    }

    /**
     * Saves a model.
     *
     * @param model the model
     * @param file  the file to write or replace
     * @throws IOException if it cannot be written (the previous file, if any, is unchanged)
     */
    public static void save(SavedModel model, Path file) throws IOException {
        save(model, file, UnaryOperator.identity());
    }

    /** Saves through a wrapper of the temporary file's stream: tests inject a failure there. */
    static void save(SavedModel model, Path file, UnaryOperator<OutputStream> streamHook)
            throws IOException {
        writeAtomically(file, zip -> write(zip, model), streamHook);
    }

    /** Writes the entries of a zip archive; a checkpoint writes its own. */
    @FunctionalInterface
    interface ZipBody {
        void write(ZipOutputStream zip) throws IOException;
    }

    /**
     * Writes a zip archive to a temporary in the target's directory, forces it to disk and
     * moves it over the target atomically, as {@link #save(SavedModel, Path)} describes.
     */
    static void writeAtomically(Path file, ZipBody body, UnaryOperator<OutputStream> streamHook)
            throws IOException {
        Path target = file.toAbsolutePath();
        Path fileName = target.getFileName();
        if (fileName == null) {
            throw new IOException(file + " names no file; give a file name such as model.npz");
        }
        String name = fileName.toString();
        Path dir = target.getParent();
        Set<PosixFilePermission> mode = replacedMode(file, target);
        Temporaries.removeStale(dir, name);
        Path temp = Temporaries.create(dir, name);
        boolean moved = false;
        try {
            try (OutputStream out = streamHook.apply(Files.newOutputStream(temp,
                    StandardOpenOption.WRITE));
                 ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out))) {
                body.write(zip);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            if (mode != null) {
                // The replaced file's permissions: re-saving a private model keeps it private.
                Files.setPosixFilePermissions(temp, mode);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
            Temporaries.forget(temp);
        }
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system syncs a directory; the move itself is atomic either way.
        }
    }

    /**
     * Checks the target can be replaced whole and returns its permissions, to keep them;
     * {@code null} for a new file or a file system without POSIX permissions.
     */
    private static Set<PosixFilePermission> replacedMode(Path file, Path target)
            throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new IOException(file + " is a symbolic link; a save replaces the file whole,"
                    + " which would replace the link: give the file it points to");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " is not a regular file (a directory, device, FIFO"
                    + " or socket); a save replaces regular files only");
        }
        return Files.getFileStore(target).supportsFileAttributeView(PosixFileAttributeView.class)
                ? Files.getPosixFilePermissions(target) : null;
    }

    private static void write(ZipOutputStream zip, SavedModel model) throws IOException {
        long time = model.provenance().created().toEpochMilli();
        putStored(zip, DESCRIPTION_ENTRY, ModelJson.write(model.spec(), model.precision(),
                model.provenance()).getBytes(StandardCharsets.UTF_8), time);
        List<ModelSpec.ArrayShape> shapes = model.spec().parameterShapes();
        for (int k = 0; k < shapes.size(); k++) {
            putStored(zip, shapes.get(k).name() + ".npy", Npy.encode(shapes.get(k).dimensions(),
                    model.parameters().get(k), model.precision()), time);
        }
    }

    static void putStored(ZipOutputStream zip, String name, byte[] bytes, long time)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setTime(time);
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /**
     * Loads a model file and puts the model on a backend, in the precision the file records
     * ({@link SavedModel#toSequential(Backend)}): the file written on any backend loads on any
     * other that computes in its precision.
     *
     * @param file    the file
     * @param backend the backend to build the model on
     * @return the model
     * @throws ModelFormatException if the file is corrupt, hostile or of another format
     * @throws IOException          if it cannot be read
     * @throws UnsupportedOperationException if the backend does not compute in the file's
     *                                       precision, naming the file, the backend and the
     *                                       precision
     */
    public static Sequential load(Path file, Backend backend) throws IOException {
        SavedModel saved = load(file);
        try {
            return saved.toSequential(backend);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a model file with the default parameter cap.
     *
     * @param file the file
     * @return the model, on no backend
     * @throws ModelFormatException if the file is corrupt, hostile or of another format
     * @throws IOException          if it cannot be read
     */
    public static SavedModel load(Path file) throws IOException {
        return load(file, DEFAULT_MAX_PARAMETERS);
    }

    /**
     * Loads a model file.
     *
     * @param file          the file
     * @param maxParameters the most weights and biases accepted, positive; bounds memory
     * @return the model, on no backend
     * @throws ModelFormatException if the file is corrupt, hostile or of another format
     * @throws IOException          if it cannot be read
     */
    public static SavedModel load(Path file, long maxParameters) throws IOException {
        try (InputStream in = open(file)) {
            return read(in, file.toString(), maxParameters);
        }
    }

    /**
     * Reads only the description of a model file: its architecture (and so its parameter
     * count), with the checks {@link #load(Path)} makes of it, before any parameter is read.
     * A caller can size what loading the file will take.
     *
     * @param file the file
     * @return the model's architecture
     * @throws ModelFormatException if the description is corrupt, hostile or of another format
     * @throws IOException          if it cannot be read
     */
    public static ModelSpec architecture(Path file) throws IOException {
        try (InputStream in = open(file);
             ZipInputStream zip = new ZipInputStream(new BufferedInputStream(in))) {
            ModelSpec architecture = readDescription(zip, file.toString()).spec();
            checkArrays(architecture, file + ": " + DESCRIPTION_ENTRY);
            return architecture;
        } catch (ZipException e) {
            throw new ModelFormatException(file + ": corrupt zip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelFormatException(file + ": truncated zip data", e);
        }
    }

    /** Opens a regular file; a FIFO or a device is refused before it is opened (it could block). */
    static InputStream open(Path file) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new ModelFormatException(file + ": not a regular file (a directory, device or"
                    + " FIFO); a model file is read from a regular file only");
        }
        return Files.newInputStream(file);
    }

    /**
     * Reads a model file from a stream; does not close it.
     *
     * @param in            the file's bytes
     * @param source        a name for messages, such as the file's path
     * @param maxParameters the most weights and biases accepted, positive, at most
     *                      {@code Integer.MAX_VALUE - 8} per array
     * @return the model, on no backend
     * @throws ModelFormatException if the bytes are corrupt, hostile or of another format
     * @throws IOException          if the stream fails
     */
    public static SavedModel read(InputStream in, String source, long maxParameters)
            throws IOException {
        if (maxParameters <= 0) {
            throw new IllegalArgumentException("maxParameters must be positive, got "
                    + maxParameters);
        }
        CountingInputStream counted = new CountingInputStream(in);
        // Closed here, for its Inflater's native memory; the caller's stream stays open.
        try (TailZipInputStream zip = new TailZipInputStream(new BufferedInputStream(counted))) {
            SavedModel model = readZip(zip, source, maxParameters);
            checkEnd(zip, counted, source, model.spec().parameterShapes().size() + 1);
            return model;
        } catch (ZipException e) {
            throw new ModelFormatException(source + ": corrupt zip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelFormatException(source + ": truncated zip data", e);
        }
    }

    private static ModelJson.Description readDescription(ZipInputStream zip, String source)
            throws IOException {
        ZipEntry first = nextEntry(zip, source);
        if (first == null) {
            throw new ModelFormatException(source + ": not a model file: no zip entries (an"
                    + " nn4j model is a .npz zip archive starting with " + DESCRIPTION_ENTRY + ")");
        }
        if (!first.getName().equals(DESCRIPTION_ENTRY)) {
            throw new ModelFormatException(source + ": the first entry is '" + shorten(first.getName())
                    + "', not " + DESCRIPTION_ENTRY + "; this is not an nn4j model file");
        }
        String where = source + ": " + DESCRIPTION_ENTRY;
        if (first.getSize() > MAX_DESCRIPTION_BYTES) {
            throw new ModelFormatException(where + ": declared size " + first.getSize()
                    + " bytes exceeds the limit of " + MAX_DESCRIPTION_BYTES);
        }
        byte[] description = zip.readNBytes(MAX_DESCRIPTION_BYTES + 1);
        if (description.length > MAX_DESCRIPTION_BYTES) {
            throw new ModelFormatException(where + ": longer than the limit of "
                    + MAX_DESCRIPTION_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(description)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(where + ": not valid UTF-8", e);
        }
        return ModelJson.read(text, where, MAX_LAYERS);
    }

    /** Refuses an array larger than a Java array, which no cap on the total would catch. */
    private static void checkArrays(ModelSpec architecture, String where)
            throws ModelFormatException {
        for (ModelSpec.ArrayShape shape : architecture.parameterShapes()) {
            if (shape.elements() > MAX_ARRAY_ELEMENTS) {
                throw new ModelFormatException(where + ": array " + shape.name() + " of shape "
                        + shape.numpyShape() + " has " + (shape.elements() == Long.MAX_VALUE
                        ? "more than " + Long.MAX_VALUE : shape.elements()) + " elements, more"
                        + " than a Java array holds (" + MAX_ARRAY_ELEMENTS + ")");
            }
        }
    }

    private static SavedModel readZip(ZipInputStream zip, String source, long maxParameters)
            throws IOException {
        ModelJson.Description d = readDescription(zip, source);
        String where = source + ": " + DESCRIPTION_ENTRY;
        ModelSpec architecture = d.spec();
        long count = architecture.parameterCount();
        if (count > maxParameters) {
            throw new ModelTooLargeException(where + ": the architecture " + architecture.describe()
                    + " has " + (count == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : count)
                    + " parameters, more than the limit of " + maxParameters
                    + " (ModelFile.load(file, maxParameters) raises it)", count, maxParameters);
        }
        checkArrays(architecture, where);
        List<double[]> arrays = readArrays(zip, source, architecture, d.precision());
        try {
            return new SavedModel(architecture, d.provenance(), arrays, d.precision());
        } catch (IllegalArgumentException e) {
            // A fixed array out of its layer's range, such as a standardization's zero scale.
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    /** Reads the arrays the architecture names, each once, in any order, and nothing else. */
    private static List<double[]> readArrays(ZipInputStream zip, String source,
                                             ModelSpec architecture, Precision precision)
            throws IOException {
        List<ModelSpec.ArrayShape> shapes = architecture.parameterShapes();
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (int k = 0; k < shapes.size(); k++) {
            pending.put(shapes.get(k).name() + ".npy", k);
        }
        double[][] values = new double[shapes.size()][];
        ZipEntry entry;
        while ((entry = nextEntry(zip, source)) != null) {
            String name = entry.getName();
            Integer k = pending.remove(name);
            if (k == null) {
                boolean known = name.endsWith(".npy") && shapes.stream()
                        .anyMatch(s -> (s.name() + ".npy").equals(name));
                throw new ModelFormatException(source + ": " + (known
                        ? "entry '" + name + "' appears twice"
                        : "unexpected entry '" + shorten(name) + "'; the architecture has only "
                        + DESCRIPTION_ENTRY + " and " + shapes));
            }
            values[k] = readArray(zip, source, name, shapes.get(k), entry.getSize(), precision);
        }
        if (!pending.isEmpty() && zip instanceof TailZipInputStream tail
                && tail.rest().read() == -1) {
            throw new ModelFormatException(source + ": truncated: the file ends before "
                    + String.join(", ", pending.keySet()));
        }
        if (!pending.isEmpty()) {
            throw new ModelFormatException(source + ": missing entr" + (pending.size() == 1
                    ? "y " : "ies ") + String.join(", ", pending.keySet()) + " of the architecture "
                    + architecture.describe());
        }
        return new ArrayList<>(List.of(values));
    }

    /** Reads one array entry, whose zip-declared size (-1 if unknown) must fit its shape. */
    private static double[] readArray(ZipInputStream zip, String source, String name,
                                      ModelSpec.ArrayShape shape, long declared,
                                      Precision precision) throws IOException {
        long dataBytes = precision.bytes() * shape.elements();
        if (declared != -1 && (declared > dataBytes + NPY_OVERHEAD || declared < dataBytes)) {
            throw new ModelFormatException(source + ": " + name + ": declared size " + declared
                    + " bytes does not fit shape " + shape.numpyShape() + " (" + dataBytes
                    + " bytes of data and a header of at most " + NPY_OVERHEAD + ")");
        }
        return Npy.read(zip, source + ": " + name, shape.dimensions(), precision);
    }

    /**
     * Checks the archive ends as a complete zip file: the central directory, then the end
     * record (22 bytes, no comment) counting our entries and pointing at a central directory
     * that ends where the record starts. A streaming reader never needs them, but a file cut
     * short there is still a truncated file, and numpy could not open it.
     */
    static void checkEnd(TailZipInputStream zip, CountingInputStream counted,
                                 String source, int entries) throws IOException {
        InputStream rest = zip.rest();
        byte[] chunk = new byte[8192];
        byte[] last = new byte[END_RECORD];
        long drained = 0;
        int n;
        while ((n = rest.read(chunk)) > 0) {
            drained += n;
            if (drained > MAX_CENTRAL_DIRECTORY) {
                throw new ModelFormatException(source + ": more than " + MAX_CENTRAL_DIRECTORY
                        + " bytes after the last entry; a model file's zip directory is smaller");
            }
            if (n >= END_RECORD) {
                System.arraycopy(chunk, n - END_RECORD, last, 0, END_RECORD);
            } else {
                System.arraycopy(last, n, last, 0, END_RECORD - n);
                System.arraycopy(chunk, 0, last, END_RECORD - n, n);
            }
        }
        ByteBuffer end = ByteBuffer.wrap(last).order(ByteOrder.LITTLE_ENDIAN);
        long length = counted.count();
        if (drained < END_RECORD || end.getInt(0) != 0x06054b50) {
            throw new ModelFormatException(source + ": truncated or corrupt: the file does not end"
                    + " with a zip end-of-central-directory record");
        }
        int recordEntries = end.getShort(10) & 0xFFFF;
        long directorySize = end.getInt(12) & 0xFFFFFFFFL;
        long directoryOffset = end.getInt(16) & 0xFFFFFFFFL;
        int commentLength = end.getShort(20) & 0xFFFF;
        if (recordEntries != entries || commentLength != 0
                || directoryOffset + directorySize + END_RECORD != length) {
            throw new ModelFormatException(source + ": corrupt zip end record: " + recordEntries
                    + " entries (the model has " + entries + "), directory of " + directorySize
                    + " bytes at " + directoryOffset + ", comment of " + commentLength
                    + " bytes, in a file of " + length + " bytes");
        }
    }

    static ZipEntry nextEntry(ZipInputStream zip, String source) throws IOException {
        try {
            ZipEntry entry = zip.getNextEntry();
            if (entry != null && entry.isDirectory()) {
                throw new ModelFormatException(source + ": unexpected directory entry '"
                        + shorten(entry.getName()) + "'");
            }
            return entry;
        } catch (IllegalArgumentException e) {
            // ZipInputStream reports an entry name that is not valid UTF-8 this way.
            throw new ModelFormatException(source + ": corrupt zip entry name: " + e.getMessage(), e);
        }
    }

    /** A zip stream that lends what follows its last entry (its pushback source). */
    static final class TailZipInputStream extends ZipInputStream {
        TailZipInputStream(InputStream in) {
            super(in);
        }

        InputStream rest() {
            return in;
        }
    }

    /** Counts the bytes read, to know the file's length from a stream. */
    static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public void close() {
            // The caller's stream: the caller closes it.
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    static String shorten(String name) {
        return name.length() > 80 ? name.substring(0, 80) + "..." : name;
    }
}
