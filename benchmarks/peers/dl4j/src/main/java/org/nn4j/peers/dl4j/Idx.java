package org.nn4j.peers.dl4j;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads the unsigned-byte IDX files of Fashion-MNIST ({@code NAME} or {@code NAME.gz}). */
final class Idx {
    private Idx() {
    }

    /** The file's elements as unsigned bytes, with its dimensions in {@code dims}. */
    static int[] read(Path directory, String name, int[][] dims) throws IOException {
        Path file = directory.resolve(name + ".gz");
        boolean gzip = Files.isRegularFile(file);
        if (!gzip) {
            file = directory.resolve(name);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(name + "[.gz] not found in " + directory
                    + "; apt-get install dataset-fashion-mnist");
        }
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
            int magic = in.readInt();
            if ((magic >>> 8) != 0x08) {
                throw new IOException(file + ": not an unsigned-byte IDX file");
            }
            int rank = magic & 0xff;
            int[] shape = new int[rank];
            long count = 1;
            for (int i = 0; i < rank; i++) {
                shape[i] = in.readInt();
                count *= shape[i];
            }
            byte[] bytes = in.readNBytes(Math.toIntExact(count));
            if (bytes.length != count) {
                throw new IOException(file + ": truncated, " + bytes.length + " of " + count + " bytes");
            }
            int[] values = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                values[i] = bytes[i] & 0xff;
            }
            dims[0] = shape;
            return values;
        }
    }
}
