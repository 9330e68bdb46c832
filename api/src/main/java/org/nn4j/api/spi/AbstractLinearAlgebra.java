package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.ImageShape;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Shape;
import org.nn4j.api.ShapeMismatchException;
import org.nn4j.api.Window;

/**
 * A base for a backend's {@link LinearAlgebra}: every public operation checks its arguments
 * here, once for all backends, and then calls a kernel that works on the backend's own
 * matrix type and may assume its arguments are valid.
 *
 * @param <M> the backend's matrix type
 */
public abstract class AbstractLinearAlgebra<M extends Matrix> implements LinearAlgebra {

    private static final double INF = Double.POSITIVE_INFINITY;

    private final String backendName;
    private final Class<M> matrixType;
    private final Precision precision;

    /**
     * Creates the base of a {@link Precision#F64} linear algebra.
     *
     * @param backendName the backend's name, used in messages
     * @param matrixType  the backend's matrix class; other matrices are rejected
     */
    protected AbstractLinearAlgebra(String backendName, Class<M> matrixType) {
        this(backendName, matrixType, Precision.F64);
    }

    /**
     * Creates the base of a linear algebra computing in the given precision. Every matrix its
     * kernels make must report that {@link Matrix#precision()}; matrices of another
     * precision are rejected before a kernel runs.
     *
     * @param backendName the backend's name, used in messages
     * @param matrixType  the backend's matrix class; other matrices are rejected
     * @param precision   the precision of this linear algebra and its matrices
     */
    protected AbstractLinearAlgebra(String backendName, Class<M> matrixType,
                                    Precision precision) {
        this.backendName = Objects.requireNonNull(backendName, "backendName");
        this.matrixType = Objects.requireNonNull(matrixType, "matrixType");
        this.precision = Objects.requireNonNull(precision, "precision");
    }

    @Override
    public final String backendName() {
        return backendName;
    }

    @Override
    public final Precision precision() {
        return precision;
    }

    /**
     * Returns a matrix as this backend's type, rejecting null, foreign matrices and matrices
     * of another precision.
     *
     * @param operation the operation, for the message
     * @param operand   the argument's name, for the message
     * @param matrix    the argument
     * @return the matrix, cast
     */
    public final M own(String operation, String operand, Matrix matrix) {
        // Fast path for the hot loop: one comparison of classes instead of Class.isInstance
        // and Class.cast against a class the JIT cannot treat as a constant. A subclass of
        // the matrix type, or anything else, takes the full check.
        if (matrix != null && matrix.getClass() == matrixType
                && matrix.precision() == precision) {
            @SuppressWarnings("unchecked")
            M m = (M) matrix;
            return m;
        }
        // A matrix of this backend in another precision may be of another class (EJML): say
        // what differs, the precision, before the class check would blame the backend.
        if (matrix != null && backendName.equals(matrix.backendName())) {
            Checks.precision(precision, operation, operand, matrix);
        }
        M m = Checks.own(matrixType, backendName, operation, operand, matrix);
        Checks.precision(precision, operation, operand, m);
        return m;
    }

    // ---------------------------------------------------------------- kernels

    /**
     * Creates a {@code rows x cols} matrix of zeros; dimensions are checked.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @return a new matrix of zeros
     */
    protected abstract M newZeros(int rows, int cols);

    /**
     * Creates a matrix holding a copy of {@code data}; its length is checked.
     *
     * @param rows number of rows, {@code >= 0}
     * @param cols number of columns, {@code >= 0}
     * @param data {@code rows * cols} elements, row-major. Not modified.
     * @return a new matrix
     */
    protected abstract M newFromRowMajor(int rows, int cols, double[] data);

    /**
     * Copies {@code dest.rows() * dest.cols()} elements from {@code src} at {@code offset}.
     *
     * @param src    row-major elements. Not modified.
     * @param offset index in {@code src} of the first element
     * @param dest   the matrix written. Modified.
     */
    protected abstract void doCopyFromRowMajor(double[] src, int offset, M dest);

    /**
     * Copies every element of {@code src} into {@code dest} at {@code offset}.
     *
     * @param src    the matrix read. Not modified.
     * @param dest   the array written, row-major. Modified.
     * @param offset index in {@code dest} of the first element
     */
    protected abstract void doCopyToRowMajor(M src, double[] dest, int offset);

    /**
     * Copies {@code src} into {@code dest}, of the same shape.
     *
     * @param src  the matrix read. Not modified.
     * @param dest same shape as {@code src}. Modified.
     */
    protected abstract void doCopy(M src, M dest);

    /**
     * Sets every element of {@code dest}.
     *
     * @param value the value written
     * @param dest  the matrix written. Modified.
     */
    protected abstract void doFill(double value, M dest);

