package org.nn4j.tck.reference;

import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;

/**
 * The image kernels of the {@link Breakage}s of round five, on row-major arrays: each the
 * plausible mistake its breakage names, and otherwise as {@code api.spi.ImageKernels}.
 */
final class BrokenImageKernels {

    private BrokenImageKernels() {
    }

    /**
     * im2col with each patch in {@code (kx, ky, c)} order ({@code transposed}), or with the
     * larger half of an odd {@code same} padding on top and left ({@code padBeforeLarger}).
     */
    static void im2col(double[] x, int n, Window w, double[] dest, boolean transposed,
                       boolean padBeforeLarger) {
        ImageShape in = w.input();
        int c = in.channels();
        int top = padBeforeLarger ? before(w.padTop(), in.height(), w.kernelHeight(),
                w.outputHeight(), w) : w.padTop();
        int left = padBeforeLarger ? before(w.padLeft(), in.width(), w.kernelWidth(),
                w.outputWidth(), w) : w.padLeft();
        int row = 0;
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < w.outputHeight(); oy++) {
                for (int ox = 0; ox < w.outputWidth(); ox++) {
                    for (int ky = 0; ky < w.kernelHeight(); ky++) {
                        for (int kx = 0; kx < w.kernelWidth(); kx++) {
                            int y = oy * w.stride() - top + ky;
                            int xx = ox * w.stride() - left + kx;
                            int col = transposed ? kx * w.kernelHeight() + ky
                                    : ky * w.kernelWidth() + kx;
                            for (int ch = 0; ch < c; ch++) {
                                boolean inside = y >= 0 && y < in.height() && xx >= 0
                                        && xx < in.width();
                                dest[row * w.patchSize() + col * c + ch] = inside
                                        ? x[b * in.size() + in.index(y, xx, ch)] : 0;
                            }
                        }
                    }
                    row++;
                }
            }
        }
    }

    /** The padding before the image with the larger half there: ⌈total / 2⌉. */
    private static int before(int pad, int size, int kernel, int out, Window w) {
        if (w.padding() == Window.Padding.VALID) {
            return pad;
        }
        int total = Math.max((out - 1) * w.stride() + kernel - size, 0);
        return (total + 1) / 2;
    }

    /** The number of image positions output {@code (oy, ox)} covers, or all kh·kw. */
    private static int count(Window w, int oy, int ox, boolean countPadding) {
        if (countPadding) {
            return w.kernelHeight() * w.kernelWidth();
        }
        int y0 = Math.max(oy * w.stride() - w.padTop(), 0);
        int y1 = Math.min(oy * w.stride() - w.padTop() + w.kernelHeight(), w.input().height());
        int x0 = Math.max(ox * w.stride() - w.padLeft(), 0);
        int x1 = Math.min(ox * w.stride() - w.padLeft() + w.kernelWidth(), w.input().width());
        return (y1 - y0) * (x1 - x0);
    }

    /**
     * Pools, or spreads a pooling's gradient ({@code dy} not null): average dividing by
     * {@code kh·kw} ({@code countPadding}), or max where a NaN does not count
     * ({@code ignoreNan}) and the gradient goes to the last maximum ({@code lastMaximum}).
     */
    static void pool(double[] x, int n, Window w, double[] dy, double[] dest, boolean average,
                     boolean countPadding, boolean ignoreNan, boolean lastMaximum) {
        ImageShape in = w.input();
        ImageShape out = w.pooled();
        if (dy != null) {
            java.util.Arrays.fill(dest, 0.0);
        }
        for (int b = 0; b < n; b++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    int count = count(w, oy, ox, countPadding);
                    for (int ch = 0; ch < in.channels(); ch++) {
                        int o = b * out.size() + out.index(oy, ox, ch);
                        double sum = 0;
                        int best = -1;
                        for (int ky = 0; ky < w.kernelHeight(); ky++) {
                            for (int kx = 0; kx < w.kernelWidth(); kx++) {
                                int y = oy * w.stride() - w.padTop() + ky;
                                int xx = ox * w.stride() - w.padLeft() + kx;
                                if (y < 0 || y >= in.height() || xx < 0 || xx >= in.width()) {
                                    continue;
                                }
                                int i = b * in.size() + in.index(y, xx, ch);
                                if (average) {
                                    if (dy == null) {
                                        sum += x[i];
                                    } else {
                                        dest[i] += dy[o] / count;
                                    }
                                } else if (best < 0 || (lastMaximum ? x[i] >= x[best]
                                        : x[i] > x[best])
                                        || !ignoreNan && Double.isNaN(x[i])
                                        && !Double.isNaN(x[best])) {
                                    best = i;
                                }
                            }
                        }
                        if (dy == null) {
                            dest[o] = average ? sum / count : x[best];
                        } else if (!average) {
                            dest[best] += dy[o];
                        }
                    }
                }
            }
        }
    }
}
