package org.nn4j.examples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Sequential;

/**
 * Serving a saved model from several threads. A {@code Sequential} is not thread-safe (its
 * layers keep buffers; even {@code predict} writes them), but a {@code Backend} is: share the
 * backend and give each thread its own model, loaded once from the file.
 */
public final class PredictFromThreads {

    private PredictFromThreads() {
    }

    /**
     * Classifies {@code rows} examples on a pool of {@code threads} threads.
     *
     * @param file     a saved classifier
     * @param features the examples, row-major
     * @param rows     how many
     * @param threads  pool size
     * @param chunk    examples per task
     * @return the class of each example
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException   if a task failed (for example, the file cannot be read)
     */
    public static int[] classify(Path file, double[] features, int rows, int threads, int chunk)
            throws InterruptedException, ExecutionException {
        Backend backend = Backends.get();                          // thread-safe: share it
        ThreadLocal<Sequential> model = ThreadLocal.withInitial(() -> {
            try {
                return ModelFile.load(file, backend);              // one model per thread
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        int inputs = features.length / rows;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> parts = new ArrayList<>();
            for (int from = 0; from < rows; from += chunk) {
                double[] part = Arrays.copyOfRange(features, from * inputs,
                        Math.min(rows, from + chunk) * inputs);
                parts.add(pool.submit(() -> model.get().predict(part, part.length / inputs)));
            }
            int[] classes = new int[rows];
            int at = 0;
            for (Future<int[]> part : parts) {
                int[] c = part.get();
                System.arraycopy(c, 0, classes, at, c.length);
                at += c.length;
            }
            return classes;
        } finally {
            pool.shutdown();
        }
    }
}