    /**
     * {@code c = alpha·op(a)·op(b) + beta·c}; shapes checked, {@code c} distinct.
     *
     * @param alpha  scale of the product
     * @param a      left operand. Not modified.
     * @param transA whether {@code op(a)} is {@code aᵀ}
     * @param b      right operand. Not modified.
     * @param transB whether {@code op(b)} is {@code bᵀ}
     * @param beta   scale of the old {@code c}; {@code 0} ignores it
     * @param c      the result, distinct from {@code a} and {@code b}. Modified.
     */
    protected abstract void doGemm(double alpha, M a, boolean transA, M b, boolean transB,
                                   double beta, M c);

    /**
     * {@code dest = a + 1·row}; shapes checked, {@code dest} may be {@code a}.
     *
     * @param a    {@code m x n}. Not modified unless it is {@code dest}.
     * @param row  {@code 1 x n}, added to each row. Not modified.
     * @param dest {@code m x n}. Modified.
     */
    protected abstract void doAddRowVector(M a, M row, M dest);

    /**
     * {@code dest = Σ_rows a}; shapes checked, {@code dest} distinct.
     *
     * @param a    {@code m x n}. Not modified.
     * @param dest {@code 1 x n}. Modified.
     */
    protected abstract void doColumnSums(M a, M dest);

    /**
     * Returns {@code Σ a²}.
     *
     * @param a the matrix. Not modified.
     * @return the sum of the squares of its elements
     */
    protected abstract double doSumOfSquares(M a);

    /**
     * {@code dest = alpha·a}; may be in place.
     *
     * @param alpha the factor
     * @param a     Not modified unless it is {@code dest}.
     * @param dest  same shape as {@code a}. Modified.
     */
    protected abstract void doScale(double alpha, M a, M dest);

    /**
     * {@code y += alpha·x}.
     *
     * @param alpha the factor
     * @param x     Not modified.
     * @param y     same shape as {@code x}. Modified.
     */
    protected abstract void doAxpy(double alpha, M x, M y);

    /**
     * {@code dest = a + b}; may be in place.
     *
     * @param a    left operand. Not modified unless it is {@code dest}.
     * @param b    right operand, same shape. Not modified unless it is {@code dest}.
     * @param dest same shape. Modified.
     */
    protected abstract void doAdd(M a, M b, M dest);

    /**
     * {@code dest = a - b}; may be in place.
     *
     * @param a    left operand. Not modified unless it is {@code dest}.
     * @param b    right operand, same shape. Not modified unless it is {@code dest}.
     * @param dest same shape. Modified.
     */
    protected abstract void doSubtract(M a, M b, M dest);

    /**
     * {@code dest = a ∘ b}; may be in place.
     *
     * @param a    left operand. Not modified unless it is {@code dest}.
     * @param b    right operand, same shape. Not modified unless it is {@code dest}.
     * @param dest same shape. Modified.
     */
    protected abstract void doMultiplyElements(M a, M b, M dest);

    /**
     * {@code dest = a / b}, element-wise; may be in place.
     *
     * @param a    left operand. Not modified unless it is {@code dest}.
     * @param b    right operand, same shape. Not modified unless it is {@code dest}.
     * @param dest same shape. Modified.
     */
    protected abstract void doDivideElements(M a, M b, M dest);

    /**
     * {@code dest = sqrt(a)}, element-wise; may be in place.
     *
     * @param a    Not modified unless it is {@code dest}.
     * @param dest same shape as {@code a}. Modified.
     */
    protected abstract void doSqrt(M a, M dest);

    /**
     * {@code dest = a + alpha}, element-wise; may be in place.
     *
     * @param alpha the scalar added
     * @param a     Not modified unless it is {@code dest}.
     * @param dest  same shape as {@code a}. Modified.
     */
    protected abstract void doAddScalar(double alpha, M a, M dest);

    /**
     * Writes the index of each row's maximum into {@code dest} ({@code a.rows()} long): first
     * on ties, a row's first NaN wins; {@code a} has at least one column if it has a row.
     *
     * @param a    {@code m x n}. Not modified.
     * @param dest {@code m} indices in {@code [0, n)}. Modified.
     */
    protected abstract void doArgmaxRows(M a, int[] dest);

    /*
     * The fused optimizer steps: arguments checked (shapes, distinct matrices, hyper-parameter
     * ranges). The defaults copy each matrix to a row-major array, run OptimizerKernels and
     * copy the state and the parameter back: correct for any backend, but they allocate, so a
     * backend with direct access to its elements overrides them.
     */

