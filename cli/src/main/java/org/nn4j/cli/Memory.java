package org.nn4j.cli;

import java.util.List;
import java.util.Locale;
import org.nn4j.trainer.model.Training;

/**
 * Estimates of the heap a run needs, compared with what the JVM may use, before the work: a
 * run too large for the heap is refused with a sentence naming the size and the option to
 * change, instead of dying of an {@link OutOfMemoryError} part-way. The estimates are upper
 * bounds of the arrays nn4j allocates, not measurements; the last resort is the
 * {@code OutOfMemoryError} handler of {@link Nn4jCommand}, with the same exit status.
 */
final class Memory {

    /** Bytes of heap per parameter of a model in training: see {@link #training}. */
    static final long TRAINING_BYTES_PER_PARAMETER = 8 * 8;
    /** Bytes of heap per parameter of a model loaded for evaluation: see {@link #evaluation}. */
    static final long EVALUATION_BYTES_PER_PARAMETER = 8 * 4;

    private Memory() {
    }

    /** Refused by an estimate: the message names the size and what to change. */
    static final class NotEnoughMemoryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotEnoughMemoryException(String message) {
            super(message);
        }
    }

    /** The heap the JVM may still use: its maximum less what is in use now. */
    static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses a need larger than the heap available.
     *
     * @param bytes  the estimate
     * @param what   what needs it, for example {@code "the 1,000,000 training images of DIR"}
     * @param advice the option to change, for example {@code "use --limit 20000"}
     * @throws NotEnoughMemoryException if {@code bytes} exceed {@link #available()}
     */
    static void require(long bytes, String what, String advice) {
        long available = available();
        if (bytes > available && bytes <= Runtime.getRuntime().maxMemory()) {
            // Garbage counts as used until it is collected: collect once before refusing.
            System.gc();
            available = available();
        }
        if (bytes > available) {
            throw new NotEnoughMemoryException(what + " would take about " + mebibytes(bytes)
                    + " of heap, more"
                    + " than the " + mebibytes(available) + " this JVM has free (maximum "
                    + mebibytes(Runtime.getRuntime().maxMemory()) + "); " + advice + ", or give"
                    + " Java a larger heap (NN4J_JAVA_OPTS=-Xmx" + gibibytesAbove(bytes)
                    + "g ./nn4j ...)");
        }
    }

    /**
     * Heap of a network in training: per parameter its value and gradient (on heap for ejml
     * and commons), the initial draw, up to two optimizer moments (Adam), the two copies of
     * {@code LastGoodParameters} and the copy a save takes: 8 arrays of 8 bytes; plus per
     * unit of every layer, the activations, their gradients and the batch buffers of a
     * training batch and of an evaluation batch of {@link Training#EVALUATION_BATCH_SIZE}.
     * Checked against the default run (784-256-128-10, 60,000 + 10,000 images): 470 MiB
     * estimated with its data; measured, it ran in a heap of 480 MiB in three runs of four
     * (the fourth ran out of memory: status 7 and a sentence) and always ran out in 450 MiB.
     *
     * @param parameters the network's weights and biases
     * @param widths     the width of every layer, input included
     * @param batchSize  the training batch
     * @return the estimate in bytes (saturating)
     */
    static long training(long parameters, List<Integer> widths, int batchSize) {
        return saturated(parameters, TRAINING_BYTES_PER_PARAMETER)
                + activations(widths, (long) batchSize + Training.EVALUATION_BATCH_SIZE);
    }

    /**
     * Heap of a model file evaluated: the arrays read, the network's values and gradients,
     * and the initial draw made while it is built (4 arrays of 8 bytes per parameter), plus
     * the activations of an evaluation batch.
     */
    static long evaluation(long parameters, List<Integer> widths) {
        return saturated(parameters, EVALUATION_BYTES_PER_PARAMETER)
                + activations(widths, Training.EVALUATION_BATCH_SIZE);
    }

    /**
     * The widths of a network's activations, input first: every layer's output and, for each
     * convolution, its {@code im2col} columns per example (the largest buffer it keeps).
     *
     * @param spec the architecture
     * @return the widths
     */
    static List<Integer> widths(org.nn4j.trainer.model.ModelSpec spec) {
        List<Integer> widths = new java.util.ArrayList<>();
        List<org.nn4j.api.ImageShape> shapes = spec.shapes();
        widths.add(spec.inputSize());
        for (int k = 0; k < spec.layers().size(); k++) {
            widths.add(shapes.get(k + 1).size());
            if (spec.layers().get(k) instanceof org.nn4j.trainer.model.ImageLayers.Conv2d conv) {
                widths.add(shapes.get(k + 1).pixels() * conv.kernel() * conv.kernel()
                        * shapes.get(k).channels());
            }
        }
        return widths;
    }

    private static long activations(List<Integer> widths, long rows) {
        long units = 0;
        for (int k = 1; k < widths.size(); k++) {
            units += widths.get(k);
        }
        // Per row: the input and its copy (2 doubles a feature); per unit of every later
        // layer, its output, its pre-activation or gradient buffer and a gradient (3 doubles).
        long perRow = saturated(units, 3 * 8) + 2 * 8L * widths.get(0);
        return saturated(perRow, rows);
    }

    static long saturated(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return high != 0 || low < 0 ? Long.MAX_VALUE / 2 : low;
    }

    /** A heap size in whole GiB with room for the JVM's own use: a quarter more, at least 1. */
    static long gibibytesAbove(long bytes) {
        return Math.max(1, (long) Math.ceil(bytes * 1.25 / (1L << 30)));
    }

    /** Bytes as MiB (or GiB), for messages: {@code "512 MiB"}, {@code "17.9 GiB"}. */
    static String mebibytes(long bytes) {
        double mib = bytes / (1024.0 * 1024.0);
        if (mib >= 10 * 1024) {
            return String.format(Locale.ROOT, "%,.1f GiB", mib / 1024.0);
        }
        return String.format(Locale.ROOT, "%,.0f MiB", Math.ceil(mib));
    }
}
