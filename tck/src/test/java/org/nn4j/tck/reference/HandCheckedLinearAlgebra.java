package org.nn4j.tck.reference;

import java.util.List;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;
import org.nn4j.api.spi.Checks;

/**
 * A {@link LinearAlgebra} that does <em>not</em> extend {@code AbstractLinearAlgebra}: it
 * writes the checks of the element-wise operations, the broadcasts and the reductions by hand,
 * as an outside backend might, and runs the reference kernels. (Creation, {@code gemm} and the
 * optimizer steps go through the checked reference operations.) With
 * {@link Breakage#SUBTRACT_CHECKS_ONLY_ITS_DESTINATION} one hand-written check is missing.
 */
final class HandCheckedLinearAlgebra implements LinearAlgebra {

    private final ReferenceLinearAlgebra k;
    private final Breakage breakage;

    HandCheckedLinearAlgebra(ReferenceLinearAlgebra kernels, Breakage breakage) {
        this.k = kernels;
        this.breakage = breakage;
    }

    private ReferenceMatrix own(String op, String operand, Matrix m) {
        return k.own(op, operand, m);
    }

    @Override
    public String backendName() {
        return k.backendName();
    }

    @Override
    public Precision precision() {
        return k.precision();
    }

    @Override
    public Matrix zeros(int rows, int cols) {
        return k.zeros(rows, cols);
    }

    @Override
    public Matrix fromRowMajor(int rows, int cols, double... data) {
        return k.fromRowMajor(rows, cols, data);
    }

    @Override
    public void copyFromRowMajor(double[] src, int offset, Matrix dest) {
        k.copyFromRowMajor(src, offset, dest);
    }

    @Override
    public void copyToRowMajor(Matrix src, double[] dest, int offset) {
        k.copyToRowMajor(src, dest, offset);
    }

    @Override
    public void copy(Matrix src, Matrix dest) {
        ReferenceMatrix s = own("copy", "src", src);
        ReferenceMatrix d = own("copy", "dest", dest);
        Checks.sameShape("copy", s, "dest", d);
        k.doCopy(s, d);
    }

    @Override
    public void fill(double value, Matrix dest) {
        k.doFill(value, own("fill", "dest", dest));
    }

