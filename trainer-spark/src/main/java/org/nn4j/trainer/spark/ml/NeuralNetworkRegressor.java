package org.nn4j.trainer.spark.ml;

import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML regressor that trains an nn4j network data-parallel with
 * {@link org.nn4j.trainer.spark.SparkTraining}: dense hidden layers
 * ({@link #setHiddenLayers}, {@link #setActivation}), one linear output, and mean squared
 * error. Columns as Spark's regressors: {@code featuresCol} (a vector), {@code labelCol} (a
 * finite number) and the model's {@code predictionCol}. The same parameters as
 * {@link NeuralNetworkClassifier}.
 */
public final class NeuralNetworkRegressor extends
        Regressor<Vector, NeuralNetworkRegressor, NeuralNetworkRegressionModel>
        implements NetworkParams<NeuralNetworkRegressor>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NetworkParamSet params;

    /** Creates a regressor with a random uid and the default parameters. */
    public NeuralNetworkRegressor() {
        this(Identifiable.randomUID("nn4jRegressor"));
    }

    /**
     * Creates a regressor with the default parameters.
     *
     * @param uid its uid
     */
    public NeuralNetworkRegressor(String uid) {
        this(PendingUid.hold(uid));
    }

    private NeuralNetworkRegressor(PendingUid.Held held) {
        super();
        this.uid = PendingUid.take();
        this.params = new NetworkParamSet(this);
    }

    @Override
    public String uid() {
        return uid != null ? uid : PendingUid.peek();
    }

    @Override
    public NetworkParamSet networkParamSet() {
        return params;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        String stage = getClass().getSimpleName();
        NetworkColumns.checkLabel(stage, schema, getLabelCol(), false);
        return NeuralNetworkRegressionModel.outputSchema(stage, schema, getFeaturesCol(), -1,
                getPredictionCol());
    }

    @Override
    public NeuralNetworkRegressionModel train(Dataset<?> dataset) {
        return new NeuralNetworkRegressionModel(uid(), NetworkTraining.fit(
                getClass().getSimpleName(), this, dataset, getFeaturesCol(), getLabelCol(), false));
    }

    @Override
    public NeuralNetworkRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Returns a reader of saved regressors (Spark ML's {@code MLReadable}).
     *
     * @return the reader
     */
    public static MLReader<NeuralNetworkRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a regressor saved with {@code save(path)}.
     *
     * @param path its directory
     * @return the regressor
     */
    public static NeuralNetworkRegressor load(String path) {
        return read().load(path);
    }
}
