package org.nn4j.trainer.spark.ml;

import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nn4j.trainer.io.SavedModel;

/**
 * A classifier fitted by {@link NeuralNetworkClassifier}: a Spark ML Transformer that adds
 * {@code rawPredictionCol} (the network's logits), {@code probabilityCol} (their softmax)
 * and {@code predictionCol} (the class: the largest probability, or the largest ratio of
 * probability to threshold when {@code thresholds} are set). Each is left out when its
 * name is set to empty.
 *
 * <p>{@code transform} predicts on the executors: the network travels once as a broadcast,
 * each executor builds one thread-safe nn4j {@code Predictor} from it and shares it between
 * its tasks, and each partition is predicted in batches of up to 1,000 rows.
 *
 * <p>{@code save(path)} writes Spark ML's {@code metadata/} and the nn4j model file
 * {@code path/data/model.npz}, which {@code nn4j evaluate --model} and
 * {@code ModelFile.load} read; {@link #load(String)} reads both back.
 */
public final class NeuralNetworkClassificationModel extends
        ProbabilisticClassificationModel<Vector, NeuralNetworkClassificationModel>
        implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainedNetwork network;

    NeuralNetworkClassificationModel(String uid, SavedModel saved) {
        this(PendingUid.hold(uid), new TrainedNetwork(saved));
    }

    private NeuralNetworkClassificationModel(String uid, TrainedNetwork network) {
        this(PendingUid.hold(uid), network);
    }

    private NeuralNetworkClassificationModel(PendingUid.Held held, TrainedNetwork network) {
        super();
        this.uid = PendingUid.take();
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.peek();
    }

    /**
     * Returns the network as its model file holds it: architecture, parameters, precision and
     * provenance; {@code savedModel().predictor(backend)} predicts without Spark.
     *
     * @return the model, on no backend
     */
    public SavedModel savedModel() {
        return network.saved();
    }

    @Override
    public int numClasses() {
        return network.payload().outputs();
    }

    @Override
    public int numFeatures() {
        return network.payload().inputs();
    }

    @Override
    public Vector predictRaw(Vector features) {
        if (features.size() != numFeatures()) {
            throw NetworkColumns.wrongWidth(getClass().getSimpleName(), getFeaturesCol(),
                    features.size(), numFeatures());
        }
        return Vectors.dense(network.payload().predictor().predict(features.toArray()));
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        if (!(rawPrediction instanceof DenseVector dense)) {
            throw new IllegalArgumentException("raw predictions are dense vectors, got a "
                    + rawPrediction.getClass().getSimpleName());
        }
        NetworkPredictions.softmaxInPlace(dense.values());
        return dense;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(getClass().getSimpleName(), schema, getFeaturesCol(), numFeatures(),
                getRawPredictionCol(), getProbabilityCol(), getPredictionCol());
    }

    /** Checks the features column and appends raw prediction, probability, prediction. */
    static StructType outputSchema(String stage, StructType schema, String featuresCol,
                                   int width, String rawCol, String probabilityCol,
                                   String predictionCol) {
        NetworkColumns.checkFeatures(stage, schema, featuresCol, width);
        StructType out = NetworkColumns.appendVector(stage, schema, "rawPredictionCol", rawCol);
        out = NetworkColumns.appendVector(stage, out, "probabilityCol", probabilityCol);
        return NetworkColumns.appendDouble(stage, out, "predictionCol", predictionCol);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema(), true);
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        if (thresholds != null && thresholds.length != numClasses()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": thresholds has "
                    + thresholds.length + " values but the model has " + numClasses()
                    + " classes");
        }
        return NetworkPredictions.transform(getClass().getSimpleName(), dataset, out,
                network.broadcast(dataset.sparkSession().sparkContext()), getFeaturesCol(),
                new NetworkPredictions.Outputs(true, !getRawPredictionCol().isEmpty(),
                        !getProbabilityCol().isEmpty(), !getPredictionCol().isEmpty(),
                        thresholds));
    }

    @Override
    public NeuralNetworkClassificationModel copy(ParamMap extra) {
        return copyValues(new NeuralNetworkClassificationModel(uid, network), extra)
                .setParent(parent());
    }

    /**
     * Spark's own, from {@code ProbabilisticClassificationModel}: declared again only because
     * Java sees its two inherited declarations (Scala narrowed the return type) as a clash.
     */
    @Override
    @SuppressWarnings("rawtypes")
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    @Override
    public MLWriter write() {
        return new NetworkModelIo.Writer(this, network.saved());
    }

    /**
     * Returns a reader of saved models (Spark ML's {@code MLReadable}).
     *
     * @return the reader
     */
    public static MLReader<NeuralNetworkClassificationModel> read() {
        return new NetworkModelIo.Reader<>(NeuralNetworkClassificationModel.class,
                NeuralNetworkClassificationModel::new);
    }

    /**
     * Loads a model saved with {@code save(path)}.
     *
     * @param path its directory
     * @return the model
     */
    public static NeuralNetworkClassificationModel load(String path) {
        return read().load(path);
    }
}