    /**
     * {@code v ← μ·v + (g + λ·θ)}, {@code θ ← θ − learningRate·v}; see {@link LinearAlgebra}.
     *
     * @param learningRate positive and finite
     * @param momentum     {@code μ}, in {@code [0, 1)}
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param gradient     {@code g}. Not modified.
     * @param velocity     {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     */
    protected void doMomentumStep(double learningRate, double momentum, double weightDecay,
                                  M gradient, M velocity, M parameter) {
        double[] v = velocity.toRowMajor();
        double[] p = parameter.toRowMajor();
        OptimizerKernels.momentum(learningRate, momentum, weightDecay, gradient.toRowMajor(),
                v, p, p.length);
        doCopyFromRowMajor(v, 0, velocity);
        doCopyFromRowMajor(p, 0, parameter);
    }

    /**
     * {@code s ← s + g²}, {@code θ ← θ − learningRate·g / (√s + ε)}.
     *
     * @param learningRate positive and finite
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param sumOfSquares {@code s}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     */
    protected void doAdaGradStep(double learningRate, double epsilon, M gradient,
                                 M sumOfSquares, M parameter) {
        double[] s = sumOfSquares.toRowMajor();
        double[] p = parameter.toRowMajor();
        OptimizerKernels.adaGrad(learningRate, epsilon, gradient.toRowMajor(), s, p, p.length);
        doCopyFromRowMajor(s, 0, sumOfSquares);
        doCopyFromRowMajor(p, 0, parameter);
    }

    /**
     * {@code s ← ρ·s + (1 − ρ)·g²}, {@code θ ← θ − learningRate·g / (√s + ε)}.
     *
     * @param learningRate positive and finite
     * @param decay        {@code ρ}, in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}. Not modified.
     * @param meanSquare   {@code s}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     */
    protected void doRmsPropStep(double learningRate, double decay, double epsilon, M gradient,
                                 M meanSquare, M parameter) {
        double[] s = meanSquare.toRowMajor();
        double[] p = parameter.toRowMajor();
        OptimizerKernels.rmsProp(learningRate, decay, epsilon, gradient.toRowMajor(), s, p,
                p.length);
        doCopyFromRowMajor(s, 0, meanSquare);
        doCopyFromRowMajor(p, 0, parameter);
    }

    /**
     * Adam's step {@code step}; see {@link LinearAlgebra#adamStep}.
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁}, in {@code [0, 1)}
     * @param beta2        {@code β₂}, in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}. Not modified.
     * @param firstMoment  {@code m}, same shape. Modified.
     * @param secondMoment {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     */
    protected void doAdamStep(double learningRate, double beta1, double beta2, double epsilon,
                              long step, M gradient, M firstMoment, M secondMoment,
                              M parameter) {
        double[] m = firstMoment.toRowMajor();
        double[] v = secondMoment.toRowMajor();
        double[] p = parameter.toRowMajor();
        OptimizerKernels.adam(learningRate, beta1, beta2, epsilon, step, gradient.toRowMajor(),
                m, v, p, p.length);
        doCopyFromRowMajor(m, 0, firstMoment);
        doCopyFromRowMajor(v, 0, secondMoment);
        doCopyFromRowMajor(p, 0, parameter);
    }

    /**
     * AdamW's step {@code step}; see {@link LinearAlgebra#adamWStep}. The default shrinks the
     * parameter with {@link #doScale} (in place) and then takes {@link #doAdamStep}: the same
     * bits as one fused loop, since {@code θ·(1 − learningRate·λ)} is rounded once either way,
     * at the cost of one more pass over the parameter. With {@code λ = 0} it is
     * {@link #doAdamStep} alone, so AdamW without decay is Adam bit for bit on every backend.
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁}, in {@code [0, 1)}
     * @param beta2        {@code β₂}, in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}. Not modified.
     * @param firstMoment  {@code m}, same shape. Modified.
     * @param secondMoment {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     */
    protected void doAdamWStep(double learningRate, double beta1, double beta2, double epsilon,
                               double weightDecay, long step, M gradient, M firstMoment,
                               M secondMoment, M parameter) {
        if (weightDecay != 0.0) {
            doScale(1.0 - learningRate * weightDecay, parameter, parameter);
        }
        doAdamStep(learningRate, beta1, beta2, epsilon, step, gradient, firstMoment,
                secondMoment, parameter);
    }

    /**
     * Clips the gradients by their global norm; see {@link LinearAlgebra#clipGlobalNorm}. The
     * default sums {@link #doSumOfSquares} over the gradients and, when the coefficient is not
     * 1, scales each in place with {@link #doScale}: two passes, the fewest a global norm
     * allows, with the backend's own kernels.
     *
     * @param maxNorm   positive and finite
     * @param gradients distinct matrices of this backend. Modified.
     * @return the global norm before clipping
     */
    protected double doClipGlobalNorm(double maxNorm, List<M> gradients) {
        double sum = 0.0;
        int n = gradients.size();
        for (int i = 0; i < n; i++) { // indexed: no iterator on the hot path
            sum += doSumOfSquares(gradients.get(i));
        }
        double norm = Math.sqrt(sum);
        double coefficient = Math.min(1.0, maxNorm / (norm + CLIP_EPSILON));
        if (coefficient != 1.0) {
            for (int i = 0; i < n; i++) {
                M g = gradients.get(i);
                doScale(coefficient, g, g);
            }
        }
        return norm;
    }

