package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.api.Shape;

/**
 * One direct check for every public method of {@link LinearAlgebra}, {@link Matrix},
 * {@link Loss}, {@link Layer} and {@link Backend}, on random data with full mantissas against
 * {@link Oracle}'s answers and tolerances, at a size given as {@link Dims}. The
 * {@code EveryPublicMethod} group runs each at small odd shapes, the {@code Sizes} group the
 * ones that compute at shapes crossing typical chunk and block boundaries.
 */
final class Operations {

    /** The interfaces whose every public method has a check here. */
    static final List<Class<?>> API = List.of(LinearAlgebra.class, Matrix.class, Loss.class,
            Layer.class, Backend.class);

    /** Shapes: an {@code m x k} operand; {@code gemm}'s product {@code (m x k)·(k x n)}. */
    record Dims(int m, int k, int n) {
        @Override
        public String toString() {
            return m + "x" + k + (n > 0 ? " (n " + n + ")" : "");
        }
    }

    /** A check of one method at one size. */
    @FunctionalInterface
    interface Check {
        void run(Backend backend, Dims dims, long seed);
    }

    /**
     * A method's check.
     *
     * @param signature {@code Type.name(ParameterTypes)}, as {@link #signature(Class, Method)}
     * @param computes  whether it computes on data, so sizes matter
     * @param check     the check
     */
    record Operation(String signature, boolean computes, Check check) {
        @Override
        public String toString() {
            return signature;
        }
    }

    private Operations() {
    }

    /** {@code Type.name(ParameterTypes)}, with simple names. */
    static String signature(Class<?> type, Method m) {
        return type.getSimpleName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    /** The public methods of the api's interfaces, as signatures, sorted. */
    static TreeSet<String> publicMethods() {
        TreeSet<String> all = new TreeSet<>();
        for (Class<?> type : API) {
            for (Method m : type.getMethods()) {
                if (m.getDeclaringClass() != Object.class && !Modifier.isStatic(m.getModifiers())) {
                    all.add(signature(m.getDeclaringClass(), m));
                }
            }
        }
        return all;
    }

    static Map<String, Operation> all() {
        Map<String, Operation> ops = new LinkedHashMap<>();
        for (Operation op : list()) {
            ops.put(op.signature(), op);
        }
        return ops;
    }

    // ------------------------------------------------------------------ helpers

    private static Matrix m(Backend be, int rows, int cols, double[] data) {
        return be.linearAlgebra().fromRowMajor(rows, cols, data);
    }

    private static double[] rnd(long seed, int n) {
        return Oracle.random(seed, n);
    }

    /** A scalar in [−3, 3), a value of the precision under test (see {@link Tolerances}). */
    private static double scalar(long seed) {
        return Tolerances.round(Oracle.random(seed ^ 0x5DEECE66DL, 1)[0] * 3);
    }

    private static void exact(String what, double[] expected, Matrix actual, int rows, int cols) {
        assertEquals(rows + "x" + cols, actual.rows() + "x" + actual.cols(), what + ": shape");
        Oracle.check(what, Oracle.Expected.exact(expected), actual.toRowMajor());
    }

    private static void within(String what, Oracle.Expected expected, Matrix actual, int rows,
                               int cols) {
        assertEquals(rows + "x" + cols, actual.rows() + "x" + actual.cols(), what + ": shape");
        Oracle.check(what, expected, actual.toRowMajor());
    }

    /** Element-wise: {@code dest[i] = f(a[i], b[i])}. */
    @FunctionalInterface
    private interface Binary {
        double apply(double a, double b);
    }

    /** The destination-passing and the allocating form of an element-wise binary operation. */
    private interface BinaryOp {
        void into(LinearAlgebra la, Matrix a, Matrix b, Matrix dest);

        Matrix allocating(LinearAlgebra la, Matrix a, Matrix b);
    }

    private static void binary(List<Operation> ops, String name, Binary f, double lo, double hi,
                               BinaryOp op) {
        Check into = (be, d, seed) -> {
            double[] a = Oracle.random(seed, d.m() * d.k(), lo, hi);
            double[] b = Oracle.random(seed + 1, d.m() * d.k(), lo, hi);
            double[] e = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                e[i] = f.apply(a[i], b[i]);
            }
            Matrix ma = m(be, d.m(), d.k(), a);
            Matrix mb = m(be, d.m(), d.k(), b);
            Matrix dest = m(be, d.m(), d.k(), rnd(seed + 2, a.length));
            op.into(be.linearAlgebra(), ma, mb, dest);
            exact(name + " " + d, e, dest, d.m(), d.k());
            exact(name + " " + d + ": a afterwards", a, ma, d.m(), d.k());
            exact(name + " " + d + ": b afterwards", b, mb, d.m(), d.k());
            exact(name + "(a, b) " + d, e, op.allocating(be.linearAlgebra(), ma, mb), d.m(), d.k());
        };
        ops.add(new Operation("LinearAlgebra." + name + "(Matrix, Matrix, Matrix)", true, into));
        ops.add(new Operation("LinearAlgebra." + name + "(Matrix, Matrix)", true, into));
    }

    /** An element-wise unary operation with a scalar, as scale and addScalar. */
    private interface ScalarOp {
        void into(LinearAlgebra la, double alpha, Matrix a, Matrix dest);

