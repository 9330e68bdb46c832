package org.nn4j.trainer.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, raw or gzip-compressed (recognised
 * by content, not by name).
 *
 * <p>The header is checked before any element is stored: two zero bytes, the element type
 * (only {@code 0x08}, unsigned byte, is read), a rank of 1 to 4 and non-negative dimensions
 * whose product fits in an array. The elements are then read as they arrive, so a header that
 * declares more data than the file holds is reported as truncated without first allocating
 * what it declares; trailing bytes are an error too.
 */
public final class Idx {

    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_RANK = 4;
    private static final int CHUNK = 1 << 16;
    private static final int TRAILER_SEARCH = 1 << 20;

    private Idx() {
    }

    /**
     * Reads a file.
     *
     * @param path the file, raw or gzip
     * @return its contents
     * @throws NoSuchFileException if it does not exist
     * @throws IdxFormatException  if it is corrupt, of an unsupported type, or not a regular
     *                             file (a FIFO or device is refused before it is opened)
     * @throws IOException         if it cannot be read
     */
    public static IdxArray read(Path path) throws IOException {
        return read(path, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} items of a file (slices of its first dimension): only
     * those are read and stored, so a file declaring more than fits in memory can still be
     * read in part. The rest of the file is not read, and not checked.
     *
     * @param path  the file, raw or gzip
     * @param limit the most items read, positive
     * @return the items read, with the first dimension cut to their number
     * @throws IOException as {@link #read(Path)}
     */
    public static IdxArray read(Path path, int limit) throws IOException {
        try (InputStream in = open(path)) {
            return read(in, path.toString(), limit);
        }
    }

    /**
     * Reads the dimensions a file declares, without reading its elements: what reading it
     * would store, known before any of it is stored.
     *
     * @param path the file, raw or gzip
     * @return the declared dimensions, outermost first
     * @throws IOException as {@link #read(Path)}
     */
    public static int[] dimensions(Path path) throws IOException {
        try (InputStream in = open(path)) {
            return read(in, path.toString(), 0).dimensions();
        }
    }

    private static InputStream open(Path path) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IdxFormatException(path + ": not a regular file (a directory, device or"
                    + " FIFO); an IDX file is read from a regular file only");
        }
        return Files.newInputStream(path);
    }

    /**
     * Reads a stream, raw or gzip; does not close it.
     *
     * @param in     the stream
     * @param source a name for messages, such as the file's path
     * @return its contents
     * @throws IdxFormatException if it is corrupt or of an unsupported type
     * @throws IOException        if it cannot be read
     */
    public static IdxArray read(InputStream in, String source) throws IOException {
        return read(in, source, Integer.MAX_VALUE);
    }

