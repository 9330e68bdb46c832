package org.nn4j.examples.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.io.CheckpointFile;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.spark.DataBlock;
import org.nn4j.trainer.spark.DataBlocks;
import org.nn4j.trainer.spark.Example;
import org.nn4j.trainer.spark.SparkTraining;

/**
 * A Spark application that {@code spark-submit} runs: Fashion-MNIST read into a DataFrame
 * ({@code label: int, features: array<double>}), turned into nn4j's training blocks on the
 * executors, and a 784-128-10 ReLU network trained by synchronous mini-batch SGD with Adam on
 * the driver; the test set is evaluated on the driver after each epoch.
 *
 * <pre>
 * spark-submit --master spark://HOST:7077 --class org.nn4j.examples.spark.FashionMnistSubmit \
 *   nn4j-spark-submit-example.jar [--data DIR] [--limit N] [--epochs E] [--batch-size B]
 *   [--checkpoint-every N --checkpoint-dir DIR] [--resume FILE]
 * </pre>
 *
 * <p>The data directory must be readable by the driver (the files are read there). Exit
 * status 0 after training, 2 for a bad argument.
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
        int checkpointEvery = 0;
        Path checkpointDir = null;
        Path resume = null;
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
                case "--checkpoint-every" -> checkpointEvery = positive(option, value);
                case "--checkpoint-dir" -> checkpointDir = Path.of(value);
                case "--resume" -> resume = Path.of(value);
                default -> usage("unknown option " + option);
            }
        }
        if ((checkpointEvery > 0) != (checkpointDir != null)) {
            usage("--checkpoint-every and --checkpoint-dir go together");
        }
        long started = System.nanoTime();
        SparkSession spark = SparkSession.builder().appName("nn4j-fashion-mnist").getOrCreate();
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            FashionMnist mnist = FashionMnist.load(data, limit);

            Dataset<Row> frame = toDataFrame(spark, mnist.train());
            System.out.printf(Locale.ROOT, "DataFrame of %d rows, %d partitions, schema %s%n",
                    frame.count(), frame.rdd().getNumPartitions(), frame.schema().simpleString());

            int partitions = sc.defaultParallelism();
            JavaRDD<Example> examples = frame.repartition(partitions).javaRDD().map(
                    row -> new Example(pixels(row.getList(1)),
                            oneHot(row.getInt(0), FashionMnist.CLASSES)));
            JavaRDD<DataBlock> blocks = DataBlocks.fromExamples(examples, FashionMnist.PIXELS,
                    FashionMnist.CLASSES);

            Backend backend = Backends.get("ejml");
            Sequential model = Sequential.builder(backend).input(FashionMnist.PIXELS)
                    .dense(128).activation(Activation.relu())
                    .dense(FashionMnist.CLASSES).softmaxCrossEntropy()
                    .build(new Rng(0));
            SparkTraining training = SparkTraining.synchronous(sc, model,
                            Adam.builder().learningRate(1e-3).build())
                    .epochs(epochs).batchSize(batchSize);
            if (checkpointEvery > 0) {
                training.checkpoints(checkpointEvery, checkpointDir);
            }
            System.out.printf(Locale.ROOT, "master %s, %d partitions: %d training images, %d"
                    + " test images, %d parameters%n", sc.master(), partitions,
                    mnist.train().size(), mnist.test().size(), model.spec().parameterCount());
            long trainingStarted = System.nanoTime();
            TrainingHistory history = resume == null
                    ? training.fit(blocks, mnist.test(), new Rng(1))
                    : training.resume(CheckpointFile.load(resume).checkpoint(), blocks,
                            mnist.test());
            for (EpochSummary e : history.epochs()) {
                System.out.printf(Locale.ROOT, "epoch %d: train loss %.4f, test accuracy %.4f,"
                        + " %.1f s%n", e.epoch() + 1, e.trainLoss(), e.testAccuracy(), e.seconds());
            }
            blocks.unpersist(false);
            System.out.printf(Locale.ROOT, "%s; training %.1f s, application %.1f s%n",
                    history.message(), (System.nanoTime() - trainingStarted) / 1e9,
                    (System.nanoTime() - started) / 1e9);
        } finally {
            spark.stop();
        }
    }

    /** The training images as a DataFrame: {@code label} and {@code features} columns. */
    static Dataset<Row> toDataFrame(SparkSession spark, DataSet train) {
        StructType schema = new StructType()
                .add("label", DataTypes.IntegerType, false)
                .add("features", DataTypes.createArrayType(DataTypes.DoubleType, false), false);
        int n = train.size();
        double[] x = new double[train.featureCount()];
        double[] t = new double[train.targetCount()];
        List<Row> rows = new ArrayList<>(n);
        int[] one = new int[1];
        for (int i = 0; i < n; i++) {
            one[0] = i;
            train.copyRows(one, 0, 1, x, t);
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

    private static double[] pixels(List<Object> values) {
        double[] x = new double[values.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((Number) values.get(i)).doubleValue();
        }
        return x;
    }

    private static double[] oneHot(int label, int classes) {
        double[] t = new double[classes];
        t[label] = 1.0;
        return t;
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
                + " --checkpoint-every N --checkpoint-dir DIR, --resume FILE");
        System.exit(2);
    }
}
