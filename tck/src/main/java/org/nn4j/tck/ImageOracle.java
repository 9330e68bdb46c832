package org.nn4j.tck;

import org.nn4j.api.Window;

/**
 * The kit's own answers for the image operations of {@link org.nn4j.api.LinearAlgebra}, from
 * their definitions, on row-major NHWC batches (see {@link org.nn4j.api.ImageShape}), with
 * their bounds from {@link Tolerances}. Written apart from {@code api.spi.ImageKernels}: each
 * output element is gathered from the positions that define it (the kernels scatter), and
 * the padding is computed here from TensorFlow's formulas, not read from {@link Window}.
 *
 * <p>Bounds: copies and maxima are exact (bound 0: bit for bit). A sum of {@code t} terms
 * (col2im, a position that is the maximum of several windows, an average pooling's
 * gradient) is within {@code 2γ(t + 1)·Σ|terms|} in any order; an average of {@code t}
 * values, a sum and one division, within {@code 2γ(t + 2)·Σ|values| / t}.
 */
final class ImageOracle {

    /** The geometry, from TensorFlow's definitions of 'valid' and 'same'. */
    record Geometry(int n, int h, int w, int c, int kh, int kw, int s, int oh, int ow, int top,
                    int left) {
        static Geometry of(int n, Window window) {
            int h = window.input().height();
            int w = window.input().width();
            int kh = window.kernelHeight();
            int kw = window.kernelWidth();
            int s = window.stride();
            boolean valid = window.padding() == Window.Padding.VALID;
            int oh = valid ? ceil(h - kh + 1, s) : ceil(h, s);
            int ow = valid ? ceil(w - kw + 1, s) : ceil(w, s);
            int top = valid ? 0 : Math.max((oh - 1) * s + kh - h, 0) / 2;
            int left = valid ? 0 : Math.max((ow - 1) * s + kw - w, 0) / 2;
            return new Geometry(n, h, w, window.input().channels(), kh, kw, s, oh, ow, top, left);
        }

        private static int ceil(int a, int b) {
            return (a + b - 1) / b;
        }

        int imageSize() {
            return h * w * c;
        }

        int pooledSize() {
            return oh * ow * c;
        }

        int patch() {
            return kh * kw * c;
        }

        /** The input row of output row {@code oy}'s window row {@code ky}. */
        int y(int oy, int ky) {
            return oy * s - top + ky;
        }

        int x(int ox, int kx) {
            return ox * s - left + kx;
        }

        boolean inside(int y, int x) {
            return y >= 0 && y < h && x >= 0 && x < w;
        }

        int image(int b, int y, int x, int ch) {
            return ((b * h + y) * w + x) * c + ch;
        }

        int pooled(int b, int oy, int ox, int ch) {
            return ((b * oh + oy) * ow + ox) * c + ch;
        }

        /** The output positions {@code o} whose window covers input {@code y} at {@code o·s − pad + k}. */
        int firstCovering(int y, int pad, int kernel) {
            return Math.max(0, Math.floorDiv(y + pad - kernel, s) + 1);
        }
    }

    private ImageOracle() {
    }

    /** im2col: element {@code ((b, oy, ox), (ky, kx, ch))}, exact. */
    static Oracle.Expected im2col(double[] x, Geometry g) {
        double[] e = new double[g.n() * g.oh() * g.ow() * g.patch()];
        for (int i = 0; i < e.length; i++) {
            int row = i / g.patch();
            int col = i % g.patch();
            int b = row / (g.oh() * g.ow());
            int oy = row / g.ow() % g.oh();
            int ox = row % g.ow();
            int ky = col / (g.kw() * g.c());
            int kx = col / g.c() % g.kw();
            int ch = col % g.c();
            int y = g.y(oy, ky);
            int xx = g.x(ox, kx);
            e[i] = g.inside(y, xx) ? x[g.image(b, y, xx, ch)] : 0.0;
        }
        return Oracle.Expected.exact(e);
    }

    /** col2im: each image element the sum of the column elements im2col copies from it. */
    static Oracle.Expected col2im(double[] cols, Geometry g) {
        double[] e = new double[g.n() * g.imageSize()];
        double[] bound = new double[e.length];
        for (int b = 0; b < g.n(); b++) {
            for (int y = 0; y < g.h(); y++) {
                for (int xx = 0; xx < g.w(); xx++) {
                    for (int ch = 0; ch < g.c(); ch++) {
                        double sum = 0;
                        double abs = 0;
                        int terms = 0;
                        for (int oy = g.firstCovering(y, g.top(), g.kh()); oy < g.oh()
                                && g.y(oy, 0) <= y; oy++) {
                            for (int ox = g.firstCovering(xx, g.left(), g.kw()); ox < g.ow()
                                    && g.x(ox, 0) <= xx; ox++) {
                                int ky = y - g.y(oy, 0);
                                int kx = xx - g.x(ox, 0);
                                double v = cols[((b * g.oh() + oy) * g.ow() + ox) * g.patch()
                                        + (ky * g.kw() + kx) * g.c() + ch];
                                sum += v;
                                abs += Math.abs(v);
                                terms++;
                            }
                        }
                        int i = g.image(b, y, xx, ch);
                        e[i] = sum;
                        bound[i] = terms <= 1 ? 0 : 2 * Tolerances.gamma(terms + 1L) * abs;
                    }
                }
            }
        }
        return new Oracle.Expected(terms(e, bound), bound);
    }

