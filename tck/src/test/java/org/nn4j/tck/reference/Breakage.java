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
    MISSING_SHAPE_CHECK
}
