package org.nn4j.trainer.model;

import java.util.List;

/**
 * What a run of {@link Training#fit} did.
 *
 * @param epochs    one summary per completed epoch, in order
 * @param completed whether every epoch ran; {@code false} when the loss became non-finite
 * @param message   {@code "completed N epochs"}, or where and how training diverged
 */
public record TrainingHistory(List<EpochSummary> epochs, boolean completed, String message) {

    /** Copies the list. */
    public TrainingHistory {
        epochs = List.copyOf(epochs);
    }

    /** Returns the last epoch's test accuracy; NaN if no epoch completed. */
    public double finalTestAccuracy() {
        return epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).testAccuracy();
    }
}
