package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;

/**
 * A seed given once, to the builder, decides the initial weights and the shuffles: the run is
 * bit for bit the one made by the generator handed around by hand as the CLI does it (weights
 * from the seed's first split, shuffles from its second).
 */
class OneSeedTest {

    private static Sequential.Builder builder(Backend backend) {
        return Sequential.builder(backend).input(4).dense(8).activation(Activation.relu())
                .dense(3).softmaxCrossEntropy();
    }

    private static DataSet data() {
        Rng rng = new Rng(9);
        int n = 90;
        double[] x = new double[n * 4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = rng.nextGaussian() + (j == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 4, x, labels, 3);
    }

    private static double[] weights(Sequential model) {
        return model.parameters().stream().flatMapToDouble(p -> Arrays.stream(
                p.value().toRowMajor())).toArray();
    }

    private static Training training(Sequential model) {
        // Batches of 7 do not divide 90: the order of the examples matters to the result.
        return new Training(model, Adam.builder().learningRate(0.01).build()).epochs(3)
                .batchSize(7);
    }

    @Test
    void theSeedGivenOnceIsTheRunOfTheGeneratorHandedAroundByHand() {
        Backend backend = Backends.get("ejml");
        Sequential once = builder(backend).seed(5).build();
        Rng root = new Rng(5);
        Sequential byHand = builder(backend).build(root.split());
        assertEquals(5, once.seed());
        assertArrayEquals(weights(byHand), weights(once), "initial weights");
        training(once).fit(data(), null);
        training(byHand).fit(data(), null, root.split());
        assertArrayEquals(weights(byHand), weights(once), "trained weights");

        Sequential otherShuffles = builder(backend).build(new Rng(5).split());
        training(otherShuffles).fit(data(), null, new Rng(6));
        assertFalse(Arrays.equals(weights(once), weights(otherShuffles)),
                "the shuffles do change the result, so the test would see other ones");
        assertFalse(Arrays.equals(weights(builder(backend).seed(6).build()),
                weights(builder(backend).build())), "another seed, other weights");
        assertEquals(Sequential.DEFAULT_SEED, builder(backend).build().seed());
    }
}
