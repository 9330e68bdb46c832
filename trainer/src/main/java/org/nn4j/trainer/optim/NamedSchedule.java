package org.nn4j.trainer.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** A schedule that says what it does: {@code toString} for logs and JSON, settings for files. */
final class NamedSchedule implements LearningRateSchedule {

    private final String description;
    private final Map<String, Object> settings;
    private final LearningRateSchedule schedule;

    /**
     * @param description what it does, such as {@code "exponential decay 0.9 per epoch"}; its
     *                    words before the first number name its kind
     * @param parameters  its parameters, by name
     * @param schedule    the rates
     */
    NamedSchedule(String description, Map<String, Object> parameters,
                  LearningRateSchedule schedule) {
        this.description = description;
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("lr_schedule", description.split(" [0-9]", 2)[0].replace(' ', '-'));
        all.putAll(new TreeMap<>(parameters));
        this.settings = Collections.unmodifiableMap(all);
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
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public String toString() {
        return description;
    }
}
