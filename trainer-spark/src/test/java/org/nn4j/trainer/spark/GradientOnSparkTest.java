package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.regression.LinearRegressionProblem;

/**
 * A synchronous full-batch gradient on {@code local[2]} equals the gradient one machine
 * computes on all the rows at once, to 1e-12; so does a whole step.
 */
class GradientOnSparkTest {

    private static final double TOLERANCE = 1e-12;

    private static JavaSparkContext sc;
    private static Backend backend;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        backend = Backends.get("ejml");
    }

    /** The tutorial's linear model, and a small classifier with a hidden tanh layer. */
    static Stream<Arguments> models() {
        Rng rng = new Rng(7);
        DataSet tutorial = LinearRegressionProblem.generate(rng.split());
        int rows = 1001;
        double[] x = new double[rows * 5];
        double[] t = new double[rows * 3];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian();
            }
            t[i * 3 + rng.nextInt(3)] = 1.0;
        }
        return Stream.of(
                Arguments.of("linear, MSE", Sequential.builder(Backends.get("ejml")).input(2).dense(3).meanSquaredError().spec(),
                        tutorial, 2),
                Arguments.of("5-7-tanh-3, softmax CE", Sequential.builder(Backends.get("ejml")).input(5).dense(7)
                                .activation(Activation.tanh()).dense(3).softmaxCrossEntropy().spec(),
                        new DataSet(rows, 5, 3, x, t), 3));
    }

    /** The gradients of the model's parameters, concatenated row-major, read directly. */
    private static double[] singleMachineGradient(Sequential model, DataSet data,
                                                  double[] lossOut) {
        LinearAlgebra la = backend.linearAlgebra();
        lossOut[0] = model.computeGradients(
                la.fromRowMajor(data.size(), data.featureCount(), data.copyOfFeatures()),
                la.fromRowMajor(data.size(), data.targetCount(), data.copyOfTargets()));
        double[] all = new double[0];
        for (Parameter p : model.parameters()) {
            double[] g = p.gradient().toRowMajor();
            double[] joined = java.util.Arrays.copyOf(all, all.length + g.length);
            System.arraycopy(g, 0, joined, all.length, g.length);
            all = joined;
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void fullBatchGradientEqualsTheSingleMachineOne(String name, ModelSpec spec, DataSet data,
                                                    int partitions) {
        Sequential model = spec.build(backend, new Rng(11));
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data, partitions);
        try {
            SparkTraining.Gradient distributed = SparkTraining.synchronous(sc, model,
                    StochasticGradientDescent.withLearningRate(0.1)).gradient(blocks);
            double[] loss = new double[1];
            double[] expected = singleMachineGradient(model, data, loss);
            assertEquals(data.size(), distributed.rows());
            assertEquals(expected.length, distributed.gradient().length);
            double worst = 0.0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - distributed.gradient()[i]));
            }
            assertTrue(worst <= TOLERANCE, name + ": the gradients differ by up to " + worst);
            assertEquals(loss[0], distributed.loss(), TOLERANCE * Math.abs(loss[0]), name);
        } finally {
            blocks.unpersist(false);
        }
    }

    /** One full-batch epoch of SGD is one step: the driver applies the mean gradient. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void oneFullBatchStepEqualsTheSingleMachineStep(String name, ModelSpec spec, DataSet data,
                                                    int partitions) {
        LinearAlgebra la = backend.linearAlgebra();
        Sequential onSpark = spec.build(backend, new Rng(11));
        Sequential local = spec.build(backend, new Rng(11));
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data, partitions);
        try {
            TrainingHistory history = SparkTraining.synchronous(sc, onSpark,
                            StochasticGradientDescent.withLearningRate(0.05))
                    .batchSize(data.size()).fit(blocks, null, new Rng(1));
            assertTrue(history.completed(), history.message());
            singleMachineGradient(local, data, new double[1]);
            StochasticGradientDescent.withLearningRate(0.05).step(la, local.parameters());
            for (int i = 0; i < local.parameters().size(); i++) {
                double[] expected = local.parameters().get(i).value().toRowMajor();
                double[] actual = onSpark.parameters().get(i).value().toRowMajor();
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], actual[j], TOLERANCE, name + ", parameter " + i
                            + ", value " + j);
                }
            }
        } finally {
            blocks.unpersist(false);
        }
    }

    @Test
    void blocksOfAnotherShapeAreRejectedNamingBoth() {
        ModelSpec spec = Sequential.builder(Backends.get("ejml")).input(3).dense(3).meanSquaredError().spec();
        Sequential model = spec.build(backend, new Rng(0));
        DataSet tutorial = LinearRegressionProblem.generate(new Rng(0));
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, tutorial, 2);
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SparkTraining.synchronous(sc, model,
                            StochasticGradientDescent.withLearningRate(0.1))
                            .fit(blocks, null, new Rng(0)));
            assertTrue(e.getMessage().contains("2 features") && e.getMessage().contains("3 inputs"),
                    e.getMessage());
        } finally {
            blocks.unpersist(false);
        }
    }
}
