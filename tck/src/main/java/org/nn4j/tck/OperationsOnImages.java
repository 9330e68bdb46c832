package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;

/**
 * The direct checks of {@link LinearAlgebra}'s image operations for {@link Operations}: each
 * on random data with full mantissas against {@link ImageOracle}, for several windows at each
 * size. A size {@code Dims(m, k, n)} is a batch of {@code m} images of about {@code k} pixels
 * ({@code height x width} with {@code height} the largest divisor of {@code k} not above its
 * square root) and {@code n} channels (1 to 5); the windows are 3x3 with stride 1 and
 * {@code same} padding, 2x2 with stride 2 ({@code valid} where it fits), and 2x3 with stride 2
 * and {@code same} padding (padding on one side only where the total is odd). Every
 * destination starts full of other values, so one that is added to rather than overwritten
 * fails, and every input is checked unchanged afterwards.
 */
final class OperationsOnImages {

    private OperationsOnImages() {
    }

    /** The image shape of a size: {@code height x width x channels}. */
    static ImageShape image(Operations.Dims d) {
        int h = 1;
        for (int i = 1; (long) i * i <= d.k(); i++) {
            if (d.k() % i == 0) {
                h = i;
            }
        }
        return new ImageShape(h, d.k() / h, Math.min(Math.max(d.n(), 1), 5));
    }

    /** The windows each check runs at a size. */
    static List<Window> windows(Operations.Dims d) {
        ImageShape in = image(d);
        boolean fits = in.height() >= 2 && in.width() >= 2;
        return List.of(Window.square(in, 3, 1, Window.Padding.SAME),
                Window.square(in, 2, 2, fits ? Window.Padding.VALID : Window.Padding.SAME),
                new Window(in, 2, 3, 2, Window.Padding.SAME));
    }

    private static Matrix m(Backend be, int rows, int cols, double[] data) {
        return be.linearAlgebra().fromRowMajor(rows, cols, data);
    }

    /** A destination full of values no answer has. */
    private static Matrix garbage(Backend be, int rows, int cols, long seed) {
        return m(be, rows, cols, Oracle.random(seed, rows * cols, 5, 9));
    }

    private static void within(String what, Oracle.Expected e, Matrix actual, int rows, int cols) {
        assertEquals(rows + "x" + cols, actual.rows() + "x" + actual.cols(), what + ": shape");
        Oracle.check(what, e, actual.toRowMajor());
    }

    private static void unchanged(String what, double[] before, Matrix after) {
        Oracle.check(what + " afterwards (not modified)", Oracle.Expected.exact(before),
                after.toRowMajor());
    }

    /** One image operation at one window. */
    @FunctionalInterface
    private interface ImageCheck {
        void run(Backend be, int n, Window window, ImageOracle.Geometry g, long seed);
    }

    private static Operations.Check each(ImageCheck check) {
        return (be, d, seed) -> {
            for (Window window : windows(d)) {
                check.run(be, d.m(), window, ImageOracle.Geometry.of(d.m(), window), seed++);
            }
        };
    }

    static void add(List<Operations.Operation> ops) {
        ops.add(new Operations.Operation("LinearAlgebra.reshape(Matrix, Matrix)", true,
                OperationsOnImages::reshape));
        ops.add(new Operations.Operation("LinearAlgebra.multiplyRowVector(Matrix, Matrix, Matrix)",
                true, OperationsOnImages::multiplyRowVector));
        ops.add(new Operations.Operation("LinearAlgebra.im2col(Matrix, Window, Matrix)", true,
                each(OperationsOnImages::im2col)));
        ops.add(new Operations.Operation("LinearAlgebra.col2im(Matrix, Window, Matrix)", true,
                each(OperationsOnImages::col2im)));
        ops.add(new Operations.Operation("LinearAlgebra.maxPool(Matrix, Window, Matrix)", true,
                each(OperationsOnImages::maxPool)));
        ops.add(new Operations.Operation(
                "LinearAlgebra.maxPoolBackward(Matrix, Window, Matrix, Matrix)", true,
                each(OperationsOnImages::maxPoolBackward)));
        ops.add(new Operations.Operation("LinearAlgebra.averagePool(Matrix, Window, Matrix)", true,
                each(OperationsOnImages::averagePool)));
        ops.add(new Operations.Operation(
                "LinearAlgebra.averagePoolBackward(Window, Matrix, Matrix)", true,
                each(OperationsOnImages::averagePoolBackward)));
    }

