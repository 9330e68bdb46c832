package org.nn4j.trainer;

/** A schedule whose {@code toString} says what it does, for logs and JSON. */
final class NamedSchedule implements LearningRateSchedule {

    private final String description;
    private final LearningRateSchedule schedule;

    NamedSchedule(String description, LearningRateSchedule schedule) {
        this.description = description;
        this.schedule = schedule;
    }

    @Override
    public double rate(double initialRate, int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be non-negative, got " + epoch);
        }
        return schedule.rate(initialRate, epoch);
    }

    @Override
    public String toString() {
        return description;
    }
}
