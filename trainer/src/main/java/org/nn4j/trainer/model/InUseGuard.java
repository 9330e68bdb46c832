package org.nn4j.trainer.model;

import java.util.ConcurrentModificationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Catches two threads inside one {@link Sequential} at once, which would corrupt its buffers
 * and give wrong answers without any error. A call {@link #enter enters} before it touches
 * the model and {@link #exit exits} after: the first thread in owns the model until it
 * leaves, calls nested in it (a {@code fit} calling {@code forward}) enter freely, and a
 * second thread that comes in meanwhile is refused before it writes anything. Overlapping
 * calls are therefore always caught; calls from several threads one after another are not
 * an error (the compare-and-set and the release order them, so they see each other's writes).
 *
 * <p>Cost: one compare-and-set and one release store a call; nested calls one volatile read.
 */
final class InUseGuard {

    private final AtomicReference<Thread> owner = new AtomicReference<>();
    private final String object;

    /**
     * @param object what is guarded, for messages, such as {@code "this Sequential"}
     */
    InUseGuard(String object) {
        this.object = object;
    }

    /**
     * Makes the current thread the owner, or checks that it already is.
     *
     * @param call the method entered, for the message
     * @return {@code true} if this call became the owner and must {@link #exit}
     * @throws ConcurrentModificationException if another thread is inside
     */
    boolean enter(String call) {
        Thread me = Thread.currentThread();
        if (owner.compareAndSet(null, me)) {
            return true;
        }
        Thread other = owner.get();
        if (other == me) {
            return false;
        }
        throw new ConcurrentModificationException(call + ": " + object + " is in use by"
                + " another thread" + (other == null ? "" : " ('" + other.getName() + "')")
                + "; a model is for one thread at a time (its layers keep buffers that every"
                + " call writes). To predict from several threads share model.predictor(),"
                + " which is thread-safe; to train several models, give each thread its own");
    }

    /**
     * Releases the model if this call owned it.
     *
     * @param entered what {@link #enter} returned
     */
    void exit(boolean entered) {
        if (entered) {
            owner.setRelease(null);
        }
    }
}
