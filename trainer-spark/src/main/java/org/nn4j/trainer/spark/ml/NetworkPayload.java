package org.nn4j.trainer.spark.ml;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.trainer.io.Provenance;
import org.nn4j.trainer.io.SavedModel;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Predictor;

/**
 * A trained network as the executors receive it (in one broadcast per model): its
 * specification, parameters, precision and the backend's name. It builds its
 * {@link Predictor} lazily, once per JVM that holds it: Spark deserialises a broadcast value
 * once per executor and shares it between that executor's tasks, and a predictor is
 * thread-safe, so an executor predicts with one predictor whatever the number of partitions
 * and rows.
 */
final class NetworkPayload implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Predictors built in this JVM, for tests that check there is one per JVM, not per row. */
    static final AtomicInteger PREDICTORS_BUILT = new AtomicInteger();

    private final ModelSpec spec;
    private final Precision precision;
    private final double[][] parameters;
    private final String backend;
    private transient volatile Predictor predictor;

    NetworkPayload(SavedModel saved) {
        this.spec = saved.spec();
        this.precision = saved.precision();
        this.parameters = saved.parameters().toArray(new double[0][]);
        this.backend = saved.provenance().backend();
    }

    int inputs() {
        return spec.inputSize();
    }

    int outputs() {
        return spec.outputSize();
    }

    /** Returns this JVM's predictor for the network, building it on first use. */
    Predictor predictor() {
        Predictor p = predictor;
        if (p == null) {
            synchronized (this) {
                p = predictor;
                if (p == null) {
                    SavedModel saved = new SavedModel(spec, Provenance.now(backend, 0L,
                            NetworkTraining.DATA_SET, Map.of()), Arrays.asList(parameters),
                            precision);
                    p = saved.predictor(Backends.get(backend));
                    predictor = p;
                    PREDICTORS_BUILT.incrementAndGet();
                }
            }
        }
        return p;
    }

    /** The parameters, for tests. */
    List<double[]> parameters() {
        return Arrays.asList(parameters);
    }
}
