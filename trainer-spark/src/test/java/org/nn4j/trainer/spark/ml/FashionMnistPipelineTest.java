package org.nn4j.trainer.spark.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.data.FashionMnistTestData;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.spark.MlSpark;

/**
 * The acceptance test of the Spark ML integration: a Pipeline of StringIndexer (class names
 * to label indices), VectorAssembler (the image's pixels to the features), StandardScaler and
 * {@link NeuralNetworkClassifier} on {@code local[2]}, on the checked-in Fashion-MNIST subset
 * (2,000 training and 1,000 test images), with the settings and the floor of
 * FashionMnistOnSparkTest's synchronous run (784-64-10 ReLU, Adam 1e-3, batch 100, 2 epochs:
 * floor 0.66); then saved, loaded, and applied again.
 */
class FashionMnistPipelineTest {

    /** FashionMnistOnSparkTest.OnTheSubset.SYNCHRONOUS_FLOOR: the same network and training. */
    static final double FLOOR = 0.66;

    @TempDir
    Path dir;

    /**
     * A data set as a table: "image" (its 784 pixels, a vector) and "class" (the class's name),
     * checkpointed on the executors: a table made from a driver-side list would otherwise
     * ship its rows inside every task of every training job.
     */
    static Dataset<Row> table(SparkSession spark, DataSet data) {
        int n = data.size();
        int width = data.featureCount();
        double[] xs = data.copyOfFeatures();
        double[] ts = data.copyOfTargets();
        int classes = data.targetCount();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int label = 0;
            for (int c = 1; c < classes; c++) {
                if (ts[i * classes + c] > ts[i * classes + label]) {
                    label = c;
                }
            }
            rows.add(RowFactory.create(Vectors.dense(Arrays.copyOfRange(xs, i * width,
                    (i + 1) * width)), FashionMnist.CLASS_NAMES.get(label)));
        }
        StructType schema = new StructType().add("image", SQLDataTypes.VectorType())
                .add("class", DataTypes.StringType);
        return spark.createDataFrame(rows, schema).localCheckpoint();
    }

    /** docs/spark.md's Spark ML block (examples' DocSnippetsTest checks it is this code). */
    static PipelineModel pipelineExample(Dataset<Row> train, Dataset<Row> test, String path)
            throws IOException {
        NeuralNetworkClassifier nn4j = new NeuralNetworkClassifier()   // an Estimator with Spark ML Params
                .setHiddenLayers(64).setActivation("relu")
                .setOptimizer("adam").setLearningRate(1e-3)
                .setEpochs(2).setBatchSize(100).setSeed(0).setBackend("ejml");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new StringIndexer().setInputCol("class").setOutputCol("label"),         // names to 0, 1, 2, ...
            new VectorAssembler().setInputCols(new String[] {"image"}).setOutputCol("pixels"),
            new StandardScaler().setInputCol("pixels").setOutputCol("features")
                    .setWithMean(true).setWithStd(true),
            nn4j});
        PipelineModel fitted = pipeline.fit(train);
        Dataset<Row> predicted = fitted.transform(test);   // adds rawPrediction, probability, prediction
        fitted.write().overwrite().save(path);               // path/stages/3_*/data/model.npz: an nn4j model file
        PipelineModel loaded = PipelineModel.load(path);
        return fitted;
    }

    @Test
    void aPipelineReachesTheFloorAndPredictsTheSameAfterSavingAndLoading() throws IOException {
        SparkSession spark = MlSpark.session();
        FashionMnist data = FashionMnist.load(FashionMnistTestData.subset());
        Dataset<Row> train = table(spark, data.train());
        Dataset<Row> test = table(spark, data.test());
        String path = dir.resolve("pipeline").toString();
        PipelineModel fitted = pipelineExample(train, test, path);

        int builtBefore = NetworkPayload.PREDICTORS_BUILT.get();
        Dataset<Row> predicted = fitted.transform(test).select("label", "prediction",
                "probability", "rawPrediction").cache();
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy")
                .evaluate(predicted);
        // One predictor per executor JVM (here one JVM, two partitions), not one per row.
        int built = NetworkPayload.PREDICTORS_BUILT.get() - builtBefore;
        assertTrue(built >= 1 && built <= 2, built + " predictors built for 1,000 rows");
        assertTrue(accuracy >= FLOOR, "test accuracy " + accuracy + " is below the floor " + FLOOR);

        PipelineModel loaded = PipelineModel.load(path);
        List<Row> before = predicted.collectAsList();
        List<Row> after = loaded.transform(test).select("label", "prediction", "probability",
                "rawPrediction").collectAsList();
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            assertEquals(before.get(i).getDouble(1), after.get(i).getDouble(1), "row " + i);
            assertArrayEquals(((Vector) before.get(i).get(2)).toArray(),
                    ((Vector) after.get(i).get(2)).toArray(), "row " + i);
        }

        // The stage's directory holds an nn4j model file, which predicts what the stage does.
        NeuralNetworkClassificationModel stage = (NeuralNetworkClassificationModel) loaded.stages()[3];
        Path file;
        try (var stages = Files.list(Path.of(path, "stages"))) {
            file = stages.filter(p -> p.getFileName().toString().startsWith("3_")).findFirst()
                    .orElseThrow().resolve(NetworkModelIo.MODEL_FILE);
        }
        Predictor fromFile = ModelFile.load(file).predictor(Backends.get("ejml"));
        assertEquals(FashionMnist.PIXELS, fromFile.inputSize());
        assertEquals(FashionMnist.CLASSES, fromFile.outputSize());
        Row first = fitted.transform(test).select("features", "rawPrediction").first();
        assertArrayEquals(((Vector) first.get(1)).toArray(),
                fromFile.predict(((Vector) first.get(0)).toArray()));
        assertEquals(stage.uid(), fitted.stages()[3].uid());
        predicted.unpersist();
    }
}
