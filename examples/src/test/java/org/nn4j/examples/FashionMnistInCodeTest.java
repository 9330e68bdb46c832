package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.trainer.data.FashionMnistTestData;

class FashionMnistInCodeTest {

    /** One epoch on the checked-in subset (2,000 training, 1,000 test images). */
    @Test
    void trainsSavesAndLoadsOnAnotherBackend(@TempDir Path dir) throws Exception {
        FashionMnistInCode.Result r = FashionMnistInCode.run(FashionMnistTestData.subset(), 1,
                dir.resolve("mlp.npz"));
        assertTrue(r.history().completed(), r.history().message());
        // The same training as FashionMnistTrainingTest$OnTheSubset: 0.692 measured, floor 0.65.
        assertTrue(r.evaluation().accuracy() >= 0.65, "accuracy " + r.evaluation());
        assertEquals(r.history().finalTestAccuracy(), r.evaluation().accuracy());
        assertEquals(1000, r.evaluation().examples());
        assertEquals(5, r.classes().length);
        assertEquals(50, r.probabilities().length);
        for (int i = 0; i < 5; i++) {
            double sum = 0;
            int best = 0;
            for (int j = 0; j < 10; j++) {
                sum += r.probabilities()[i * 10 + j];
                best = r.probabilities()[i * 10 + j] > r.probabilities()[i * 10 + best] ? j : best;
            }
            assertEquals(1.0, sum, 1e-12, "probabilities of image " + i);
            assertEquals(r.classes()[i], best, "the class is the most probable, image " + i);
        }
        // Loaded on commons, the same model: the same accuracy, the loss to rounding.
        assertEquals(r.evaluation().accuracy(), r.loadedOnCommons().accuracy());
        assertEquals(r.evaluation().loss(), r.loadedOnCommons().loss(), 1e-12);
        assertEquals("ejml", r.file().provenance().backend());
        assertEquals("1", r.file().provenance().hyperparameters().get("epochs"));
    }
}
