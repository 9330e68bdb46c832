package org.nn4j.trainer.optim;

import java.util.Map;

/**
 * The learning rate of each epoch, from the initial rate; epochs count from 0, which runs at
 * the initial rate. A trainer sets the optimizer's rate from it before each epoch.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * Returns the learning rate of an epoch.
     *
     * @param initialRate the rate of epoch 0
     * @param epoch       the epoch, from 0
     * @return the rate, positive
     */
    double rate(double initialRate, int epoch);

    /**
     * Returns the schedule's settings, for a model's provenance: {@code lr_schedule} (its
     * kind, or its {@code toString} for a schedule of your own) and the kind's parameters
     * ({@code lr_decay}, {@code lr_step}).
     *
     * @return the settings, in a stable order
     */
    default Map<String, Object> settings() {
        return Map.of("lr_schedule", toString());
    }

    /**
     * The same rate every epoch.
     *
     * @return the constant schedule
     */
    static LearningRateSchedule constant() {
        return new NamedSchedule("constant", Map.of(), (initialRate, epoch) -> initialRate);
    }

    /**
     * Exponential decay per epoch: {@code initialRate · factor^epoch}.
     *
     * @param factor in {@code (0, 1]}, for example 0.9
     * @return the schedule
     * @throws IllegalArgumentException if the factor is out of range
     */
    static LearningRateSchedule exponentialDecay(double factor) {
        checkFactor(factor);
        return new NamedSchedule("exponential decay " + factor + " per epoch",
                Map.of("lr_decay", factor),
                (initialRate, epoch) -> initialRate * Math.pow(factor, epoch));
    }

    /**
     * Step decay: {@code initialRate · factor^⌊epoch / every⌋}, the rate multiplied by the
     * factor after every {@code every} epochs.
     *
     * @param factor in {@code (0, 1]}, for example 0.5
     * @param every  epochs between drops, positive
     * @return the schedule
     * @throws IllegalArgumentException if a value is out of range
     */
    static LearningRateSchedule stepDecay(double factor, int every) {
        checkFactor(factor);
        if (every <= 0) {
            throw new IllegalArgumentException("step decay period must be positive, got " + every);
        }
        return new NamedSchedule("step decay " + factor + " every " + every + " epochs",
                Map.of("lr_decay", factor, "lr_step", every),
                (initialRate, epoch) -> initialRate * Math.pow(factor, epoch / every));
    }

    private static void checkFactor(double factor) {
        if (!(factor > 0.0 && factor <= 1.0)) {
            throw new IllegalArgumentException("decay factor must be in (0, 1], got " + factor);
        }
    }
}
