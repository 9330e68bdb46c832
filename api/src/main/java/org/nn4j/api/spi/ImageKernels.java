package org.nn4j.api.spi;

import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;

/**
 * The convolution and pooling kernels on row-major {@code double[]} batches in the NHWC
 * layout of {@link ImageShape}: what {@link AbstractLinearAlgebra}'s defaults run, and what a
 * backend with direct access to its elements may call on its own arrays. Arguments are not
 * checked here; {@link AbstractLinearAlgebra} checks them.
 */
public final class ImageKernels {

    private ImageKernels() {
    }

    /**
     * im2col; see {@link org.nn4j.api.LinearAlgebra#im2col}.
     *
     * @param images the batch, {@code n x window.input().size()} row-major
     * @param n      the number of images
     * @param window the geometry
     * @param dest   {@code (n · outputPixels) x window.patchSize()} row-major; every element
     *               is written
     */
    public static void im2col(double[] images, int n, Window window, double[] dest) {
        ImageShape in = window.input();
        int c = in.channels();
        int oh = window.outputHeight();
        int ow = window.outputWidth();
        int top = window.padTop();
        int left = window.padLeft();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int s = window.stride();
        int d = 0;
        for (int img = 0; img < n; img++) {
            int base = img * in.size();
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * s - top + ky;
                        for (int kx = 0; kx < kw; kx++) {
                            int x = ox * s - left + kx;
                            if (y < 0 || y >= in.height() || x < 0 || x >= in.width()) {
                                java.util.Arrays.fill(dest, d, d + c, 0.0);
                            } else {
                                System.arraycopy(images, base + in.index(y, x, 0), dest, d, c);
                            }
                            d += c;
                        }
                    }
                }
            }
        }
    }

    /**
     * col2im, the adjoint of {@link #im2col}; see {@link org.nn4j.api.LinearAlgebra#col2im}.
     *
     * @param columns {@code (n · outputPixels) x window.patchSize()} row-major
     * @param n       the number of images
     * @param window  the geometry
     * @param dest    {@code n x window.input().size()} row-major; overwritten
     */
    public static void col2im(double[] columns, int n, Window window, double[] dest) {
        ImageShape in = window.input();
        int c = in.channels();
        int oh = window.outputHeight();
        int ow = window.outputWidth();
        int top = window.padTop();
        int left = window.padLeft();
        int kh = window.kernelHeight();
        int kw = window.kernelWidth();
        int s = window.stride();
        java.util.Arrays.fill(dest, 0, n * in.size(), 0.0);
        int d = 0;
        for (int img = 0; img < n; img++) {
            int base = img * in.size();
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    for (int ky = 0; ky < kh; ky++) {
                        int y = oy * s - top + ky;
                        for (int kx = 0; kx < kw; kx++) {
                            int x = ox * s - left + kx;
                            if (y >= 0 && y < in.height() && x >= 0 && x < in.width()) {
                                int at = base + in.index(y, x, 0);
                                for (int ch = 0; ch < c; ch++) {
                                    dest[at + ch] += columns[d + ch];
                                }
                            }
                            d += c;
                        }
                    }
                }
            }
        }
    }

    /**
     * Max pooling; see {@link org.nn4j.api.LinearAlgebra#maxPool}.
     *
     * @param images the batch, row-major
     * @param n      the number of images
     * @param window the geometry
     * @param dest   {@code n x window.pooled().size()} row-major
     */
    public static void maxPool(double[] images, int n, Window window, double[] dest) {
        pool(images, n, window, dest, true);
    }

    /**
     * Average pooling; see {@link org.nn4j.api.LinearAlgebra#averagePool}.
     *
     * @param images the batch, row-major
     * @param n      the number of images
     * @param window the geometry
     * @param dest   {@code n x window.pooled().size()} row-major
     */
    public static void averagePool(double[] images, int n, Window window, double[] dest) {
        pool(images, n, window, dest, false);
    }

    private static void pool(double[] images, int n, Window window, double[] dest, boolean max) {
        ImageShape in = window.input();
        ImageShape out = window.pooled();
        int c = in.channels();
        for (int img = 0; img < n; img++) {
            int inBase = img * in.size();
            int outBase = img * out.size();
            for (int oy = 0; oy < out.height(); oy++) {
                int y0 = Math.max(oy * window.stride() - window.padTop(), 0);
                int y1 = Math.min(oy * window.stride() - window.padTop() + window.kernelHeight(),
                        in.height());
                for (int ox = 0; ox < out.width(); ox++) {
                    int x0 = Math.max(ox * window.stride() - window.padLeft(), 0);
                    int x1 = Math.min(ox * window.stride() - window.padLeft()
                            + window.kernelWidth(), in.width());
                    int count = (y1 - y0) * (x1 - x0);
                    for (int ch = 0; ch < c; ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0.0;
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                double v = images[inBase + in.index(y, x, ch)];
                                if (max) {
                                    if (v > acc || Double.isNaN(v)) {
                                        acc = v;
                                        if (Double.isNaN(v)) {
                                            y = y1;
                                            break;
                                        }
                                    }
                                } else {
                                    acc += v;
                                }
                            }
                        }
                        dest[outBase + out.index(oy, ox, ch)] = max ? acc : acc / count;
                    }
                }
            }
        }
    }

    /**
     * The gradient of max pooling; see {@link org.nn4j.api.LinearAlgebra#maxPoolBackward}.
     *
     * @param images         the pooling's input, row-major
     * @param n              the number of images
     * @param window         the geometry
     * @param outputGradient {@code n x window.pooled().size()} row-major
     * @param dest           {@code n x window.input().size()} row-major; overwritten
     */
    public static void maxPoolBackward(double[] images, int n, Window window,
                                       double[] outputGradient, double[] dest) {
        ImageShape in = window.input();
        ImageShape out = window.pooled();
        int c = in.channels();
        java.util.Arrays.fill(dest, 0, n * in.size(), 0.0);
        for (int img = 0; img < n; img++) {
            int inBase = img * in.size();
            int outBase = img * out.size();
            for (int oy = 0; oy < out.height(); oy++) {
                int y0 = Math.max(oy * window.stride() - window.padTop(), 0);
                int y1 = Math.min(oy * window.stride() - window.padTop() + window.kernelHeight(),
                        in.height());
                for (int ox = 0; ox < out.width(); ox++) {
                    int x0 = Math.max(ox * window.stride() - window.padLeft(), 0);
                    int x1 = Math.min(ox * window.stride() - window.padLeft()
                            + window.kernelWidth(), in.width());
                    for (int ch = 0; ch < c; ch++) {
                        int best = -1;
                        double acc = Double.NEGATIVE_INFINITY;
                        search:
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                int at = inBase + in.index(y, x, ch);
                                double v = images[at];
                                if (best < 0 || v > acc || Double.isNaN(v)) {
                                    best = at;
                                    acc = v;
                                    if (Double.isNaN(v)) {
                                        break search;
                                    }
                                }
                            }
                        }
                        dest[best] += outputGradient[outBase + out.index(oy, ox, ch)];
                    }
                }
            }
        }
    }

    /**
     * The gradient of average pooling; see
     * {@link org.nn4j.api.LinearAlgebra#averagePoolBackward}.
     *
     * @param n              the number of images
     * @param window         the geometry
     * @param outputGradient {@code n x window.pooled().size()} row-major
     * @param dest           {@code n x window.input().size()} row-major; overwritten
     */
    public static void averagePoolBackward(int n, Window window, double[] outputGradient,
                                           double[] dest) {
        ImageShape in = window.input();
        ImageShape out = window.pooled();
        int c = in.channels();
        java.util.Arrays.fill(dest, 0, n * in.size(), 0.0);
        for (int img = 0; img < n; img++) {
            int inBase = img * in.size();
            int outBase = img * out.size();
            for (int oy = 0; oy < out.height(); oy++) {
                int y0 = Math.max(oy * window.stride() - window.padTop(), 0);
                int y1 = Math.min(oy * window.stride() - window.padTop() + window.kernelHeight(),
                        in.height());
                for (int ox = 0; ox < out.width(); ox++) {
                    int x0 = Math.max(ox * window.stride() - window.padLeft(), 0);
                    int x1 = Math.min(ox * window.stride() - window.padLeft()
                            + window.kernelWidth(), in.width());
                    int count = (y1 - y0) * (x1 - x0);
                    for (int ch = 0; ch < c; ch++) {
                        double g = outputGradient[outBase + out.index(oy, ox, ch)] / count;
                        for (int y = y0; y < y1; y++) {
                            for (int x = x0; x < x1; x++) {
                                dest[inBase + in.index(y, x, ch)] += g;
                            }
                        }
                    }
                }
            }
        }
    }
}
