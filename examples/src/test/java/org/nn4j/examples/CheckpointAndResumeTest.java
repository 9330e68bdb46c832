package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.ValidationSplit;
import org.nn4j.trainer.model.Sequential;

class CheckpointAndResumeTest {

    @Test
    void theResumedRunEndsWithTheSameWeights(@TempDir Path dir) throws Exception {
        int[] labels = new int[500];
        double[] features = YourOwnArrays.rings(500, 1, labels);
        ValidationSplit split = CheckpointAndResume.split(DataSet.oneHot(500, 2, features,
                labels, 2));
        Backend backend = Backends.get("ejml");
        Sequential whole = CheckpointAndResume.train(backend, split, dir);
        Path second = dir.resolve("epoch-0002.nn4j.npz");
        assertTrue(Files.isRegularFile(second));
        Sequential resumed = CheckpointAndResume.resume(backend, split, second);
        List<double[]> a = CheckpointAndResume.parameters(whole);
        List<double[]> b = CheckpointAndResume.parameters(resumed);
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
        }
    }
}
