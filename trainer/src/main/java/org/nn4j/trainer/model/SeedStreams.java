package org.nn4j.trainer.model;

import org.nn4j.trainer.Rng;

/**
 * The streams one seed gives a model, in one place: its initial weights are the first
 * {@link Rng#split()} of {@code new Rng(seed)}, its training's shuffles the second, as
 * {@code nn4j fashion-mnist --seed S} has always drawn them.
 */
final class SeedStreams {

    private SeedStreams() {
    }

    /** Returns the generator of a model's initial weights. */
    static Rng weights(long seed) {
        return new Rng(seed).split();
    }

    /** Returns the generator of a model's training shuffles. */
    static Rng shuffles(long seed) {
        Rng root = new Rng(seed);
        root.split();
        return root.split();
    }

    /**
     * Returns the generator of a model's dropout draws before its first training epoch (its
     * seed's third split); {@link Training} reseeds it from the run's generator each epoch.
     */
    static Rng noise(long seed) {
        Rng root = new Rng(seed);
        root.split();
        root.split();
        return root.split();
    }
}
