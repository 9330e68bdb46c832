package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;

/** One example with a NaN or an infinity is refused by every single-example call. */
class PredictorRefusalsTest {

    @Test
    void aSingleExampleThatIsNotFiniteIsRefusedNamingTheFeature() {
        Predictor p = Sequential.builder(Backends.get("ejml")).input(2).dense(3)
                .softmaxCrossEntropy().build(new Rng(1)).predictor();
        String nan = "feature 1 of example 0 is NaN; cannot predict from it";
        assertEquals(nan, assertThrows(IllegalArgumentException.class,
                () -> p.predict(new double[] {0.5, Double.NaN})).getMessage());
        assertEquals(nan, assertThrows(IllegalArgumentException.class,
                () -> p.predictProbabilities(new double[] {0.5, Double.NaN})).getMessage());
        assertEquals("feature 0 of example 0 is Infinity; cannot predict from it",
                assertThrows(IllegalArgumentException.class, () -> p.predictClass(
                        new double[] {Double.POSITIVE_INFINITY, 0.5})).getMessage());
    }
}
