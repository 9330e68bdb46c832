package org.nn4j.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Scores with no classes or no examples are refused naming the problem, not measured. */
class MetricsRefusalsTest {

    @Test
    void scoresOfNoClassesOrNoExamplesAreRefused() {
        assertEquals("the number of classes must be positive, got 0",
                assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics
                        .fromScores(new int[] {0}, new double[0], 0)).getMessage());
        assertEquals("no examples: metrics need at least one",
                assertThrows(IllegalArgumentException.class, () -> ClassificationMetrics
                        .fromScores(new int[0], new double[0], 3)).getMessage());
    }
}
