package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.trainer.io.ModelFile;

class PredictFromThreadsTest {

    @Test
    void eightThreadsSharingOnePredictorClassifyAsOneModelDoes(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("rings.npz");
        int[] labels = new int[1000];
        double[] features = YourOwnArrays.rings(1000, 1, labels);
        int[] testLabels = new int[2000];
        double[] testFeatures = YourOwnArrays.rings(2000, 3, testLabels);
        YourOwnArrays.run(features, labels, testFeatures, testLabels, file);

        int[] threaded = PredictFromThreads.classify(file, testFeatures, 2000, 8, 50);
        int[] single = ModelFile.load(file, Backends.get()).predict(testFeatures, 2000);
        assertArrayEquals(single, threaded);
        int right = 0;
        for (int i = 0; i < 2000; i++) {
            right += threaded[i] == testLabels[i] ? 1 : 0;
        }
        assertTrue(right >= 1940, right + " of 2000 right");
    }
}
