package org.nn4j.trainer.spark;

import org.apache.spark.api.java.function.Function2;

/**
 * {@code treeAggregate}'s combine: adds two partial sums. The empty array is the zero (so the
 * zero value shipped with every task costs nothing, whatever the model's size).
 */
final class VectorSum implements Function2<double[], double[], double[]> {

    private static final long serialVersionUID = 1L;

    @Override
    public double[] call(double[] a, double[] b) {
        if (a.length == 0) {
            return b;
        }
        if (b.length == 0) {
            return a;
        }
        if (a.length != b.length) {
            throw new IllegalStateException("partial sums of " + a.length + " and " + b.length
                    + " values cannot be added");
        }
        for (int i = 0; i < a.length; i++) {
            a[i] += b[i];
        }
        return a;
    }
}
