package org.nn4j.api;

import java.util.List;

/**
 * The dense linear algebra of one backend.
 *
 * <p><b>One naming rule.</b> An operation that writes its result takes the destination as its
 * <em>last</em> argument, named {@code dest} (or {@code c} and {@code y}, as in BLAS); the
 * overload without it allocates a new matrix, fills it with the same kernel and returns it.
 * The destination-passing forms are the ones to use on a hot path: they allocate nothing.
 *
 * <p><b>What is modified.</b> Only the destination is modified; every other matrix argument
 * is left as it was. Element-wise operations accept a destination that is also one of their
 * inputs (in place); {@link #gemm} and {@link #columnSums} do not, and say so with an
 * {@link IllegalArgumentException}.
 *
 * <p><b>Errors.</b> Every operation checks its arguments before the backend's library is
 * reached: a shape that does not fit throws {@link ShapeMismatchException}; a matrix of
 * another backend throws {@link IllegalArgumentException} naming both backends; a matrix of
 * another {@link Precision} throws {@link IllegalArgumentException} naming both precisions; a
 * {@code null} throws {@link NullPointerException} naming the argument.
 *
 * <p><b>Precision.</b> A linear algebra computes in one {@link #precision()}: the matrices it
 * makes have it, and scalar arguments and results cross as {@code double}. In
 * {@link Precision#F32}, {@link #fromRowMajor} and {@link #copyFromRowMajor} round each
 * element to the nearest {@code float}.
 *
 * <p><b>Non-finite values.</b> NaN and infinities are not rejected: they propagate through
 * the arithmetic as IEEE 754 says. Callers that must stop on them (a trainer watching for
 * divergence) check the results.
 *
 * <p>Implementations are thread-safe: they hold no mutable state of their own. The matrices
 * they operate on are not; do not write one matrix from two threads.
 */
public interface LinearAlgebra {

    /**
     * Returns the name of the backend, for example {@code "ejml"}.
     *
     * @return the backend's name
     */
    String backendName();

    /**
     * Returns the precision this linear algebra computes in and creates matrices of. One that
     * does not override this is {@link Precision#F64}.
     *
     * @return the precision
     */
    default Precision precision() {
        return Precision.F64;
    }

    // ---------------------------------------------------------------- creation and copies

    /**
     * Creates a matrix of zeros.
     *
     * @param rows number of rows, non-negative
     * @param cols number of columns, non-negative
     * @return a new matrix
     */
    Matrix zeros(int rows, int cols);

    /**
     * Creates a matrix from row-major data; the data are copied.
     *
     * @param rows number of rows, non-negative
     * @param cols number of columns, non-negative
     * @param data {@code rows * cols} elements, element {@code (i, j)} at {@code i * cols + j}.
     *             Not modified.
     * @return a new matrix
     * @throws IllegalArgumentException if {@code data.length != rows * cols}
     */
    Matrix fromRowMajor(int rows, int cols, double... data);

    /**
     * Overwrites a matrix with row-major data taken from an array at an offset, as when a
     * mini-batch is copied out of a larger data set.
     *
     * @param src    source array. Not modified.
     * @param offset index in {@code src} of element {@code (0, 0)}
     * @param dest   the matrix to fill; its shape says how many elements are read. Modified.
     * @throws IndexOutOfBoundsException if {@code src} holds fewer elements past {@code offset}
     */
    void copyFromRowMajor(double[] src, int offset, Matrix dest);

    /**
     * Copies a matrix into an array in row-major order at an offset.
     *
     * @param src    the matrix. Not modified.
     * @param dest   destination array. Modified.
     * @param offset index in {@code dest} for element {@code (0, 0)}
     * @throws IndexOutOfBoundsException if {@code dest} has no room for every element
     */
    void copyToRowMajor(Matrix src, double[] dest, int offset);

    /**
     * Copies one matrix into another of the same shape.
     *
     * @param src  source. Not modified.
     * @param dest destination. Modified.
     */
    void copy(Matrix src, Matrix dest);

    /**
     * Returns a copy of a matrix.
     *
     * @param src source. Not modified.
     * @return a new matrix of this backend with the same elements
     */
    default Matrix copy(Matrix src) {
        Matrix dest = zeros(src.rows(), src.cols());
        copy(src, dest);
        return dest;
    }

