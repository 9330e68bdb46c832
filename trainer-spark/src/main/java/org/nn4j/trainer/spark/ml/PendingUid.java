package org.nn4j.trainer.spark.ml;

/**
 * Hands a stage its uid while Spark's constructors run. Spark's Scala superclasses create
 * their {@code Param}s (featuresCol, labelCol...) in their constructors, and each asks the
 * stage for its {@code uid()}; a Scala class has its uid by then (Scala stores constructor
 * parameters before calling the superclass), a Java class cannot store a field before
 * {@code super()}. So a Java stage's constructor passes {@code PendingUid.hold(uid)} to a
 * private constructor, its {@code uid()} answers {@link #peek()} until its field is set, and
 * the private constructor {@linkplain #take() takes} it after {@code super()}.
 */
final class PendingUid {

    private static final ThreadLocal<String> PENDING = new ThreadLocal<>();

    /** A token that the uid is held for the current thread. */
    static final class Held {
        private Held() {
        }
    }

    private static final Held HELD = new Held();

    private PendingUid() {
    }

    /** Holds a uid for the constructor about to run on this thread. */
    static Held hold(String uid) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException("a stage's uid must not be empty");
        }
        PENDING.set(uid);
        return HELD;
    }

    /** Returns the uid held for this thread (during a stage's construction). */
    static String peek() {
        return PENDING.get();
    }

    /** Returns the uid held for this thread and forgets it. */
    static String take() {
        String uid = PENDING.get();
        PENDING.remove();
        return uid;
    }
}