        Matrix allocating(LinearAlgebra la, double alpha, Matrix a);
    }

    private static void scalarOp(List<Operation> ops, String name, Binary f, ScalarOp op) {
        Check into = (be, d, seed) -> {
            double alpha = scalar(seed);
            double[] a = rnd(seed, d.m() * d.k());
            double[] e = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                e[i] = f.apply(alpha, a[i]);
            }
            Matrix ma = m(be, d.m(), d.k(), a);
            Matrix dest = m(be, d.m(), d.k(), rnd(seed + 2, a.length));
            op.into(be.linearAlgebra(), alpha, ma, dest);
            exact(name + " " + d, e, dest, d.m(), d.k());
            exact(name + " " + d + ": a afterwards", a, ma, d.m(), d.k());
            exact(name + "(alpha, a) " + d, e, op.allocating(be.linearAlgebra(), alpha, ma),
                    d.m(), d.k());
        };
        ops.add(new Operation("LinearAlgebra." + name + "(double, Matrix, Matrix)", true, into));
        ops.add(new Operation("LinearAlgebra." + name + "(double, Matrix)", true, into));
    }

    // ------------------------------------------------------------------ the checks

    private static List<Operation> list() {
        List<Operation> ops = new ArrayList<>();
        linearAlgebraCreation(ops);
        products(ops);
        elementWise(ops);
        optimizerSteps(ops);
        decoupledDecayAndClipping(ops);
        matrix(ops);
        losses(ops);
        layersAndBackend(ops);
        OperationsOnImages.add(ops);
        ImageLayerOperations.add(ops);
        return ops;
    }

    private static void linearAlgebraCreation(List<Operation> ops) {
        ops.add(new Operation("LinearAlgebra.backendName()", false, (be, d, seed) ->
                assertEquals(be.name(), be.linearAlgebra().backendName(), "backendName")));
        ops.add(new Operation("LinearAlgebra.zeros(int, int)", true, (be, d, seed) ->
                exact("zeros " + d, new double[d.m() * d.k()],
                        be.linearAlgebra().zeros(d.m(), d.k()), d.m(), d.k())));
        ops.add(new Operation("LinearAlgebra.fromRowMajor(int, int, double[])", true,
                (be, d, seed) -> {
                    double[] a = rnd(seed, d.m() * d.k());
                    double[] copy = a.clone();
                    Matrix x = m(be, d.m(), d.k(), a);
                    Arrays.fill(a, 7);
                    exact("fromRowMajor " + d + " (a copy of the data)", copy, x, d.m(), d.k());
                }));
        ops.add(new Operation("LinearAlgebra.copyFromRowMajor(double[], int, Matrix)", true,
                (be, d, seed) -> {
                    int n = d.m() * d.k();
                    double[] src = rnd(seed, n + 5);
                    Matrix dest = be.linearAlgebra().zeros(d.m(), d.k());
                    be.linearAlgebra().copyFromRowMajor(src, 3, dest);
                    exact("copyFromRowMajor " + d + " from offset 3",
                            Arrays.copyOfRange(src, 3, 3 + n), dest, d.m(), d.k());
                    be.linearAlgebra().copyFromRowMajor(src, 5, dest);
                    exact("copyFromRowMajor " + d + " from offset 5 to the array's end",
                            Arrays.copyOfRange(src, 5, 5 + n), dest, d.m(), d.k());
                }));
        ops.add(new Operation("LinearAlgebra.copyToRowMajor(Matrix, double[], int)", true,
                (be, d, seed) -> {
                    int n = d.m() * d.k();
                    double[] a = rnd(seed, n);
                    double[] dest = new double[n + 5];
                    Arrays.fill(dest, -7);
                    be.linearAlgebra().copyToRowMajor(m(be, d.m(), d.k(), a), dest, 2);
                    double[] e = new double[n + 5];
                    Arrays.fill(e, -7);
                    System.arraycopy(a, 0, e, 2, n);
                    Oracle.check("copyToRowMajor " + d + " at offset 2",
                            Oracle.Expected.exact(e), dest);
                }));
        Check copy = (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            Matrix src = m(be, d.m(), d.k(), a);
            Matrix dest = m(be, d.m(), d.k(), rnd(seed + 1, a.length));
            be.linearAlgebra().copy(src, dest);
            exact("copy " + d, a, dest, d.m(), d.k());
            Matrix fresh = be.linearAlgebra().copy(src);
            be.linearAlgebra().fill(0, src);
            exact("copy(src) " + d + ", independent of src", a, fresh, d.m(), d.k());
        };
        ops.add(new Operation("LinearAlgebra.copy(Matrix, Matrix)", true, copy));
        ops.add(new Operation("LinearAlgebra.copy(Matrix)", true, copy));
        ops.add(new Operation("LinearAlgebra.convert(Matrix)", true, (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            Matrix converted = be.linearAlgebra().convert(new ForeignMatrix(d.m(), d.k(), a.clone()));
            assertEquals(be.name(), converted.backendName(), "convert's backend");
            exact("convert " + d, a, converted, d.m(), d.k());
        }));
        ops.add(new Operation("LinearAlgebra.fill(double, Matrix)", true, (be, d, seed) -> {
            double v = scalar(seed);
            Matrix x = m(be, d.m(), d.k(), rnd(seed, d.m() * d.k()));
            be.linearAlgebra().fill(v, x);
            exact("fill " + d, ConformanceChecks.filled(d.m() * d.k(), v), x, d.m(), d.k());
        }));
    }

    private static void products(List<Operation> ops) {
        ops.add(new Operation("LinearAlgebra.gemm(double, Matrix, boolean, Matrix, boolean, double,"
                + " Matrix)", true, (be, d, seed) -> {
                    for (int flags = 0; flags < 4; flags++) {
                        boolean ta = (flags & 1) != 0;
                        boolean tb = (flags & 2) != 0;
                        gemm(be, d, seed + flags, ta, tb, scalar(seed + flags),
                                flags == 3 ? 0 : scalar(seed + 10 + flags));
                    }
                }));
        ops.add(new Operation("LinearAlgebra.multiply(Matrix, Matrix)", true, (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            double[] b = rnd(seed + 1, d.k() * d.n());
            Oracle.Expected e = Oracle.gemm(1, a, d.k(), false, b, d.n(), false, 0, null, d.m(),
                    d.n(), d.k());
            within("multiply " + d, e, be.linearAlgebra().multiply(m(be, d.m(), d.k(), a),
                    m(be, d.k(), d.n(), b)), d.m(), d.n());
        }));
        ops.add(new Operation("LinearAlgebra.addRowVector(Matrix, Matrix, Matrix)", true,
                (be, d, seed) -> {
                    double[] a = rnd(seed, d.m() * d.k());
                    double[] row = rnd(seed + 1, d.k());
                    double[] e = new double[a.length];
                    for (int i = 0; i < a.length; i++) {
                        e[i] = a[i] + row[i % d.k()];
                    }
                    Matrix dest = m(be, d.m(), d.k(), rnd(seed + 2, a.length));
                    be.linearAlgebra().addRowVector(m(be, d.m(), d.k(), a), m(be, 1, d.k(), row),
                            dest);
                    exact("addRowVector " + d, e, dest, d.m(), d.k());
                }));
        Check columnSums = (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            Oracle.Expected e = Oracle.columnSums(a, d.m(), d.k());
            Matrix dest = m(be, 1, d.k(), rnd(seed + 1, d.k()));
            be.linearAlgebra().columnSums(m(be, d.m(), d.k(), a), dest);
            within("columnSums " + d, e, dest, 1, d.k());
            within("columnSums(a) " + d, e, be.linearAlgebra().columnSums(m(be, d.m(), d.k(), a)),
                    1, d.k());
        };
        ops.add(new Operation("LinearAlgebra.columnSums(Matrix, Matrix)", true, columnSums));
        ops.add(new Operation("LinearAlgebra.columnSums(Matrix)", true, columnSums));
        ops.add(new Operation("LinearAlgebra.sumOfSquares(Matrix)", true, (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            Oracle.check("sumOfSquares " + d, Oracle.sumOfSquares(a),
                    be.linearAlgebra().sumOfSquares(m(be, d.m(), d.k(), a)));
        }));
        ops.add(new Operation("LinearAlgebra.argmaxRows(Matrix)", true, (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            int[] e = new int[d.m()];
            for (int i = 0; i < d.m(); i++) {
                for (int j = 1; j < d.k(); j++) {
                    if (a[i * d.k() + j] > a[i * d.k() + e[i]]) {
                        e[i] = j;
                    }
                }
            }
            assertArrayEquals(e, be.linearAlgebra().argmaxRows(m(be, d.m(), d.k(), a)),
                    "argmaxRows " + d);
        }));
    }

    /** {@code c = alpha·op(a)·op(b) + beta·c} with {@code op(a)} {@code m x k}. */
    static void gemm(Backend be, Dims d, long seed, boolean ta, boolean tb, double alpha,
                     double beta) {
        double[] a = rnd(seed, d.m() * d.k());
        double[] b = rnd(seed + 1, d.k() * d.n());
        double[] c = rnd(seed + 2, d.m() * d.n());
        int aCols = ta ? d.m() : d.k();
        int bCols = tb ? d.k() : d.n();
        Oracle.Expected e = Oracle.gemm(alpha, a, aCols, ta, b, bCols, tb, beta, c, d.m(), d.n(),
                d.k());
        Matrix ma = ta ? m(be, d.k(), d.m(), a) : m(be, d.m(), d.k(), a);
        Matrix mb = tb ? m(be, d.n(), d.k(), b) : m(be, d.k(), d.n(), b);
        Matrix mc = m(be, d.m(), d.n(), c);
        be.linearAlgebra().gemm(alpha, ma, ta, mb, tb, beta, mc);
        String what = "gemm " + d + " transA=" + ta + " transB=" + tb + " alpha=" + alpha
                + " beta=" + beta;
        within(what, e, mc, d.m(), d.n());
        Oracle.check(what + ": a afterwards", Oracle.Expected.exact(a), ma.toRowMajor());
        Oracle.check(what + ": b afterwards", Oracle.Expected.exact(b), mb.toRowMajor());
    }

    private static void elementWise(List<Operation> ops) {
        scalarOp(ops, "scale", (alpha, a) -> alpha * a, new ScalarOp() {
            public void into(LinearAlgebra la, double alpha, Matrix a, Matrix dest) {
                la.scale(alpha, a, dest);
            }

            public Matrix allocating(LinearAlgebra la, double alpha, Matrix a) {
                return la.scale(alpha, a);
            }
        });
        scalarOp(ops, "addScalar", (alpha, a) -> a + alpha, new ScalarOp() {
            public void into(LinearAlgebra la, double alpha, Matrix a, Matrix dest) {
                la.addScalar(alpha, a, dest);
            }

            public Matrix allocating(LinearAlgebra la, double alpha, Matrix a) {
                return la.addScalar(alpha, a);
            }
        });
        binary(ops, "add", (a, b) -> a + b, -1, 1, new BinaryOp() {
            public void into(LinearAlgebra la, Matrix a, Matrix b, Matrix dest) {
                la.add(a, b, dest);
            }

            public Matrix allocating(LinearAlgebra la, Matrix a, Matrix b) {
                return la.add(a, b);
            }
        });
        binary(ops, "subtract", (a, b) -> a - b, -1, 1, new BinaryOp() {
            public void into(LinearAlgebra la, Matrix a, Matrix b, Matrix dest) {
                la.subtract(a, b, dest);
            }

            public Matrix allocating(LinearAlgebra la, Matrix a, Matrix b) {
                return la.subtract(a, b);
            }
        });
        binary(ops, "multiplyElements", (a, b) -> a * b, -1, 1, new BinaryOp() {
            public void into(LinearAlgebra la, Matrix a, Matrix b, Matrix dest) {
                la.multiplyElements(a, b, dest);
            }

            public Matrix allocating(LinearAlgebra la, Matrix a, Matrix b) {
                return la.multiplyElements(a, b);
            }
        });
        binary(ops, "divideElements", (a, b) -> a / b, 0.25, 2, new BinaryOp() {
            public void into(LinearAlgebra la, Matrix a, Matrix b, Matrix dest) {
                la.divideElements(a, b, dest);
            }

            public Matrix allocating(LinearAlgebra la, Matrix a, Matrix b) {
                return la.divideElements(a, b);
            }
        });
        Check sqrt = (be, d, seed) -> {
            double[] a = Oracle.random(seed, d.m() * d.k(), 0, 2);
            double[] e = Arrays.stream(a).map(Math::sqrt).toArray();
            Matrix ma = m(be, d.m(), d.k(), a);
            Matrix dest = be.linearAlgebra().zeros(d.m(), d.k());
            be.linearAlgebra().sqrt(ma, dest);
            exact("sqrt " + d, e, dest, d.m(), d.k());
            exact("sqrt(a) " + d, e, be.linearAlgebra().sqrt(ma), d.m(), d.k());
        };
        ops.add(new Operation("LinearAlgebra.sqrt(Matrix, Matrix)", true, sqrt));
        ops.add(new Operation("LinearAlgebra.sqrt(Matrix)", true, sqrt));
        ops.add(new Operation("LinearAlgebra.axpy(double, Matrix, Matrix)", true, (be, d, seed) -> {
            double alpha = scalar(seed);
            double[] x = rnd(seed, d.m() * d.k());
            double[] y = rnd(seed + 1, x.length);
            double[] e = new double[x.length];
            double[] bound = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                e[i] = y[i] + alpha * x[i];
                bound[i] = 4 * Tolerances.u() * (Math.abs(y[i]) + Math.abs(alpha * x[i]));
            }
            Matrix my = m(be, d.m(), d.k(), y);
            Matrix mx = m(be, d.m(), d.k(), x);
            be.linearAlgebra().axpy(alpha, mx, my);
            within("axpy " + d, new Oracle.Expected(e, bound), my, d.m(), d.k());
            exact("axpy " + d + ": x afterwards", x, mx, d.m(), d.k());
        }));
    }

    /** The element-wise bound of a formula whose terms have the given magnitude. */
    private static double formula(double magnitude) {
        return Tolerances.FORMULA_ROUNDINGS * Tolerances.u() * magnitude;
    }

    private static void optimizerSteps(List<Operation> ops) {
        ops.add(new Operation("LinearAlgebra.momentumStep(double, double, double, Matrix, Matrix,"
                + " Matrix)", true, (be, d, seed) -> {
                    int n = d.m() * d.k();
                    double lr = 0.1;
                    double mu = 0.9;
                    double wd = 0.01;
                    double[] g = rnd(seed, n);
                    double[] v = rnd(seed + 1, n);
                    double[] p = rnd(seed + 2, n);
                    double[][] e = new double[2][n];
                    double[][] bound = new double[2][n];
                    for (int i = 0; i < n; i++) {
                        e[0][i] = mu * v[i] + (g[i] + wd * p[i]);
                        double mag = Math.abs(mu * v[i]) + Math.abs(g[i]) + Math.abs(wd * p[i]);
                        bound[0][i] = formula(mag);
                        e[1][i] = p[i] - lr * e[0][i];
                        bound[1][i] = formula(Math.abs(p[i]) + lr * mag);
                    }
                    Matrix mv = m(be, d.m(), d.k(), v);
                    Matrix mp = m(be, d.m(), d.k(), p);
                    be.linearAlgebra().momentumStep(lr, mu, wd, m(be, d.m(), d.k(), g), mv, mp);
                    within("momentumStep " + d + ": velocity", new Oracle.Expected(e[0], bound[0]),
                            mv, d.m(), d.k());
                    within("momentumStep " + d + ": parameter", new Oracle.Expected(e[1], bound[1]),
                            mp, d.m(), d.k());
                }));
        ops.add(new Operation("LinearAlgebra.adaGradStep(double, double, Matrix, Matrix, Matrix)",
                true, (be, d, seed) -> adaptive(be, d, seed, "adaGradStep", -1)));
        ops.add(new Operation("LinearAlgebra.rmsPropStep(double, double, double, Matrix, Matrix,"
                + " Matrix)", true, (be, d, seed) -> adaptive(be, d, seed, "rmsPropStep", 0.9)));
        ops.add(new Operation("LinearAlgebra.adamStep(double, double, double, double, long, Matrix,"
                + " Matrix, Matrix, Matrix)", true, (be, d, seed) -> adamFamily(be, d, seed, -1)));
    }

    private static void decoupledDecayAndClipping(List<Operation> ops) {
        ops.add(new Operation("LinearAlgebra.adamWStep(double, double, double, double, double,"
                + " long, Matrix, Matrix, Matrix, Matrix)", true,
                (be, d, seed) -> adamFamily(be, d, seed, 0.25)));
        ops.add(new Operation("LinearAlgebra.clipGlobalNorm(double, List)", true,
                Operations::clipGlobalNorm));
    }

    /**
     * Checks one fused Adam step against the formula: {@code adamStep} when {@code weightDecay}
     * is negative, else {@code adamWStep} with that decoupled decay.
     */
    private static void adamFamily(Backend be, Dims d, long seed, double weightDecay) {
        boolean decoupled = weightDecay >= 0;
        String name = decoupled ? "adamWStep" : "adamStep";
        int n = d.m() * d.k();
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        long t = 3;
        double[] g = rnd(seed, n);
        double[] m1 = rnd(seed + 1, n);
        double[] v = Oracle.random(seed + 2, n, 0, 1);
        double[] p = rnd(seed + 3, n);
        double[][] e = new double[3][n];
        double[][] bound = new double[3][n];
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        for (int i = 0; i < n; i++) {
            e[0][i] = b1 * m1[i] + (1 - b1) * g[i];
            bound[0][i] = formula(Math.abs(b1 * m1[i]) + Math.abs((1 - b1) * g[i]));
            e[1][i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            bound[1][i] = formula(e[1][i]);
            double decayed = decoupled ? p[i] * (1 - lr * weightDecay) : p[i];
            double step = (lr / c1) * e[0][i] / (Math.sqrt(e[1][i] / c2) + eps);
            e[2][i] = decayed - step;
            bound[2][i] = formula(Math.abs(decayed) + Math.abs(step));
        }
        Matrix mm = m(be, d.m(), d.k(), m1);
        Matrix mv = m(be, d.m(), d.k(), v);
        Matrix mp = m(be, d.m(), d.k(), p);
        Matrix mg = m(be, d.m(), d.k(), g);
        if (decoupled) {
            be.linearAlgebra().adamWStep(lr, b1, b2, eps, weightDecay, t, mg, mm, mv, mp);
        } else {
            be.linearAlgebra().adamStep(lr, b1, b2, eps, t, mg, mm, mv, mp);
        }
        String[] names = {"first moment", "second moment", "parameter"};
        Matrix[] actual = {mm, mv, mp};
        for (int s = 0; s < 3; s++) {
            within(name + " " + d + ": " + names[s], new Oracle.Expected(e[s], bound[s]),
                    actual[s], d.m(), d.k());
        }
    }

    /** Three gradients ({@code m x k}, {@code k x n}, {@code 1 x m}), clipped and not. */
    private static void clipGlobalNorm(Backend be, Dims d, long seed) {
        int[][] shapes = {{d.m(), d.k()}, {d.k(), d.n()}, {1, d.m()}};
        double[][] g = new double[3][];
        double sum = 0;
        int count = 0;
        for (int i = 0; i < 3; i++) {
            g[i] = rnd(seed + i, shapes[i][0] * shapes[i][1]);
            for (double x : g[i]) {
                sum += x * x;
            }
            count += g[i].length;
        }
        double norm = Math.sqrt(sum);
        // The sum of squares within 2γ(count + 1) relatively; √ halves that and rounds once.
        double relative = 2 * Tolerances.gamma(count + 1L) + 2 * Tolerances.u();
        for (double factor : new double[] {2, 0.5}) {
            Matrix[] mg = new Matrix[3];
            for (int i = 0; i < 3; i++) {
                mg[i] = m(be, shapes[i][0], shapes[i][1], g[i]);
            }
            double maxNorm = factor * norm;
            double actual = be.linearAlgebra().clipGlobalNorm(maxNorm, List.of(mg));
            String what = "clipGlobalNorm " + d + " at " + factor + " × the norm";
            Oracle.check(what + ": the norm returned", new Oracle.Expected(new double[] {norm},
                    new double[] {relative * norm}), new double[] {actual});
            double c = Math.min(1, maxNorm / (norm + 1e-6));
            for (int i = 0; i < 3; i++) {
                double[] e = new double[g[i].length];
                double[] bound = new double[e.length];
                for (int j = 0; j < e.length; j++) {
                    e[j] = c == 1 ? g[i][j] : c * g[i][j];
                    // Unclipped: untouched, bit for bit; clipped: c as exact as the norm.
                    bound[j] = c == 1 ? 0 : (relative + 4 * Tolerances.u()) * Math.abs(e[j]);
                }
                within(what + ": gradient " + i, new Oracle.Expected(e, bound), mg[i],
                        shapes[i][0], shapes[i][1]);
            }
        }
    }

    /** AdaGrad ({@code decay < 0}) or RMSProp. */
    private static void adaptive(Backend be, Dims d, long seed, String name, double decay) {
        int n = d.m() * d.k();
        double lr = 0.01;
        double eps = 1e-6;
        double[] g = rnd(seed, n);
        double[] s = Oracle.random(seed + 1, n, 0, 1);
        double[] p = rnd(seed + 2, n);
        double[][] e = new double[2][n];
        double[][] bound = new double[2][n];
        for (int i = 0; i < n; i++) {
            e[0][i] = decay < 0 ? s[i] + g[i] * g[i] : decay * s[i] + (1 - decay) * g[i] * g[i];
            bound[0][i] = formula(e[0][i]);
            double step = lr * g[i] / (Math.sqrt(e[0][i]) + eps);
            e[1][i] = p[i] - step;
            bound[1][i] = formula(Math.abs(p[i]) + Math.abs(step));
        }
        Matrix ms = m(be, d.m(), d.k(), s);
        Matrix mp = m(be, d.m(), d.k(), p);
        if (decay < 0) {
            be.linearAlgebra().adaGradStep(lr, eps, m(be, d.m(), d.k(), g), ms, mp);
        } else {
            be.linearAlgebra().rmsPropStep(lr, decay, eps, m(be, d.m(), d.k(), g), ms, mp);
        }
        within(name + " " + d + ": state", new Oracle.Expected(e[0], bound[0]), ms, d.m(), d.k());
        within(name + " " + d + ": parameter", new Oracle.Expected(e[1], bound[1]), mp, d.m(),
                d.k());
    }

    private static void matrix(List<Operation> ops) {
        Check matrix = (be, d, seed) -> {
            double[] a = rnd(seed, d.m() * d.k());
            Matrix x = m(be, d.m(), d.k(), a);
            assertEquals(d.m(), x.rows(), "rows");
            assertEquals(d.k(), x.cols(), "cols");
            assertEquals(Shape.of(d.m(), d.k()), x.shape(), "shape");
            assertEquals(be.name(), x.backendName(), "backendName");
            int[][] at = {{0, 0}, {d.m() - 1, d.k() - 1}, {d.m() / 2, d.k() / 3}};
            for (int[] ij : at) {
                assertEquals(a[ij[0] * d.k() + ij[1]], x.get(ij[0], ij[1]),
                        "get(" + ij[0] + ", " + ij[1] + ") of " + d);
            }
            double[] out = x.toRowMajor();
            Oracle.check("toRowMajor " + d, Oracle.Expected.exact(a), out);
            out[0] = 99;
            assertEquals(a[0], x.get(0, 0), "toRowMajor returns a copy");
        };
        for (String name : List.of("rows()", "cols()", "shape()", "backendName()",
                "get(int, int)", "toRowMajor()")) {
            ops.add(new Operation("Matrix." + name, true, matrix));
        }
    }

    private static void losses(List<Operation> ops) {
        ops.add(new Operation("Loss.name()", false, (be, d, seed) -> {
            assertEquals("mean-squared-error", be.meanSquaredError().name());
            assertEquals("softmax-cross-entropy", be.softmaxCrossEntropy().name());
        }));
        Check losses = (be, d, seed) -> {
            double[] y = rnd(seed, d.m() * d.k());
            double[] t = rnd(seed + 1, y.length);
            Oracle.Expected[] mse = Oracle.meanSquaredError(y, t, d.m());
            loss(be, be.meanSquaredError(), d, y, t, mse);
            double[] logits = Oracle.random(seed + 2, y.length, -6, 6);
            double[] soft = softTargets(seed + 3, d.m(), d.k());
            loss(be, be.softmaxCrossEntropy(), d, logits, soft,
                    Oracle.softmaxCrossEntropy(logits, soft, d.m(), d.k()));
        };
        ops.add(new Operation("Loss.value(Matrix, Matrix)", true, losses));
        ops.add(new Operation("Loss.valueAndGradient(Matrix, Matrix, Matrix)", true, losses));
    }

    /** Rows of non-negative numbers summing to 1, none of them one-hot. */
    static double[] softTargets(long seed, int rows, int cols) {
        double[] t = Oracle.random(seed, rows * cols, 0.05, 1);
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                sum += t[i * cols + j];
            }
            for (int j = 0; j < cols; j++) {
                t[i * cols + j] /= sum;
            }
        }
        return t;
    }

    private static void loss(Backend be, Loss loss, Dims d, double[] y, double[] t,
                             Oracle.Expected[] e) {
        String what = loss.name() + " " + d;
        Matrix my = m(be, d.m(), d.k(), y);
        Matrix mt = m(be, d.m(), d.k(), t);
        Oracle.check(what + ": value", e[0], loss.value(my, mt));
        Matrix g = m(be, d.m(), d.k(), rnd(7, y.length));
        Oracle.check(what + ": valueAndGradient's value", e[0], loss.valueAndGradient(my, mt, g));
        within(what + ": gradient", e[1], g, d.m(), d.k());
        exact(what + ": prediction afterwards", y, my, d.m(), d.k());
        exact(what + ": target afterwards", t, mt, d.m(), d.k());
    }

    private static void layersAndBackend(List<Operation> ops) {
        ops.add(new Operation("Backend.name()", false, (be, d, seed) ->
                assertTrue(be.name().matches("[a-z0-9][a-z0-9._-]*"), "a lower-case name: "
                        + be.name())));
        ops.add(new Operation("Backend.linearAlgebra()", false, (be, d, seed) -> {
            assertNotNull(be.linearAlgebra(), "linearAlgebra()");
            assertEquals(be.name(), be.linearAlgebra().backendName(), "its backend name");
        }));
        precision(ops);
        ops.add(new Operation("Backend.meanSquaredError()", false, (be, d, seed) ->
                assertEquals("mean-squared-error", be.meanSquaredError().name())));
        ops.add(new Operation("Backend.softmaxCrossEntropy()", false, (be, d, seed) ->
                assertEquals("softmax-cross-entropy", be.softmaxCrossEntropy().name())));
        Check dense = Operations::dense;
        for (String name : List.of("Backend.dense(Matrix, Matrix)", "Layer.inputSize()",
                "Layer.outputSize()", "Layer.forward(Matrix)", "Layer.backward(Matrix)",
                "Layer.backward(Matrix, boolean)", "Layer.parameters()")) {
            ops.add(new Operation(name, true, name.startsWith("Layer") ? (be, d, seed) -> {
                dense(be, d, seed);
                activations(be, d, seed);
            } : dense));
        }
        ops.add(new Operation("Backend.activation(Activation, int)", true, Operations::activations));
        Check modes = Operations::trainingModeAndState;
        ops.add(new Operation("Layer.setTraining(boolean)", true, modes));
        ops.add(new Operation("Layer.state()", true, modes));
    }

    /**
     * The dense and activation layers have no state and compute the same in training and in
     * inference: {@code setTraining(false)} changes no bit of their forward or backward.
     */
    static void trainingModeAndState(Backend be, Dims d, long seed) {
        int out = Math.max(d.n(), 1);
        Layer dense = be.dense(m(be, d.k(), out, rnd(seed, d.k() * out)),
                m(be, 1, out, rnd(seed + 1, out)));
        List<Layer> layers = List.of(dense, be.activation(Activation.tanh(), d.k()),
                be.activation(Activation.relu(), d.k()));
        Matrix x = m(be, d.m(), d.k(), rnd(seed + 2, d.m() * d.k()));
        for (Layer layer : layers) {
            String what = layer + " " + d;
            assertEquals(List.of(), layer.state(), what + ": state()");
            Matrix dy = m(be, d.m(), layer.outputSize(), rnd(seed + 3, d.m() * layer.outputSize()));
            double[] y = layer.forward(x).toRowMajor();
            double[] dx = layer.backward(dy).toRowMajor();
            layer.setTraining(false);
            Oracle.check(what + ": forward in inference, the bits of training",
                    Oracle.Expected.exact(y), layer.forward(x).toRowMajor());
            Oracle.check(what + ": backward in inference, the bits of training",
                    Oracle.Expected.exact(dx), layer.backward(dy).toRowMajor());
            layer.setTraining(true);
            Oracle.check(what + ": forward in training again", Oracle.Expected.exact(y),
                    layer.forward(x).toRowMajor());
        }
    }

    private static void precision(List<Operation> ops) {
        Check precision = (be, d, seed) -> {
            Precision p = be.precision();
            assertNotNull(p, "precision()");
            assertEquals(p, be.linearAlgebra().precision(), "its linear algebra's precision");
            assertEquals(p, be.linearAlgebra().zeros(d.m(), d.k()).precision(),
                    "the precision of a matrix from zeros");
            assertEquals(p, m(be, d.m(), d.k(), rnd(seed, d.m() * d.k())).precision(),
                    "the precision of a matrix from fromRowMajor");
            assertTrue(be.precisions().contains(p), "precisions() " + be.precisions()
                    + " contains precision() " + p);
            for (Precision q : Precision.values()) {
                if (be.precisions().contains(q)) {
                    Backend other = be.inPrecision(q);
                    assertEquals(q, other.precision(), "inPrecision(" + q + ").precision()");
                    assertEquals(be.name(), other.name(), "inPrecision(" + q + ").name()");
                    assertEquals(be.precisions(), other.precisions(),
                            "inPrecision(" + q + ").precisions()");
                    if (q != p) {
                        Matrix foreign = other.linearAlgebra().zeros(d.m(), d.k());
                        IllegalArgumentException e = assertThrows(
                                IllegalArgumentException.class, () -> be.linearAlgebra()
                                        .add(foreign, foreign, be.linearAlgebra()
                                                .zeros(d.m(), d.k())),
                                "a " + q + " matrix given to the " + p + " linear algebra");
                        assertTrue(e.getMessage().contains(q.label())
                                        && e.getMessage().contains(p.label()),
                                "the refusal names both precisions: " + e.getMessage());
                    }
                } else {
                    assertThrows(UnsupportedOperationException.class, () -> be.inPrecision(q),
                            "inPrecision(" + q + ") of a backend that supports "
                                    + be.precisions());
                }
            }
        };
        for (String name : List.of("Backend.precision()", "Backend.precisions()",
                "Backend.inPrecision(Precision)", "LinearAlgebra.precision()",
                "Matrix.precision()")) {
            ops.add(new Operation(name, false, precision));
        }
    }

    /** A dense layer {@code k → n} on a batch of {@code m}: forward, both backwards, parameters. */
    static void dense(Backend be, Dims d, long seed) {
        int m = d.m();
        int in = d.k();
        int out = Math.max(d.n(), 1);
        double[] w = rnd(seed, in * out);
        double[] b = rnd(seed + 1, out);
        double[] x = rnd(seed + 2, m * in);
        double[] dy = rnd(seed + 3, m * out);
        Matrix mw = m(be, in, out, w);
        Matrix mb = m(be, 1, out, b);
        Layer layer = be.dense(mw, mb);
        String what = "dense " + in + "→" + out + ", batch " + m;
        assertEquals(in, layer.inputSize(), what + ": inputSize");
        assertEquals(out, layer.outputSize(), what + ": outputSize");
        List<Parameter> params = layer.parameters();
        assertEquals(List.of("W", "b"), params.stream().map(Parameter::name).toList(),
                what + ": parameter names");
        assertSame(mw, params.get(0).value(), what + ": W is the given matrix");
        assertSame(mb, params.get(1).value(), what + ": b is the given matrix");
        Oracle.Expected xw = Oracle.gemm(1, x, in, false, w, out, false, 0, null, m, out, in);
        double[] y = xw.values();
        double[] yBound = xw.bounds();
        for (int i = 0; i < y.length; i++) {
            y[i] += b[i % out];
            yBound[i] += 2 * Tolerances.gamma(in + 2L) * Math.abs(b[i % out]);
        }
        Matrix mx = m(be, m, in, x);
        within(what + ": forward", xw, layer.forward(mx), m, out);
        Matrix dz = layer.backward(m(be, m, out, dy));
        within(what + ": backward's input gradient",
                Oracle.gemm(1, dy, out, false, w, out, true, 0, null, m, in, out), dz, m, in);
        Oracle.Expected dw = Oracle.gemm(1, x, in, true, dy, out, false, 0, null, in, out, m);
        within(what + ": weight gradient", dw, params.get(0).gradient(), in, out);
        Oracle.Expected db = Oracle.columnSums(dy, m, out);
        within(what + ": bias gradient", db, params.get(1).gradient(), 1, out);
        double[] dwBits = params.get(0).gradient().toRowMajor();
        double[] dbBits = params.get(1).gradient().toRowMajor();
        layer.forward(mx);
        assertNull(layer.backward(m(be, m, out, dy), false), what
                + ": backward(dy, false) returns null");
        Oracle.check(what + ": backward(dy, false)'s weight gradient, the same bits",
                Oracle.Expected.exact(dwBits), params.get(0).gradient().toRowMajor());
        Oracle.check(what + ": backward(dy, false)'s bias gradient, the same bits",
                Oracle.Expected.exact(dbBits), params.get(1).gradient().toRowMajor());
        assertNotNull(layer.backward(m(be, m, out, dy), true), what + ": backward(dy, true)");
    }

    /** Every activation on an {@code m x k} batch: forward and backward. */
    static void activations(Backend be, Dims d, long seed) {
        List<Activation> all = List.of(Activation.identity(), Activation.relu(),
                Activation.leakyRelu(0.1), Activation.sigmoid(), Activation.tanh());
        double[] x = Oracle.random(seed, d.m() * d.k(), -4, 4);
        double[] dy = rnd(seed + 1, x.length);
        for (Activation f : all) {
            Layer layer = be.activation(f, d.k());
            String what = f + " " + d;
            assertEquals(d.k(), layer.inputSize(), what + ": inputSize");
            assertEquals(d.k(), layer.outputSize(), what + ": outputSize");
            assertEquals(List.of(), layer.parameters(), what + ": parameters");
            boolean transcendental = f.kind() == Activation.Kind.SIGMOID
                    || f.kind() == Activation.Kind.TANH;
            double[] y = new double[x.length];
            double[] yBound = new double[x.length];
            double[] dx = new double[x.length];
            double[] dxBound = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = f.apply(x[i]);
                dx[i] = dy[i] * f.derivative(x[i]);
                if (transcendental) {
                    yBound[i] = Tolerances.ulps(y[i], Tolerances.TRANSCENDENTAL_ULPS);
                    dxBound[i] = formula(Math.abs(dy[i]));
                }
            }
            Matrix mx = m(be, d.m(), d.k(), x);
            within(what + ": forward", new Oracle.Expected(y, yBound), layer.forward(mx), d.m(),
                    d.k());
            within(what + ": backward", new Oracle.Expected(dx, dxBound),
                    layer.backward(m(be, d.m(), d.k(), dy)), d.m(), d.k());
            layer.forward(mx);
            Matrix again = layer.backward(m(be, d.m(), d.k(), dy), true);
            within(what + ": backward(dy, true)", new Oracle.Expected(dx, dxBound), again, d.m(),
                    d.k());
        }
    }
}