    /**
     * Converts a matrix of any backend and any precision, this one included, into a new
     * matrix of this backend in its {@link #precision()}. This is the one explicit way across
     * backends and precisions; converting to {@link Precision#F32} rounds each element to the
     * nearest {@code float}.
     *
     * @param other a matrix of any backend. Not modified.
     * @return a new matrix of this backend and precision with the same elements
     */
    default Matrix convert(Matrix other) {
        return fromRowMajor(other.rows(), other.cols(), other.toRowMajor());
    }

    /**
     * Sets every element of a matrix to a value.
     *
     * @param value the value
     * @param dest  the matrix. Modified.
     */
    void fill(double value, Matrix dest);

    // ---------------------------------------------------------------- products

    /**
     * General matrix multiply in the BLAS sense:
     * {@code c = alpha * op(a) * op(b) + beta * c}, where {@code op(x)} is {@code x} or its
     * transpose. The transposes are never materialised, so back-propagation's {@code zᵀ·dy}
     * and {@code dy·Wᵀ} cost no copy. With {@code beta == 0}, {@code c}'s old contents are
     * ignored, NaN included.
     *
     * @param alpha  scale of the product
     * @param a      left operand. Not modified.
     * @param transA whether to use {@code aᵀ}
     * @param b      right operand. Not modified.
     * @param transB whether to use {@code bᵀ}
     * @param beta   scale of {@code c}'s old contents
     * @param c      destination, {@code rows(op(a)) x cols(op(b))}. Modified. Must not be
     *               {@code a} or {@code b}.
     * @throws ShapeMismatchException if the inner dimensions differ or {@code c} does not fit
     * @throws IllegalArgumentException if {@code c} is {@code a} or {@code b}
     */
    void gemm(double alpha, Matrix a, boolean transA, Matrix b, boolean transB,
              double beta, Matrix c);

    /**
     * Returns the product {@code a · b}.
     *
     * @param a left operand, {@code m x k}. Not modified.
     * @param b right operand, {@code k x n}. Not modified.
     * @return a new {@code m x n} matrix
     */
    default Matrix multiply(Matrix a, Matrix b) {
        Matrix c = zeros(a.rows(), b.cols());
        gemm(1.0, a, false, b, false, 0.0, c);
        return c;
    }

    // ---------------------------------------------------------------- broadcasts and reductions

    /**
     * Adds a row vector to every row: {@code dest[i][j] = a[i][j] + row[0][j]}, the bias of a
     * fully connected layer.
     *
     * @param a    {@code m x n}. Not modified unless it is {@code dest}.
     * @param row  {@code 1 x n}. Not modified.
     * @param dest {@code m x n}; may be {@code a}. Modified.
     */
    void addRowVector(Matrix a, Matrix row, Matrix dest);

    /**
     * Sums each column over the rows: {@code dest[0][j] = Σ_i a[i][j]}; a bias gradient.
     *
     * @param a    {@code m x n}. Not modified.
     * @param dest {@code 1 x n}. Modified. Must not be {@code a}.
     */
    void columnSums(Matrix a, Matrix dest);

    /**
     * Returns the column sums of a matrix as a new {@code 1 x n} matrix.
     *
     * @param a {@code m x n}. Not modified.
     * @return a new {@code 1 x n} matrix
     */
    default Matrix columnSums(Matrix a) {
        Matrix dest = zeros(1, a.cols());
        columnSums(a, dest);
        return dest;
    }

    /**
     * Returns the sum of the squares of the elements, {@code Σ a[i][j]²}.
     *
     * @param a the matrix. Not modified.
     * @return the sum; 0 for an empty matrix
     */
    double sumOfSquares(Matrix a);

    // ---------------------------------------------------------------- element-wise

    /**
     * Scales: {@code dest = alpha * a}.
     *
     * @param alpha the factor
     * @param a     the matrix. Not modified unless it is {@code dest}.
     * @param dest  same shape as {@code a}; may be {@code a}. Modified.
     */
    void scale(double alpha, Matrix a, Matrix dest);

    /**
     * Returns {@code alpha * a} as a new matrix.
     *
     * @param alpha the factor
     * @param a     the matrix. Not modified.
     * @return a new matrix
     */
    default Matrix scale(double alpha, Matrix a) {
        Matrix dest = zeros(a.rows(), a.cols());
        scale(alpha, a, dest);
        return dest;
    }

