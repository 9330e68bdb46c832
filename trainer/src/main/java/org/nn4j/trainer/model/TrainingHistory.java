package org.nn4j.trainer.model;

import java.util.List;
import java.util.Objects;
import org.nn4j.trainer.StopReason;

/**
 * What a run of {@link Training#fit} did.
 *
 * @param epochs       one summary per completed epoch, in order
 * @param completed    whether training ended as asked: every epoch ran, or early stopping
 *                     ended it; {@code false} when the loss or a parameter became non-finite,
 *                     or the thread was interrupted
 * @param message      {@code "completed N epochs"}, or why early stopping ended it, or where
 *                     and how training diverged or was interrupted (epoch and batch)
 * @param stopReason   {@link StopReason#COMPLETED}, {@link StopReason#EARLY_STOPPED},
 *                     {@link StopReason#DIVERGED} or {@link StopReason#INTERRUPTED}
 * @param bestEpoch    with a validation set, the epoch (from 0) whose monitored validation
 *                     metric was best; -1 without one (or if no epoch had a finite value)
 * @param bestRestored whether the model's parameters are the best epoch's (early stopping
 *                     restores them), rather than the last epoch's
 */
public record TrainingHistory(List<EpochSummary> epochs, boolean completed, String message,
                              StopReason stopReason, int bestEpoch, boolean bestRestored) {

    /**
     * Copies the list and checks that {@code completed} agrees with the reason.
     *
     * @param epochs     one summary per completed epoch, in order; copied
     * @param completed  whether every epoch ran
     * @param message    what happened, in a sentence
     * @param stopReason why training stopped
     * @param bestEpoch    the best epoch, from 0, or -1
     * @param bestRestored whether the parameters are the best epoch's
     * @throws IllegalArgumentException if {@code completed} is not
     *                                  {@code stopReason} COMPLETED or EARLY_STOPPED, or the
     *                                  best epoch is not one of the epochs
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stopReason, "stopReason");
        if (completed != (stopReason == StopReason.COMPLETED
                || stopReason == StopReason.EARLY_STOPPED)) {
            throw new IllegalArgumentException("completed is " + completed + " but the stop"
                    + " reason is " + stopReason);
        }
        if (bestEpoch < -1 || bestEpoch >= epochs.size() || (bestRestored && bestEpoch < 0)) {
            throw new IllegalArgumentException("best epoch " + bestEpoch + (bestRestored
                    ? " (restored)" : "") + " of " + epochs.size());
        }
    }

    /**
     * A history without a validation set.
     *
     * @param epochs     one summary per completed epoch
     * @param completed  whether training ended as asked
     * @param message    what happened
     * @param stopReason why training stopped
     */
    public TrainingHistory(List<EpochSummary> epochs, boolean completed, String message,
                           StopReason stopReason) {
        this(epochs, completed, message, stopReason, -1, false);
    }

    /**
     * The form without a reason, as before there were several: {@code completed} means
     * {@link StopReason#COMPLETED}, otherwise {@link StopReason#DIVERGED}.
     *
     * @param epochs    one summary per completed epoch
     * @param completed whether every epoch ran
     * @param message   what happened
     */
    public TrainingHistory(List<EpochSummary> epochs, boolean completed, String message) {
        this(epochs, completed, message, completed ? StopReason.COMPLETED : StopReason.DIVERGED);
    }

    /**
     * Returns the test accuracy of the parameters training left: the best epoch's when they
     * were restored, else the last epoch's; NaN if no epoch completed.
     *
     * @return the final parameters' test accuracy
     */
    public double finalTestAccuracy() {
        return finalEpoch() == null ? Double.NaN : finalEpoch().testAccuracy();
    }

    /**
     * Returns the summary of the epoch whose parameters training left: the best epoch's when
     * they were restored, else the last epoch's.
     *
     * @return that summary, or {@code null} if no epoch completed
     */
    public EpochSummary finalEpoch() {
        return epochs.isEmpty() ? null : epochs.get(bestRestored ? bestEpoch : epochs.size() - 1);
    }

    /**
     * Returns whether early stopping ended training before its last epoch.
     *
     * @return whether the stop reason is {@link StopReason#EARLY_STOPPED}
     */
    public boolean stoppedEarly() {
        return stopReason == StopReason.EARLY_STOPPED;
    }
}