    @Override
    public void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB, double beta,
                     Matrix c) {
        k.gemm(alpha, a, transA, b, transB, beta, c);
    }

    @Override
    public void addRowVector(Matrix a, Matrix row, Matrix dest) {
        ReferenceMatrix ma = own("addRowVector", "a", a);
        ReferenceMatrix mr = own("addRowVector", "row", row);
        ReferenceMatrix md = own("addRowVector", "dest", dest);
        Checks.shape("addRowVector", "row", 1, ma.cols, mr);
        Checks.sameShape("addRowVector", ma, "dest", md);
        k.doAddRowVector(ma, mr, md);
    }

    @Override
    public void columnSums(Matrix a, Matrix dest) {
        ReferenceMatrix ma = own("columnSums", "a", a);
        ReferenceMatrix md = own("columnSums", "dest", dest);
        Checks.shape("columnSums", "dest", 1, ma.cols, md);
        Checks.distinct("columnSums", "dest", md, "a", ma);
        k.doColumnSums(ma, md);
    }

    @Override
    public double sumOfSquares(Matrix a) {
        return k.doSumOfSquares(own("sumOfSquares", "a", a));
    }

    @Override
    public void scale(double alpha, Matrix a, Matrix dest) {
        ReferenceMatrix ma = own("scale", "a", a);
        ReferenceMatrix md = own("scale", "dest", dest);
        Checks.sameShape("scale", ma, "dest", md);
        k.doScale(alpha, ma, md);
    }

    @Override
    public void axpy(double alpha, Matrix x, Matrix y) {
        ReferenceMatrix mx = own("axpy", "x", x);
        ReferenceMatrix my = own("axpy", "y", y);
        Checks.sameShape("axpy", mx, "y", my);
        k.doAxpy(alpha, mx, my);
    }

    /** The operands of an element-wise binary operation, checked. */
    private ReferenceMatrix[] binary(String op, Matrix a, Matrix b, Matrix dest) {
        ReferenceMatrix ma = own(op, "a", a);
        ReferenceMatrix mb = own(op, "b", b);
        ReferenceMatrix md = own(op, "dest", dest);
        if (!(op.equals("subtract") && breakage == Breakage.SUBTRACT_CHECKS_ONLY_ITS_DESTINATION)) {
            Checks.sameShape(op, ma, "b", mb);
        }
        Checks.sameShape(op, ma, "dest", md);
        return new ReferenceMatrix[] {ma, mb, md};
    }

    @Override
    public void add(Matrix a, Matrix b, Matrix dest) {
        ReferenceMatrix[] m = binary("add", a, b, dest);
        k.doAdd(m[0], m[1], m[2]);
    }

    @Override
    public void subtract(Matrix a, Matrix b, Matrix dest) {
        ReferenceMatrix[] m = binary("subtract", a, b, dest);
        k.doSubtract(m[0], m[1], m[2]);
    }

    @Override
    public void multiplyElements(Matrix a, Matrix b, Matrix dest) {
        ReferenceMatrix[] m = binary("multiplyElements", a, b, dest);
        k.doMultiplyElements(m[0], m[1], m[2]);
    }

    @Override
    public void divideElements(Matrix a, Matrix b, Matrix dest) {
        ReferenceMatrix[] m = binary("divideElements", a, b, dest);
        k.doDivideElements(m[0], m[1], m[2]);
    }

    @Override
    public void sqrt(Matrix a, Matrix dest) {
        ReferenceMatrix ma = own("sqrt", "a", a);
        ReferenceMatrix md = own("sqrt", "dest", dest);
        Checks.sameShape("sqrt", ma, "dest", md);
        k.doSqrt(ma, md);
    }

    @Override
    public void addScalar(double alpha, Matrix a, Matrix dest) {
        ReferenceMatrix ma = own("addScalar", "a", a);
        ReferenceMatrix md = own("addScalar", "dest", dest);
        Checks.sameShape("addScalar", ma, "dest", md);
        k.doAddScalar(alpha, ma, md);
    }

    @Override
    public void momentumStep(double learningRate, double momentum, double weightDecay,
                             Matrix gradient, Matrix velocity, Matrix parameter) {
        k.momentumStep(learningRate, momentum, weightDecay, gradient, velocity, parameter);
    }

    @Override
    public void adaGradStep(double learningRate, double epsilon, Matrix gradient,
                            Matrix sumOfSquares, Matrix parameter) {
        k.adaGradStep(learningRate, epsilon, gradient, sumOfSquares, parameter);
    }

    @Override
    public void rmsPropStep(double learningRate, double decay, double epsilon, Matrix gradient,
                            Matrix meanSquare, Matrix parameter) {
        k.rmsPropStep(learningRate, decay, epsilon, gradient, meanSquare, parameter);
    }

    @Override
    public void adamStep(double learningRate, double beta1, double beta2, double epsilon,
                         long step, Matrix gradient, Matrix firstMoment, Matrix secondMoment,
                         Matrix parameter) {
        k.adamStep(learningRate, beta1, beta2, epsilon, step, gradient, firstMoment, secondMoment,
                parameter);
    }

    @Override
    public void adamWStep(double learningRate, double beta1, double beta2, double epsilon,
                          double weightDecay, long step, Matrix gradient, Matrix firstMoment,
                          Matrix secondMoment, Matrix parameter) {
        k.adamWStep(learningRate, beta1, beta2, epsilon, weightDecay, step, gradient,
                firstMoment, secondMoment, parameter);
    }

    @Override
    public double clipGlobalNorm(double maxNorm, List<? extends Matrix> gradients) {
        return k.clipGlobalNorm(maxNorm, gradients);
    }

    @Override
    public int[] argmaxRows(Matrix a) {
        return k.argmaxRows(a);
    }

    @Override
    public void reshape(Matrix src, Matrix dest) {
        k.reshape(src, dest);
    }

    @Override
    public void im2col(Matrix images, Window window, Matrix dest) {
        k.im2col(images, window, dest);
    }

    @Override
    public void col2im(Matrix columns, Window window, Matrix dest) {
        k.col2im(columns, window, dest);
    }

    @Override
    public void maxPool(Matrix images, Window window, Matrix dest) {
        k.maxPool(images, window, dest);
    }

    @Override
    public void maxPoolBackward(Matrix images, Window window, Matrix outputGradient,
                                Matrix dest) {
        k.maxPoolBackward(images, window, outputGradient, dest);
    }

    @Override
    public void averagePool(Matrix images, Window window, Matrix dest) {
        k.averagePool(images, window, dest);
    }

    @Override
    public void averagePoolBackward(Window window, Matrix outputGradient, Matrix dest) {
        k.averagePoolBackward(window, outputGradient, dest);
    }

    @Override
    public void multiplyRowVector(Matrix a, Matrix row, Matrix dest) {
        k.multiplyRowVector(a, row, dest);
    }
}
