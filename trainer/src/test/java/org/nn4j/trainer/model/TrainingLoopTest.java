package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.StochasticGradientDescent;

/**
 * What {@link Training#fit} does in an epoch, observed from outside: the step sizes the
 * optimizer takes, the examples each batch holds, the loss it reports. Every expected value
 * is computed by hand in the comments (or by the test's own Fisher–Yates), never by the
 * code under test.
 */
class TrainingLoopTest {

    private final Backend backend = Backends.get();
    private final LinearAlgebra la = backend.linearAlgebra();

    /** {@code y = x·w + b}, one input and one output, w and b set by hand. */
    private Sequential line(double w, double b, Loss loss) {
        Sequential model = Sequential.builder(backend).input(1).dense(1).loss(loss)
                .build(new Rng(0));
        la.copyFromRowMajor(new double[] {w}, 0, model.parameters().get(0).value());
        la.copyFromRowMajor(new double[] {b}, 0, model.parameters().get(1).value());
        return model;
    }

    private double value(Sequential model, int parameter) {
        return model.parameters().get(parameter).value().toRowMajor()[0];
    }

    /**
     * Two examples (x, t) = (1, 1), (2, 2), one full batch, plain SGD from w = b = 0 at
     * rate 0.1, halved after every epoch. By hand, with L = 1/(2N)·Σ r², r = y − t,
     * ∂L/∂w = Σ x·r / N, ∂L/∂b = Σ r / N:
     * <pre>
     * epoch 0, rate 0.1:  y = (0, 0), r = (−1, −2), L = (1 + 4)/4 = 1.25
     *                     ∂w = (−1 − 4)/2 = −2.5, ∂b = −1.5  →  w = 0.25, b = 0.15
     * epoch 1, rate 0.05: y = (0.4, 0.65), r = (−0.6, −1.35), L = (0.36 + 1.8225)/4 = 0.545625
     *                     ∂w = (−0.6 − 2.7)/2 = −1.65, ∂b = −0.975
     *                     →  w = 0.25 + 0.0825 = 0.3325, b = 0.15 + 0.04875 = 0.19875
     * </pre>
     * Had the second epoch run at 0.1, w would be 0.415: the schedule must reach the optimizer,
     * not only the listeners.
     */
    @Test
    void theScheduledRateIsTheStepTheOptimizerTakesAndTheEpochLossIsTheMeanBeforeTheStep() {
        Sequential model = line(0.0, 0.0, backend.meanSquaredError());
        DataSet train = new DataSet(2, 1, 1, new double[] {1, 2}, new double[] {1, 2});
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.1);
        TrainingHistory history = new Training(model, sgd).epochs(2).batchSize(2)
                .schedule(LearningRateSchedule.stepDecay(0.5, 1))
                .fit(train, null, new Rng(7));
        assertAll(
                () -> assertEquals(2, history.epochs().size()),
                () -> assertEquals(0.1, history.epochs().get(0).learningRate(), 1e-15),
                () -> assertEquals(0.05, history.epochs().get(1).learningRate(), 1e-15),
                () -> assertEquals(1.25, history.epochs().get(0).trainLoss(), 1e-12),
                () -> assertEquals(0.545625, history.epochs().get(1).trainLoss(), 1e-12),
                () -> assertEquals(0.3325, value(model, 0), 1e-12, "w"),
                () -> assertEquals(0.19875, value(model, 1), 1e-12, "b"),
                () -> assertEquals(0.05, sgd.learningRate(), 1e-15, "the rate last set"));
    }

    /**
     * Batches of one: the epoch loss is the mean of the batches' losses weighted by their rows,
     * here with a short last batch. Three examples (x, t) = (1, 0), (1, 0), (1, 0) at w = 0,
     * b = 1, rate 0.5, batches of 2 and 1 (all examples alike, so the order cannot matter):
     * <pre>
     * batch 1 (2 rows): r = (1, 1),  L = 2/4 = 0.5,  ∂b = 1,  ∂w = 1  → b = 0.5, w = −0.5
     * batch 2 (1 row):  y = 0,       r = 0,  L = 0                      → unchanged
     * epoch loss = (0.5·2 + 0·1)/3 = 1/3
     * </pre>
     */
    @Test
    void theEpochLossWeighsAShortLastBatchByItsRows() {
        Sequential model = line(0.0, 1.0, backend.meanSquaredError());
        DataSet train = new DataSet(3, 1, 1, new double[] {1, 1, 1}, new double[] {0, 0, 0});
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(0.5))
                .batchSize(2).fit(train, null, new Rng(3));
        assertAll(
                () -> assertEquals(1.0 / 3.0, history.epochs().get(0).trainLoss(), 1e-12),
                () -> assertEquals(-0.5, value(model, 0), 1e-12, "w"),
                () -> assertEquals(0.5, value(model, 1), 1e-12, "b"));
    }

    /**
     * The examples each batch holds, seen by the loss: the targets are the examples' indices.
     * Each epoch must hold every example once, in the order of a Fisher–Yates shuffle (from
     * the end, position i swapping with a uniform j ≤ i) drawing from the given generator,
     * continued from the previous epoch's order; written here again so that a change of the
     * documented order fails.
     */
    @Test
    void eachEpochVisitsEveryExampleOnceInAFreshlyShuffledOrder() {
        int n = 10;
        List<Integer> seen = new ArrayList<>();
        Loss recording = new RecordingLoss(backend.meanSquaredError(), seen);
        Sequential model = line(0.0, 0.0, recording);
        double[] x = new double[n];
        double[] t = IntStream.range(0, n).asDoubleStream().toArray();
        DataSet train = new DataSet(n, 1, 1, x, t);
        int epochs = 3;
        new Training(model, StochasticGradientDescent.withLearningRate(1e-6)).epochs(epochs).batchSize(4)
                .fit(train, null, new Rng(11));

        int[] order = IntStream.range(0, n).toArray();
        Rng rng = new Rng(11);
        int[] previous = null;
        assertEquals(epochs * n, seen.size(), "every example of every epoch, in batches of 4, 4, 2");
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int tmp = order[i];
                order[i] = order[j];
                order[j] = tmp;
            }
            int[] visited = seen.subList(epoch * n, (epoch + 1) * n).stream()
                    .mapToInt(Integer::intValue).toArray();
            assertArrayEquals(order, visited, "epoch " + epoch);
            assertArrayEquals(IntStream.range(0, n).toArray(),
                    Arrays.stream(visited).sorted().toArray(), "each example once");
            assertNotEquals(Arrays.toString(IntStream.range(0, n).toArray()),
                    Arrays.toString(visited), "not the data's order");
            if (previous != null) {
                assertNotEquals(Arrays.toString(previous), Arrays.toString(visited),
                        "a new order each epoch");
            }
            previous = visited;
        }
    }

    /** Delegates to a loss and records the targets of every batch, row after row. */
    private final class RecordingLoss implements Loss {
        private final Loss loss;
        private final List<Integer> seen;

        RecordingLoss(Loss loss, List<Integer> seen) {
            this.loss = loss;
            this.seen = seen;
        }

        @Override
        public String name() {
            return loss.name();
        }

        @Override
        public double value(Matrix prediction, Matrix target) {
            return loss.value(prediction, target);
        }

        @Override
        public double valueAndGradient(Matrix prediction, Matrix target, Matrix gradient) {
            for (double v : target.toRowMajor()) {
                seen.add((int) v);
            }
            return loss.valueAndGradient(prediction, target, gradient);
        }
    }
}
