package org.nn4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.spark.SparkTraining;

/**
 * {@code nn4j fashion-mnist --spark MASTER}: the Spark side of the command, in a class of its
 * own so that Spark's classes are loaded only when the option is given (Spark is not in the
 * command's distribution; the launcher adds it to the class path, see README).
 */
final class SparkFitting implements AutoCloseable {

    private final JavaSparkContext sc;

    private SparkFitting(JavaSparkContext sc) {
        this.sc = sc;
    }

    /**
     * Starts a Spark context. Settings from {@code -Dspark.*} system properties apply. For a
     * master that is not {@code local}, the executors need nn4j's jars: unless
     * {@code spark.jars} or {@code spark.executor.extraClassPath} is set, the command's own
     * distribution (its jar and {@code lib/}) is shipped with the job.
     *
     * @param master a Spark master URL, such as {@code local[2]} or {@code spark://host:7077}
     * @return the running context
     */
    static SparkFitting start(String master) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("nn4j fashion-mnist");
        if (!conf.contains("spark.ui.enabled")) {
            conf.set("spark.ui.enabled", "false");
        }
        if (!master.startsWith("local") && !conf.contains("spark.jars")
                && !conf.contains("spark.executor.extraClassPath")) {
            List<String> jars = distributionJars();
            if (!jars.isEmpty()) {
                conf.setJars(jars.toArray(String[]::new));
            }
        }
        return new SparkFitting(new JavaSparkContext(conf));
    }

    /** Returns the number of partitions the training data is cut into. */
    int partitions() {
        return sc.defaultParallelism();
    }

    /** Returns synchronous mini-batch SGD with the driver-side optimizer. */
    SparkTraining synchronous(Sequential model, Optimizer optimizer) {
        return SparkTraining.synchronous(sc, model, optimizer);
    }

    /** Returns parameter averaging with a local optimizer. */
    SparkTraining averaging(Sequential model, Optimizer local, int localSteps) {
        return SparkTraining.parameterAveraging(sc, model, local, localSteps);
    }

    @Override
    public void close() {
        sc.stop();
    }

    /** The command's jar and the jars of its {@code lib/} directory, if it runs from them. */
    private static List<String> distributionJars() {
        List<String> jars = new ArrayList<>();
        try {
            Path self = Path.of(SparkFitting.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            if (!self.toString().endsWith(".jar")) {
                return jars;
            }
            jars.add(self.toString());
            Path lib = self.resolveSibling("lib");
            if (Files.isDirectory(lib)) {
                try (Stream<Path> files = Files.list(lib)) {
                    files.filter(f -> f.toString().endsWith(".jar")).sorted()
                            .forEach(f -> jars.add(f.toString()));
                }
            }
        } catch (URISyntaxException | java.io.IOException | SecurityException e) {
            return List.of();
        }
        return jars;
    }

}
