package org.nn4j.trainer.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.testing.Float32Backends;

/**
 * A float32 model on Spark: the executors compute in float32 (their gradient is the float32
 * one, not the float64 one of the same weights), and parameter averaging trains it, the
 * driver storing the double average in its float32 parameters.
 */
class Float32OnSparkTest {

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc = LocalSpark.context();
    }

    static List<String> backends() {
        return Float32Backends.names().toList();
    }

    private static DataSet data(int rows) {
        Rng rng = new Rng(7);
        double[] x = new double[rows * 5];
        double[] t = new double[rows * 3];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 5; j++) {
                x[i * 5 + j] = rng.nextGaussian();
            }
            t[i * 3 + rng.nextInt(3)] = 1.0;
        }
        return new DataSet(rows, 5, 3, x, t);
    }

    private static ModelSpec spec(Backend backend) {
        return Sequential.builder(backend).input(5).dense(7).activation(Activation.tanh())
                .dense(3).softmaxCrossEntropy().spec();
    }

    /** The full-batch gradient of a model computed here, concatenated. */
    private static double[] gradient(Sequential model, DataSet data) {
        LinearAlgebra la = model.backend().linearAlgebra();
        model.computeGradients(
                la.fromRowMajor(data.size(), data.featureCount(), data.copyOfFeatures()),
                la.fromRowMajor(data.size(), data.targetCount(), data.copyOfTargets()));
        List<Double> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            for (double g : p.gradient().toRowMajor()) {
                all.add(g);
            }
        }
        return all.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double maxDifference(double[] a, double[] b) {
        double worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theExecutorsComputeInTheModelsPrecision(String name) {
        Backend b64 = Float32Backends.get(name);
        Backend b32 = b64.inPrecision(Precision.F32);
        DataSet data = data(1001);
        Sequential model = spec(b32).build(b32, new Rng(11));
        // The same weights (floats, widened exactly) in float64.
        Sequential wide = spec(b64).build(b64, new Rng(11));
        for (int k = 0; k < model.parameters().size(); k++) {
            b64.linearAlgebra().copyFromRowMajor(model.parameters().get(k).value().toRowMajor(),
                    0, wide.parameters().get(k).value());
        }
        assertEquals(Precision.F32, model.precision());
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data, 3);
        try {
            double[] distributed = SparkTraining.synchronous(sc, model,
                    StochasticGradientDescent.withLearningRate(0.1)).gradient(blocks).gradient();
            double[] in32 = gradient(model, data);
            double[] in64 = gradient(wide, data);
            double scale = 0;
            for (double g : in64) {
                scale = Math.max(scale, Math.abs(g));
            }
            // Float32's rounding on 1001 rows, three partial sums: well within 1e-5 of the
            // largest component; float64 would agree with in64 to about 1e-15.
            assertTrue(maxDifference(distributed, in32) <= 1e-5 * scale,
                    "float32 on the executors and here: " + maxDifference(distributed, in32));
            assertTrue(maxDifference(distributed, in64) > 1e-10 * scale,
                    "the executors computed in float64: " + maxDifference(distributed, in64));
        } finally {
            blocks.unpersist(false);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void parameterAveragingTrainsAFloat32Model(String name) {
        Backend b32 = Float32Backends.get(name).inPrecision(Precision.F32);
        DataSet data = data(600);
        Sequential model = spec(b32).build(b32, new Rng(3));
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data, 3);
        try {
            TrainingHistory history = SparkTraining.parameterAveraging(sc, model,
                    StochasticGradientDescent.withLearningRate(0.1), 4).epochs(3).batchSize(20)
                    .fit(blocks, null, new Rng(1));
            assertTrue(history.completed(), history.message());
            assertTrue(history.epochs().get(2).trainLoss() < history.epochs().get(0).trainLoss(),
                    "it learns: " + history.epochs());
            for (Parameter p : model.parameters()) {
                assertEquals(Precision.F32, p.value().precision());
                for (double v : p.value().toRowMajor()) {
                    assertEquals((double) (float) v, v, 0.0, "a float32 parameter");
                }
            }
        } finally {
            blocks.unpersist(false);
        }
    }
}
