package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.BatchSampler;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.AdaGrad;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.RmsProp;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.regression.LinearRegressionProblem;
import org.nn4j.trainer.regression.LinearRegressionTraining.Config;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * Each bad input of issue 8 is refused with a message that names the problem and the
 * offending value, before anything is trained: the model's weights and the optimizer's rate
 * are what they were. (Shape checks inside the backends are the TCK's; this is what a user of
 * the trainer meets first.)
 */
class BadInputTest {

    private final Backend ejml = Backends.get("ejml");
    private final LinearAlgebra la = ejml.linearAlgebra();

    /** A 10-class classifier of 784 inputs, as Fashion-MNIST's linear model. */
    private Sequential classifier() {
        return Sequential.builder(ejml).input(784).dense(10).softmaxCrossEntropy()
                .build(new Rng(1));
    }

    private static List<double[]> weights(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value().toRowMajor());
        }
        return all;
    }

    /** Three examples of 784 features, one-hot over 10 classes. */
    private static DataSet images(int n) {
        double[] x = new double[n * 784];
        int[] labels = new int[n];
        Rng rng = new Rng(2);
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = i % 10;
        }
        return DataSet.oneHot(n, 784, x, labels, 10);
    }

    /** Asserts the message, and that the model and optimizer are as they were. */
    private static void refused(String message, Sequential model, Optimizer optimizer,
                                Executable fit) {
        List<double[]> before = weights(model);
        double rate = optimizer.learningRate();
        assertEquals(message, assertThrows(IllegalArgumentException.class, fit).getMessage());
        List<double[]> after = weights(model);
        for (int i = 0; i < before.size(); i++) {
            assertArrayEquals(before.get(i), after.get(i), 0.0, "parameter " + i + " unchanged");
        }
        assertEquals(rate, optimizer.learningRate(), 0.0, "the optimizer's rate unchanged");
    }

    @Test
    void nanAndInfinitiesInTheDataAreRefusedNamingExampleAndColumn() {
        double[] x = new double[4 * 3];
        double[] t = new double[4 * 2];
        x[2 * 3 + 1] = Double.NaN;
        double[] xInf = new double[4 * 3];
        xInf[3 * 3 + 2] = Double.NEGATIVE_INFINITY;
        double[] tInf = new double[4 * 2];
        tInf[1 * 2 + 1] = Double.POSITIVE_INFINITY;
        assertAll(
                () -> assertEquals("feature 1 of example 2 is NaN; a data set holds finite values"
                        + " only", assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(4, 3, 2, x, t)).getMessage()),
                () -> assertEquals("feature 2 of example 3 is -Infinity; a data set holds finite"
                        + " values only", assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(4, 3, 2, xInf, t)).getMessage()),
                () -> assertEquals("target 1 of example 1 is Infinity; a data set holds finite"
                        + " values only", assertThrows(IllegalArgumentException.class,
                        () -> new DataSet(4, 3, 2, new double[12], tInf)).getMessage()));
    }

    @Test
    void labelsOutOfRangeAreRefusedNamingTheExample() {
        double[] x = new double[3 * 2];
        assertAll(
                () -> assertEquals("label 10 of example 2 is out of range 0..9 (10 classes)",
                        assertThrows(IllegalArgumentException.class,
                                () -> DataSet.oneHot(3, 2, x, new int[] {0, 9, 10}, 10))
                                .getMessage()),
                () -> assertEquals("label -1 of example 0 is out of range 0..9 (10 classes)",
                        assertThrows(IllegalArgumentException.class,
                                () -> DataSet.oneHot(3, 2, x, new int[] {-1, 0, 0}, 10))
                                .getMessage()),
                () -> assertEquals("3 examples need 3 labels, got 2", assertThrows(
                        IllegalArgumentException.class,
                        () -> DataSet.oneHot(3, 2, x, new int[] {0, 1}, 10)).getMessage()),
                () -> assertArrayEquals(new double[] {0, 1, 0, 0, 0, 1}, DataSet.oneHot(2, 1,
                        new double[2], new int[] {1, 2}, 3).copyOfTargets(), 0.0, "one-hot"));
    }

    @Test
    void aDataSetThatDoesNotFitTheModelIsRefusedBeforeTraining() {
        Sequential model = classifier();
        Adam adam = Adam.builder().build();
        Training training = new Training(model, adam);
        DataSet tenFeatures = DataSet.oneHot(3, 10, new double[30], new int[] {0, 1, 2}, 10);
        double[] x = images(3).copyOfFeatures();
        DataSet elevenClasses = DataSet.oneHot(3, 784, x, new int[] {0, 1, 10}, 11);
        refused("the training set has 10 features per example but the model takes 784 inputs",
                model, adam, () -> training.fit(tenFeatures, null, new Rng(1)));
        refused("the training set has 11 targets per example but the model has 10 outputs",
                model, adam, () -> training.fit(elevenClasses, null, new Rng(1)));
        refused("the test set has 10 features per example but the model takes 784 inputs",
                model, adam, () -> training.fit(images(3), tenFeatures, new Rng(1)));
        assertEquals("the evaluation set has 10 features per example but the model takes 784"
                + " inputs", assertThrows(IllegalArgumentException.class,
                () -> model.evaluate(tenFeatures, 10)).getMessage());
        assertEquals("3 examples of 784 features need 2352 values, got 30", assertThrows(
                IllegalArgumentException.class, () -> model.predict(new double[30], 3))
                .getMessage());
        double[] withNaN = images(2).copyOfFeatures();
        withNaN[784 + 100] = Double.NaN;
        assertEquals("feature 100 of example 1 is NaN; cannot predict from it", assertThrows(
                IllegalArgumentException.class, () -> model.predict(withNaN, 2)).getMessage());
    }

    @Test
    void anEmptyDataSetIsRefused() {
        Sequential model = classifier();
        Adam adam = Adam.builder().build();
        DataSet empty = new DataSet(0, 784, 10, new double[0], new double[0]);
        refused("the training set is empty", model, adam,
                () -> new Training(model, adam).fit(empty, null, new Rng(1)));
        refused("the test set is empty", model, adam,
                () -> new Training(model, adam).fit(images(3), empty, new Rng(1)));
        DataSet emptyRegression = new DataSet(0, 2, 3, new double[0], new double[0]);
        assertEquals("cannot train on an empty data set", assertThrows(
                IllegalArgumentException.class, () -> new LinearRegressionTraining(ejml,
                        Config.tutorial()).run(emptyRegression, new double[6], new double[3],
                        () -> 0)).getMessage());
    }

    @Test
    void batchSizesOfZeroNegativeOrLargerThanTheDataAreRefused() {
        Sequential model = classifier();
        Adam adam = Adam.builder().build();
        assertEquals("batch size must be positive, got 0", assertThrows(
                IllegalArgumentException.class, () -> new Training(model, adam).batchSize(0))
                .getMessage());
        assertEquals("batch size must be positive, got -5", assertThrows(
                IllegalArgumentException.class, () -> new Training(model, adam).batchSize(-5))
                .getMessage());
        refused("batch size 4 is larger than the training set's 3 examples", model, adam,
                () -> new Training(model, adam).batchSize(4).fit(images(3), null, new Rng(1)));
        new Training(model, adam).batchSize(3).fit(images(3), null, new Rng(1)); // one full batch

        assertEquals("batch size must be positive, got -1", assertThrows(
                IllegalArgumentException.class, () -> Config.tutorial().withBatchSize(-1))
                .getMessage());
        assertEquals("batch size 501 is larger than the data set's 500 examples", assertThrows(
                IllegalArgumentException.class, () -> new LinearRegressionTraining(ejml,
                        Config.tutorial().withBatchSize(501)).run()).getMessage());
    }

    @Test
    void learningRatesThatAreNotPositiveAndFiniteAreRefusedEverywhere() {
        double[] bad = {0.0, -0.01, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY};
        List<Executable> checks = new ArrayList<>();
        for (double rate : bad) {
            String message = "learning rate must be positive and finite, got " + rate;
            List<Supplier<Object>> makers = List.of(
                    () -> StochasticGradientDescent.withLearningRate(rate),
                    () -> StochasticGradientDescent.builder().learningRate(rate).momentum(0.9).weightDecay(0.0).build(),
                    () -> Adam.builder().learningRate(rate).build(),
                    () -> RmsProp.builder().learningRate(rate).decay(0.9).epsilon(1e-8).build(),
                    () -> AdaGrad.builder().learningRate(rate).epsilon(1e-10).build(),
                    () -> { Adam.builder().build().setLearningRate(rate); return null; },
                    () -> Config.tutorial().withLearningRate(rate));
            for (Supplier<Object> maker : makers) {
                checks.add(() -> assertEquals(message, assertThrows(
                        IllegalArgumentException.class, maker::get).getMessage()));
            }
        }
        assertAll(checks);
    }

    @Test
    void aScheduleThatGivesABadRateIsRefusedBeforeTheFirstEpoch() {
        Sequential model = classifier();
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.1);
        LearningRateSchedule negativeAtThirdEpoch = new LearningRateSchedule() {
            @Override
            public double rate(double initialRate, int epoch) {
                return epoch < 2 ? initialRate : -initialRate;
            }

            @Override
            public String toString() {
                return "sign flip";
            }
        };
        refused("the learning-rate schedule (sign flip) gives -0.1 for epoch 3 of 4, from 0.1;"
                + " a learning rate must be positive and finite", model, sgd,
                () -> new Training(model, sgd).epochs(4).batchSize(3).schedule(negativeAtThirdEpoch)
                        .fit(images(3), null, new Rng(1)));
        refused("the learning-rate schedule ((r, e) -> NaN) gives NaN for epoch 1 of 1, from"
                + " 0.1; a learning rate must be positive and finite", model, sgd,
                () -> new Training(model, sgd).batchSize(3).schedule(new LearningRateSchedule() {
                    @Override
                    public double rate(double initialRate, int epoch) {
                        return Double.NaN;
                    }

                    @Override
                    public String toString() {
                        return "(r, e) -> NaN";
                    }
                }).fit(images(3), null, new Rng(1)));
        // 0.1 · 0.5^1072 = 0.4 · 2^-1074, under half the smallest subnormal: 0 at epoch 1073.
        refused("the learning-rate schedule (exponential decay 0.5 per epoch) gives 0.0 for"
                + " epoch 1073 of 1101, from 0.1; a learning rate must be positive and finite",
                model, sgd, () -> new Training(model, sgd).epochs(1101).batchSize(3)
                        .schedule(LearningRateSchedule.exponentialDecay(0.5))
                        .fit(images(3), null, new Rng(1)));
        assertEquals("decay factor must be in (0, 1], got 0.0", assertThrows(
                IllegalArgumentException.class, () -> LearningRateSchedule.exponentialDecay(0.0))
                .getMessage());
    }

    @Test
    void nonFiniteStartingParametersAreRefused() {
        Sequential model = classifier();
        Adam adam = Adam.builder().build();
        Parameter w = model.parameters().get(0);
        double[] values = w.value().toRowMajor();
        values[5 * 10 + 3] = Double.NaN;
        la.copyFromRowMajor(values, 0, w.value());
        refused("cannot train from non-finite parameters: parameter 0 (W, 784x10) element"
                + " (5, 3) is NaN", model, adam,
                () -> new Training(model, adam).batchSize(3).fit(images(3), null, new Rng(1)));

        DataSet data = LinearRegressionProblem.generate(new Rng(0));
        LinearRegressionTraining training = new LinearRegressionTraining(ejml, Config.tutorial());
        BatchSampler first = () -> 0;
        double[] w0 = {1, 2, 3, 4, Double.POSITIVE_INFINITY, 6};
        assertAll(
                () -> assertEquals("cannot train from non-finite parameters: parameter 0 (W, 2x3)"
                        + " element (1, 1) is Infinity", assertThrows(
                        IllegalArgumentException.class,
                        () -> training.run(data, w0, new double[3], first)).getMessage()),
                () -> assertEquals("the data set has 2 features and 3 targets, so the weights are"
                        + " 2x3 = 6 values; got 30 initial weights", assertThrows(
                        IllegalArgumentException.class,
                        () -> training.run(data, new double[30], new double[3], first))
                        .getMessage()),
                () -> assertEquals("the data set has 3 targets, so the bias has 3 values; got 10",
                        assertThrows(IllegalArgumentException.class,
                                () -> training.run(data, new double[6], new double[10], first))
                                .getMessage()));
    }
}