    /**
     * Level-1 BLAS update: {@code y = y + alpha * x}. The SGD step is
     * {@code axpy(-learningRate, gradient, weights)}.
     *
     * @param alpha the factor
     * @param x     same shape as {@code y}. Not modified.
     * @param y     the matrix updated. Modified.
     */
    void axpy(double alpha, Matrix x, Matrix y);

    /**
     * Adds: {@code dest = a + b}.
     *
     * @param a    not modified unless it is {@code dest}
     * @param b    same shape as {@code a}; not modified unless it is {@code dest}
     * @param dest same shape; may be {@code a} or {@code b}. Modified.
     */
    void add(Matrix a, Matrix b, Matrix dest);

    /**
     * Returns {@code a + b} as a new matrix.
     *
     * @param a not modified
     * @param b same shape as {@code a}; not modified
     * @return a new matrix
     */
    default Matrix add(Matrix a, Matrix b) {
        Matrix dest = zeros(a.rows(), a.cols());
        add(a, b, dest);
        return dest;
    }

    /**
     * Subtracts: {@code dest = a - b}.
     *
     * @param a    not modified unless it is {@code dest}
     * @param b    same shape as {@code a}; not modified unless it is {@code dest}
     * @param dest same shape; may be {@code a} or {@code b}. Modified.
     */
    void subtract(Matrix a, Matrix b, Matrix dest);

    /**
     * Returns {@code a - b} as a new matrix.
     *
     * @param a not modified
     * @param b same shape as {@code a}; not modified
     * @return a new matrix
     */
    default Matrix subtract(Matrix a, Matrix b) {
        Matrix dest = zeros(a.rows(), a.cols());
        subtract(a, b, dest);
        return dest;
    }

    /**
     * Multiplies element by element (Hadamard product): {@code dest = a ∘ b}.
     *
     * @param a    not modified unless it is {@code dest}
     * @param b    same shape as {@code a}; not modified unless it is {@code dest}
     * @param dest same shape; may be {@code a} or {@code b}. Modified.
     */
    void multiplyElements(Matrix a, Matrix b, Matrix dest);

    /**
     * Returns {@code a ∘ b} as a new matrix.
     *
     * @param a not modified
     * @param b same shape as {@code a}; not modified
     * @return a new matrix
     */
    default Matrix multiplyElements(Matrix a, Matrix b) {
        Matrix dest = zeros(a.rows(), a.cols());
        multiplyElements(a, b, dest);
        return dest;
    }

    /**
     * Divides element by element: {@code dest = a / b}, as IEEE 754 divides ({@code x / 0}
     * is {@code ±∞} for {@code x ≠ 0}, {@code 0 / 0} is NaN). Adam's and RMSProp's update
     * {@code m / (sqrt(v) + ε)} is {@code sqrt}, {@code addScalar} and this.
     *
     * @param a    the dividends; not modified unless it is {@code dest}
     * @param b    the divisors, same shape as {@code a}; not modified unless it is {@code dest}
     * @param dest same shape; may be {@code a} or {@code b}. Modified.
     */
    void divideElements(Matrix a, Matrix b, Matrix dest);

    /**
     * Returns {@code a / b}, element by element, as a new matrix.
     *
     * @param a not modified
     * @param b same shape as {@code a}; not modified
     * @return a new matrix
     */
    default Matrix divideElements(Matrix a, Matrix b) {
        Matrix dest = zeros(a.rows(), a.cols());
        divideElements(a, b, dest);
        return dest;
    }

    /**
     * Takes the square root of every element: {@code dest = sqrt(a)}, as
     * {@link Math#sqrt(double)}: the square root of a negative number or of NaN is NaN,
     * {@code sqrt(−0.0) = −0.0}, {@code sqrt(+∞) = +∞}.
     *
     * @param a    not modified unless it is {@code dest}
     * @param dest same shape as {@code a}; may be {@code a}. Modified.
     */
    void sqrt(Matrix a, Matrix dest);

    /**
     * Returns {@code sqrt(a)}, element by element, as a new matrix.
     *
     * @param a not modified
     * @return a new matrix
     */
    default Matrix sqrt(Matrix a) {
        Matrix dest = zeros(a.rows(), a.cols());
        sqrt(a, dest);
        return dest;
    }

