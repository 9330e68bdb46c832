package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class LayerByHandTest {

    @Test
    void learnsTheTutorialsTruth() {
        // The targets were made with W = [[3,7,4],[5,2,6]] and b = [2,9,3]: the layer must find them.
        assertArrayEquals(new double[] {3, 7, 4, 5, 2, 6, 2, 9, 3}, LayerByHand.run(), 1e-6);
    }
}
