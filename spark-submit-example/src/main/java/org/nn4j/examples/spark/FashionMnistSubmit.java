package org.nn4j.examples.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.spark.ml.NeuralNetworkClassifier;

import static org.apache.spark.ml.functions.array_to_vector;
import static org.apache.spark.sql.functions.col;

/**
 * A Spark application that {@code spark-submit} runs: Fashion-MNIST read into DataFrames
 * ({@code label: int, pixels: array<double>}), the pixels turned into a vector column
 * ({@code array_to_vector}), and a Spark ML {@link Pipeline} of {@link StandardScaler} and
 * nn4j's {@link NeuralNetworkClassifier} (784-128-10 ReLU, synchronous mini-batch SGD with
 * Adam 1e-3, seed 0) fitted on the training frame; the fitted {@link PipelineModel} predicts
 * the test frame on the executors and {@link MulticlassClassificationEvaluator} gives its
 * accuracy. With {@code --output DIR} the fitted pipeline is saved there (a directory that
 * exists is refused before any training), loaded back and applied again.
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class org.nn4j.examples.spark.FashionMnistSubmit \
 *   nn4j-spark-submit-example.jar [--data DIR] [--limit N] [--epochs E] [--batch-size B]
 *   [--hidden N] [--output DIR]
 * </pre>
 *
 * <p>The data directory must be readable by the driver (the files are read there); the
 * output directory is written by the driver and the executors, so on a cluster of several
 * machines it must be on a shared file system (for example {@code hdfs://...}). Exit status
 * 0 after training, 2 for a bad argument.
 */
public final class FashionMnistSubmit {

    private FashionMnistSubmit() {
    }

    /**
     * Runs the example.
     *
     * @param args the options above
     * @throws Exception if the data cannot be read or a job fails
     */
    public static void main(String[] args) throws Exception {
        Path data = FashionMnist.DEFAULT_DIRECTORY;
        int limit = 12_000;
        int epochs = 2;
        int batchSize = 512;
        int hidden = 128;
        String output = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                usage(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> data = Path.of(value);
                case "--limit" -> limit = positive(option, value);
                case "--epochs" -> epochs = positive(option, value);
                case "--batch-size" -> batchSize = positive(option, value);
                case "--hidden" -> hidden = positive(option, value);
                case "--output" -> output = value;
                default -> usage("unknown option " + option);
            }
        }
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("nn4j-fashion-mnist-pipeline")
                .getOrCreate();
        try {
            if (output != null) {
                refuseExisting(spark, output);
            }
            FashionMnist mnist = FashionMnist.load(data, limit);
            int partitions = spark.sparkContext().defaultParallelism();
            Dataset<Row> train = vectors(toDataFrame(spark, mnist.train()), partitions);
            Dataset<Row> test = vectors(toDataFrame(spark, mnist.test()), partitions);
            System.out.printf(Locale.ROOT, "master %s: training frame of %d rows, test frame of"
                    + " %d rows, %d partitions, schema %s%n", spark.sparkContext().master(),
                    train.count(), test.count(), partitions, train.schema().simpleString());

            NeuralNetworkClassifier nn4j = new NeuralNetworkClassifier()
                    .setHiddenLayers(hidden).setActivation("relu")
                    .setOptimizer("adam").setLearningRate(1e-3)
                    .setEpochs(epochs).setBatchSize(batchSize).setSeed(0).setBackend("ejml");
            Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
                new StandardScaler().setInputCol("image").setOutputCol("features")
                        .setWithMean(true).setWithStd(true),
                nn4j});
            long fitStarted = System.nanoTime();
            PipelineModel fitted = pipeline.fit(train);
            double fitSeconds = (System.nanoTime() - fitStarted) / 1e9;
            double accuracy = accuracy(fitted, test);
            System.out.printf(Locale.ROOT, "pipeline %s fitted in %.1f s (%d epochs, batch %d);"
                    + " test accuracy %.4f on %d images%n", stageNames(fitted), fitSeconds, epochs,
                    batchSize, accuracy, test.count());
            if (output != null) {
                fitted.write().save(output);
                double again = accuracy(PipelineModel.load(output), test);
                System.out.printf(Locale.ROOT, "saved to %s; loaded back: test accuracy %.4f%n",
                        output, again);
                if (again != accuracy) {
                    throw new IllegalStateException("the loaded pipeline's accuracy " + again
                            + " differs from the fitted one's " + accuracy);
                }
            }
            System.out.printf(Locale.ROOT, "application %.1f s%n",
                    (System.nanoTime() - started) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** The accuracy of a fitted pipeline's predictions on a frame. */
    static double accuracy(PipelineModel model, Dataset<Row> frame) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(model.transform(frame));
    }

    private static String stageNames(PipelineModel model) {
        List<String> names = new ArrayList<>();
        for (var stage : model.stages()) {
            names.add(stage.getClass().getSimpleName());
        }
        return String.join(" -> ", names);
    }

    /** Exits with status 2 if the output directory (any Hadoop file system) exists. */
    private static void refuseExisting(SparkSession spark, String output) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(path)) {
            spark.stop();
            usage("--output " + output + " exists; give a directory that does not exist yet"
                    + " (the fitted pipeline is never written over another)");
        }
    }

    /**
     * The frame spread over the executors with its pixels as a vector column {@code image},
     * kept in their memory: the pipeline's stages read it several times, and a frame made from
     * a driver-side list would otherwise ship its rows inside every task.
     */
    static Dataset<Row> vectors(Dataset<Row> frame, int partitions) {
        return frame.repartition(partitions)
                .select(col("label"), array_to_vector(col("pixels")).as("image"))
                .persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** A data set as a DataFrame: {@code label} (the class index) and {@code pixels}. */
    static Dataset<Row> toDataFrame(SparkSession spark, DataSet set) {
        StructType schema = new StructType()
                .add("label", DataTypes.IntegerType, false)
                .add("pixels", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        int n = set.size();
        double[] x = new double[set.featureCount()];
        double[] t = new double[set.targetCount()];
        List<Row> rows = new ArrayList<>(n);
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            one[0] = i;
            set.copyRows(one, 0, 1, x, t);
            int label = 0;
            for (int c = 1; c < t.length; c++) {
                if (t[c] > t[label]) {
                    label = c;
                }
            }
            rows.add(RowFactory.create(label, x.clone()));
        }
        return spark.createDataFrame(rows, schema);
    }

    private static int positive(String option, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(option + " must be a positive integer, got '" + value + "'");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("nn4j-spark-submit-example: " + problem);
        System.err.println("options: --data DIR, --limit N, --epochs E, --batch-size B,"
                + " --hidden N, --output DIR");
        System.exit(2);
    }
}
