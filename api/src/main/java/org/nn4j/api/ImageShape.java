package org.nn4j.api;

/**
 * The shape of one example that is an image: {@code height x width x channels}.
 *
 * <p><b>Layout: NHWC, one example a row.</b> A batch of {@code N} images is an ordinary
 * {@link Matrix} of {@code N x size()}; row {@code n} holds image {@code n} with the channel
 * varying fastest, then the column, then the row: the value of channel {@code c} at pixel
 * {@code (y, x)} is at column {@code (y · width + x) · channels + c}. numpy reads such a row as
 * {@code row.reshape(height, width, channels)}. Because a batch is still a matrix, every layer,
 * loss, optimizer and data set works on images unchanged, a dense layer reads an image as its
 * {@code size()} features (flattening costs nothing), and a grey-scale image ({@code channels}
 * = 1) is the same row in NHWC and NCHW.
 *
 * <p>A vector of {@code d} features is the image {@code 1 x 1 x d} ({@link #flat(int)}).
 *
 * @param height   rows of pixels, positive
 * @param width    columns of pixels, positive
 * @param channels values per pixel (1 for grey, 3 for RGB, or a layer's feature maps), positive
 */
public record ImageShape(int height, int width, int channels) {

    /**
     * Checks the dimensions.
     *
     * @throws IllegalArgumentException if a dimension is not positive, or the image has more
     *                                  than {@link Integer#MAX_VALUE} values
     * @param height as the record
     * @param width as the record
     * @param channels as the record
     */
    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("an image's height, width and channels must be"
                    + " positive, got " + height + "x" + width + "x" + channels);
        }
        if ((long) height * width * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("an image of " + height + "x" + width + "x"
                    + channels + " has more than " + Integer.MAX_VALUE + " values");
        }
    }

    /**
     * Returns the shape of a vector of features, {@code 1 x 1 x features}.
     *
     * @param features its length, positive
     * @return the shape
     */
    public static ImageShape flat(int features) {
        return new ImageShape(1, 1, features);
    }

    /**
     * Returns the number of values in one image, {@code height · width · channels}: the
     * columns of a batch.
     *
     * @return the size
     */
    public int size() {
        return height * width * channels;
    }

    /**
     * Returns the number of pixels, {@code height · width}.
     *
     * @return the pixels
     */
    public int pixels() {
        return height * width;
    }

    /**
     * Returns whether this is a vector, {@code 1 x 1 x d}.
     *
     * @return true for {@code 1 x 1 x d}
     */
    public boolean isFlat() {
        return height == 1 && width == 1;
    }

    /**
     * Returns the column of a batch row at which a value is stored.
     *
     * @param y       the pixel's row, {@code 0 <= y < height}
     * @param x       the pixel's column, {@code 0 <= x < width}
     * @param channel the channel, {@code 0 <= channel < channels}
     * @return {@code (y · width + x) · channels + channel}
     */
    public int index(int y, int x, int channel) {
        return (y * width + x) * channels + channel;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
