package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.regression.AllClose;
import org.nn4j.trainer.regression.LinearRegressionProblem;

/**
 * The numpy tutorial's linear regression (W = [[3, 7, 4], [5, 2, 6]], b = [2, 9, 3]), with its
 * data and initial weights drawn as {@link org.nn4j.trainer.regression.LinearRegressionTraining} draws
 * them from seed 0, trained on {@code local[2]} until the tutorial's printed loss is below
 * 1e-15, then checked against the truth with numpy's {@code allclose}.
 */
class LinearRegressionOnSparkTest {

    /** The tutorial's stop: its printed loss (twice nn4j's MSE) below 1e-15. */
    private static final double TARGET_LOSS = 0.5e-15;

    private static final ModelSpec SPEC = Sequential.builder(Backends.get("ejml")).input(LinearRegressionProblem.FEATURES)
            .dense(LinearRegressionProblem.OUTPUTS).meanSquaredError().spec();

    private static JavaSparkContext sc;
    private static DataSet data;
    private static double[] initial;
    private static JavaRDD<DataBlock> blocks;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
        Rng root = new Rng(0);
        data = LinearRegressionProblem.generate(root.split());
        double[] w0 = root.split().gaussians(LinearRegressionProblem.FEATURES
                * LinearRegressionProblem.OUTPUTS);
        initial = Arrays.copyOf(w0, w0.length + LinearRegressionProblem.OUTPUTS);
        blocks = DataBlocks.fromDataSet(sc, data, 2);
    }

    @AfterAll
    static void release() {
        blocks.unpersist(false);
    }

    private static Sequential tutorialModel(Backend backend) {
        Sequential model = SPEC.build(backend, new Rng(1));
        ParameterVector.setValues(backend.linearAlgebra(), initial, 0, model.parameters());
        return model;
    }

    private static void assertConverged(TrainingHistory history, Sequential model) {
        assertTrue(history.completed() && history.message().startsWith("reached the target"),
                history.message());
        double[] values = ParameterVector.values(model.backend().linearAlgebra(),
                model.parameters());
        double[] w = Arrays.copyOf(values, 6);
        double[] b = Arrays.copyOfRange(values, 6, 9);
        assertTrue(AllClose.allClose(w, LinearRegressionProblem.trueWeights()),
                "W = " + Arrays.toString(w));
        assertTrue(AllClose.allClose(b, LinearRegressionProblem.trueBias()),
                "b = " + Arrays.toString(b));
    }

    /**
     * Full-batch gradient descent with momentum: every step one Spark job over both
     * partitions, the driver's optimizer applying the mean gradient of all 500 rows.
     */
    @Test
    void synchronousFullBatchConvergesToTheTruth() {
        Backend backend = Backends.get("ejml");
        Sequential model = tutorialModel(backend);
        TrainingHistory history = SparkTraining.synchronous(sc, model,
                        StochasticGradientDescent.builder().learningRate(0.06).momentum(0.8).weightDecay(0.0).build())
                .batchSize(data.size()).epochs(3000).targetLoss(TARGET_LOSS)
                .fit(blocks, null, new Rng(2));
        assertConverged(history, model);
    }

    /**
     * The tutorial's own SGD (batches of 2, learning rate 0.01) run locally on each partition,
     * 100 steps between two averagings.
     */
    @Test
    void parameterAveragingConvergesToTheTruth() {
        Backend backend = Backends.get("ejml");
        Sequential model = tutorialModel(backend);
        TrainingHistory history = SparkTraining.parameterAveraging(sc, model,
                        StochasticGradientDescent.withLearningRate(0.01), 100)
                .batchSize(2).epochs(500).targetLoss(TARGET_LOSS)
                .fit(blocks, null, new Rng(3));
        assertConverged(history, model);
    }
}
