package org.nn4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.model.Sequential;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * What sharing costs. {@code guardedForward} against {@code layersByHand}: the in-use guard of
 * {@link Sequential#forward} (a compare-and-set and a release store) against the same layers
 * called directly, on a tiny model (2-16-2, one row: the guard's share is largest) and the
 * Fashion-MNIST one (784-256-128-10, 128 rows). The others predict the class of one
 * Fashion-MNIST-sized example: from the thread's own {@code Sequential} (unsafe to share,
 * the baseline), from a {@code ThreadLocal} model, from a shared {@link Predictor} (its pool
 * of copies), with a new copy of the network made for every call, and from a shared
 * predictor on two threads at once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PredictionBenchmark {

    /** A model, its layers and inputs. */
    @State(Scope.Benchmark)
    public static class Model {
        /** The backend's name. */
        @Param({"ejml", "commons", "nd4j"})
        public String backend;
        /** {@code tiny} (2-16-2, one row) or {@code mnist} (784-256-128-10). */
        @Param({"tiny", "mnist"})
        public String size;
        Sequential model;
        List<Layer> layers;
        Matrix batch;
        double[] one;
        Predictor predictor;
        ThreadLocal<Sequential> perThread;
        List<double[]> parameters;
        LinearAlgebra la;

        @Setup
        public void setUp() {
            Backend b = Backends.get(backend);
            la = b.linearAlgebra();
            boolean tiny = size.equals("tiny");
            int inputs = tiny ? 2 : 784;
            Sequential.Builder builder = Sequential.builder(b).input(inputs);
            if (tiny) {
                builder.dense(16).activation(Activation.tanh()).dense(2);
            } else {
                builder.dense(256).activation(Activation.relu()).dense(128)
                        .activation(Activation.relu()).dense(10);
            }
            model = builder.softmaxCrossEntropy().seed(1).build();
            layers = model.layers();
            Rng rng = new Rng(2);
            int rows = tiny ? 1 : 128;
            batch = la.fromRowMajor(rows, inputs, rng.gaussians(rows * inputs));
            one = rng.gaussians(inputs);
            predictor = model.predictor();
            perThread = ThreadLocal.withInitial(() -> copy());
            parameters = new ArrayList<>();
            for (Parameter p : model.parameters()) {
                parameters.add(p.value().toRowMajor());
            }
        }

        /** A copy of the network, as a predictor without a pool would make per call. */
        Sequential copy() {
            Sequential m = model.spec().build(model.backend(), new Rng(1));
            for (int k = 0; k < m.parameters().size(); k++) {
                la.copyFromRowMajor(parameters.get(k), 0, m.parameters().get(k).value());
            }
            return m;
        }

        /**
         * The cheapest copy per call: new layers made straight from the parameter arrays (no
         * initial draws), then one forward pass of one example and its class.
         */
        int[] predictOnNewLayers() {
            Backend b = model.backend();
            Matrix y = la.fromRowMajor(1, one.length, one);
            int k = 0;
            int width = model.inputSize();
            for (LayerSpec spec : model.spec().layers()) {
                Layer layer;
                if (spec instanceof LayerSpec.Dense dense) {
                    layer = b.dense(la.fromRowMajor(width, dense.units(), parameters.get(k)),
                            la.fromRowMajor(1, dense.units(), parameters.get(k + 1)));
                    k += 2;
                } else {
                    layer = spec.create(b, width, null);
                }
                width = spec.outputWidth(width);
                y = layer.forward(y);
            }
            return la.argmaxRows(y);
        }
    }

    /** Sequential.forward, with its guard. */
    @Benchmark
    public Matrix guardedForward(Model s) {
        return s.model.forward(s.batch);
    }

    /** The same layers called one after another, no guard. */
    @Benchmark
    public Matrix layersByHand(Model s) {
        Matrix x = s.batch;
        for (int i = 0, n = s.layers.size(); i < n; i++) {
            x = s.layers.get(i).forward(x);
        }
        return x;
    }

    /** The guard's own operations, as {@code InUseGuard} does them: enter, then exit. */
    @State(Scope.Thread)
    public static class Guard {
        final AtomicReference<Thread> owner = new AtomicReference<>();
    }

    /** A compare-and-set of the current thread, then a release store of null. */
    @Benchmark
    public boolean guardAlone(Guard g) {
        boolean entered = g.owner.compareAndSet(null, Thread.currentThread());
        g.owner.setRelease(null);
        return entered;
    }

    /** One example's class from the model itself (one thread: the baseline). */
    @Benchmark
    public int[] sequentialPredict(Model s) {
        return s.model.predict(s.one, 1);
    }

    /** One example's class from the thread's own copy, kept in a ThreadLocal. */
    @Benchmark
    public int[] threadLocalPredict(Model s) {
        return s.perThread.get().predict(s.one, 1);
    }

    /** One example's class from the shared predictor. */
    @Benchmark
    public int[] predictorPredict(Model s) {
        return s.predictor.predictClasses(s.one, 1);
    }

    /** One example's class from the shared predictor, two threads at once. */
    @Benchmark
    @Threads(2)
    public int[] predictorPredictTwoThreads(Model s) {
        return s.predictor.predictClasses(s.one, 1);
    }

    /** One example's class from new layers made for the call: allocation per call. */
    @Benchmark
    public int[] newCopyPerCall(Model s) {
        return s.predictOnNewLayers();
    }
}
