package org.nn4j.trainer.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
 * The job {@code run-standalone-cluster.sh} submits: the seed's linear regression (data and
 * initial weights of seed 0, as in {@link LinearRegressionOnSparkTest}) trained on a Spark
 * master given as the first argument, in both modes, each checked with {@code allclose}.
 * Prints one line per mode and exits 1 if either misses the truth. A tool, not a test.
 *
 * <p>Usage: {@code StandaloneClusterJob MASTER_URL EXECUTOR_CLASS_PATH}
 */
public final class StandaloneClusterJob {

    private static final ModelSpec SPEC = Sequential.builder(Backends.get("ejml")).input(LinearRegressionProblem.FEATURES)
            .dense(LinearRegressionProblem.OUTPUTS).meanSquaredError().spec();

    private StandaloneClusterJob() {
    }

    /**
     * Runs the job.
     *
     * @param args the master URL and the executors' class path
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StandaloneClusterJob MASTER_URL EXECUTOR_CLASS_PATH");
            System.exit(2);
        }
        long started = System.nanoTime();
        SparkConf conf = new SparkConf().setMaster(args[0]).setAppName("nn4j seed on a cluster")
                .set("spark.executor.extraClassPath", args[1])
                .set("spark.executor.memory", "512m")
                .set("spark.executor.cores", "1")
                .set("spark.cores.max", "2")
                .set("spark.ui.enabled", "false");
        boolean ok = true;
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            System.out.printf(Locale.ROOT, "context started in %.1f s%n", seconds(started));
            Rng root = new Rng(0);
            DataSet data = LinearRegressionProblem.generate(root.split());
            double[] w0 = root.split().gaussians(6);
            double[] initial = Arrays.copyOf(w0, 9);
            long t = System.nanoTime();
            JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, data, 2);
            System.out.printf(Locale.ROOT, "data on the executors in %.1f s (starts them)%n",
                    seconds(t));
            Backend backend = Backends.get("ejml");

            Sequential model = model(backend, initial);
            t = System.nanoTime();
            TrainingHistory averaging = SparkTraining.parameterAveraging(sc, model,
                            StochasticGradientDescent.withLearningRate(0.01), 100)
                    .batchSize(2).epochs(500).targetLoss(0.5e-15).fit(blocks, null, new Rng(3));
            ok &= report("parameter averaging (100 local steps of 2 rows, SGD 0.01)", averaging,
                    model, seconds(t));

            model = model(backend, initial);
            t = System.nanoTime();
            TrainingHistory synchronous = SparkTraining.synchronous(sc, model,
                            StochasticGradientDescent.builder().learningRate(0.06).momentum(0.8).weightDecay(0.0).build())
                    .batchSize(data.size()).epochs(3000).targetLoss(0.5e-15)
                    .fit(blocks, null, new Rng(2));
            ok &= report("synchronous full batch (momentum 0.8, lr 0.06)", synchronous, model,
                    seconds(t));
        }
        System.out.printf(Locale.ROOT, "job: %.1f s in all%n", seconds(started));
        System.exit(ok ? 0 : 1);
    }

    private static Sequential model(Backend backend, double[] initial) {
        Sequential model = SPEC.build(backend, new Rng(1));
        ParameterVector.setValues(backend.linearAlgebra(), initial, 0, model.parameters());
        return model;
    }

    private static boolean report(String mode, TrainingHistory history, Sequential model,
                                  double seconds) {
        double[] v = ParameterVector.values(model.backend().linearAlgebra(), model.parameters());
        double[] w = Arrays.copyOf(v, 6);
        double[] b = Arrays.copyOfRange(v, 6, 9);
        boolean close = AllClose.allClose(w, LinearRegressionProblem.trueWeights())
                && AllClose.allClose(b, LinearRegressionProblem.trueBias());
        int jobs = history.epochs().size();
        System.out.printf(Locale.ROOT, "%s: %s; %d jobs in %.1f s (%.0f ms per job); allclose %s"
                        + "%n  W = %s%n  b = %s%n", mode, history.message(), jobs, seconds,
                1000 * seconds / jobs, close ? "PASS" : "FAIL", Arrays.toString(w),
                Arrays.toString(b));
        return close && history.completed();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
