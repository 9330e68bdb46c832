package org.nn4j.tck.reference;

/** A deliberate bug the reference backend can carry, to prove the kit catches it. */
public enum Breakage {
    /** None: the reference backend as it should be. */
    NONE,
    /** dW computed as dyᵀ·z (out×in) and written into the in×out buffer row-major. */
    WRONG_TRANSPOSE_IN_WEIGHT_GRADIENT,
    /** The mean squared error's gradient is y − t, not (y − t)/N. */
    MISSING_ONE_OVER_N,
    /** db summed along each row of dy (np.sum(axis=1)) instead of down each column. */
    BIAS_GRADIENT_SUMMED_OVER_THE_WRONG_AXIS,
    /** axpy does nothing, so every SGD update is silently lost. */
    DROPPED_UPDATE,
    /** The mean squared error does not check that the target has the prediction's shape. */
    MISSING_SHAPE_CHECK,
    /** ReLU's backward passes dy through unmasked, as if relu' were 1 at negative inputs too. */
    RELU_GRADIENT_NOT_MASKED,
    /** ReLU's derivative at 0 is 1, against the documented convention relu'(0) = 0. */
    RELU_DERIVATIVE_ONE_AT_ZERO,
    /** Softmax cross-entropy takes e^y without subtracting the row's maximum: e^1000 overflows. */
    SOFTMAX_CE_WITHOUT_LOG_SUM_EXP,
    /** Softmax cross-entropy's gradient is softmax(y) − t, not (softmax(y) − t)/N. */
    SOFTMAX_CE_MISSING_ONE_OVER_N,
    /** Softmax cross-entropy's gradient is (t − softmax(y))/N: gradient ascent. */
    SOFTMAX_CE_GRADIENT_WITH_THE_WRONG_SIGN,
    /** SGD with momentum computes the velocity but never stores it: plain SGD after step one. */
    MOMENTUM_VELOCITY_NOT_KEPT,
    /** Adam without the bias correction: its first steps are about ten times too short. */
    ADAM_WITHOUT_BIAS_CORRECTION,

    /* Round two: the kinds of bug the kit of round one let through. */

    /** None, but the LinearAlgebra writes its own checks instead of extending the base class. */
    NONE_WITHOUT_THE_BASE_CLASS,
    /** columnSums accumulates in float: exact on small integers, off by 1e-7 elsewhere. */
    FLOAT_ACCUMULATION_IN_COLUMN_SUMS,
    /** Without the base class, subtract checks its destination's shape but not b's. */
    SUBTRACT_CHECKS_ONLY_ITS_DESTINATION,
    /** gemm computes into one scratch buffer shared by every caller, then copies it out. */
    SHARED_SCRATCH_IN_GEMM,
    /** Softmax cross-entropy keeps a row's exponentials in a buffer shared by every caller. */
    SHARED_SCRATCH_IN_SOFTMAX_CE,
    /** addScalar works in chunks of 4,096 elements and forgets the last, partial one. */
    ADD_SCALAR_DROPS_THE_PARTIAL_LAST_CHUNK,
    /**
     * Softmax cross-entropy's value as {@code lse(y) − Σ t·y}, which is {@code −Σ t·log softmax(y)}
     * only when the target row sums to 1; the javadoc defines the value for any targets.
     */
    SOFTMAX_CE_ASSUMES_TARGET_ROWS_SUM_TO_ONE,
    /**
     * copyFromRowMajor from a non-zero offset up to the array's very end copies nothing (an
     * off-by-one in a bounds test): the tutorial's last batch, found before only as a replay
     * that drifts from numpy's and a convergence that fails.
     */
    COPY_FROM_ROW_MAJOR_MISSES_A_RANGE_ENDING_THE_ARRAY,

    /* Round three: AdamW and clipping by global norm. */

    /** AdamW's decay coupled, as Adam with L2: {@code g + λ·θ} goes through the moments. */
    ADAMW_COUPLED_L2,
    /** AdamW's decay applied after the Adam update instead of before it (from the new θ). */
    ADAMW_DECAY_AFTER_THE_UPDATE,
    /** Each gradient clipped by its own norm instead of the global one. */
    CLIP_PER_TENSOR,
    /** Clipping scales by {@code maxNorm / ‖g‖} even when the norm is within the limit. */
    CLIP_SCALES_UP_SMALL_GRADIENTS,

    /* Round four: precision (issue 20). */

    /** Declares float32 but stores every element as the double it computed, unrounded. */
    FLOAT32_STORES_DOUBLES,
    /** In float64, gemm and the dense layer's products accumulate in float. */
    FLOAT64_GEMM_ACCUMULATES_IN_FLOAT,
    /** Float32 matrices rounded toward zero (truncated) instead of to the nearest float. */
    FLOAT32_ROUNDS_TOWARD_ZERO,

    /* Round five: the image operations (issue 18). */

    /** im2col writes each patch in (kx, ky, c) order instead of (ky, kx, c). */
    IM2COL_TRANSPOSED_PATCH,
    /** An odd 'same' padding puts its larger half above and left of the image (not below). */
    SAME_PADDING_LARGER_HALF_BEFORE,
    /** col2im adds into its destination instead of overwriting it. */
    COL2IM_ADDS_INSTEAD_OF_OVERWRITING,
    /** Average pooling divides by kh·kw, counting padding positions (and so its gradient). */
    AVERAGE_POOL_COUNTS_PADDING,
    /** Max pooling's gradient goes to the last maximum of a window on ties, not the first. */
    MAX_POOL_GRADIENT_TO_THE_LAST_MAXIMUM,
    /** Max pooling compares with {@code >} only: a NaN after a window's first value is lost. */
    MAX_POOL_SKIPS_NAN,

    /* Round five, continued: the image layers (issue 18), through the steps a backend may override. */

    /** The convolution's dKernels as columnsᵀ·dy (patchSize x filters) read row-major. */
    CONVOLUTION_KERNEL_GRADIENT_TRANSPOSED,
    /** The convolution's input gradient through kernels rotated by 180° (convolution, not correlation). */
    CONVOLUTION_INPUT_GRADIENT_WITH_FLIPPED_KERNELS,
    /** Max pooling's backward shares each gradient evenly over its window, as average pooling does. */
    MAX_POOL_GRADIENT_SHARED_EVENLY,
    /** Dropout keeps values without dividing by 1 − rate. */
    DROPOUT_NOT_SCALED,
    /** Dropout keeps a value when its draw is below the rate: it keeps a fraction rate, not 1 − rate. */
    DROPOUT_KEEPS_WITH_PROBABILITY_RATE,
    /** Batch normalisation's variance as the mean of x², the mean never subtracted. */
    BATCH_NORM_VARIANCE_WITHOUT_THE_MEAN_SUBTRACTED,
    /** Batch normalisation's running variance from the biased batch variance (no M/(M − 1)). */
    BATCH_NORM_RUNNING_VARIANCE_BIASED;

    /** Whether the backend's LinearAlgebra is {@link HandCheckedLinearAlgebra}. */
    boolean withoutTheBaseClass() {
        return this == NONE_WITHOUT_THE_BASE_CLASS || this == SUBTRACT_CHECKS_ONLY_ITS_DESTINATION;
    }
}