    private static void reshape(Backend be, Operations.Dims d, long seed) {
        double[] a = Oracle.random(seed, d.m() * d.k());
        Matrix src = m(be, d.m(), d.k(), a);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {d.k(), d.m()},
                new int[] {1, a.length}, new int[] {a.length, 1}));
        for (int[] s : shapes) {
            Matrix dest = garbage(be, s[0], s[1], seed + 1);
            be.linearAlgebra().reshape(src, dest);
            String what = "reshape " + d + " into " + s[0] + "x" + s[1];
            within(what, Oracle.Expected.exact(a), dest, s[0], s[1]);
            Matrix back = garbage(be, d.m(), d.k(), seed + 2);
            be.linearAlgebra().reshape(dest, back);
            within(what + " and back", Oracle.Expected.exact(a), back, d.m(), d.k());
        }
        unchanged("reshape " + d + ": src", a, src);
    }

    private static void multiplyRowVector(Backend be, Operations.Dims d, long seed) {
        double[] a = Oracle.random(seed, d.m() * d.k());
        double[] row = Oracle.random(seed + 1, d.k());
        double[] e = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            e[i] = a[i] * row[i % d.k()];
        }
        Matrix ma = m(be, d.m(), d.k(), a);
        Matrix mr = m(be, 1, d.k(), row);
        Matrix dest = garbage(be, d.m(), d.k(), seed + 2);
        be.linearAlgebra().multiplyRowVector(ma, mr, dest);
        String what = "multiplyRowVector " + d;
        within(what, Oracle.Expected.exact(e), dest, d.m(), d.k());
        unchanged(what + ": a", a, ma);
        unchanged(what + ": row", row, mr);
        be.linearAlgebra().multiplyRowVector(ma, mr, ma);
        within(what + " in place (dest is a)", Oracle.Expected.exact(e), ma, d.m(), d.k());
    }

    private static void im2col(Backend be, int n, Window window, ImageOracle.Geometry g,
                               long seed) {
        double[] x = Oracle.random(seed, n * g.imageSize());
        Matrix images = m(be, n, g.imageSize(), x);
        int rows = n * g.oh() * g.ow();
        Matrix dest = garbage(be, rows, g.patch(), seed + 1);
        be.linearAlgebra().im2col(images, window, dest);
        String what = "im2col of " + n + " images, " + window;
        within(what, ImageOracle.im2col(x, g), dest, rows, g.patch());
        unchanged(what + ": images", x, images);
    }

    private static void col2im(Backend be, int n, Window window, ImageOracle.Geometry g,
                               long seed) {
        int rows = n * g.oh() * g.ow();
        double[] cols = Oracle.random(seed, rows * g.patch());
        Matrix columns = m(be, rows, g.patch(), cols);
        Matrix dest = garbage(be, n, g.imageSize(), seed + 1);
        be.linearAlgebra().col2im(columns, window, dest);
        String what = "col2im into " + n + " images, " + window;
        within(what, ImageOracle.col2im(cols, g), dest, n, g.imageSize());
        unchanged(what + ": columns", cols, columns);
    }

    private static void maxPool(Backend be, int n, Window window, ImageOracle.Geometry g,
                                long seed) {
        double[] x = Oracle.random(seed, n * g.imageSize());
        Matrix images = m(be, n, g.imageSize(), x);
        Matrix dest = garbage(be, n, g.pooledSize(), seed + 1);
        be.linearAlgebra().maxPool(images, window, dest);
        String what = "maxPool of " + n + " images, " + window;
        within(what, ImageOracle.maxPool(x, g), dest, n, g.pooledSize());
        unchanged(what + ": images", x, images);
    }

    private static void maxPoolBackward(Backend be, int n, Window window, ImageOracle.Geometry g,
                                        long seed) {
        double[] x = Oracle.random(seed, n * g.imageSize());
        double[] dy = Oracle.random(seed + 1, n * g.pooledSize());
        Matrix images = m(be, n, g.imageSize(), x);
        Matrix gradient = m(be, n, g.pooledSize(), dy);
        Matrix dest = garbage(be, n, g.imageSize(), seed + 2);
        be.linearAlgebra().maxPoolBackward(images, window, gradient, dest);
        String what = "maxPoolBackward of " + n + " images, " + window;
        within(what, ImageOracle.maxPoolBackward(x, g, dy), dest, n, g.imageSize());
        unchanged(what + ": images", x, images);
        unchanged(what + ": outputGradient", dy, gradient);
    }

    private static void averagePool(Backend be, int n, Window window, ImageOracle.Geometry g,
                                    long seed) {
        double[] x = Oracle.random(seed, n * g.imageSize());
        Matrix images = m(be, n, g.imageSize(), x);
        Matrix dest = garbage(be, n, g.pooledSize(), seed + 1);
        be.linearAlgebra().averagePool(images, window, dest);
        String what = "averagePool of " + n + " images, " + window;
        within(what, ImageOracle.averagePool(x, g), dest, n, g.pooledSize());
        unchanged(what + ": images", x, images);
    }

    private static void averagePoolBackward(Backend be, int n, Window window,
                                            ImageOracle.Geometry g, long seed) {
        double[] dy = Oracle.random(seed, n * g.pooledSize());
        Matrix gradient = m(be, n, g.pooledSize(), dy);
        Matrix dest = garbage(be, n, g.imageSize(), seed + 1);
        be.linearAlgebra().averagePoolBackward(window, gradient, dest);
        String what = "averagePoolBackward of " + n + " images, " + window;
        within(what, ImageOracle.averagePoolBackward(g, dy), dest, n, g.imageSize());
        unchanged(what + ": outputGradient", dy, gradient);
    }
}
