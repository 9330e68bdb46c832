package org.nn4j.trainer.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.spark.MlSpark;

/**
 * The estimators on small synthetic tables on {@code local[2]}: CrossValidator, the
 * regressor, parameter averaging and float32, saving and loading, and the errors a user
 * meets.
 */
class NetworkEstimatorsTest {

    private static SparkSession spark;
    /** 3 classes around (±2, 0, ...) centres, 4 features, 300 rows; columns x0..x3, label. */
    private static Dataset<Row> blobs;
    /** y = 3·x0 − 2·x1 + 1 on 200 rows; columns x0, x1, y. */
    private static Dataset<Row> line;

    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        spark = MlSpark.session();
        Rng rng = new Rng(7);
        double[][] centres = {{2, 0, 0, 0}, {-2, 2, 0, 0}, {0, -2, 2, 0}};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            rows.add(RowFactory.create(centres[c][0] + 0.5 * rng.nextGaussian(),
                    centres[c][1] + 0.5 * rng.nextGaussian(),
                    centres[c][2] + 0.5 * rng.nextGaussian(),
                    centres[c][3] + 0.5 * rng.nextGaussian(), (double) c));
        }
        StructType schema = new StructType().add("x0", DataTypes.DoubleType)
                .add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
                .add("x3", DataTypes.DoubleType).add("label", DataTypes.DoubleType);
        blobs = new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2", "x3"})
                .setOutputCol("features").transform(spark.createDataFrame(rows, schema))
                .repartition(2).cache();
        List<Row> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            double x0 = rng.nextGaussian();
            double x1 = rng.nextGaussian();
            points.add(RowFactory.create(x0, x1, 3 * x0 - 2 * x1 + 1));
        }
        line = new VectorAssembler().setInputCols(new String[] {"x0", "x1"})
                .setOutputCol("features").transform(spark.createDataFrame(points, new StructType()
                        .add("x0", DataTypes.DoubleType).add("x1", DataTypes.DoubleType)
                        .add("y", DataTypes.DoubleType))).repartition(2).cache();
    }

    private static NeuralNetworkClassifier classifier() {
        // Full-batch: one Spark job per epoch.
        return new NeuralNetworkClassifier().setHiddenLayers(8).setOptimizer("adam")
                .setLearningRate(0.1).setBatchSize(300).setEpochs(15).setBackend("ejml");
    }

    private static double accuracy(Dataset<Row> predictions) {
        return new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(predictions);
    }

    @Test
    void crossValidatorPicksTheGridPointThatTrainsLonger() {
        NeuralNetworkClassifier nn = classifier();
        ParamMap[] grid = new ParamGridBuilder().addGrid(nn.epochs(), new int[] {1, 15}).build();
        CrossValidatorModel cv = new CrossValidator().setEstimator(nn)
                .setEstimatorParamMaps(grid).setEvaluator(new MulticlassClassificationEvaluator()
                        .setMetricName("accuracy")).setNumFolds(2).setSeed(1).fit(blobs);
        double[] metrics = cv.avgMetrics();
        assertEquals(2, metrics.length);
        assertTrue(metrics[1] > metrics[0], "15 epochs " + metrics[1] + " vs 1 epoch "
                + metrics[0]);
        NeuralNetworkClassificationModel best = assertInstanceOf(
                NeuralNetworkClassificationModel.class, cv.bestModel());
        // The grid's value reached the training: the model's provenance records it.
        assertEquals("15", best.savedModel().provenance().hyperparameters().get("epochs"));
        assertTrue(accuracy(best.transform(blobs)) > 0.9);
    }

    @Test
    void theRegressorFitsALineAndSavesAndLoads() throws java.io.IOException {
        NeuralNetworkRegressor nn = new NeuralNetworkRegressor().setLabelCol("y")
                .setHiddenLayers().setOptimizer("sgd").setLearningRate(0.5).setBatchSize(200)
                .setEpochs(20).setBackend("ejml");
        NeuralNetworkRegressionModel model = nn.fit(line);
        Dataset<Row> predicted = model.transform(line);
        double rmse = new RegressionEvaluator().setLabelCol("y").setMetricName("rmse")
                .evaluate(predicted);
        assertTrue(rmse < 0.01, "rmse " + rmse);

        String path = dir.resolve("regressor").toString();
        model.save(path);
        NeuralNetworkRegressionModel loaded = NeuralNetworkRegressionModel.load(path);
        assertEquals("y", nn.getLabelCol());
        assertEquals(model.uid(), loaded.uid());
        assertArrayEquals(predictions(predicted), predictions(loaded.transform(line)));
        SavedModel file = assertDoesLoad(path);
        assertEquals(ModelSpec.MEAN_SQUARED_ERROR, file.spec().loss());
    }

    @Test
    void parameterAveragingInFloat32TrainsAFloat32Model() {
        NeuralNetworkClassificationModel model = classifier().setTrainingMode("parameter-averaging")
                .setBatchSize(50).setEpochs(5).setLocalSteps(3).setOptimizer("sgd").setLearningRate(0.1)
                .setPrecision("f32")
                .fit(blobs);
        assertEquals(Precision.F32, model.savedModel().precision());
        assertEquals("parameter-averaging",
                model.savedModel().provenance().hyperparameters().get("spark_mode"));
        assertTrue(accuracy(model.transform(blobs)) > 0.9);
    }

    @Test
    void aClassifierModelSavesAndLoadsWithItsColumnsAndAnNn4jFile() throws java.io.IOException {
        NeuralNetworkClassificationModel model = classifier().fit(blobs)
                .setProbabilityCol("p");
        String path = dir.resolve("classifier").toString();
        model.write().save(path);
        NeuralNetworkClassificationModel loaded = NeuralNetworkClassificationModel.load(path);
        assertEquals("p", loaded.getProbabilityCol());
        assertEquals(3, loaded.numClasses());
        assertEquals(4, loaded.numFeatures());
        assertArrayEquals(predictions(model.transform(blobs)), predictions(loaded.transform(blobs)));
        SavedModel file = assertDoesLoad(path);
        assertEquals(ModelSpec.SOFTMAX_CROSS_ENTROPY, file.spec().loss());
        // Row by row (Spark's predictRaw / predictProbability) agrees with the batches.
        Row row = model.transform(blobs).select("features", "rawPrediction", "p").first();
        Vector features = (Vector) row.get(0);
        assertArrayEquals(((Vector) row.get(1)).toArray(), model.predictRaw(features).toArray());
        assertArrayEquals(((Vector) row.get(2)).toArray(),
                model.predictProbability(features).toArray(), 1e-15);
    }

    @Test
    void anEstimatorSavesAndLoadsItsParameters() throws java.io.IOException {
        NeuralNetworkClassifier nn = classifier().setHiddenLayers(5, 3).setActivation("tanh")
                .setPrecision("f32").setTrainingMode("parameter-averaging").setLocalSteps(4);
        String path = dir.resolve("estimator").toString();
        nn.save(path);
        NeuralNetworkClassifier loaded = NeuralNetworkClassifier.load(path);
        assertEquals(nn.uid(), loaded.uid());
        assertArrayEquals(new int[] {5, 3}, loaded.getHiddenLayers());
        assertEquals("tanh", loaded.getActivation());
        assertEquals(0.1, loaded.getLearningRate());
        assertEquals("f32", loaded.getPrecision());
        assertEquals(4, loaded.getLocalSteps());
        assertEquals(Double.NaN, new NeuralNetworkClassifier().getLearningRate());
    }

    @Test
    void aMissingColumnIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setFeaturesCol("pixels").fit(blobs));
        assertTrue(e.getMessage().contains("featuresCol 'pixels' is not a column"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setLabelCol("kind").fit(blobs));
        assertTrue(e.getMessage().contains("labelCol 'kind' is not a column"), e.getMessage());
    }

    @Test
    void aLabelThatIsNotAnIndexIsRefused() {
        Dataset<Row> named = blobs.withColumn("name", blobs.col("label").cast("string"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setLabelCol("name").fit(named));
        assertTrue(e.getMessage().contains("labelCol 'name' must be numeric")
                && e.getMessage().contains("StringIndexer"), e.getMessage());
        Dataset<Row> halves = blobs.withColumn("label", blobs.col("label").divide(2));
        e = assertThrows(IllegalArgumentException.class, () -> classifier().fit(halves));
        assertTrue(e.getMessage().contains("labelCol 'label' must hold class indices")
                && e.getMessage().contains("100 of its values are not whole"), e.getMessage());
        Dataset<Row> negative = blobs.withColumn("label", blobs.col("label").minus(1));
        e = assertThrows(IllegalArgumentException.class, () -> classifier().fit(negative));
        assertTrue(e.getMessage().contains("it holds -1.0"), e.getMessage());
    }

    @Test
    void featuresOfTheWrongWidthAreNamed() {
        NeuralNetworkClassificationModel model = classifier().setEpochs(1).fit(blobs);
        // Known from VectorAssembler's metadata: refused on the driver, before any job.
        Dataset<Row> three = new VectorAssembler().setInputCols(new String[] {"x0", "x1", "x2"})
                .setOutputCol("features").transform(blobs.drop("features"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.transform(three));
        assertTrue(e.getMessage().contains("featuresCol 'features' holds vectors of 3 values,"
                + " but the model was trained on 4 features"), e.getMessage());
        // Without metadata: refused by the executor that meets the row.
        List<Row> rows = List.of(RowFactory.create(Vectors.dense(1, 2, 3)));
        Dataset<Row> bare = spark.createDataFrame(rows, new StructType()
                .add("features", SQLDataTypes.VectorType()));
        Exception thrown = assertThrows(Exception.class, () -> model.transform(bare).collect());
        assertTrue(messages(thrown).contains("featuresCol 'features' holds vectors of 3 values,"
                + " but the model was trained on 4 features"), messages(thrown));
    }

    @Test
    void aBadParameterValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setOptimizer("adamx"));
        assertTrue(e.getMessage().contains("optimizer given invalid value adamx"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> classifier().setBackend("no-such-backend").fit(blobs));
        assertTrue(e.getMessage().contains("backend 'no-such-backend'"), e.getMessage());
    }

    private static SavedModel assertDoesLoad(String path) {
        try {
            SavedModel saved = ModelFile.load(Path.of(path, NetworkModelIo.MODEL_FILE));
            saved.predictor(Backends.get("ejml"));
            return saved;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static double[] predictions(Dataset<Row> predicted) {
        return predicted.select("prediction").collectAsList().stream()
                .mapToDouble(r -> r.getDouble(0)).toArray();
    }

    private static String messages(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
