package org.nn4j.api;

import java.util.Objects;

/**
 * A sliding window over an image: the geometry a convolution, a pooling layer and the
 * {@code im2col} family of {@link LinearAlgebra} operations share.
 *
 * <p>The window is {@code kernelHeight x kernelWidth} pixels (all channels of each), moved
 * {@code stride} pixels at a time in both directions over the {@link #input()} image
 * (layout in {@link ImageShape}). Output pixel {@code (oy, ox)} sees input pixels
 * {@code (oy · stride − padTop() + ky, ox · stride − padLeft() + kx)} for
 * {@code 0 <= ky < kernelHeight}, {@code 0 <= kx < kernelWidth}; a position outside the image
 * is padding.
 *
 * <p><b>Padding</b>, as TensorFlow and Keras define it:
 * <ul>
 *   <li>{@link Padding#VALID}: none; the window stays inside the image, so
 *       {@code outputHeight = ⌊(height − kernelHeight) / stride⌋ + 1} (and likewise for the
 *       width), and the kernel may not be larger than the image.</li>
 *   <li>{@link Padding#SAME}: {@code outputHeight = ⌈height / stride⌉}; the rows of padding
 *       needed, {@code max((outputHeight − 1) · stride + kernelHeight − height, 0)}, are split
 *       with the smaller half on top ({@link #padTop()}) and the rest at the bottom (likewise
 *       left and right). With stride 1 the output is as large as the input.</li>
 * </ul>
 * What a padding position contributes is the operation's business: zero to a convolution
 * ({@code im2col} writes 0), nothing to a pooling (never the maximum, not counted in an
 * average).
 *
 * @param input        the image the window slides over
 * @param kernelHeight the window's height, positive
 * @param kernelWidth  the window's width, positive
 * @param stride       how far the window moves, in pixels, positive
 * @param padding      {@link Padding#VALID} or {@link Padding#SAME}
 */
public record Window(ImageShape input, int kernelHeight, int kernelWidth, int stride,
                     Padding padding) {

    /** How a window treats the image's border; see {@link Window}. */
    public enum Padding {
        /** No padding: the window stays inside the image. */
        VALID,
        /** Just enough padding that the output is {@code ⌈input / stride⌉} pixels across. */
        SAME;

        /**
         * Returns the lower-case name a model file and the command line use.
         *
         * @return {@code "valid"} or {@code "same"}
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * Parses a padding name, ignoring case.
         *
         * @param text {@code valid} or {@code same}
         * @return the padding
         * @throws IllegalArgumentException naming the text and the accepted names
         */
        public static Padding parse(String text) {
            Objects.requireNonNull(text, "padding");
            for (Padding p : values()) {
                if (p.label().equalsIgnoreCase(text.strip())) {
                    return p;
                }
            }
            throw new IllegalArgumentException("padding must be 'valid' or 'same', got '"
                    + text + "'");
        }
    }

    /**
     * Checks the geometry.
     *
     * @throws NullPointerException     if {@code input} or {@code padding} is null
     * @throws IllegalArgumentException if the kernel or stride is not positive, or a
     *                                  {@code VALID} kernel is larger than the image
     * @param input as the record
     * @param kernelHeight as the record
     * @param kernelWidth as the record
     * @param stride as the record
     * @param padding as the record
     */
    public Window {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(padding, "padding");
        if (kernelHeight <= 0 || kernelWidth <= 0) {
            throw new IllegalArgumentException("a window's kernel must be at least 1x1, got "
                    + kernelHeight + "x" + kernelWidth);
        }
        if (stride <= 0) {
            throw new IllegalArgumentException("a window's stride must be positive, got "
                    + stride);
        }
        if (padding == Padding.VALID
                && (kernelHeight > input.height() || kernelWidth > input.width())) {
            throw new IllegalArgumentException("a " + kernelHeight + "x" + kernelWidth
                    + " kernel does not fit a " + input.height() + "x" + input.width()
                    + " image without padding; use padding 'same' or a smaller kernel");
        }
    }

    /**
     * Returns a square window.
     *
     * @param input   the image
     * @param kernel  the window's height and width, positive
     * @param stride  its stride, positive
     * @param padding its padding
     * @return the window
     */
    public static Window square(ImageShape input, int kernel, int stride, Padding padding) {
        return new Window(input, kernel, kernel, stride, padding);
    }

    /**
     * Returns the number of output rows.
     *
     * @return the output height, positive
     */
    public int outputHeight() {
        return outputLength(input.height(), kernelHeight);
    }

    /**
     * Returns the number of output columns.
     *
     * @return the output width, positive
     */
    public int outputWidth() {
        return outputLength(input.width(), kernelWidth);
    }

    /**
     * Returns the rows of padding above the image (zero for {@code VALID}).
     *
     * @return the top padding
     */
    public int padTop() {
        return padding == Padding.VALID ? 0
                : padTotal(input.height(), kernelHeight, outputHeight()) / 2;
    }

    /**
     * Returns the columns of padding left of the image (zero for {@code VALID}).
     *
     * @return the left padding
     */
    public int padLeft() {
        return padding == Padding.VALID ? 0
                : padTotal(input.width(), kernelWidth, outputWidth()) / 2;
    }

    /**
     * Returns the output image's shape with the given number of channels, as a convolution
     * with that many filters produces.
     *
     * @param channels the output channels, positive
     * @return {@code outputHeight() x outputWidth() x channels}
     */
    public ImageShape output(int channels) {
        return new ImageShape(outputHeight(), outputWidth(), channels);
    }

    /**
     * Returns the output image's shape for a pooling: the input's channels.
     *
     * @return {@code outputHeight() x outputWidth() x input().channels()}
     */
    public ImageShape pooled() {
        return output(input.channels());
    }

    /**
     * Returns the length of one {@code im2col} row: the values one window covers,
     * {@code kernelHeight · kernelWidth · channels}.
     *
     * @return the patch size
     */
    public int patchSize() {
        return kernelHeight * kernelWidth * input.channels();
    }

    private int outputLength(int in, int kernel) {
        return padding == Padding.VALID ? (in - kernel) / stride + 1 : (in + stride - 1) / stride;
    }

    private int padTotal(int in, int kernel, int out) {
        return Math.max((out - 1) * stride + kernel - in, 0);
    }

    @Override
    public String toString() {
        return kernelHeight + "x" + kernelWidth + " window, stride " + stride + ", padding "
                + padding.label() + ", over " + input;
    }
}
