package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * {@code LinearAlgebra} and {@code Loss} are documented thread-safe: here {@value #THREADS}
 * threads, started together, each run a workload of many operations {@value #ROUNDS} times on
 * their own matrices, through the backend's shared {@code LinearAlgebra} and losses, and every
 * result must be bit for bit the one a single thread computed first. A backend that keeps
 * scratch state in a shared object (a buffer, a cached workspace) fails.
 */
interface Concurrency extends ConformanceChecks {

    static final int THREADS = 8;
    static final int ROUNDS = 25;


    /** A workload: a deterministic function of its seed. */
    @FunctionalInterface
    interface Workload {
        double[] run(Backend backend, long seed);
    }

    @Test
    default void linearAlgebraFromManyThreadsGivesTheBitsOfOneThread() throws Exception {
        inParallel("LinearAlgebra", Concurrency::linearAlgebraWorkload);
    }

    @Test
    default void lossesFromManyThreadsGiveTheBitsOfOneThread() throws Exception {
        inParallel("Loss", Concurrency::lossWorkload);
    }

    private void inParallel(String what, Workload workload) throws Exception {
        Backend be = backendUnderTest();
        double[][] expected = new double[THREADS][];
        for (int t = 0; t < THREADS; t++) {
            expected[t] = workload.run(be, t);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    start.await();
                    for (int r = 0; r < ROUNDS; r++) {
                        double[] actual = workload.run(be, seed);
                        String difference = difference(expected[(int) seed], actual);
                        if (difference != null) {
                            return "thread " + seed + ", round " + r + ": " + difference;
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            List<String> problems = new ArrayList<>();
            for (Future<String> f : results) {
                String problem = f.get(120, TimeUnit.SECONDS);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            if (!problems.isEmpty()) {
                fail(what + " from " + THREADS + " threads differs from one thread: " + problems);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String difference(double[] expected, double[] actual) {
        if (expected.length != actual.length) {
            return actual.length + " results but " + expected.length + " expected";
        }
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                return "result " + i + " is " + actual[i] + " but one thread got " + expected[i];
            }
        }
        return null;
    }

    /** Products in every transpose, reductions, element-wise operations and optimizer steps. */
    static double[] linearAlgebraWorkload(Backend be, long seed) {
        LinearAlgebra la = be.linearAlgebra();
        Results out = new Results();
        Matrix a = la.fromRowMajor(48, 40, Oracle.random(seed, 48 * 40));
        Matrix b = la.fromRowMajor(40, 36, Oracle.random(seed + 100, 40 * 36));
        Matrix c = la.zeros(48, 36);
        la.gemm(1.5, a, false, b, false, 0, c);
        out.add(c);
        Matrix at = la.fromRowMajor(40, 48, a.toRowMajor());
        Matrix bt = la.fromRowMajor(36, 40, b.toRowMajor());
        la.gemm(-0.5, at, true, b, false, 1, c);
        out.add(c);
        la.gemm(1, a, false, bt, true, 0.25, c);
        out.add(c);
        la.gemm(2, at, true, bt, true, 0, c);
        out.add(c);
        Matrix sums = la.zeros(1, 36);
        la.columnSums(c, sums);
        out.add(sums);
        out.add(la.sumOfSquares(c));
        Matrix d = la.zeros(48, 36);
        la.addRowVector(c, sums, d);
        la.scale(0.3, d, d);
        la.axpy(-0.7, c, d);
        la.multiplyElements(d, c, d);
        out.add(d);
        Matrix positive = la.addScalar(1, la.sqrt(la.multiplyElements(d, d)));
        out.add(la.divideElements(c, positive));
        for (int i : la.argmaxRows(c)) {
            out.add(i);
        }
        Matrix velocity = la.zeros(48, 36);
        Matrix m1 = la.zeros(48, 36);
        Matrix m2 = la.zeros(48, 36);
        Matrix s = la.zeros(48, 36);
        Matrix p1 = la.copy(d);
        Matrix p2 = la.copy(d);
        Matrix p3 = la.copy(d);
        for (int step = 1; step <= 3; step++) {
            la.momentumStep(0.1, 0.9, 0.01, c, velocity, p1);
            la.adamStep(0.01, 0.9, 0.999, 1e-8, step, c, m1, m2, p2);
            la.rmsPropStep(0.01, 0.9, 1e-6, c, s, p3);
        }
        out.add(p1);
        out.add(p2);
        out.add(p3);
        double[] copied = new double[48 * 36];
        la.copyToRowMajor(p3, copied, 0);
        la.copyFromRowMajor(copied, 0, d);
        out.add(d);
        return out.toArray();
    }

    /** Both losses' values and gradients on logits and targets of the seed. */
    static double[] lossWorkload(Backend be, long seed) {
        LinearAlgebra la = be.linearAlgebra();
        Results out = new Results();
        // Wide rows: a row's intermediate values live long enough for another thread to meet them.
        int rows = 16;
        int cols = 2048;
        Matrix y = la.fromRowMajor(rows, cols, Oracle.random(seed, rows * cols, -5, 5));
        Matrix t = la.fromRowMajor(rows, cols, Operations.softTargets(seed + 1, rows, cols));
        Matrix g = la.zeros(rows, cols);
        for (Loss loss : List.of(be.meanSquaredError(), be.softmaxCrossEntropy())) {
            out.add(loss.value(y, t));
            out.add(loss.valueAndGradient(y, t, g));
            out.add(g);
        }
        return out.toArray();
    }

    /** Results collected in order. */
    final class Results {
        private final List<double[]> parts = new ArrayList<>();

        void add(Matrix m) {
            parts.add(m.toRowMajor());
        }

        void add(double v) {
            parts.add(new double[] {v});
        }

        double[] toArray() {
            int n = parts.stream().mapToInt(p -> p.length).sum();
            double[] all = new double[n];
            int at = 0;
            for (double[] p : parts) {
                System.arraycopy(p, 0, all, at, p.length);
                at += p.length;
            }
            assertEquals(n, at);
            return all;
        }
    }
}