    /**
     * Adds a scalar to every element: {@code dest[i][j] = a[i][j] + alpha}.
     *
     * @param alpha the scalar
     * @param a     not modified unless it is {@code dest}
     * @param dest  same shape as {@code a}; may be {@code a}. Modified.
     */
    void addScalar(double alpha, Matrix a, Matrix dest);

    /**
     * Returns {@code a + alpha}, element by element, as a new matrix.
     *
     * @param alpha the scalar
     * @param a     not modified
     * @return a new matrix
     */
    default Matrix addScalar(double alpha, Matrix a) {
        Matrix dest = zeros(a.rows(), a.cols());
        addScalar(alpha, a, dest);
        return dest;
    }

    // ---------------------------------------------------------------- fused optimizer steps

    /*
     * One element-wise pass per parameter instead of the eight to ten passes the same step
     * takes when composed from scale, axpy, sqrt and friends. The optimizers of nn4j's trainer
     * are thin shells around these; the TCK checks each against its formula. In all five the
     * gradient is not modified, the state and the parameter are updated in place, all have the
     * parameter's shape and are distinct matrices, and the hyper-parameters are checked.
     */

    /**
     * One step of SGD with momentum {@code μ} and (L2) weight decay {@code λ}, PyTorch's
     * convention without dampening, element by element:
     * <pre>
     *   v ← μ·v + (g + λ·θ)          (with μ = 0: v ← g + λ·θ)
     *   θ ← θ − learningRate·v
     * </pre>
     *
     * @param learningRate positive and finite
     * @param momentum     {@code μ} in {@code [0, 1)}
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param gradient     {@code g}; not modified
     * @param velocity     {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     * @throws ShapeMismatchException   if a shape differs from the parameter's
     * @throws IllegalArgumentException if a hyper-parameter is out of range or two matrices
     *                                  are the same
     */
    void momentumStep(double learningRate, double momentum, double weightDecay,
                      Matrix gradient, Matrix velocity, Matrix parameter);

    /**
     * One step of AdaGrad, element by element:
     * <pre>
     *   s ← s + g²
     *   θ ← θ − learningRate·g / (√s + ε)
     * </pre>
     *
     * @param learningRate positive and finite
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}; not modified
     * @param sumOfSquares {@code s}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     * @throws ShapeMismatchException   if a shape differs from the parameter's
     * @throws IllegalArgumentException if a hyper-parameter is out of range or two matrices
     *                                  are the same
     */
    void adaGradStep(double learningRate, double epsilon, Matrix gradient, Matrix sumOfSquares,
                     Matrix parameter);

    /**
     * One step of RMSProp, element by element:
     * <pre>
     *   s ← ρ·s + (1 − ρ)·g²
     *   θ ← θ − learningRate·g / (√s + ε)
     * </pre>
     *
     * @param learningRate positive and finite
     * @param decay        {@code ρ} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param gradient     {@code g}; not modified
     * @param meanSquare   {@code s}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     * @throws ShapeMismatchException   if a shape differs from the parameter's
     * @throws IllegalArgumentException if a hyper-parameter is out of range or two matrices
     *                                  are the same
     */
    void rmsPropStep(double learningRate, double decay, double epsilon, Matrix gradient,
                     Matrix meanSquare, Matrix parameter);

    /**
     * One step of Adam (Kingma and Ba, 2015) with the paper's bias correction, the
     * {@code step}-th since the moments were zero, element by element:
     * <pre>
     *   m ← β₁·m + (1 − β₁)·g
     *   v ← β₂·v + (1 − β₂)·g²
     *   θ ← θ − (learningRate / (1 − β₁ᵗ))·m / (√(v / (1 − β₂ᵗ)) + ε)
     * </pre>
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁} in {@code [0, 1)}
     * @param beta2        {@code β₂} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}; not modified
     * @param firstMoment  {@code m}, same shape. Modified.
     * @param secondMoment {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     * @throws ShapeMismatchException   if a shape differs from the parameter's
     * @throws IllegalArgumentException if a hyper-parameter is out of range, {@code step < 1},
     *                                  or two matrices are the same
     */
    void adamStep(double learningRate, double beta1, double beta2, double epsilon, long step,
                  Matrix gradient, Matrix firstMoment, Matrix secondMoment, Matrix parameter);

