package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.ShapeMismatchException;
import org.nn4j.api.Window;

/**
 * Every matrix operand of every operation, one at a time: of a wrong shape (a
 * {@link ShapeMismatchException} naming the operation, nothing modified), of another backend
 * (an {@link IllegalArgumentException} naming both backends), {@code null} (a
 * {@link NullPointerException}); and every pair of operands the javadoc forbids to be the same
 * matrix ({@link IllegalArgumentException}), and every pair it allows (in place: the same bits
 * as with distinct matrices). The sweep does not rely on {@code AbstractLinearAlgebra}: a
 * backend that writes its own checks is held to the same list.
 */
interface Operands extends ConformanceChecks {


    /** A matrix operand: its name, its shape in the sweep, and which dimensions are free. */
    record Operand(String name, int rows, int cols, boolean rowsFree, boolean colsFree) {
        static Operand fixed(String name, int rows, int cols) {
            return new Operand(name, rows, cols, false, false);
        }

        static Operand free(String name, int rows, int cols) {
            return new Operand(name, rows, cols, true, true);
        }
    }

    /** Runs the operation on its operands, in the order declared. */
    @FunctionalInterface
    interface Call {
        void run(Backend backend, Matrix[] operands);
    }

    /**
     * An operation for the sweep.
     *
     * @param label    the test's name
     * @param error    the operation's name in error messages
     * @param operands its matrix operands
     * @param call     the call
     * @param distinct pairs {@code {i, j}} that must not be the same matrix
     * @param inPlace  pairs {@code {dest, input}} that may be the same matrix
     */
    record Op(String label, String error, List<Operand> operands, Call call, int[][] distinct,
              int[][] inPlace) {
        @Override
        public String toString() {
            return label;
        }
    }

    static final int[][] NONE = {};

    private static Op op(String label, String error, Call call, int[][] distinct, int[][] inPlace,
                         Operand... operands) {
        return new Op(label, error, List.of(operands), call, distinct, inPlace);
    }

    private static Operand f(String name, int rows, int cols) {
        return Operand.fixed(name, rows, cols);
    }