    // ---------------------------------------------------------------- checked operations

    @Override
    public final Matrix zeros(int rows, int cols) {
        Checks.dimensions("zeros", rows, cols);
        return newZeros(rows, cols);
    }

    @Override
    public final Matrix fromRowMajor(int rows, int cols, double... data) {
        Checks.dimensions("fromRowMajor", rows, cols);
        Objects.requireNonNull(data, "fromRowMajor: data is null");
        if (data.length != (long) rows * cols) {
            throw new IllegalArgumentException("fromRowMajor: a " + rows + "x" + cols
                    + " matrix needs " + (long) rows * cols + " elements, but data has "
                    + data.length);
        }
        return newFromRowMajor(rows, cols, data);
    }

    @Override
    public final void copyFromRowMajor(double[] src, int offset, Matrix dest) {
        Objects.requireNonNull(src, "copyFromRowMajor: src is null");
        M d = own("copyFromRowMajor", "dest", dest);
        Checks.range("copyFromRowMajor", "src", src.length, offset, (long) d.rows() * d.cols());
        doCopyFromRowMajor(src, offset, d);
    }

    @Override
    public final void copyToRowMajor(Matrix src, double[] dest, int offset) {
        M s = own("copyToRowMajor", "src", src);
        Objects.requireNonNull(dest, "copyToRowMajor: dest is null");
        Checks.range("copyToRowMajor", "dest", dest.length, offset, (long) s.rows() * s.cols());
        doCopyToRowMajor(s, dest, offset);
    }

    @Override
    public final void copy(Matrix src, Matrix dest) {
        M s = own("copy", "src", src);
        M d = own("copy", "dest", dest);
        Checks.sameShape("copy", s, "dest", d);
        if (s != d) {
            doCopy(s, d);
        }
    }

    @Override
    public final void fill(double value, Matrix dest) {
        doFill(value, own("fill", "dest", dest));
    }

