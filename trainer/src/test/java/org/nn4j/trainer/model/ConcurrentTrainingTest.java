package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.regression.LinearRegressionTraining.Config;
import org.nn4j.trainer.regression.LinearRegressionTraining.Result;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * Eight threads, each training its own model with its own optimizer on one shared backend
 * instance and one shared data set, end bit for bit where the same eight trainings end when
 * run one after another. On every backend.
 *
 * <p>The model is sized so that every path of every backend is taken: a 128x128 weight
 * matrix and batches of 32 put the products above the ND4J backend's threshold for native
 * calls (16,384 multiply-adds), so OpenBLAS and the Java kernels with their per-thread chunks
 * are exercised at once.
 * Trainings 0 and 1 have a hidden layer of 1,024: their products (32·128·1,024 = 4.2 million
 * multiply-adds) run on EJML's concurrent kernels, whose thread pool all threads share.
 */
class ConcurrentTrainingTest {

    private static final int THREADS = 8;

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static DataSet data() {
        Rng rng = new Rng(42);
        int n = 128;
        double[] x = new double[n * 128];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(4);
            for (int j = 0; j < 128; j++) {
                x[i * 128 + j] = rng.nextGaussian() + (j % 4 == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 128, x, labels, 4);
    }

    /** Training number {@code k}: its own seed, optimizer and activation. */
    private static List<double[]> train(Backend backend, DataSet data, int k) {
        Sequential model = Sequential.builder(backend).input(128)
                .dense(k < 2 ? 1024 : 128)
                .activation(k % 2 == 0 ? Activation.relu() : Activation.tanh())
                .dense(4).softmaxCrossEntropy().build(new Rng(100 + k));
        Training training = new Training(model, k % 3 == 0
                ? StochasticGradientDescent.builder().learningRate(0.05).momentum(0.9).weightDecay(1e-4).build()
                : Adam.builder().learningRate(0.001 * (k + 1)).build())
                .epochs(2).batchSize(32);
        TrainingHistory history = training.fit(data, data, new Rng(200 + k));
        assertEquals(true, history.completed(), history.message());
        List<double[]> out = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            out.add(p.value().toRowMajor());
        }
        out.add(new double[] {history.epochs().get(1).trainLoss(),
                history.finalTestAccuracy()});
        return out;
    }

    /** Runs the tasks on eight threads released together; returns results in task order. */
    static <T> List<T> inParallel(IntFunction<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<T>> futures = new ArrayList<>();
            for (int k = 0; k < THREADS; k++) {
                int index = k;
                Callable<T> call = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightModelsOnEightThreadsEndAsTheyDoOneAfterAnother(String name) throws Exception {
        Backend backend = Backends.get(name);
        DataSet data = data();
        List<List<double[]>> oneByOne = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            oneByOne.add(train(backend, data, k));
        }
        List<List<double[]>> together = inParallel(k -> train(backend, data, k));
        for (int k = 0; k < THREADS; k++) {
            for (int i = 0; i < oneByOne.get(k).size(); i++) {
                assertArrayEquals(oneByOne.get(k).get(i), together.get(k).get(i), name
                        + ": training " + k + ", array " + i + " (parameters, then loss and"
                        + " accuracy)");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightLinearRegressionsOnEightThreadsEndAsTheyDoOneAfterAnother(String name)
            throws Exception {
        Backend backend = Backends.get(name);
        IntFunction<Result> run = k -> new LinearRegressionTraining(backend,
                Config.tutorial().withSeed(k).withMaxSteps(2000)).run();
        List<Result> oneByOne = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            oneByOne.add(run.apply(k));
        }
        List<Result> together = inParallel(run);
        for (int k = 0; k < THREADS; k++) {
            Result a = oneByOne.get(k);
            Result b = together.get(k);
            assertEquals(a.steps(), b.steps(), "seed " + k);
            assertArrayEquals(a.weights(), b.weights(), name + ": W of seed " + k);
            assertArrayEquals(a.bias(), b.bias(), name + ": b of seed " + k);
            assertEquals(a.trainingSetLoss(), b.trainingSetLoss(), "seed " + k);
        }
    }
}
