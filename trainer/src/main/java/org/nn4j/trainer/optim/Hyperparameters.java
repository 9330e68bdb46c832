package org.nn4j.trainer.optim;

/** Checks of optimizer settings, with one wording for every optimizer. */
final class Hyperparameters {

    private Hyperparameters() {
    }

    static double positiveFinite(String name, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    static double nonNegativeFinite(String name, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be non-negative and finite, got "
                    + value);
        }
        return value;
    }

    /** In {@code [0, 1)}: a decay rate such as momentum or Adam's betas. */
    static double fraction(String name, double value) {
        if (!(value >= 0.0 && value < 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
        return value;
    }
}
