package org.nn4j.trainer.spark.ml;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.nn4j.trainer.io.SavedModel;

/**
 * What a fitted model holds: the network as its file holds it (on the driver), the payload
 * the executors predict with, and that payload's broadcast, made on the first
 * {@code transform} and reused by the next ones (Spark's cleaner removes it once the model
 * is garbage).
 */
final class TrainedNetwork implements Serializable {

    private static final long serialVersionUID = 1L;

    private final transient SavedModel saved;
    private final NetworkPayload payload;
    private transient Broadcast<NetworkPayload> broadcast;
    private transient SparkContext broadcastContext;

    TrainedNetwork(SavedModel saved) {
        this.saved = saved;
        this.payload = new NetworkPayload(saved);
    }

    /** The model as its file holds it; null in a copy deserialised on an executor. */
    SavedModel saved() {
        return saved;
    }

    NetworkPayload payload() {
        return payload;
    }

    synchronized Broadcast<NetworkPayload> broadcast(SparkContext sc) {
        if (broadcast == null || broadcastContext != sc) {
            broadcast = JavaSparkContext.fromSparkContext(sc).broadcast(payload);
            broadcastContext = sc;
        }
        return broadcast;
    }
}
