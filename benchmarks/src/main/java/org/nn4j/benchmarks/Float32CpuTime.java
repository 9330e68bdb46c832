package org.nn4j.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.nn4j.api.Backends;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;

/**
 * EJML in float32 against float64, in CPU time of one thread, which a busy machine disturbs
 * less than JMH's wall time: the MLP's step ({@link MlpStepBenchmark}) and its largest
 * product, 128×784 by 784×256 (also on EJML's {@code CommonOps_FDRM}), alternated round by
 * round. Run with {@code -Dnn4j.ejml.concurrentThreshold=9223372036854775807} so that all the
 * work is on the measured thread. Argument: the number of rounds.
 */
public final class Float32CpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Float32CpuTime() {
    }

    /** CPU milliseconds per run of {@code r}, over {@code runs} runs. */
    private static double cpuMillis(Runnable r, int runs) {
        long t0 = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < runs; i++) {
            r.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - t0) / (runs * 1e6);
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        String[] names = {"float32 step", "float64 step", "float32 product", "float64 product",
            "CommonOps_FDRM product"};
        Runnable[] work = new Runnable[names.length];
        for (int i = 0; i < 2; i++) {
            MlpStepBenchmark b = new MlpStepBenchmark();
            b.backend = "ejml";
            b.precision = i == 0 ? "f32" : "f64";
            b.hidden = "256,128";
            b.batch = 128;
            b.setUp();
            work[i] = b::step;
            LinearAlgebra la = Backends.get("ejml").inPrecision(i == 0 ? Precision.F32
                    : Precision.F64).linearAlgebra();
            SplittableRandom random = new SplittableRandom(1);
            Matrix a = la.fromRowMajor(128, 784, random.doubles(128 * 784, -1, 1).toArray());
            Matrix w = la.fromRowMajor(784, 256, random.doubles(784 * 256, -1, 1).toArray());
            Matrix c = la.zeros(128, 256);
            work[2 + i] = () -> la.gemm(1.0, a, false, w, false, 0.0, c);
        }
        FMatrixRMaj fa = new FMatrixRMaj(128, 784);
        FMatrixRMaj fw = new FMatrixRMaj(784, 256);
        FMatrixRMaj fc = new FMatrixRMaj(128, 256);
        work[4] = () -> CommonOps_FDRM.mult(fa, fw, fc);
        for (Runnable r : work) {
            cpuMillis(r, 30); // warm up
        }
        double[] sum = new double[names.length];
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + round + ":");
            for (int o = 0; o < names.length; o++) {
                int i = round % 2 == 0 ? o : names.length - 1 - o;
                double ms = cpuMillis(work[i], 10);
                sum[i] += ms;
                line.append(String.format(" %s %.2f ms;", names[i], ms));
            }
            System.out.println(line);
        }
        double flop = 2.0 * 128 * 784 * 256;
        for (int i = 0; i < names.length; i++) {
            double ms = sum[i] / rounds;
            System.out.printf("%s: %.2f ms%s%n", names[i], ms,
                    i >= 2 ? String.format(" (%.1f GFLOP/s)", flop / ms / 1e6) : "");
        }
        System.out.printf("float32 / float64: step %.3f, product %.3f%n", sum[0] / sum[1],
                sum[2] / sum[3]);
    }
}
