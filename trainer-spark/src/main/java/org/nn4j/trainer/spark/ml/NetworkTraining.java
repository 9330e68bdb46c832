package org.nn4j.trainer.spark.ml;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.io.Provenance;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.model.HiddenActivations;
import org.nn4j.trainer.model.Initialization;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingHistory;
import org.nn4j.trainer.model.TrainingRecord;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.Optimizers;
import org.nn4j.trainer.spark.DataBlock;
import org.nn4j.trainer.spark.DataBlocks;
import org.nn4j.trainer.spark.Example;
import org.nn4j.trainer.spark.SparkTraining;

/**
 * What {@code fit} does for both estimators: checks the columns and the labels on the driver
 * (one small Spark SQL job), packs each partition's rows into a {@link DataBlock}, builds the
 * network the parameters describe and trains it with {@link SparkTraining}.
 */
final class NetworkTraining {

    /** The most classes a classifier accepts: a larger label is more likely not an index. */
    static final int MAX_CLASSES = 100_000;

    /** The data set's name in the model's provenance. */
    static final String DATA_SET = "spark-dataframe";

    private NetworkTraining() {
    }

    /**
     * Trains a network.
     *
     * @param classifier softmax cross-entropy over label indices, else one output and mean
     *                   squared error
     * @return the trained model, as its file holds it
     */
    static SavedModel fit(String stage, NetworkParams<?> params, Dataset<?> dataset,
                          String featuresCol, String labelCol, boolean classifier) {
        NetworkColumns.checkFeatures(stage, dataset.schema(), featuresCol, -1);
        NetworkColumns.checkLabel(stage, dataset.schema(), labelCol, classifier);
        // Everything the parameters decide is checked before the first Spark job.
        Precision precision = Precision.parse(params.getPrecision());
        Backend backend = backend(stage, params.getBackend(), precision);
        Optimizer optimizer = optimizer(params);
        Dataset<Row> df = dataset.toDF();
        Column label = functions.col(labelCol).cast("double");
        Column notWhole = functions.isnan(label)
                .or(label.isin(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY))
                .or(classifier ? label.notEqual(functions.floor(label)) : functions.lit(false));
        Row stats = df.agg(functions.count(functions.lit(1)), functions.count(label),
                functions.min(label), functions.max(label),
                functions.sum(functions.when(notWhole, 1).otherwise(0)),
                functions.count(functions.col(featuresCol))).first();
        long rows = stats.getLong(0);
        if (rows == 0) {
            throw new IllegalArgumentException(stage + ": the data set has no rows");
        }
        if (stats.getLong(1) != rows) {
            throw new IllegalArgumentException(stage + ": labelCol '" + labelCol + "' is null in "
                    + (rows - stats.getLong(1)) + " of " + rows + " rows");
        }
        if (stats.getLong(5) != rows) {
            throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                    + "' is null in " + (rows - stats.getLong(5)) + " of " + rows + " rows");
        }
        long bad = stats.isNullAt(4) ? 0 : stats.getLong(4);
        int outputs = 1;
        if (classifier) {
            outputs = classes(stage, df, labelCol, bad, stats.getDouble(2), stats.getDouble(3));
        } else if (bad > 0) {
            throw new IllegalArgumentException(stage + ": labelCol '" + labelCol + "' holds "
                    + bad + " values that are NaN or infinite");
        }
        int width = NetworkColumns.checkFeatures(stage, dataset.schema(), featuresCol, -1);
        if (width <= 0) {
            Vector first = df.select(featuresCol).first().getAs(0);
            width = first.size();
        }
        if (width == 0) {
            throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                    + "' holds empty vectors");
        }

        Rng root = new Rng(params.getSeed());
        Sequential model = network(params, backend, width, outputs, classifier)
                .build(root.split());
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        SparkTraining training = params.getTrainingMode().toLowerCase(Locale.ROOT)
                .equals("synchronous")
                ? SparkTraining.synchronous(sc, model, optimizer)
                : SparkTraining.parameterAveraging(sc, model, optimizer, params.getLocalSteps());
        training.epochs(params.getEpochs()).batchSize(params.getBatchSize());

        JavaRDD<Example> examples = df.select(functions.col(featuresCol), label).javaRDD()
                .map(new ToExample(stage, featuresCol, labelCol, width, classifier ? outputs : 0));
        JavaRDD<DataBlock> blocks = DataBlocks.fromExamples(examples, width, outputs);
        TrainingHistory history;
        try {
            history = training.fit(blocks, null, root.split());
        } finally {
            blocks.unpersist(false);
        }
        if (!history.completed()) {
            throw new IllegalStateException(stage + ": " + history.message()
                    + "; try a smaller learningRate");
        }
        Map<String, String> record = new LinkedHashMap<>();
        training.settings().forEach((k, v) -> record.put(k, String.valueOf(v)));
        record.put("epochs_completed", String.valueOf(history.epochs().size()));
        record.put("train_examples", String.valueOf(rows));
        record.put("features_col", featuresCol);
        record.put("label_col", labelCol);
        model.spec().settings().forEach((k, v) -> record.putIfAbsent(k, String.valueOf(v)));
        model.recordTraining(new TrainingRecord(DATA_SET, record));
        return SavedModel.of(model, Provenance.of(model));
    }

    /** The number of classes, from the label column's metadata or its largest value. */
    private static int classes(String stage, Dataset<Row> df, String labelCol, long notWhole,
                               double min, double max) {
        String what = stage + ": labelCol '" + labelCol + "' must hold class indices 0, 1, 2,"
                + " ... (StringIndexer makes them from class names), but ";
        if (notWhole > 0) {
            throw new IllegalArgumentException(what + notWhole + " of its values are not whole"
                    + " numbers (such as 0.5, NaN or infinity)");
        }
        if (min < 0) {
            throw new IllegalArgumentException(what + "it holds " + min);
        }
        if (max >= MAX_CLASSES) {
            throw new IllegalArgumentException(what + "it holds " + max + ", which would make "
                    + (long) max + 1 + " classes (at most " + MAX_CLASSES + ")");
        }
        int classes = (int) max + 1;
        Attribute attribute = Attribute.fromStructField(df.schema().apply(labelCol));
        int declared = -1;
        if (attribute instanceof NominalAttribute nominal && nominal.getNumValues().isDefined()) {
            declared = (Integer) nominal.getNumValues().get();
        } else if (attribute instanceof BinaryAttribute) {
            declared = 2;
        }
        if (declared >= 0) {
            if (classes > declared) {
                throw new IllegalArgumentException(what + "it holds " + max + " while its"
                        + " metadata declares " + declared + " classes");
            }
            classes = declared;
        }
        if (classes < 2) {
            throw new IllegalArgumentException(stage + ": labelCol '" + labelCol + "' holds"
                    + " only class 0; a classifier needs at least 2 classes");
        }
        return classes;
    }

    private static Backend backend(String stage, String name, Precision precision) {
        Backend backend;
        try {
            backend = Backends.get(name.isEmpty() ? null : name);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(stage + ": backend '" + name + "': "
                    + e.getMessage(), e);
        }
        try {
            return backend.inPrecision(precision);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(stage + ": precision '" + precision.label()
                    + "' on backend '" + backend.name() + "': " + e.getMessage(), e);
        }
    }

    private static Sequential.Builder network(NetworkParams<?> params, Backend backend,
                                              int inputs, int outputs, boolean classifier) {
        Activation activation = activation(params.getActivation());
        Initialization init = activation.kind() == Activation.Kind.TANH
                || activation.kind() == Activation.Kind.SIGMOID
                ? Initialization.XAVIER_UNIFORM : Initialization.HE_NORMAL;
        Sequential.Builder builder = Sequential.builder(backend).input(inputs)
                .initialization(init);
        for (int size : params.getHiddenLayers()) {
            builder.dense(size).activation(activation);
        }
        builder.dense(outputs);
        return classifier ? builder.softmaxCrossEntropy() : builder.meanSquaredError();
    }

    private static Optimizer optimizer(NetworkParams<?> params) {
        double rate = params.getLearningRate();
        return Optimizers.named(params.getOptimizer(), Double.isNaN(rate) ? Map.of()
                : Map.of("learning_rate", rate));
    }

    /** The activation of a name the {@code activation} parameter accepted. */
    static Activation activation(String name) {
        return HiddenActivations.named(name).orElseThrow(() -> new IllegalArgumentException(
                "activation must be one of " + NetworkParamSet.ACTIVATIONS + ", got '" + name
                        + "'"));
    }

    /**
     * One row of (features, label) to an example, on the executors; refuses a row the
     * driver's checks could not see (a vector of another width, a value that is not finite).
     */
    private static final class ToExample implements
            org.apache.spark.api.java.function.Function<Row, Example> {
        private static final long serialVersionUID = 1L;
        private final String stage;
        private final String featuresCol;
        private final String labelCol;
        private final int width;
        private final int classes;

        ToExample(String stage, String featuresCol, String labelCol, int width, int classes) {
            this.stage = stage;
            this.featuresCol = featuresCol;
            this.labelCol = labelCol;
            this.width = width;
            this.classes = classes;
        }

        @Override
        public Example call(Row row) {
            Vector v = row.getAs(0);
            if (v.size() != width) {
                throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                        + "' holds vectors of " + v.size() + " and of " + width
                        + " values; every row needs the same width");
            }
            double[] x = v.toArray();
            for (int j = 0; j < x.length; j++) {
                if (!Double.isFinite(x[j])) {
                    throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                            + "' holds " + x[j] + " at index " + j + "; features must be finite");
                }
            }
            double y = row.getDouble(1);
            if (classes == 0) {
                return new Example(x, new double[] {y});
            }
            double[] oneHot = new double[classes];
            oneHot[(int) y] = 1.0;
            return new Example(x, oneHot);
        }
    }
}
