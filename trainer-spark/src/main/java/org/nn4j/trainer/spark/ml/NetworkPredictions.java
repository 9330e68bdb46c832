package org.nn4j.trainer.spark.ml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.nn4j.trainer.model.Predictor;

/**
 * {@code transform} for both models: each partition is cut into batches of
 * {@link Predictor#MAX_ROWS_PER_PASS} rows, each batch is one forward pass of the executor's
 * predictor ({@link NetworkPayload#predictor()}), and every row gets the output columns, in
 * the order the models' {@code transformSchema} appends them: raw prediction, probability,
 * prediction (the first two for a classifier only, each unless its name is empty).
 */
final class NetworkPredictions {

    private NetworkPredictions() {
    }

    /** Which columns a transform adds, and how a prediction is chosen. */
    record Outputs(boolean classifier, boolean raw, boolean probability, boolean prediction,
                   double[] thresholds) implements java.io.Serializable {
    }

    static Dataset<Row> transform(String stage, Dataset<?> dataset, StructType out,
                                  Broadcast<NetworkPayload> model, String featuresCol,
                                  Outputs outputs) {
        Dataset<Row> df = dataset.toDF();
        int featuresIndex = df.schema().fieldIndex(featuresCol);
        JavaRDD<Row> rows = df.javaRDD().mapPartitions(new PredictPartition(stage, model,
                featuresIndex, featuresCol, outputs));
        return df.sparkSession().createDataFrame(rows, out);
    }

    /** The softmax of raw outputs, in place, with the largest subtracted first. */
    static void softmaxInPlace(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        double sum = 0.0;
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(values[i] - max);
            sum += values[i];
        }
        for (int i = 0; i < values.length; i++) {
            values[i] /= sum;
        }
    }

    /** The predicted class: the largest probability, or of probability / threshold. */
    static double predictClass(double[] probability, double[] thresholds) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < probability.length; i++) {
            double score = thresholds == null ? probability[i]
                    : thresholds[i] == 0.0 ? Double.POSITIVE_INFINITY
                    : probability[i] / thresholds[i];
            if (score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    /** One partition's predictions, batch by batch, as the rows are consumed. */
    private static final class PredictPartition implements FlatMapFunction<Iterator<Row>, Row> {
        private static final long serialVersionUID = 1L;
        private final String stage;
        private final Broadcast<NetworkPayload> model;
        private final int featuresIndex;
        private final String featuresCol;
        private final Outputs outputs;

        PredictPartition(String stage, Broadcast<NetworkPayload> model, int featuresIndex,
                         String featuresCol, Outputs outputs) {
            this.stage = stage;
            this.model = model;
            this.featuresIndex = featuresIndex;
            this.featuresCol = featuresCol;
            this.outputs = outputs;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            Predictor predictor = model.value().predictor();
            return new Iterator<>() {
                private final ArrayDeque<Row> ready = new ArrayDeque<>();

                @Override
                public boolean hasNext() {
                    if (ready.isEmpty() && rows.hasNext()) {
                        predictBatch(predictor, rows, ready);
                    }
                    return !ready.isEmpty();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return ready.poll();
                }
            };
        }

        private void predictBatch(Predictor predictor, Iterator<Row> rows, ArrayDeque<Row> ready) {
            int width = predictor.inputSize();
            List<Row> batch = new ArrayList<>();
            double[] features = new double[Predictor.MAX_ROWS_PER_PASS * width];
            while (batch.size() < Predictor.MAX_ROWS_PER_PASS && rows.hasNext()) {
                Row row = rows.next();
                Vector v = row.isNullAt(featuresIndex) ? null : row.getAs(featuresIndex);
                if (v == null) {
                    throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                            + "' is null in a row");
                }
                if (v.size() != width) {
                    throw NetworkColumns.wrongWidth(stage, featuresCol, v.size(), width);
                }
                System.arraycopy(v.toArray(), 0, features, batch.size() * width, width);
                batch.add(row);
            }
            int n = batch.size();
            double[] raw;
            try {
                raw = predictor.predict(n == Predictor.MAX_ROWS_PER_PASS ? features
                        : java.util.Arrays.copyOf(features, n * width), n);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(stage + ": featuresCol '" + featuresCol
                        + "': " + e.getMessage(), e);
            }
            int k = predictor.outputSize();
            for (int r = 0; r < n; r++) {
                ready.add(withOutputs(batch.get(r), java.util.Arrays.copyOfRange(raw, r * k,
                        (r + 1) * k)));
            }
        }

        private Row withOutputs(Row row, double[] raw) {
            List<Object> values = new ArrayList<>(row.size() + 3);
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i));
            }
            if (!outputs.classifier()) {
                if (outputs.prediction()) {
                    values.add(raw[0]);
                }
                return RowFactory.create(values.toArray());
            }
            if (outputs.raw()) {
                values.add(Vectors.dense(raw.clone()));
            }
            double[] probability = raw;
            softmaxInPlace(probability);
            if (outputs.probability()) {
                values.add(Vectors.dense(probability));
            }
            if (outputs.prediction()) {
                values.add(predictClass(probability, outputs.thresholds()));
            }
            return RowFactory.create(values.toArray());
        }
    }
}