    /**
     * One step of AdamW (Loshchilov and Hutter, 2019): Adam with <em>decoupled</em> weight
     * decay {@code λ}, PyTorch's {@code torch.optim.AdamW}, the {@code step}-th since the
     * moments were zero, element by element:
     * <pre>
     *   θ ← θ·(1 − learningRate·λ)
     *   m ← β₁·m + (1 − β₁)·g
     *   v ← β₂·v + (1 − β₂)·g²
     *   θ ← θ − (learningRate / (1 − β₁ᵗ))·m / (√(v / (1 − β₂ᵗ)) + ε)
     * </pre>
     * The decay shrinks the weight directly; it is not added to the gradient (that would be
     * Adam with L2 regularisation, whose decay the second moment scales down). With
     * {@code λ = 0} the step is {@link #adamStep}'s, bit for bit.
     *
     * @param learningRate positive and finite
     * @param beta1        {@code β₁} in {@code [0, 1)}
     * @param beta2        {@code β₂} in {@code [0, 1)}
     * @param epsilon      {@code ε}, positive and finite
     * @param weightDecay  {@code λ}, zero or positive, finite
     * @param step         {@code t}, from 1
     * @param gradient     {@code g}; not modified
     * @param firstMoment  {@code m}, same shape. Modified.
     * @param secondMoment {@code v}, same shape. Modified.
     * @param parameter    {@code θ}, same shape. Modified.
     * @throws ShapeMismatchException   if a shape differs from the parameter's
     * @throws IllegalArgumentException if a hyper-parameter is out of range, {@code step < 1},
     *                                  or two matrices are the same
     */
    void adamWStep(double learningRate, double beta1, double beta2, double epsilon,
                   double weightDecay, long step, Matrix gradient, Matrix firstMoment,
                   Matrix secondMoment, Matrix parameter);

    /** The {@code ε} of {@link #clipGlobalNorm}, PyTorch's: it keeps a zero norm finite. */
    double CLIP_EPSILON = 1e-6;

    /**
     * Clips gradients by their global norm, in place, as PyTorch's
     * {@code torch.nn.utils.clip_grad_norm_(parameters, maxNorm)} does (norm type 2,
     * {@code error_if_nonfinite=False}): with the global norm taken over every element of
     * every gradient,
     * <pre>
     *   ‖g‖ = √(Σ_matrices Σ_elements g²)
     *   c   = min(1, maxNorm / (‖g‖ + 1e-6))
     *   g  ← c·g    for every gradient, all by the same c
     * </pre>
     * so the direction of the whole update is kept. When {@code c = 1} (that is, when
     * {@code ‖g‖ + 1e-6 ≤ maxNorm}) nothing is written: the gradients are unchanged bit for bit.
     * A NaN norm gives {@code c} = NaN and an infinite one {@code c = 0}, scaled in, as
     * PyTorch does; a trainer watching for divergence sees them. (PyTorch takes the norm of
     * the per-tensor norms, {@code √Σ (√Σ g²)²}: the same number up to rounding.)
     *
     * @param maxNorm   the largest global norm let through, positive and finite
     * @param gradients the gradients, of any shapes, each at most once; each is Modified
     *                  (scaled) when {@code c < 1}. The list is not modified; it may be empty.
     * @return the global norm {@code ‖g‖} before clipping
     * @throws IllegalArgumentException if {@code maxNorm} is out of range, a matrix is of
     *                                  another backend, or one matrix appears twice
     * @throws NullPointerException     if the list or an element is null
     */
    double clipGlobalNorm(double maxNorm, List<? extends Matrix> gradients);

    // ---------------------------------------------------------------- per-row reductions

    /**
     * Returns the column index of the largest element of each row: the predicted class of
     * each example, for accuracy. On ties the first (lowest) index wins. As numpy's
     * {@code argmax}, a NaN counts as the largest value: a row's first NaN wins. Infinities
     * compare as usual.
     *
     * @param a {@code m x n}, {@code n >= 1} unless {@code m == 0}. Not modified.
     * @return a new array of {@code m} indices in {@code [0, n)}
     * @throws IllegalArgumentException if {@code a} has rows but no columns
     */
    int[] argmaxRows(Matrix a);

    // ---------------------------------------------------------------- images (convolution and pooling)
    //
    // A batch of images is an N x (height·width·channels) matrix in the NHWC layout that
    // ImageShape describes; a Window gives the geometry. The defaults of these operations in
    // AbstractLinearAlgebra are correct for any backend; a backend overrides one only where
    // a measurement shows its library does it faster.

