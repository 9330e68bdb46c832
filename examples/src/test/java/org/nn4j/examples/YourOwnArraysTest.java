package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YourOwnArraysTest {

    @Test
    void learnsTheRingsAndTheLoadedModelPredictsThem(@TempDir Path dir) throws Exception {
        int[] labels = new int[1000];
        double[] features = YourOwnArrays.rings(1000, 1, labels);
        int[] testLabels = new int[500];
        double[] testFeatures = YourOwnArrays.rings(500, 2, testLabels);

        YourOwnArrays.Result result = YourOwnArrays.run(features, labels, testFeatures,
                testLabels, dir.resolve("rings.npz"));

        // The classes are separated by a gap of 0.5: a working MLP gets (almost) all of them;
        // a linear model gets about half (both classes surround the origin).
        assertTrue(result.evaluation().accuracy() >= 0.97, "accuracy " + result.evaluation());
        assertTrue(result.evaluation().loss() < 0.15, "loss " + result.evaluation());
        assertArrayEquals(new int[] {0, 1}, result.classes()); // (0.1, 0.2) inside, (1.5, -1.4) on the ring
    }
}
