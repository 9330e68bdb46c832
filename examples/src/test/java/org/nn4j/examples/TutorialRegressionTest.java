package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.trainer.regression.LinearRegressionTraining;

class TutorialRegressionTest {

    @Test
    void convergesToTheTruthWhereTheCommandDoes() {
        List<String> lines = new ArrayList<>();
        LinearRegressionTraining.Result r = TutorialRegression.run(0, lines::add);
        assertTrue(r.converged(), r.message());
        // `./nn4j linear-regression --seed 0` stops at step 10,569 (docs/getting-started.md).
        assertEquals(10_569, r.steps());
        assertArrayEquals(new double[] {3, 7, 4, 5, 2, 6}, r.weights(), 1e-6);
        assertArrayEquals(new double[] {2, 9, 3}, r.bias(), 1e-6);
        // One progress line per 1,000 steps, then the verdict.
        assertEquals(11, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("step 1000, loss "), lines.get(0));
        assertTrue(lines.get(10).endsWith("W and b are allclose to the truth."), lines.get(10));
    }
}
