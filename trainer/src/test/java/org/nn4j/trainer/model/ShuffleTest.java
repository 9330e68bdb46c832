package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nn4j.trainer.Rng;

/** The epoch shuffle: a permutation, new each epoch, the same for the same seed. */
class ShuffleTest {

    @Test
    void eachEpochIsANewPermutationThatTheSeedReproduces() {
        int[] first = IntStream.range(0, 1000).toArray();
        Rng rng = new Rng(42);
        Training.shuffle(first, rng);
        int[] second = first.clone();
        Training.shuffle(second, rng);
        assertArrayEquals(IntStream.range(0, 1000).toArray(),
                Arrays.stream(first).sorted().toArray(), "a permutation");
        assertFalse(Arrays.equals(IntStream.range(0, 1000).toArray(), first), "shuffled");
        assertFalse(Arrays.equals(first, second), "a new order each epoch");
        int[] again = IntStream.range(0, 1000).toArray();
        Training.shuffle(again, new Rng(42));
        assertArrayEquals(first, again, "the same seed, the same order");
    }
}
