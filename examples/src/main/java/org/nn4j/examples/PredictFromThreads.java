package org.nn4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.nn4j.api.Backends;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.model.Predictor;

/**
 * Serving a saved model from several threads: load it once as a {@code Predictor}, an
 * immutable snapshot that every thread may call at once, each getting what one thread alone
 * would get, bit for bit. (A {@code Sequential} is for one thread at a time: its layers keep
 * buffers that every call writes, and a second thread inside it is refused with a
 * {@code ConcurrentModificationException}.)
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
     * @throws IOException          if the file cannot be read
     * @throws InterruptedException if interrupted while waiting
     * @throws ExecutionException   if a task failed
     */
    public static int[] classify(Path file, double[] features, int rows, int threads, int chunk)
            throws IOException, InterruptedException, ExecutionException {
        Predictor predictor = ModelFile.load(file).predictor(Backends.get());   // load once, share
        int inputs = predictor.inputSize();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<int[]>> parts = new ArrayList<>();
            for (int from = 0; from < rows; from += chunk) {
                double[] part = Arrays.copyOfRange(features, from * inputs,
                        Math.min(rows, from + chunk) * inputs);
                parts.add(pool.submit(() -> predictor.predictClasses(part, part.length / inputs)));
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
