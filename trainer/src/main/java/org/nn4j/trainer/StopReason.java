package org.nn4j.trainer;

/** Why training stopped. */
public enum StopReason {

    /** The mini-batch loss fell below the target and the whole training set confirmed it. */
    CONVERGED,

    /** The step cap was reached first. */
    STEP_CAP,

    /** The loss became NaN or infinite. */
    DIVERGED
}
