package org.nn4j.trainer.model;

import java.util.List;
import java.util.Objects;
import org.nn4j.trainer.StopReason;

/**
 * What a run of {@link Training#fit} did.
 *
 * @param epochs     one summary per completed epoch, in order
 * @param completed  whether every epoch ran; {@code false} when the loss or a parameter became
 *                   non-finite, or the thread was interrupted
 * @param message    {@code "completed N epochs"}, or where and how training diverged or was
 *                   interrupted (epoch and batch)
 * @param stopReason {@link StopReason#COMPLETED}, {@link StopReason#DIVERGED} or
 *                   {@link StopReason#INTERRUPTED}
 */
public record TrainingHistory(List<EpochSummary> epochs, boolean completed, String message,
                              StopReason stopReason) {

    /**
     * Copies the list and checks that {@code completed} agrees with the reason.
     *
     * @param epochs     one summary per completed epoch, in order; copied
     * @param completed  whether every epoch ran
     * @param message    what happened, in a sentence
     * @param stopReason why training stopped
     * @throws IllegalArgumentException if {@code completed} is not
     *                                  {@code stopReason == COMPLETED}
     */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(stopReason, "stopReason");
        if (completed != (stopReason == StopReason.COMPLETED)) {
            throw new IllegalArgumentException("completed is " + completed + " but the stop"
                    + " reason is " + stopReason);
        }
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
     * Returns the last epoch's test accuracy; NaN if no epoch completed.
     *
     * @return the last epoch's test accuracy
     */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
