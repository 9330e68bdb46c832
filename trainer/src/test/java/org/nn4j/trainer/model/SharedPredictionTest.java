package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;

/**
 * One model shared by eight threads, on every backend: through a {@link Predictor} every
 * answer is bit for bit the one a single thread gets; through the {@link Sequential} itself
 * (what issue 15 measured giving thousands of wrong classes) every call either gives the
 * single thread's answer or throws, never a wrong one.
 *
 * <p>The model is sized like {@link ConcurrentTrainingTest}'s, so that every path of every
 * backend is taken: 128 -> 1,024 products of one row already pass the ND4J backend's threshold
 * for native calls (16,384 multiply-adds), and batches of 32 run on EJML's concurrent kernels.
 */
class SharedPredictionTest {

    private static final int THREADS = 8;
    private static final int FEATURES = 128;
    private static final int[] BATCHES = {1, 32, 7, 1, 100, 3};

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static DataSet data(int n) {
        Rng rng = new Rng(42);
        double[] x = new double[n * FEATURES];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(4);
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = rng.nextGaussian() + (j % 4 == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, FEATURES, x, labels, 4);
    }

    /** A trained 128-1024-4 classifier, its classes no accident of the initial weights. */
    private static Sequential trained(Backend backend, DataSet data) {
        Sequential model = Sequential.builder(backend).input(FEATURES).dense(1024)
                .activation(Activation.relu()).dense(4).softmaxCrossEntropy().seed(7).build();
        new Training(model, Adam.builder().learningRate(0.001).build()).epochs(1).batchSize(32)
                .fit(data, null);
        return model;
    }

    /** The examples {@code from, from + 1, ...}, row-major, wrapping around the data. */
    private static double[] rows(double[] x, int from, int count) {
        int n = x.length / FEATURES;
        double[] out = new double[count * FEATURES];
        for (int r = 0; r < count; r++) {
            System.arraycopy(x, (from + r) % n * FEATURES, out, r * FEATURES, FEATURES);
        }
        return out;
    }

