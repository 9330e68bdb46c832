package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.data.FashionMnistTestData;

class CnnInCodeTest {

    /** One epoch on the checked-in subset (2,000 training, 1,000 test images). */
    @Test
    void trainsSavesAndPredictsTheSameClassesOnCommons(@TempDir Path dir) throws Exception {
        CnnInCode.Result r = CnnInCode.run(FashionMnistTestData.subset(), 1,
                dir.resolve("cnn.npz"));
        assertTrue(r.history().completed(), r.history().message());
        // The same run as nn4j fashion-mnist --model cnn --epochs 1 on the subset (batch 64):
        // 0.744 measured on ejml (2026-12-02); the floor leaves 0.064 below, chance is 0.10.
        assertTrue(r.evaluation().accuracy() >= 0.68, "accuracy " + r.evaluation());
        assertEquals(r.history().finalTestAccuracy(), r.evaluation().accuracy());
        assertArrayEquals(r.classes(), r.classesOnCommons());
    }
}