    /**
     * Reads the first {@code limit} items of a stream, raw or gzip; does not close it. With
     * a limit of 0 only the header is read, and the array returned holds the declared
     * dimensions and no elements.
     */
    private static IdxArray read(InputStream in, String source, int limit) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        boolean gzip = b0 == 0x1f && b1 == 0x8b;
        if (gzip) {
            // Closed below, for its Inflater's native memory; the caller's stream stays open.
            InputStream caller = new FilterInputStream(buffered) {
                @Override
                public void close() {
                }
            };
            try {
                // Not buffered: a buffer would inflate ahead of the header, and a file cut in its
                // data would then be reported as cut in its header. Elements are read in chunks.
                body = new GZIPInputStream(caller, 1 << 16);
            } catch (ZipException e) {
                throw new IdxFormatException(source + ": corrupt gzip data: " + e.getMessage());
            } catch (EOFException e) {
                throw new IdxFormatException(source + ": truncated gzip header");
            }
        }
        try {
            return readRaw(new DataInputStream(body), source, limit, gzip);
        } finally {
            if (body != buffered) {
                body.close();
            }
        }
    }

    private static IdxArray readRaw(DataInputStream in, String source, int limit, boolean gzip)
            throws IOException {
        int[] dims = readHeader(in, source, gzip);
        long total = 1;
        for (int d : dims) {
            total *= d;
        }
        if (limit == 0) {
            return new IdxArray(dims, new byte[0]);
        }
        long itemSize = dims[0] == 0 ? 0 : total / dims[0];
        boolean cut = limit < dims[0];
        long wanted = cut ? itemSize * limit : total;
        byte[] data = readElements(in, source, (int) wanted, total, gzip);
        if (cut) {
            int[] kept = dims.clone();
            kept[0] = limit;
            return new IdxArray(kept, data);
        }
        checkEnd(in, source, total, gzip);
        return new IdxArray(dims, data);
    }

    /** Reads and checks the header: magic, element type, rank and dimensions. */
    private static int[] readHeader(DataInputStream in, String source, boolean gzip)
            throws IOException {
        try {
            int zero0 = in.readUnsignedByte();
            int zero1 = in.readUnsignedByte();
            if (zero0 != 0 || zero1 != 0) {
                throw new IdxFormatException(String.format("%s: not an IDX file (first bytes %02x"
                        + " %02x, expected 00 00)", source, zero0, zero1));
            }
            int type = in.readUnsignedByte();
            if (type != UNSIGNED_BYTE) {
                throw new IdxFormatException(String.format("%s: IDX element type 0x%02x is not"
                        + " supported; nn4j reads unsigned bytes (0x08)", source, type));
            }
            int rank = in.readUnsignedByte();
            if (rank < 1 || rank > MAX_RANK) {
                throw new IdxFormatException(source + ": IDX rank " + rank + " is out of range 1.."
                        + MAX_RANK);
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] < 0) {
                    throw new IdxFormatException(source + ": dimension " + i + " is negative ("
                            + dims[i] + ")");
                }
                total *= dims[i];
                if (total > Integer.MAX_VALUE - 8) {
                    throw new IdxFormatException(source + ": declared size exceeds "
                            + (Integer.MAX_VALUE - 8) + " elements");
                }
            }
            return dims;
        } catch (EOFException e) {
            throw new IdxFormatException(source + ": truncated IDX header" + (gzip
                    ? " (the gzip data end inside it)" : ""));
        } catch (ZipException e) {
            throw new IdxFormatException(source + ": corrupt gzip data in the IDX header: "
                    + e.getMessage());
        }
    }

    /** Refuses data beyond the declared elements: trailing bytes, or gzip data that fail. */
    private static void checkEnd(DataInputStream in, String source, long total, boolean gzip)
            throws IOException {
        int extra;
        try {
            extra = in.read();
        } catch (EOFException | ZipException e) {
            throw new IdxFormatException(source + ": corrupt gzip data after the " + total
                    + " declared elements: " + e.getMessage());
        }
        if (extra != -1 && gzip && corruptTrailer(in)) {
            throw new IdxFormatException(source + ": corrupt gzip data: it inflates to more than"
                    + " the " + total + " declared elements and fails its CRC check");
        }
        if (extra != -1) {
            throw new IdxFormatException(source + ": " + (gzip
                    ? "the gzip data inflate to more than the " + total + " elements the header"
                    + " declares (trailing bytes, or corrupt gzip data)"
                    : "trailing bytes after the " + total + " declared elements"));
        }
    }

    /**
     * Reads on, at most {@value #TRAILER_SEARCH} bytes, to the end of gzip data that inflate to
     * more than declared: a failed CRC says the data are corrupt rather than merely longer.
     */
    private static boolean corruptTrailer(InputStream in) throws IOException {
        byte[] skip = new byte[8192];
        long read = 0;
        try {
            int n;
            while (read < TRAILER_SEARCH && (n = in.read(skip)) > 0) {
                read += n;
            }
        } catch (ZipException | EOFException e) {
            return true;
        }
        return false;
    }

    /**
     * Reads {@code count} elements as they arrive, in chunks: a lying header costs no more
     * memory than the bytes actually present, and a failure says how far the data went.
     */
    private static byte[] readElements(DataInputStream in, String source, int count,
                                       long declared, boolean gzip) throws IOException {
        byte[] data = new byte[Math.min(count, CHUNK)];
        int filled = 0;
        while (filled < count) {
            if (filled == data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min(count, 2L * data.length));
            }
            int got;
            try {
                got = in.read(data, filled, data.length - filled);
            } catch (EOFException e) {
                throw new IdxFormatException(source + ": truncated gzip data: the header declares "
                        + declared + " elements, the data end after " + filled);
            } catch (ZipException e) {
                throw new IdxFormatException(source + ": corrupt gzip data after " + filled
                        + " of the " + declared + " declared elements: " + e.getMessage());
            }
            if (got < 0) {
                throw new IdxFormatException(source + ": truncated: the header declares "
                        + declared + " elements, the file holds " + filled);
            }
            filled += got;
        }
        return data;
    }
}
