package org.nn4j.trainer.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * One {@code local[2]} Spark context for every test class of this module (surefire runs them
 * in one JVM): starting one costs about 2.5 s, a job about 20 ms. Spark stops it at exit.
 * Its master is {@code local[2,4]}: two threads, and a failed task is tried up to four times,
 * as on a cluster ({@code spark.task.maxFailures}), so {@link FaultInjectionTest} can fail
 * tasks on purpose.
 */
final class LocalSpark {

    private static JavaSparkContext context;

    private LocalSpark() {
    }

    static synchronized JavaSparkContext context() {
        if (context == null) {
            SparkConf conf = new SparkConf().setMaster("local[2,4]").setAppName("nn4j-trainer-spark-tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1");
            context = new JavaSparkContext(conf);
        }
        return context;
    }
}
