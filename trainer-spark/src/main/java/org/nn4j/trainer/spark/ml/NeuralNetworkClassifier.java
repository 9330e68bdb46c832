package org.nn4j.trainer.spark.ml;

import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML classifier that trains an nn4j network data-parallel with
 * {@link org.nn4j.trainer.spark.SparkTraining}: dense hidden layers
 * ({@link #setHiddenLayers}, {@link #setActivation}), a softmax output with one unit per
 * class, and softmax cross-entropy.
 *
 * <p>Columns as Spark's probabilistic classifiers: {@code featuresCol} (a vector, such as
 * VectorAssembler makes; default {@code features}), {@code labelCol} (class indices 0, 1, 2,
 * ..., such as StringIndexer makes; default {@code label}), and the model's outputs
 * {@code rawPredictionCol} (the logits), {@code probabilityCol} (their softmax) and
 * {@code predictionCol} (the class). The number of classes is the label column's metadata's
 * (StringIndexer's), else its largest value plus one.
 *
 * <p>Each partition of the data set becomes one block of training rows that stays where it
 * is; repartition the data to about the executors' cores first, and shuffle it if it is
 * sorted by class.
 */
public final class NeuralNetworkClassifier extends
        ProbabilisticClassifier<Vector, NeuralNetworkClassifier, NeuralNetworkClassificationModel>
        implements NetworkParams<NeuralNetworkClassifier>, DefaultParamsWritable {

    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NetworkParamSet params;

    /** Creates a classifier with a random uid and the default parameters. */
    public NeuralNetworkClassifier() {
        this(Identifiable.randomUID("nn4jClassifier"));
    }

    /**
     * Creates a classifier with the default parameters.
     *
     * @param uid its uid
     */
    public NeuralNetworkClassifier(String uid) {
        this(PendingUid.hold(uid));
    }

    private NeuralNetworkClassifier(PendingUid.Held held) {
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
        NetworkColumns.checkLabel(stage, schema, getLabelCol(), true);
        return NeuralNetworkClassificationModel.outputSchema(stage, schema, getFeaturesCol(), -1,
                getRawPredictionCol(), getProbabilityCol(), getPredictionCol());
    }

    @Override
    public NeuralNetworkClassificationModel train(Dataset<?> dataset) {
        return new NeuralNetworkClassificationModel(uid(), NetworkTraining.fit(
                getClass().getSimpleName(), this, dataset, getFeaturesCol(), getLabelCol(), true));
    }

    @Override
    public NeuralNetworkClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /**
     * Returns a reader of saved classifiers (Spark ML's {@code MLReadable}).
     *
     * @return the reader
     */
    public static MLReader<NeuralNetworkClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /**
     * Loads a classifier saved with {@code save(path)}.
     *
     * @param path its directory
     * @return the classifier
     */
    public static NeuralNetworkClassifier load(String path) {
        return read().load(path);
    }
}
