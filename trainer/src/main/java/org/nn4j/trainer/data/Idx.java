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

    private Idx() {
    }

    /**
     * Reads a file.
     *
     * @param path the file, raw or gzip
     * @return its contents
     * @throws NoSuchFileException if it does not exist
     * @throws IdxFormatException  if it is corrupt or of an unsupported type
     * @throws IOException         if it cannot be read
     */
    public static IdxArray read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, path.toString());
        }
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
        BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        int b0 = buffered.read();
        int b1 = buffered.read();
        buffered.reset();
        InputStream body = buffered;
        if (b0 == 0x1f && b1 == 0x8b) {
            // Closed below, for its Inflater's native memory; the caller's stream stays open.
            InputStream caller = new FilterInputStream(buffered) {
                @Override
                public void close() {
                }
            };
            try {
                body = new BufferedInputStream(new GZIPInputStream(caller));
            } catch (ZipException e) {
                throw new IdxFormatException(source + ": corrupt gzip data: " + e.getMessage());
            } catch (EOFException e) {
                throw new IdxFormatException(source + ": truncated gzip header");
            }
        }
        try {
            return readRaw(new DataInputStream(body), source);
        } catch (EOFException e) {
            throw new IdxFormatException(source + ": truncated IDX header");
        } catch (ZipException e) {
            throw new IdxFormatException(source + ": corrupt gzip data: " + e.getMessage());
        } finally {
            if (body != buffered) {
                body.close();
            }
        }
    }

    private static IdxArray readRaw(DataInputStream in, String source) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0) {
            throw new IdxFormatException(String.format("%s: not an IDX file (first bytes %02x %02x,"
                    + " expected 00 00)", source, zero0, zero1));
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
        // readNBytes grows its buffer as data arrive: a lying header costs no more memory
        // than the bytes actually present.
        byte[] data = in.readNBytes((int) total);
        if (data.length != total) {
            throw new IdxFormatException(source + ": truncated: the header declares " + total
                    + " elements, the file holds " + data.length);
        }
        if (in.read() != -1) {
            throw new IdxFormatException(source + ": trailing bytes after the " + total
                    + " declared elements");
        }
        return new IdxArray(dims, data);
    }
}
