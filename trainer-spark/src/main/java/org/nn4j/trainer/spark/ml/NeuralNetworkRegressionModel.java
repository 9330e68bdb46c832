package org.nn4j.trainer.spark.ml;

import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.nn4j.trainer.io.SavedModel;

/**
 * A regressor fitted by {@link NeuralNetworkRegressor}: a Spark ML Transformer that adds
 * {@code predictionCol}, the network's output. It predicts, saves and loads as
 * {@link NeuralNetworkClassificationModel} does (one predictor per executor; Spark ML's
 * {@code metadata/} and the nn4j model file {@code path/data/model.npz}).
 */
public final class NeuralNetworkRegressionModel extends
        RegressionModel<Vector, NeuralNetworkRegressionModel> implements MLWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainedNetwork network;

    NeuralNetworkRegressionModel(String uid, SavedModel saved) {
        this(PendingUid.hold(uid), new TrainedNetwork(saved));
    }

    private NeuralNetworkRegressionModel(String uid, TrainedNetwork network) {
        this(PendingUid.hold(uid), network);
    }

    private NeuralNetworkRegressionModel(PendingUid.Held held, TrainedNetwork network) {
        super();
        this.uid = PendingUid.take();
        this.network = network;
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.peek();
    }

    /**
     * Returns the network as its model file holds it.
     *
     * @return the model, on no backend
     */
    public SavedModel savedModel() {
        return network.saved();
    }

    @Override
    public int numFeatures() {
        return network.payload().inputs();
    }

    @Override
    public double predict(Vector features) {
        if (features.size() != numFeatures()) {
            throw NetworkColumns.wrongWidth(getClass().getSimpleName(), getFeaturesCol(),
                    features.size(), numFeatures());
        }
        return network.payload().predictor().predict(features.toArray())[0];
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(getClass().getSimpleName(), schema, getFeaturesCol(), numFeatures(),
                getPredictionCol());
    }

    /** Checks the features column and appends the prediction. */
    static StructType outputSchema(String stage, StructType schema, String featuresCol,
                                   int width, String predictionCol) {
        NetworkColumns.checkFeatures(stage, schema, featuresCol, width);
        return NetworkColumns.appendDouble(stage, schema, "predictionCol", predictionCol);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema(), true);
        return NetworkPredictions.transform(getClass().getSimpleName(), dataset, out,
                network.broadcast(dataset.sparkSession().sparkContext()), getFeaturesCol(),
                new NetworkPredictions.Outputs(false, false, false, !getPredictionCol().isEmpty(),
                        null));
    }

    @Override
    public NeuralNetworkRegressionModel copy(ParamMap extra) {
        return copyValues(new NeuralNetworkRegressionModel(uid, network), extra)
                .setParent(parent());
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
    public static MLReader<NeuralNetworkRegressionModel> read() {
        return new NetworkModelIo.Reader<>(NeuralNetworkRegressionModel.class,
                NeuralNetworkRegressionModel::new);
    }

    /**
     * Loads a model saved with {@code save(path)}.
     *
     * @param path its directory
     * @return the model
     */
    public static NeuralNetworkRegressionModel load(String path) {
        return read().load(path);
    }
}
