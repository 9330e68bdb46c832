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
    ADAM_WITHOUT_BIAS_CORRECTION
}