    /** All pairs of {@code 0..n-1}. */
    private static int[][] allPairs(int n) {
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                pairs.add(new int[] {i, j});
            }
        }
        return pairs.toArray(new int[0][]);
    }

    static Stream<Op> operations() {
        int[][] ab = {{2, 0}, {2, 1}};
        return Stream.of(
                op("copy", "copy", (be, x) -> be.linearAlgebra().copy(x[0], x[1]), NONE,
                        new int[][] {{1, 0}}, f("src", 3, 4), f("dest", 3, 4)),
                op("fill", "fill", (be, x) -> be.linearAlgebra().fill(2, x[0]), NONE, NONE,
                        Operand.free("dest", 3, 4)),
                op("copyFromRowMajor", "copyFromRowMajor", (be, x) ->
                        be.linearAlgebra().copyFromRowMajor(new double[12], 0, x[0]), NONE, NONE,
                        Operand.free("dest", 3, 4)),
                op("copyToRowMajor", "copyToRowMajor", (be, x) ->
                        be.linearAlgebra().copyToRowMajor(x[0], new double[12], 0), NONE, NONE,
                        Operand.free("src", 3, 4)),
                op("gemm", "gemm", (be, x) -> be.linearAlgebra().gemm(1, x[0], false, x[1], false,
                        0.5, x[2]), new int[][] {{2, 0}, {2, 1}}, NONE,
                        f("a", 3, 4), f("b", 4, 5), f("c", 3, 5)),
                op("gemm transposed", "gemm", (be, x) -> be.linearAlgebra().gemm(1, x[0], true,
                        x[1], true, 0, x[2]), new int[][] {{2, 0}, {2, 1}}, NONE,
                        f("a", 4, 3), f("b", 5, 4), f("c", 3, 5)),
                op("addRowVector", "addRowVector", (be, x) -> be.linearAlgebra().addRowVector(x[0],
                        x[1], x[2]), NONE, new int[][] {{2, 0}},
                        f("a", 3, 4), f("row", 1, 4), f("dest", 3, 4)),
                op("columnSums", "columnSums", (be, x) -> be.linearAlgebra().columnSums(x[0], x[1]),
                        new int[][] {{1, 0}}, NONE, new Operand("a", 3, 4, true, false), f("dest", 1, 4)),
                op("sumOfSquares", "sumOfSquares", (be, x) -> be.linearAlgebra().sumOfSquares(x[0]),
                        NONE, NONE, Operand.free("a", 3, 4)),
                op("argmaxRows", "argmaxRows", (be, x) -> be.linearAlgebra().argmaxRows(x[0]),
                        NONE, NONE, Operand.free("a", 3, 4)),
                op("scale", "scale", (be, x) -> be.linearAlgebra().scale(3, x[0], x[1]), NONE,
                        new int[][] {{1, 0}}, f("a", 3, 4), f("dest", 3, 4)),
                op("axpy", "axpy", (be, x) -> be.linearAlgebra().axpy(3, x[0], x[1]), NONE, NONE,
                        f("x", 3, 4), f("y", 3, 4)),
                op("add", "add", (be, x) -> be.linearAlgebra().add(x[0], x[1], x[2]), NONE, ab,
                        f("a", 3, 4), f("b", 3, 4), f("dest", 3, 4)),
                op("subtract", "subtract", (be, x) -> be.linearAlgebra().subtract(x[0], x[1], x[2]),
                        NONE, ab, f("a", 3, 4), f("b", 3, 4), f("dest", 3, 4)),
                op("multiplyElements", "multiplyElements", (be, x) ->
                        be.linearAlgebra().multiplyElements(x[0], x[1], x[2]), NONE, ab,
                        f("a", 3, 4), f("b", 3, 4), f("dest", 3, 4)),
                op("divideElements", "divideElements", (be, x) ->
                        be.linearAlgebra().divideElements(x[0], x[1], x[2]), NONE, ab,
                        f("a", 3, 4), f("b", 3, 4), f("dest", 3, 4)),
                op("sqrt", "sqrt", (be, x) -> be.linearAlgebra().sqrt(x[0], x[1]), NONE,
                        new int[][] {{1, 0}}, f("a", 3, 4), f("dest", 3, 4)),
                op("addScalar", "addScalar", (be, x) -> be.linearAlgebra().addScalar(2, x[0], x[1]),
                        NONE, new int[][] {{1, 0}}, f("a", 3, 4), f("dest", 3, 4)),
                op("momentumStep", "momentumStep", (be, x) -> be.linearAlgebra().momentumStep(0.1,
                        0.9, 0.01, x[0], x[1], x[2]), allPairs(3), NONE,
                        f("gradient", 3, 4), f("velocity", 3, 4), f("parameter", 3, 4)),
                op("adaGradStep", "adaGradStep", (be, x) -> be.linearAlgebra().adaGradStep(0.1,
                        1e-6, x[0], x[1], x[2]), allPairs(3), NONE,
                        f("gradient", 3, 4), f("sumOfSquares", 3, 4), f("parameter", 3, 4)),
                op("rmsPropStep", "rmsPropStep", (be, x) -> be.linearAlgebra().rmsPropStep(0.1,
                        0.9, 1e-6, x[0], x[1], x[2]), allPairs(3), NONE,
                        f("gradient", 3, 4), f("meanSquare", 3, 4), f("parameter", 3, 4)),
                op("adamStep", "adamStep", (be, x) -> be.linearAlgebra().adamStep(0.1, 0.9, 0.999,
                        1e-8, 1, x[0], x[1], x[2], x[3]), allPairs(4), NONE,
                        f("gradient", 3, 4), f("firstMoment", 3, 4), f("secondMoment", 3, 4),
                        f("parameter", 3, 4)),
                op("adamWStep", "adamWStep", (be, x) -> be.linearAlgebra().adamWStep(0.1, 0.9,
                        0.999, 1e-8, 0.01, 1, x[0], x[1], x[2], x[3]), allPairs(4), NONE,
                        f("gradient", 3, 4), f("firstMoment", 3, 4), f("secondMoment", 3, 4),
                        f("parameter", 3, 4)),
                // Gradients of any shapes: none is wrong, but none may appear twice.
                op("clipGlobalNorm", "clipGlobalNorm", (be, x) ->
                        be.linearAlgebra().clipGlobalNorm(0.5, Arrays.asList(x)), allPairs(3),
                        NONE, Operand.free("gradients[0]", 3, 4), Operand.free("gradients[1]", 2, 5),
                        Operand.free("gradients[2]", 1, 1)),
                op("mse.value", "mse.value", (be, x) -> be.meanSquaredError().value(x[0], x[1]),
                        NONE, NONE, f("prediction", 3, 4), f("target", 3, 4)),
                op("mse.valueAndGradient", "mse.gradient", (be, x) ->
                        be.meanSquaredError().valueAndGradient(x[0], x[1], x[2]),
                        new int[][] {{2, 0}, {2, 1}}, NONE,
                        f("prediction", 3, 4), f("target", 3, 4), f("gradient", 3, 4)),
                op("softmax-ce.value", "softmax-ce.value", (be, x) ->
                        be.softmaxCrossEntropy().value(x[0], x[1]), NONE, NONE,
                        f("prediction", 3, 4), f("target", 3, 4)),
                op("softmax-ce.valueAndGradient", "softmax-ce.gradient", (be, x) ->
                        be.softmaxCrossEntropy().valueAndGradient(x[0], x[1], x[2]),
                        new int[][] {{2, 0}, {2, 1}}, NONE,
                        f("prediction", 3, 4), f("target", 3, 4), f("gradient", 3, 4)),
                op("dense", "dense", (be, x) -> be.dense(x[0], x[1]), NONE, NONE,
                        Operand.free("weights", 4, 5), f("bias", 1, 5)),
                op("dense.forward", "dense.forward", (be, x) -> denseLayer(be).forward(x[0]),
                        NONE, NONE, new Operand("input", 3, 4, true, false)),
                op("dense.backward", "dense.backward", (be, x) -> {
                    Layer layer = denseLayer(be);
                    layer.forward(be.linearAlgebra().zeros(3, 4));
                    layer.backward(x[0]);
                }, NONE, NONE, f("outputGradient", 3, 5)),
                op("activation.forward", "activation.forward", (be, x) ->
                        be.activation(Activation.tanh(), 4).forward(x[0]), NONE, NONE,
                        new Operand("input", 3, 4, true, false)),
                op("activation.backward", "activation.backward", (be, x) -> {
                    Layer layer = be.activation(Activation.relu(), 4);
                    layer.forward(be.linearAlgebra().zeros(3, 4));
                    layer.backward(x[0]);
                }, NONE, NONE, f("outputGradient", 3, 4)),
                // Any shapes of 12 elements: the wrong count is Images' check (not a shape).
                op("reshape", "reshape", (be, x) -> be.linearAlgebra().reshape(x[0], x[1]),
                        new int[][] {{1, 0}}, NONE, Operand.free("src", 3, 4),
                        Operand.free("dest", 2, 6)),
                op("multiplyRowVector", "multiplyRowVector", (be, x) ->
                        be.linearAlgebra().multiplyRowVector(x[0], x[1], x[2]), NONE,
                        new int[][] {{2, 0}}, f("a", 3, 4), f("row", 1, 4), f("dest", 3, 4)),
                // 3 images 4x4x2; a 3x3 'same' convolution window (16 positions, patches
                // of 18) and a 2x2 pooling window of stride 2 (3 x 2x2x2 outputs).
                op("im2col", "im2col", (be, x) -> be.linearAlgebra().im2col(x[0], CONVOLUTION,
                        x[1]), new int[][] {{1, 0}}, NONE, f("images", 3, 32),
                        f("dest", 48, 18)),
                op("col2im", "col2im", (be, x) -> be.linearAlgebra().col2im(x[0], CONVOLUTION,
                        x[1]), new int[][] {{1, 0}}, NONE, f("columns", 48, 18),
                        f("dest", 3, 32)),
                op("maxPool", "maxPool", (be, x) -> be.linearAlgebra().maxPool(x[0], POOLING,
                        x[1]), new int[][] {{1, 0}}, NONE, f("images", 3, 32), f("dest", 3, 8)),
                op("maxPoolBackward", "maxPoolBackward", (be, x) -> be.linearAlgebra()
                        .maxPoolBackward(x[0], POOLING, x[1], x[2]), new int[][] {{2, 0}, {2, 1}},
                        NONE, f("images", 3, 32), f("outputGradient", 3, 8), f("dest", 3, 32)),
                op("averagePool", "averagePool", (be, x) -> be.linearAlgebra().averagePool(x[0],
                        POOLING, x[1]), new int[][] {{1, 0}}, NONE, f("images", 3, 32),
                        f("dest", 3, 8)),
                op("averagePoolBackward", "averagePoolBackward", (be, x) -> be.linearAlgebra()
                        .averagePoolBackward(POOLING, x[0], x[1]), new int[][] {{1, 0}}, NONE,
                        f("outputGradient", 3, 8), f("dest", 3, 32)));
    }

    /** The windows of the image operations in the sweep. */
    static final Window CONVOLUTION = Window.square(new ImageShape(4, 4, 2), 3, 1,
            Window.Padding.SAME);
    static final Window POOLING = Window.square(new ImageShape(4, 4, 2), 2, 2,
            Window.Padding.VALID);

    private static Layer denseLayer(Backend be) {
        return be.dense(be.linearAlgebra().fromRowMajor(4, 5, Oracle.random(1, 20)),
                be.linearAlgebra().zeros(1, 5));
    }

    /** Fresh operands with positive random data (valid for every operation in the sweep). */
    private Matrix[] operands(Op op, long seed) {
        Matrix[] x = new Matrix[op.operands().size()];
        for (int i = 0; i < x.length; i++) {
            Operand o = op.operands().get(i);
            x[i] = matrix(o.rows(), o.cols(), Oracle.random(seed + i, o.rows() * o.cols(), 0.5, 1));
        }
        return x;
    }

    private static double[][] snapshot(Matrix[] x) {
        double[][] s = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            s[i] = x[i] == null ? null : x[i].toRowMajor();
        }
        return s;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Operands#operations")
    default void everyOperandOfAWrongShapeIsRejectedBeforeAnythingIsWritten(Op op) {
        for (int i = 0; i < op.operands().size(); i++) {
            Operand o = op.operands().get(i);
            List<int[]> wrong = new ArrayList<>();
            if (!o.rowsFree()) {
                wrong.add(new int[] {o.rows() + 1, o.cols()});
            }
            if (!o.colsFree()) {
                wrong.add(new int[] {o.rows(), o.cols() + 1});
                if (o.cols() > 1) {
                    wrong.add(new int[] {o.rows(), o.cols() - 1});
                }
            }
            for (int[] shape : wrong) {
                Matrix[] x = operands(op, i);
                x[i] = matrix(shape[0], shape[1], Oracle.random(99, shape[0] * shape[1], 0.5, 1));
                double[][] before = snapshot(x);
                String what = op.label() + " with " + o.name() + " " + shape[0] + "x" + shape[1]
                        + " instead of " + o.rows() + "x" + o.cols();
                ShapeMismatchException e = assertThrows(ShapeMismatchException.class,
                        () -> op.call().run(backendUnderTest(), x), what);
                assertTrue(String.valueOf(e.getMessage()).startsWith(op.error() + ": "),
                        what + ": the message names the operation '" + op.error() + "': "
                                + e.getMessage());
                double[][] after = snapshot(x);
                for (int j = 0; j < x.length; j++) {
                    if (!Arrays.equals(before[j], after[j])) {
                        fail(what + ": " + op.operands().get(j).name()
                                + " was modified by the rejected call");
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Operands#operations")
    default void everyOperandOfAnotherBackendIsRejectedNamingBothBackends(Op op) {
        for (int i = 0; i < op.operands().size(); i++) {
            Operand o = op.operands().get(i);
            Matrix[] x = operands(op, i);
            x[i] = new ForeignMatrix(o.rows(), o.cols());
            String what = op.label() + " with a foreign " + o.name();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.call().run(backendUnderTest(), x), what);
            String message = String.valueOf(e.getMessage());
            assertTrue(message.contains(ForeignMatrix.BACKEND) && message.contains(backendUnderTest().name()),
                    what + ": the message names both backends: " + message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Operands#operations")
    default void everyNullOperandIsRejected(Op op) {
        for (int i = 0; i < op.operands().size(); i++) {
            Matrix[] x = operands(op, i);
            x[i] = null;
            assertThrows(NullPointerException.class, () -> op.call().run(backendUnderTest(), x),
                    op.label() + " with a null " + op.operands().get(i).name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.nn4j.tck.Operands#operations")
    default void operandsThatMustDifferAreRejectedAndThoseThatMayBeTheSameWorkInPlace(Op op) {
        for (int[] pair : op.distinct()) {
            Matrix[] x = operands(op, 0);
            x[pair[0]] = x[pair[1]];
            assertThrows(IllegalArgumentException.class, () -> op.call().run(backendUnderTest(), x),
                    op.label() + " with " + op.operands().get(pair[0]).name() + " the same matrix as "
                            + op.operands().get(pair[1]).name());
        }
        for (int[] pair : op.inPlace()) {
            Matrix[] separate = operands(op, 0);
            op.call().run(backendUnderTest(), separate);
            Matrix[] aliased = operands(op, 0);
            aliased[pair[0]] = aliased[pair[1]];
            op.call().run(backendUnderTest(), aliased);
            String what = op.label() + " with " + op.operands().get(pair[0]).name() + " the same"
                    + " matrix as " + op.operands().get(pair[1]).name();
            Oracle.check(what + " (in place) gives the bits of distinct matrices",
                    Oracle.Expected.exact(separate[pair[0]].toRowMajor()),
                    aliased[pair[0]].toRowMajor());
        }
    }
}