    /** Thread {@code k}'s calls: every kind of call, on batches of every size, in its order. */
    private static List<Object> calls(Predictor p, double[] x, int k) {
        List<Object> answers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int count = BATCHES[(i + k) % BATCHES.length];
            double[] batch = rows(x, 37 * k + 11 * i, count);
            switch ((i + k) % 4) {
                case 0 -> answers.add(p.predict(batch, count));
                case 1 -> answers.add(p.predictProbabilities(batch, count));
                case 2 -> answers.add(p.predictClasses(batch, count));
                default -> answers.add(count == 1 ? p.predict(batch)
                        : p.predictClasses(batch, count));
            }
        }
        return answers;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightThreadsSharingOnePredictorGetTheSingleThreadsAnswersBitForBit(String name)
            throws Exception {
        DataSet data = data(400);
        Predictor predictor = trained(Backends.get(name), data).predictor();
        double[] x = data.copyOfFeatures();
        List<List<Object>> alone = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            alone.add(calls(predictor, x, k));
        }
        for (int round = 0; round < 3; round++) {
            List<List<Object>> shared =
                    ConcurrentTrainingTest.inParallel(k -> calls(predictor, x, k));
            for (int k = 0; k < THREADS; k++) {
                for (int i = 0; i < alone.get(k).size(); i++) {
                    Object a = alone.get(k).get(i);
                    Object b = shared.get(k).get(i);
                    String where = name + ": round " + round + ", thread " + k + ", call " + i;
                    if (a instanceof int[] classes) {
                        assertArrayEquals(classes, (int[]) b, where);
                    } else {
                        assertArrayEquals((double[]) a, (double[]) b, where);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void eightThreadsSharingOneSequentialGetRightAnswersOrAnExceptionNeverWrongOnes(String name)
            throws Exception {
        DataSet data = data(400);
        Sequential model = trained(Backends.get(name), data);
        double[] x = data.copyOfFeatures();
        int calls = 40;
        int rows = 64;
        int[][] expected = new int[calls][];
        for (int i = 0; i < calls; i++) {
            expected[i] = model.predict(rows(x, 13 * i, rows), rows);
        }
        List<int[]> outcomes = ConcurrentTrainingTest.inParallel(k -> {
            int right = 0;
            int wrong = 0;
            int refused = 0;
            for (int i = 0; i < calls; i++) {
                int call = (i + 5 * k) % calls;
                try {
                    int[] classes = model.predict(rows(x, 13 * call, rows), rows);
                    if (java.util.Arrays.equals(expected[call], classes)) {
                        right++;
                    } else {
                        wrong++;
                    }
                } catch (ConcurrentModificationException e) {
                    assertTrue(e.getMessage().contains("model.predictor()"), e.getMessage());
                    refused++;
                }
            }
            return new int[] {right, wrong, refused};
        });
        int right = 0;
        int wrong = 0;
        int refused = 0;
        for (int[] o : outcomes) {
            right += o[0];
            wrong += o[1];
            refused += o[2];
        }
        String counts = name + ": " + right + " right, " + wrong + " wrong, " + refused
                + " refused of " + THREADS * calls + " calls";
        System.out.println("SharedPredictionTest: " + counts);
        assertEquals(0, wrong, counts);
        assertTrue(refused > 0, "the threads never overlapped, so the test saw nothing: "
                + counts);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aModelInTrainingRefusesAnotherThreadAndTrainsOnUnharmed(String name) throws Exception {
        Backend backend = Backends.get(name);
        DataSet data = data(128);
        Sequential model = Sequential.builder(backend).input(FEATURES).dense(16)
                .activation(Activation.relu()).dense(4).softmaxCrossEntropy().seed(7).build();
        Sequential twin = Sequential.builder(backend).input(FEATURES).dense(16)
                .activation(Activation.relu()).dense(4).softmaxCrossEntropy().seed(7).build();
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        Training training = new Training(model, Adam.builder().learningRate(0.01).build())
                .epochs(2).batchSize(32).listener(new EpochListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        if (epoch == 0 && batch == 2) {
                            inBatch.countDown();
                            try {
                                tried.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                    }
                });
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Throwable> seen = new AtomicReference<>();
            Future<?> f = other.submit(() -> {
                try {
                    inBatch.await(30, TimeUnit.SECONDS);
                    double[] one = rows(data.copyOfFeatures(), 0, 1);
                    seen.set(assertThrows(ConcurrentModificationException.class,
                            () -> model.predict(one, 1)));
                    assertThrows(ConcurrentModificationException.class, model::predictor);
                    assertThrows(ConcurrentModificationException.class,
                            () -> model.evaluate(data, 10));
                } finally {
                    tried.countDown();
                }
                return null;
            });
            TrainingHistory history = training.fit(data, null);
            f.get(60, TimeUnit.SECONDS);
            assertTrue(history.completed(), history.message());
            assertTrue(seen.get().getMessage().startsWith("predict: this Sequential is in use by"
                    + " another thread ('" + Thread.currentThread().getName() + "')"),
                    seen.get().getMessage());
            new Training(twin, Adam.builder().learningRate(0.01).build()).epochs(2)
                    .batchSize(32).fit(data, null);
            for (int k = 0; k < model.parameters().size(); k++) {
                assertArrayEquals(twin.parameters().get(k).value().toRowMajor(),
                        model.parameters().get(k).value().toRowMajor(),
                        "the refused calls changed nothing: parameter " + k);
            }
            // Once training is over, any one thread may use the model again.
            Future<int[]> after = other.submit(() -> model.predict(data.copyOfFeatures(), 128));
            assertArrayEquals(twin.predict(data.copyOfFeatures(), 128), after.get());
        } finally {
            other.shutdownNow();
        }
    }
}
