package org.nn4j.trainer.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The Spark ML tests' session, on the module's one {@code local[2]} context
 * ({@link LocalSpark}), with 4 shuffle partitions instead of Spark SQL's 200 (the tests'
 * aggregations are tiny; 200 tasks each would cost seconds).
 */
public final class MlSpark {

    private MlSpark() {
    }

    /** Returns the session, creating the context if no test did yet. */
    public static synchronized SparkSession session() {
        LocalSpark.context();
        SparkSession session = SparkSession.builder().getOrCreate();
        session.conf().set("spark.sql.shuffle.partitions", "4");
        return session;
    }
}
