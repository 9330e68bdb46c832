package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nn4j.trainer.model.RunningStatisticsTest.everything;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;

/**
 * A CNN with dropout and batch normalisation trains through {@link Training}: a run resumed
 * from a checkpoint drops the same values and keeps the same running statistics as the run
 * that was not interrupted, so it ends bit for bit the same, on every backend.
 */
class ImageTrainingTest {

    static Sequential cnn(Backend backend, long seed) {
        return Sequential.builder(backend).input(new ImageShape(5, 5, 1))
                .conv2d(3, 3, Window.Padding.SAME).batchNorm().activation(Activation.relu())
                .maxPool(2).flatten().dropout(0.3).dense(3).softmaxCrossEntropy().seed(seed)
                .build();
    }

    static DataSet images(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 25];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 25; j++) {
                x[i * 25 + j] = rng.nextGaussian() + (j / 8 == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 25, x, labels, 3);
    }

    private static Training training(Sequential model, int epochs) {
        // 45 examples in batches of 10: a short last batch every epoch.
        return new Training(model, Adam.builder().learningRate(0.01).build()).epochs(epochs)
                .batchSize(10);
    }

    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.ResumeTest#backends")
    void aResumedCnnWithDropoutAndBatchNormEndsBitForBitAsTheUninterruptedRun(String name) {
        Backend backend = Backends.get(name);
        DataSet train = images(45, 2);
        DataSet test = images(20, 3);
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        Sequential whole = cnn(backend, 1);
        TrainingHistory wholeHistory = training(whole, 4).checkpoints(2, checkpoints::add)
                .fit(train, test);
        assertEquals(2, checkpoints.get(0).state().size(), "batch norm's running statistics");

        Sequential plain = cnn(backend, 1);
        training(plain, 4).fit(train, test);
        ResumeTest.assertSame(everything(plain), everything(whole), "checkpoints change nothing");

        // Another seed: the checkpoint must replace every parameter and state array.
        Sequential resumed = cnn(backend, 77);
        TrainingHistory history = training(resumed, 4).resume(checkpoints.get(0), train, test);
        ResumeTest.assertSame(everything(whole), everything(resumed), name);
        for (int e = 0; e < 4; e++) {
            assertEquals(wholeHistory.epochs().get(e).trainLoss(),
                    history.epochs().get(e).trainLoss(), "epoch " + (e + 1));
        }
    }

    @ParameterizedTest
    @MethodSource("org.nn4j.trainer.model.ResumeTest#backends")
    void dropoutDrawsDifferFromEpochToEpochAndTheSeedFixesThem(String name) {
        Backend backend = Backends.get(name);
        DataSet train = images(45, 2);
        Sequential a = cnn(backend, 1);
        Sequential b = cnn(backend, 1);
        Sequential c = cnn(backend, 2);
        TrainingHistory ha = training(a, 2).fit(train, null);
        TrainingHistory hb = training(b, 2).fit(train, null);
        training(c, 2).fit(train, null);
        assertEquals(ha.epochs().get(1).trainLoss(), hb.epochs().get(1).trainLoss());
        ResumeTest.assertSame(everything(a), everything(b), "one seed, one run");
        assertTrue(!java.util.Arrays.equals(everything(a).get(0), everything(c).get(0)),
                "another seed, another run");
        assertArrayEquals(a.predict(new double[25], 1), b.predict(new double[25], 1));
    }
}