    /**
     * Copies {@code src} into {@code dest} in row-major order: {@code dest} sees the same
     * values read row after row, in a different shape (numpy's {@code reshape}, as a copy).
     * A convolution uses it to read its {@code (N·outputPixels) x channels} product as
     * {@code N} image rows, and back.
     *
     * @param src  {@code m x n}. Not modified.
     * @param dest {@code p x q} with {@code p·q == m·n}. Modified. Must not be {@code src}.
     * @throws IllegalArgumentException if the element counts differ
     */
    void reshape(Matrix src, Matrix dest);

    /**
     * Lays every window position out as a row (im2col): row {@code (n·outputHeight + oy)
     * · outputWidth + ox} of {@code dest} holds the patch that output pixel {@code (oy, ox)}
     * of image {@code n} sees, in {@code (ky, kx, channel)} order, so column
     * {@code (ky · kernelWidth + kx) · channels + c}; a padding position is 0. A convolution
     * is then one product, {@code dest · kernelsᵀ}.
     *
     * @param images {@code N x window.input().size()}. Not modified.
     * @param window the geometry
     * @param dest   {@code (N · outputHeight · outputWidth) x window.patchSize()}. Modified;
     *               every element is written.
     */
    void im2col(Matrix images, Window window, Matrix dest);

    /**
     * The adjoint of {@link #im2col} (col2im): overwrites {@code dest} with, for each image
     * value, the sum of every {@code columns} element that {@code im2col} would have copied
     * from it; padding positions are dropped. A convolution's input gradient is
     * {@code col2im(outputGradient · kernels)}.
     *
     * @param columns {@code (N · outputHeight · outputWidth) x window.patchSize()}. Not modified.
     * @param window  the geometry
     * @param dest    {@code N x window.input().size()}. Modified (overwritten, not added to).
     */
    void col2im(Matrix columns, Window window, Matrix dest);

    /**
     * Max pooling: each output value is the largest of the input values its window covers,
     * channel by channel; padding positions never count.
     *
     * <p>A NaN in a window makes that output NaN.
     *
     * @param images {@code N x window.input().size()}. Not modified.
     * @param window the geometry; a window must cover at least one image pixel
     * @param dest   {@code N x window.pooled().size()}. Modified.
     */
    void maxPool(Matrix images, Window window, Matrix dest);

    /**
     * The gradient of {@link #maxPool}: each output gradient goes to the input position that
     * was the window's maximum, the first in {@code (ky, kx)} order on ties (so exactly one
     * position per window and channel receives it); positions that were never a maximum get
     * 0; a position that is the maximum of several overlapping windows gets their sum. A NaN
     * counts as a window's maximum (the first NaN, as {@code numpy.argmax} picks it).
     *
     * @param images         the pooling's input, {@code N x window.input().size()}. Not modified.
     * @param window         the geometry
     * @param outputGradient {@code N x window.pooled().size()}. Not modified.
     * @param dest           {@code N x window.input().size()}. Modified (overwritten).
     */
    void maxPoolBackward(Matrix images, Window window, Matrix outputGradient, Matrix dest);

    /**
     * Average pooling: each output value is the mean of the image values its window covers,
     * channel by channel, dividing by the number of positions inside the image (padding
     * positions are not counted), as TensorFlow does.
     *
     * @param images {@code N x window.input().size()}. Not modified.
     * @param window the geometry
     * @param dest   {@code N x window.pooled().size()}. Modified.
     */
    void averagePool(Matrix images, Window window, Matrix dest);

    /**
     * The gradient of {@link #averagePool}: each output gradient is shared equally among the
     * image positions its window covered (divided by the same count); overwrites {@code dest}.
     *
     * @param window         the geometry
     * @param outputGradient {@code N x window.pooled().size()}. Not modified.
     * @param dest           {@code N x window.input().size()}. Modified (overwritten).
     */
    void averagePoolBackward(Window window, Matrix outputGradient, Matrix dest);

    /**
     * Multiplies every row by a row vector, element by element:
     * {@code dest[i][j] = a[i][j] · row[0][j]}; a batch normalisation's per-channel scale.
     *
     * @param a    {@code m x n}. Not modified unless it is {@code dest}.
     * @param row  {@code 1 x n}. Not modified.
     * @param dest {@code m x n}; may be {@code a}. Modified.
     */
    void multiplyRowVector(Matrix a, Matrix row, Matrix dest);
}