    @Override
    public final void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB,
                           double beta, Matrix c) {
        M ma = own("gemm", "a", a);
        M mb = own("gemm", "b", b);
        M mc = own("gemm", "c", c);
        int m = transA ? ma.cols() : ma.rows();
        int k = transA ? ma.rows() : ma.cols();
        int kb = transB ? mb.cols() : mb.rows();
        int n = transB ? mb.rows() : mb.cols();
        if (k != kb) {
            // Report b as it was passed, with the dimension it must have.
            Shape expected = transB ? new Shape(Shape.ANY, k) : new Shape(k, Shape.ANY);
            throw new ShapeMismatchException("gemm", "b", expected, mb.shape());
        }
        Checks.shape("gemm", "c", m, n, mc);
        Checks.distinct("gemm", "c", mc, "a", ma);
        Checks.distinct("gemm", "c", mc, "b", mb);
        doGemm(alpha, ma, transA, mb, transB, beta, mc);
    }

    @Override
    public final void addRowVector(Matrix a, Matrix row, Matrix dest) {
        M ma = own("addRowVector", "a", a);
        M mr = own("addRowVector", "row", row);
        M md = own("addRowVector", "dest", dest);
        Checks.shape("addRowVector", "row", 1, ma.cols(), mr);
        Checks.sameShape("addRowVector", ma, "dest", md);
        doAddRowVector(ma, mr, md);
    }

    @Override
    public final void columnSums(Matrix a, Matrix dest) {
        M ma = own("columnSums", "a", a);
        M md = own("columnSums", "dest", dest);
        Checks.shape("columnSums", "dest", 1, ma.cols(), md);
        Checks.distinct("columnSums", "dest", md, "a", ma);
        doColumnSums(ma, md);
    }

    @Override
    public final double sumOfSquares(Matrix a) {
        return doSumOfSquares(own("sumOfSquares", "a", a));
    }

    @Override
    public final void scale(double alpha, Matrix a, Matrix dest) {
        M ma = own("scale", "a", a);
        M md = own("scale", "dest", dest);
        Checks.sameShape("scale", ma, "dest", md);
        doScale(alpha, ma, md);
    }

    @Override
    public final void axpy(double alpha, Matrix x, Matrix y) {
        M mx = own("axpy", "x", x);
        M my = own("axpy", "y", y);
        Checks.sameShape("axpy", mx, "y", my);
        doAxpy(alpha, mx, my);
    }

    @Override
    public final void add(Matrix a, Matrix b, Matrix dest) {
        M ma = own("add", "a", a);
        M mb = own("add", "b", b);
        M md = own("add", "dest", dest);
        Checks.sameShape("add", ma, "b", mb);
        Checks.sameShape("add", ma, "dest", md);
        doAdd(ma, mb, md);
    }

    @Override
    public final void subtract(Matrix a, Matrix b, Matrix dest) {
        M ma = own("subtract", "a", a);
        M mb = own("subtract", "b", b);
        M md = own("subtract", "dest", dest);
        Checks.sameShape("subtract", ma, "b", mb);
        Checks.sameShape("subtract", ma, "dest", md);
        doSubtract(ma, mb, md);
    }

    @Override
    public final void multiplyElements(Matrix a, Matrix b, Matrix dest) {
        M ma = own("multiplyElements", "a", a);
        M mb = own("multiplyElements", "b", b);
        M md = own("multiplyElements", "dest", dest);
        Checks.sameShape("multiplyElements", ma, "b", mb);
        Checks.sameShape("multiplyElements", ma, "dest", md);
        doMultiplyElements(ma, mb, md);
    }

    @Override
    public final void divideElements(Matrix a, Matrix b, Matrix dest) {
        M ma = own("divideElements", "a", a);
        M mb = own("divideElements", "b", b);
        M md = own("divideElements", "dest", dest);
        Checks.sameShape("divideElements", ma, "b", mb);
        Checks.sameShape("divideElements", ma, "dest", md);
        doDivideElements(ma, mb, md);
    }

    @Override
    public final void sqrt(Matrix a, Matrix dest) {
        M ma = own("sqrt", "a", a);
        M md = own("sqrt", "dest", dest);
        Checks.sameShape("sqrt", ma, "dest", md);
        doSqrt(ma, md);
    }

    @Override
    public final void addScalar(double alpha, Matrix a, Matrix dest) {
        M ma = own("addScalar", "a", a);
        M md = own("addScalar", "dest", dest);
        Checks.sameShape("addScalar", ma, "dest", md);
        doAddScalar(alpha, ma, md);
    }

    @Override
    public final void momentumStep(double learningRate, double momentum, double weightDecay,
                                   Matrix gradient, Matrix velocity, Matrix parameter) {
        String op = "momentumStep";
        Checks.hyperParameter(op, "learningRate", learningRate, 0.0, false, INF);
        Checks.hyperParameter(op, "momentum", momentum, 0.0, true, 1.0);
        Checks.hyperParameter(op, "weightDecay", weightDecay, 0.0, true, INF);
        M p = own(op, "parameter", parameter);
        M g = own(op, "gradient", gradient);
        M v = own(op, "velocity", velocity);
        checkOneStateStep(op, g, "velocity", v, p);
        doMomentumStep(learningRate, momentum, weightDecay, g, v, p);
    }

    @Override
    public final void adaGradStep(double learningRate, double epsilon, Matrix gradient,
                                  Matrix sumOfSquares, Matrix parameter) {
        String op = "adaGradStep";
        Checks.hyperParameter(op, "learningRate", learningRate, 0.0, false, INF);
        Checks.hyperParameter(op, "epsilon", epsilon, 0.0, false, INF);
        M p = own(op, "parameter", parameter);
        M g = own(op, "gradient", gradient);
        M s = own(op, "sumOfSquares", sumOfSquares);
        checkOneStateStep(op, g, "sumOfSquares", s, p);
        doAdaGradStep(learningRate, epsilon, g, s, p);
    }

    @Override
    public final void rmsPropStep(double learningRate, double decay, double epsilon,
                                  Matrix gradient, Matrix meanSquare, Matrix parameter) {
        String op = "rmsPropStep";
        Checks.hyperParameter(op, "learningRate", learningRate, 0.0, false, INF);
        Checks.hyperParameter(op, "decay", decay, 0.0, true, 1.0);
        Checks.hyperParameter(op, "epsilon", epsilon, 0.0, false, INF);
        M p = own(op, "parameter", parameter);
        M g = own(op, "gradient", gradient);
        M s = own(op, "meanSquare", meanSquare);
        checkOneStateStep(op, g, "meanSquare", s, p);
        doRmsPropStep(learningRate, decay, epsilon, g, s, p);
    }

    /**
     * Shapes and distinctness of a step with one state matrix. */
    private static void checkOneStateStep(String op, Matrix g, String stateName, Matrix state,
                                          Matrix p) {
        Checks.sameShape(op, p, "gradient", g);
        Checks.sameShape(op, p, stateName, state);
        Checks.distinct(op, stateName, state, "gradient", g);
        Checks.distinct(op, "parameter", p, "gradient", g);
        Checks.distinct(op, "parameter", p, stateName, state);
    }

    @Override
    public final void adamStep(double learningRate, double beta1, double beta2, double epsilon,
                               long step, Matrix gradient, Matrix firstMoment,
                               Matrix secondMoment, Matrix parameter) {
        String op = "adamStep";
        checkAdam(op, learningRate, beta1, beta2, epsilon, step);
        M p = own(op, "parameter", parameter);
        M g = own(op, "gradient", gradient);
        M m = own(op, "firstMoment", firstMoment);
        M v = own(op, "secondMoment", secondMoment);
        checkTwoStateStep(op, g, m, v, p);
        doAdamStep(learningRate, beta1, beta2, epsilon, step, g, m, v, p);
    }

    /** The hyper-parameters Adam and AdamW share. */
    private static void checkAdam(String op, double learningRate, double beta1, double beta2,
                                  double epsilon, long step) {
        Checks.hyperParameter(op, "learningRate", learningRate, 0.0, false, INF);
        Checks.hyperParameter(op, "beta1", beta1, 0.0, true, 1.0);
        Checks.hyperParameter(op, "beta2", beta2, 0.0, true, 1.0);
        Checks.hyperParameter(op, "epsilon", epsilon, 0.0, false, INF);
        if (step < 1) {
            throw new IllegalArgumentException(op + ": step counts from 1, got " + step);
        }
    }

    /** Shapes and distinctness of a step with two state matrices, Adam's moments. */
    private static void checkTwoStateStep(String op, Matrix g, Matrix m, Matrix v, Matrix p) {
        Checks.sameShape(op, p, "gradient", g);
        Checks.sameShape(op, p, "firstMoment", m);
        Checks.sameShape(op, p, "secondMoment", v);
        Checks.distinct(op, "firstMoment", m, "gradient", g);
        Checks.distinct(op, "secondMoment", v, "gradient", g);
        Checks.distinct(op, "secondMoment", v, "firstMoment", m);
        Checks.distinct(op, "parameter", p, "gradient", g);
        Checks.distinct(op, "parameter", p, "firstMoment", m);
        Checks.distinct(op, "parameter", p, "secondMoment", v);
    }

    @Override
    public final void adamWStep(double learningRate, double beta1, double beta2, double epsilon,
                                double weightDecay, long step, Matrix gradient,
                                Matrix firstMoment, Matrix secondMoment, Matrix parameter) {
        String op = "adamWStep";
        Checks.hyperParameter(op, "weightDecay", weightDecay, 0.0, true, INF);
        checkAdam(op, learningRate, beta1, beta2, epsilon, step);
        M p = own(op, "parameter", parameter);
        M g = own(op, "gradient", gradient);
        M m = own(op, "firstMoment", firstMoment);
        M v = own(op, "secondMoment", secondMoment);
        checkTwoStateStep(op, g, m, v, p);
        doAdamWStep(learningRate, beta1, beta2, epsilon, weightDecay, step, g, m, v, p);
    }

    @Override
    public final double clipGlobalNorm(double maxNorm, List<? extends Matrix> gradients) {
        String op = "clipGlobalNorm";
        Checks.hyperParameter(op, "maxNorm", maxNorm, 0.0, false, INF);
        Objects.requireNonNull(gradients, "clipGlobalNorm: gradients is null");
        // Checked in place, and the names built only for a message: the trainer clips every
        // step, and a step allocates nothing.
        for (int i = 0, n = gradients.size(); i < n; i++) {
            Matrix g = gradients.get(i);
            if (g == null || g.getClass() != matrixType || g.precision() != precision) {
                own(op, "gradients[" + i + "]", g);
            }
            for (int j = 0; j < i; j++) {
                if (g == gradients.get(j)) {
                    Checks.distinct(op, "gradients[" + i + "]", g, "gradients[" + j + "]", g);
                }
            }
        }
        @SuppressWarnings("unchecked") // every element is an M: own() has just checked it
        List<M> own = (List<M>) gradients;
        return doClipGlobalNorm(maxNorm, own);
    }

    @Override
    public final int[] argmaxRows(Matrix a) {
        M ma = own("argmaxRows", "a", a);
        if (ma.cols() == 0 && ma.rows() > 0) {
            throw new IllegalArgumentException("argmaxRows: a is " + ma.shape()
                    + "; a row needs at least one column to have a largest element");
        }
        int[] dest = new int[ma.rows()];
        doArgmaxRows(ma, dest);
        return dest;
    }

    // ---------------------------------------------------------------- images

    /*
     * Convolution and pooling: arguments checked here; the defaults copy through row-major
     * arrays and run ImageKernels, correct for any backend and any precision (they only move,
     * compare and sum values). A backend with direct access to its elements overrides them.
     */

    @Override
    public final void reshape(Matrix src, Matrix dest) {
        M ms = own("reshape", "src", src);
        M md = own("reshape", "dest", dest);
        if (ms.shape().size() != md.shape().size()) {
            throw new IllegalArgumentException("reshape: src is " + ms.shape() + " ("
                    + ms.shape().size() + " elements) but dest is " + md.shape() + " ("
                    + md.shape().size() + " elements); a reshape keeps every element");
        }
        Checks.distinct("reshape", "dest", md, "src", ms);
        doReshape(ms, md);
    }

    @Override
    public final void im2col(Matrix images, Window window, Matrix dest) {
        Objects.requireNonNull(window, "im2col: window");
        M mi = own("im2col", "images", images);
        M md = own("im2col", "dest", dest);
        checkImages("im2col", "images", mi, window.input());
        Checks.shape("im2col", "dest",
                Math.multiplyExact(mi.rows(), window.outputHeight() * window.outputWidth()),
                window.patchSize(), md);
        Checks.distinct("im2col", "dest", md, "images", mi);
        doIm2col(mi, window, md);
    }

    @Override
    public final void col2im(Matrix columns, Window window, Matrix dest) {
        Objects.requireNonNull(window, "col2im: window");
        M mc = own("col2im", "columns", columns);
        M md = own("col2im", "dest", dest);
        checkImages("col2im", "dest", md, window.input());
        Checks.shape("col2im", "columns",
                Math.multiplyExact(md.rows(), window.outputHeight() * window.outputWidth()),
                window.patchSize(), mc);
        Checks.distinct("col2im", "dest", md, "columns", mc);
        doCol2im(mc, window, md);
    }

    @Override
    public final void maxPool(Matrix images, Window window, Matrix dest) {
        Objects.requireNonNull(window, "maxPool: window");
        M mi = own("maxPool", "images", images);
        M md = own("maxPool", "dest", dest);
        checkImages("maxPool", "images", mi, window.input());
        Checks.shape("maxPool", "dest", mi.rows(), window.pooled().size(), md);
        Checks.distinct("maxPool", "dest", md, "images", mi);
        doMaxPool(mi, window, md);
    }

    @Override
    public final void maxPoolBackward(Matrix images, Window window, Matrix outputGradient,
                                      Matrix dest) {
        Objects.requireNonNull(window, "maxPoolBackward: window");
        M mi = own("maxPoolBackward", "images", images);
        M mg = own("maxPoolBackward", "outputGradient", outputGradient);
        M md = own("maxPoolBackward", "dest", dest);
        checkImages("maxPoolBackward", "images", mi, window.input());
        Checks.shape("maxPoolBackward", "outputGradient", mi.rows(), window.pooled().size(), mg);
        Checks.sameShape("maxPoolBackward", mi, "dest", md);
        Checks.distinct("maxPoolBackward", "dest", md, "images", mi);
        Checks.distinct("maxPoolBackward", "dest", md, "outputGradient", mg);
        doMaxPoolBackward(mi, window, mg, md);
    }

    @Override
    public final void averagePool(Matrix images, Window window, Matrix dest) {
        Objects.requireNonNull(window, "averagePool: window");
        M mi = own("averagePool", "images", images);
        M md = own("averagePool", "dest", dest);
        checkImages("averagePool", "images", mi, window.input());
        Checks.shape("averagePool", "dest", mi.rows(), window.pooled().size(), md);
        Checks.distinct("averagePool", "dest", md, "images", mi);
        doAveragePool(mi, window, md);
    }

    @Override
    public final void averagePoolBackward(Window window, Matrix outputGradient, Matrix dest) {
        Objects.requireNonNull(window, "averagePoolBackward: window");
        M mg = own("averagePoolBackward", "outputGradient", outputGradient);
        M md = own("averagePoolBackward", "dest", dest);
        checkImages("averagePoolBackward", "dest", md, window.input());
        Checks.shape("averagePoolBackward", "outputGradient", md.rows(), window.pooled().size(),
                mg);
        Checks.distinct("averagePoolBackward", "dest", md, "outputGradient", mg);
        doAveragePoolBackward(window, mg, md);
    }

    @Override
    public final void multiplyRowVector(Matrix a, Matrix row, Matrix dest) {
        M ma = own("multiplyRowVector", "a", a);
        M mr = own("multiplyRowVector", "row", row);
        M md = own("multiplyRowVector", "dest", dest);
        Checks.shape("multiplyRowVector", "row", 1, ma.cols(), mr);
        Checks.sameShape("multiplyRowVector", ma, "dest", md);
        doMultiplyRowVector(ma, mr, md);
    }

    private static void checkImages(String operation, String operand, Matrix m, ImageShape shape) {
        if (m.cols() != shape.size()) {
            throw new org.nn4j.api.ShapeMismatchException(operation, operand,
                    org.nn4j.api.Shape.of(m.rows(), shape.size()), m.shape());
        }
    }

    /**
     * The matrix's own elements as a row-major {@code double[]} (element {@code (i, j)} at
     * {@code i · cols + j}; the array may be longer), which the image operations' defaults
     * then read and write in place, allocating nothing; or {@code null}, the default, if the
     * matrix keeps its elements otherwise: the defaults then copy through
     * {@link Matrix#toRowMajor()} and {@link #doCopyFromRowMajor}. A float32 matrix returns
     * {@code null} (its values are not doubles).
     *
     * @param matrix a matrix of this linear algebra
     * @return its row-major elements, or {@code null}
     */
    protected double[] rowMajorElements(M matrix) {
        return null;
    }

    /** The matrix's own row-major elements, or a copy of them. */
    private double[] elementsOrCopy(M matrix) {
        double[] own = rowMajorElements(matrix);
        return own != null ? own : matrix.toRowMajor();
    }

    /** The destination's own elements, or a new array {@link #stored} copies into it. */
    private double[] destination(M dest) {
        double[] own = rowMajorElements(dest);
        return own != null ? own : new double[dest.rows() * dest.cols()];
    }

    /** Stores what a kernel wrote into {@link #destination}, unless it wrote in place. */
    private void stored(double[] out, M dest) {
        if (out != rowMajorElements(dest)) {
            doCopyFromRowMajor(out, 0, dest);
        }
    }

    /** Row-major copy into another shape; see {@link LinearAlgebra#reshape}.
     *
     * @param src see the public operation
     * @param dest see the public operation
     */
    protected void doReshape(M src, M dest) {
        doCopyFromRowMajor(elementsOrCopy(src), 0, dest);
    }

    /**
     * See {@link LinearAlgebra#im2col}; arguments checked.
     *
     * @param images see the public operation
     * @param window see the public operation
     * @param dest see the public operation
     */
    protected void doIm2col(M images, Window window, M dest) {
        double[] out = destination(dest);
        ImageKernels.im2col(elementsOrCopy(images), images.rows(), window, out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#col2im}; arguments checked.
     *
     * @param columns see the public operation
     * @param window see the public operation
     * @param dest see the public operation
     */
    protected void doCol2im(M columns, Window window, M dest) {
        double[] out = destination(dest);
        ImageKernels.col2im(elementsOrCopy(columns), dest.rows(), window, out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#maxPool}; arguments checked.
     *
     * @param images see the public operation
     * @param window see the public operation
     * @param dest see the public operation
     */
    protected void doMaxPool(M images, Window window, M dest) {
        double[] out = destination(dest);
        ImageKernels.maxPool(elementsOrCopy(images), images.rows(), window, out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#maxPoolBackward}; arguments checked.
     *
     * @param images see the public operation
     * @param window see the public operation
     * @param outputGradient see the public operation
     * @param dest see the public operation
     */
    protected void doMaxPoolBackward(M images, Window window, M outputGradient, M dest) {
        double[] out = destination(dest);
        ImageKernels.maxPoolBackward(elementsOrCopy(images), images.rows(), window,
                elementsOrCopy(outputGradient), out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#averagePool}; arguments checked.
     *
     * @param images see the public operation
     * @param window see the public operation
     * @param dest see the public operation
     */
    protected void doAveragePool(M images, Window window, M dest) {
        double[] out = destination(dest);
        ImageKernels.averagePool(elementsOrCopy(images), images.rows(), window, out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#averagePoolBackward}; arguments checked.
     *
     * @param window see the public operation
     * @param outputGradient see the public operation
     * @param dest see the public operation
     */
    protected void doAveragePoolBackward(Window window, M outputGradient, M dest) {
        double[] out = destination(dest);
        ImageKernels.averagePoolBackward(dest.rows(), window, elementsOrCopy(outputGradient),
                out);
        stored(out, dest);
    }

    /**
     * See {@link LinearAlgebra#multiplyRowVector}; arguments checked.
     *
     * @param a see the public operation
     * @param row see the public operation
     * @param dest see the public operation
     */
    protected void doMultiplyRowVector(M a, M row, M dest) {
        double[] x = elementsOrCopy(a);
        double[] r = elementsOrCopy(row);
        double[] out = destination(dest);
        int n = a.cols();
        for (int i = 0, at = 0; i < a.rows(); i++) {
            for (int j = 0; j < n; j++, at++) {
                out[at] = x[at] * r[j];
            }
        }
        stored(out, dest);
    }
}