    /** A sum of one term is that term: exact, compared bit for bit. */
    private static double[] terms(double[] e, double[] bound) {
        for (int i = 0; i < e.length; i++) {
            if (bound[i] == 0) {
                e[i] = Tolerances.round(e[i]);
            }
        }
        return e;
    }

    /**
     * The flat index of the maximum of each pooling window, the first in {@code (ky, kx)}
     * order on ties, the first NaN if the window has one; padding never counts.
     */
    static int[] argmax(double[] x, Geometry g) {
        int[] at = new int[g.n() * g.pooledSize()];
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    for (int ch = 0; ch < g.c(); ch++) {
                        int best = -1;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int y = g.y(oy, ky);
                                int xx = g.x(ox, kx);
                                if (!g.inside(y, xx)) {
                                    continue;
                                }
                                int i = g.image(b, y, xx, ch);
                                boolean bestIsNan = best >= 0 && Double.isNaN(x[best]);
                                if (best < 0 || !bestIsNan && (Double.isNaN(x[i])
                                        || x[i] > x[best])) {
                                    best = i;
                                }
                            }
                        }
                        at[g.pooled(b, oy, ox, ch)] = best;
                    }
                }
            }
        }
        return at;
    }

    /** Max pooling, exact (NaN where the window has one). */
    static Oracle.Expected maxPool(double[] x, Geometry g) {
        int[] at = argmax(x, g);
        double[] e = new double[at.length];
        for (int i = 0; i < at.length; i++) {
            e[i] = x[at[i]];
        }
        return Oracle.Expected.exact(e);
    }

    /** The gradient of max pooling: each dy to its window's first maximum, summed. */
    static Oracle.Expected maxPoolBackward(double[] x, Geometry g, double[] dy) {
        int[] at = argmax(x, g);
        double[] e = new double[g.n() * g.imageSize()];
        double[] abs = new double[e.length];
        int[] terms = new int[e.length];
        for (int i = 0; i < at.length; i++) {
            e[at[i]] += dy[i];
            abs[at[i]] += Math.abs(dy[i]);
            terms[at[i]]++;
        }
        double[] bound = new double[e.length];
        for (int i = 0; i < e.length; i++) {
            bound[i] = terms[i] <= 1 ? 0 : 2 * Tolerances.gamma(terms[i] + 1L) * abs[i];
        }
        return new Oracle.Expected(terms(e, bound), bound);
    }

    /** The number of image positions output {@code (oy, ox)}'s window covers. */
    static int count(Geometry g, int oy, int ox) {
        int rows = 0;
        int cols = 0;
        for (int k = 0; k < g.kh(); k++) {
            rows += g.inside(g.y(oy, k), 0) ? 1 : 0;
        }
        for (int k = 0; k < g.kw(); k++) {
            cols += g.inside(0, g.x(ox, k)) ? 1 : 0;
        }
        return rows * cols;
    }

    /** Average pooling: the window's sum over the positions it covers in the image. */
    static Oracle.Expected averagePool(double[] x, Geometry g) {
        double[] e = new double[g.n() * g.pooledSize()];
        double[] bound = new double[e.length];
        for (int b = 0; b < g.n(); b++) {
            for (int oy = 0; oy < g.oh(); oy++) {
                for (int ox = 0; ox < g.ow(); ox++) {
                    int count = count(g, oy, ox);
                    for (int ch = 0; ch < g.c(); ch++) {
                        double sum = 0;
                        double abs = 0;
                        for (int ky = 0; ky < g.kh(); ky++) {
                            for (int kx = 0; kx < g.kw(); kx++) {
                                int y = g.y(oy, ky);
                                int xx = g.x(ox, kx);
                                if (g.inside(y, xx)) {
                                    sum += x[g.image(b, y, xx, ch)];
                                    abs += Math.abs(x[g.image(b, y, xx, ch)]);
                                }
                            }
                        }
                        int i = g.pooled(b, oy, ox, ch);
                        e[i] = sum / count;
                        bound[i] = 2 * Tolerances.gamma(count + 2L) * abs / count;
                    }
                }
            }
        }
        return new Oracle.Expected(e, bound);
    }

    /** The gradient of average pooling: each dy shared equally by the positions it covered. */
    static Oracle.Expected averagePoolBackward(Geometry g, double[] dy) {
        double[] e = new double[g.n() * g.imageSize()];
        double[] bound = new double[e.length];
        for (int b = 0; b < g.n(); b++) {
            for (int y = 0; y < g.h(); y++) {
                for (int xx = 0; xx < g.w(); xx++) {
                    for (int ch = 0; ch < g.c(); ch++) {
                        double sum = 0;
                        double abs = 0;
                        int terms = 0;
                        for (int oy = g.firstCovering(y, g.top(), g.kh()); oy < g.oh()
                                && g.y(oy, 0) <= y; oy++) {
                            for (int ox = g.firstCovering(xx, g.left(), g.kw()); ox < g.ow()
                                    && g.x(ox, 0) <= xx; ox++) {
                                double share = dy[g.pooled(b, oy, ox, ch)] / count(g, oy, ox);
                                sum += share;
                                abs += Math.abs(share);
                                terms++;
                            }
                        }
                        int i = g.image(b, y, xx, ch);
                        e[i] = sum;
                        bound[i] = 2 * Tolerances.gamma(terms + 2L) * abs;
                    }
                }
            }
        }
        return new Oracle.Expected(e, bound);
    }
}
