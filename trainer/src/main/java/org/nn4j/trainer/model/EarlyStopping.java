package org.nn4j.trainer.model;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * When to stop training because a validation metric has stopped improving, as Keras's
 * {@code EarlyStopping(patience, min_delta, restore_best_weights=True)} does: after each epoch
 * the monitored metric is measured on the validation set; an epoch improves on the best so far
 * when its validation loss is lower by more than {@code minDelta} (or its accuracy higher by
 * more than {@code minDelta}); training stops once {@code patience} epochs in a row have not
 * improved, and the model is given back the best epoch's parameters (with its state arrays,
 * such as batch normalisation's running statistics), whether it stopped early or ran every
 * epoch. A NaN never improves.
 *
 * <pre>{@code
 * new Training(model, optimizer).validation(validation)
 *         .earlyStopping(EarlyStopping.onValidationLoss(3).minDelta(1e-4))
 * }</pre>
 *
 * @param monitor  the metric watched
 * @param patience epochs without improvement before stopping, positive
 * @param minDelta the smallest change that counts as an improvement, non-negative and finite
 */
public record EarlyStopping(Monitor monitor, int patience, double minDelta) {

    /** The validation metric early stopping watches. */
    public enum Monitor {
        /** The mean loss on the validation set: lower is better. */
        VALIDATION_LOSS,
        /** The accuracy on the validation set: higher is better. */
        VALIDATION_ACCURACY;

        /**
         * Returns the name used in settings and on the command line.
         *
         * @return {@code validation-loss} or {@code validation-accuracy}
         */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * Checks the values.
     *
     * @param monitor  the metric
     * @param patience positive
     * @param minDelta non-negative and finite
     * @throws IllegalArgumentException naming the value if one is out of range
     */
    public EarlyStopping {
        Objects.requireNonNull(monitor, "monitor");
        if (patience <= 0) {
            throw new IllegalArgumentException("early stopping's patience must be a positive"
                    + " number of epochs, got " + patience);
        }
        if (!(minDelta >= 0.0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping's minimum delta must be"
                    + " non-negative and finite, got " + minDelta);
        }
    }

    /**
     * Stops on the validation loss, with a minimum delta of 0.
     *
     * @param patience epochs without improvement before stopping, positive
     * @return the rule
     */
    public static EarlyStopping onValidationLoss(int patience) {
        return new EarlyStopping(Monitor.VALIDATION_LOSS, patience, 0.0);
    }

    /**
     * Stops on the validation accuracy, with a minimum delta of 0.
     *
     * @param patience epochs without improvement before stopping, positive
     * @return the rule
     */
    public static EarlyStopping onValidationAccuracy(int patience) {
        return new EarlyStopping(Monitor.VALIDATION_ACCURACY, patience, 0.0);
    }

    /**
     * Returns the same rule with another minimum delta.
     *
     * @param delta non-negative and finite
     * @return the rule
     */
    public EarlyStopping minDelta(double delta) {
        return new EarlyStopping(monitor, patience, delta);
    }

    /**
     * Returns the monitored metric of an epoch.
     *
     * @param epoch the epoch's summary
     * @return its validation loss or accuracy
     */
    public double value(EpochSummary epoch) {
        return monitor == Monitor.VALIDATION_LOSS ? epoch.validationLoss()
                : epoch.validationAccuracy();
    }

    /**
     * Returns whether a value improves on the best so far.
     *
     * @param value the epoch's value
     * @param best  the best so far, NaN if none
     * @return whether it is better by more than the minimum delta (any finite value improves on
     *         none)
     */
    public boolean improves(double value, double best) {
        if (Double.isNaN(value)) {
            return false;
        }
        if (Double.isNaN(best)) {
            return true;
        }
        return monitor == Monitor.VALIDATION_LOSS ? value < best - minDelta
                : value > best + minDelta;
    }

    /**
     * Returns the rule's settings, for a model's provenance and a checkpoint.
     *
     * @return {@code early_stopping_monitor}, {@code early_stopping_patience} and
     *         {@code early_stopping_min_delta}
     */
    public Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("early_stopping_monitor", monitor.label());
        settings.put("early_stopping_patience", patience);
        settings.put("early_stopping_min_delta", minDelta);
        return settings;
    }
}
