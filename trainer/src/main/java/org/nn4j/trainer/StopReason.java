package org.nn4j.trainer;

/**
 * Why training stopped. More reasons may be added; a {@code switch} over them should have a
 * default.
 */
public enum StopReason {

    /** The mini-batch loss fell below the target and the whole training set confirmed it. */
    CONVERGED,

    /** The step cap was reached first. */
    STEP_CAP,

    /**
     * The loss became NaN or infinite, or an update made a parameter so; the parameters are
     * the last finite ones, those from before the step that diverged.
     */
    DIVERGED,

    /**
     * The training thread was interrupted; the parameters are those after the last completed
     * step, and the thread's interrupt flag is left set.
     */
    INTERRUPTED,

    /** Every epoch ran (trainers without a convergence test, such as {@code model.Training}). */
    COMPLETED,

    /**
     * Early stopping ended training: the monitored validation metric had not improved for its
     * patience; the parameters are those of the best epoch.
     */
    EARLY_STOPPED
}
