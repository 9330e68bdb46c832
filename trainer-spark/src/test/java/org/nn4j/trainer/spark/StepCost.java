package org.nn4j.trainer.spark;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.nn4j.api.Activation;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.optim.Adam;

/**
 * Measures what one synchronous step costs on a master, for 784-h-10 ReLU networks of a few
 * sizes: wall time per step, and, from Spark's task metrics (a listener), the bytes the tasks
 * sent back (result sizes) and shuffled, and the tasks' run time. Not a test: run by hand,
 * docs/spark.md has the commands and the numbers.
 *
 * <pre>
 * java $FLAGS -cp CP org.nn4j.trainer.spark.StepCost 'local[2]' [executor class path]
 * </pre>
 *
 * Each line: hidden units, parameters P, 8P bytes, rows per step (-Drows, default 256, over 2
 * partitions), steps (-Dsteps, default 12), ms per step of one machine (the same gradient
 * and Adam step in the driver's JVM, median), ms per Spark step (the median gap between consecutive
 * steps' ends, after two warm-up steps), result bytes per step (the tasks' serialised
 * results), shuffle bytes per step, task run time per step (summed over tasks), tasks per
 * step. -Dhidden=16,128,1024,4096 chooses the sizes.
 */
public final class StepCost {

    private StepCost() {
    }

    /** Adds up the metrics of every task that ends. */
    static final class Totals extends SparkListener {
        final AtomicLong tasks = new AtomicLong();
        final AtomicLong resultBytes = new AtomicLong();
        final AtomicLong shuffleBytes = new AtomicLong();
        final AtomicLong runMillis = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            TaskMetrics m = end.taskMetrics();
            if (m == null) {
                return;
            }
            tasks.incrementAndGet();
            resultBytes.addAndGet(m.resultSize());
            shuffleBytes.addAndGet(m.shuffleWriteMetrics().bytesWritten());
            runMillis.addAndGet(m.executorRunTime());
        }

        void reset() {
            tasks.set(0);
            resultBytes.set(0);
            shuffleBytes.set(0);
            runMillis.set(0);
        }
    }

    /**
     * Runs the measurement.
     *
     * @param args the master, and optionally the executors' class path (for a cluster)
     * @throws InterruptedException if interrupted while waiting for the listener
     */
    public static void main(String[] args) throws InterruptedException {
        SparkConf conf = new SparkConf().setMaster(args[0]).setAppName("nn4j step cost")
                .set("spark.ui.enabled", "false");
        if (args.length > 1) {
            conf.set("spark.executor.extraClassPath", args[1]).set("spark.executor.memory", "512m")
                    .set("spark.executor.cores", "1").set("spark.cores.max", "2");
        }
        int steps = Integer.getInteger("steps", 12);
        int rows = Integer.getInteger("rows", 256);
        JavaSparkContext sc = new JavaSparkContext(conf);
        Totals totals = new Totals();
        sc.sc().addSparkListener(totals);
        Rng rng = new Rng(1);
        int n = rows * steps;
        double[] x = new double[n * 784];
        double[] t = new double[n * 10];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) {
                x[i * 784 + j] = rng.nextDouble();
            }
            t[i * 10 + rng.nextInt(10)] = 1.0;
        }
        JavaRDD<DataBlock> blocks = DataBlocks.fromDataSet(sc, new DataSet(n, 784, 10, x, t), 2);
        System.out.println("master " + args[0] + ", " + sc.defaultParallelism() + " cores, "
                + "2 partitions, load average " + loadAverage());
        System.out.println("hidden P 8P_bytes rows_per_step steps one_machine_ms ms_per_step result_bytes"
                + " shuffle_bytes task_ms tasks");
        for (String h : System.getProperty("hidden", "16,128,1024,4096").split(",")) {
            int hidden = Integer.parseInt(h);
            ModelSpec spec = Sequential.builder(Backends.get("ejml")).input(784).dense(hidden)
                    .activation(Activation.relu()).dense(10).softmaxCrossEntropy().spec();
            Sequential model = spec.build(Backends.get("ejml"), new Rng(2));
            long p = spec.parameterCount();
            // Warm-up: two steps, so every executor thread has built its model.
            SparkTraining.synchronous(sc, model, Adam.builder().learningRate(1e-3).build())
                    .batchSize(n / 2).fit(blocks, null, new Rng(3));
            Thread.sleep(1000);
            totals.reset();
            long[] ends = new long[steps];
            SparkTraining.synchronous(sc, model, Adam.builder().learningRate(1e-3).build())
                    .batchSize(rows).listener(new EpochListener() {
                        @Override
                        public void onBatch(int epoch, int batch, int batches, double loss) {
                            ends[batch - 1] = System.nanoTime();
                        }
                    }).fit(blocks, null, new Rng(4));
            Thread.sleep(1000);   // let the listener bus deliver the last tasks' ends
            long[] gaps = new long[steps - 1];
            for (int k = 1; k < steps; k++) {
                gaps[k - 1] = ends[k] - ends[k - 1];
            }
            java.util.Arrays.sort(gaps);
            // The same step on one machine, in this JVM: gradient of `rows` rows and Adam.
            org.nn4j.api.LinearAlgebra la = model.backend().linearAlgebra();
            org.nn4j.api.Matrix xs = la.fromRowMajor(rows, 784, java.util.Arrays.copyOf(x, rows * 784));
            org.nn4j.api.Matrix ts = la.fromRowMajor(rows, 10, java.util.Arrays.copyOf(t, rows * 10));
            Adam adam = Adam.builder().learningRate(1e-3).build();
            long[] local = new long[steps];
            for (int k = 0; k < steps; k++) {
                long started = System.nanoTime();
                model.computeGradients(xs, ts);
                adam.step(la, model.parameters());
                local[k] = System.nanoTime() - started;
            }
            java.util.Arrays.sort(local);
            // The fit's one other job (the blocks' shapes: a few hundred bytes) is counted in.
            System.out.printf(Locale.ROOT, "%d %d %d %d %d %.1f %.1f %d %d %.1f %.1f%n", hidden,
                    p, 8 * p, rows, steps, local[steps / 2] / 1e6, gaps[gaps.length / 2] / 1e6,
                    totals.resultBytes.get() / steps, totals.shuffleBytes.get() / steps,
                    (double) totals.runMillis.get() / steps, (double) totals.tasks.get() / steps);
        }
        blocks.unpersist(false);
        sc.stop();
    }

    private static String loadAverage() {
        return String.format(Locale.ROOT, "%.1f", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
