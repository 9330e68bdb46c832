package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassifierLayersByHandTest {

    @Test
    void learnsToTellTheTenExamplesApart() {
        ClassifierLayersByHand.Result r = ClassifierLayersByHand.run(100);
        // Ten classes: a random start is near log(10) = 2.3; learning drives it far below.
        assertTrue(r.firstLoss() > 1.0, "first loss " + r.firstLoss());
        assertTrue(r.lastLoss() < r.firstLoss() / 10, "loss " + r.firstLoss() + " -> " + r.lastLoss());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, r.predicted());
    }
}
