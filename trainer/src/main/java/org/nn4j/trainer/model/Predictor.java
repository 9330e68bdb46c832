package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;

/**
 * A trained model's forward pass, frozen and safe to share: any number of threads may call
 * one predictor at once, and each gets the answer one thread alone would get, bit for bit.
 * Made by {@link Sequential#predictor()}, or from a model file by
 * {@code ModelFile.load(file).predictor(backend)}:
 *
 * <pre>{@code
 * Predictor predictor = model.predictor();         // a snapshot: thread-safe, immutable
 * double[] p = predictor.predictProbabilities(new double[] {0.1, 0.2});
 * int[] classes = predictor.predictClasses(new double[][] {{0.1, 0.2}, {1.5, -1.4}});
 * }</pre>
 *
 * <p><b>A snapshot.</b> The parameters are copied when the predictor is made: training the
 * model further, or changing its parameters in any way, does not change the predictor. Make a
 * new one to see the new weights.
 *
 * <p><b>Threads and memory.</b> A forward pass needs buffers (every layer keeps its
 * activations). A call borrows a private copy of the network (parameters and buffers) from
 * the predictor's pool, or makes one if every copy is in use, and gives it back when it
 * returns; so the predictor holds about as many copies as threads have called it at once,
 * keeping at most {@link #MAX_IDLE_COPIES} idle ones between calls. Each copy is what the
 * model itself takes: its parameters and its buffers for up to {@link #MAX_ROWS_PER_PASS}
 * rows. A batch is computed in passes of at most {@link #MAX_ROWS_PER_PASS} rows, always cut
 * the same way, so the same batch always gives the same answer.
 *
 * <p><b>Answers.</b> Every method returns a new array that no later call touches.
 * <ul>
 *   <li>{@code predict}: the model's raw outputs (logits for a softmax cross-entropy model,
 *       the predicted values for a regression);</li>
 *   <li>{@code predictProbabilities}: the softmax of each row of outputs, which is what a
 *       softmax cross-entropy model was trained to estimate; refused with an
 *       {@link IllegalStateException} for any other loss (a regression's outputs are not
 *       class scores, and a softmax of them would be a made-up probability);</li>
 *   <li>{@code predictClass}, {@code predictClasses}: the index of each row's largest output
 *       (the first on ties), as {@link Sequential#predict(Matrix)} and
 *       {@link Sequential#evaluate} count a class; for any loss, since a model trained with
 *       mean squared error on one-hot targets is a classifier too.</li>
 * </ul>
 *
 * <p><b>Input.</b> One example is {@link #inputSize()} values; a batch is an array of such
 * rows, or {@code rows · inputSize()} values row-major. A wrong length, a missing row and a
 * NaN or infinite feature are refused with an {@link IllegalArgumentException} that names the
 * example and the feature, before any computation: an answer computed from them would be
 * meaningless. A batch of zero rows gives an empty answer.
 */
public final class Predictor {

    /** The most rows one forward pass computes: a batch is cut into passes this long. */
    public static final int MAX_ROWS_PER_PASS = 1000;
    /** The most idle copies of the network a predictor keeps between calls. */
    public static final int MAX_IDLE_COPIES = Math.max(4, 2 * Runtime.getRuntime()
            .availableProcessors());

    private final ModelSpec spec;
    private final Backend backend;
    private final Loss loss;
    private final long seed;
    private final List<double[]> parameters;
    private final List<double[]> state;
    private final int inputSize;
    private final int outputSize;
    private final boolean softmaxOutputs;
    private final ConcurrentLinkedQueue<Copy> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    /** Takes a snapshot of a model's parameters; the caller holds the model's guard. */
    Predictor(Sequential model) {
        this.spec = model.spec();
        this.backend = model.backend();
        this.loss = model.loss();
        this.seed = model.seed();
        this.inputSize = model.inputSize();
        this.outputSize = model.outputSize();
        this.softmaxOutputs = ModelSpec.SOFTMAX_CROSS_ENTROPY.equals(loss.name());
        List<ModelSpec.ArrayShape> shapes = spec.parameterShapes();
        List<double[]> values = new ArrayList<>();
        List<Parameter> ps = model.parameters();
        for (int k = 0; k < ps.size(); k++) {
            double[] v = ps.get(k).value().toRowMajor();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw new IllegalArgumentException("cannot predict with this model: "
                            + (k < shapes.size() ? shapes.get(k).name() : "parameter " + k)
                            + "[" + i + "] is " + v[i] + " (did its training diverge?)");
                }
            }
            values.add(v);
        }
        this.parameters = List.copyOf(values);
        List<double[]> stateValues = new ArrayList<>();
        for (org.nn4j.api.Layer.State a : model.state()) {
            stateValues.add(a.value().toRowMajor());
        }
        this.state = List.copyOf(stateValues);
    }

    /**
     * Returns the number of features an example has.
     *
     * @return the number of input features
     */
    public int inputSize() {
        return inputSize;
    }

    /**
     * Returns the number of outputs (classes, for a classifier).
     *
     * @return the number of outputs
     */
    public int outputSize() {
        return outputSize;
    }

    /**
     * Returns the architecture.
     *
     * @return the specification of the model this predictor was made from
     */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Returns the backend the forward passes run on.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Tells whether {@code predictProbabilities} applies: the model was trained with softmax
     * cross-entropy, so its outputs are logits.
     *
     * @return whether the outputs are logits of class probabilities
     */
    public boolean hasProbabilities() {
        return softmaxOutputs;
    }

    /**
     * Computes the outputs of one example.
     *
     * @param example {@link #inputSize()} finite values. Not modified.
     * @return a new array of {@link #outputSize()} outputs
     * @throws IllegalArgumentException if the example has the wrong length or a value that is
     *                                  not finite
     */
    public double[] predict(double[] example) {
        return predict(checkExample(example), 1);
    }

    /**
     * Computes the outputs of a batch given as rows.
     *
     * @param examples one row of {@link #inputSize()} finite values per example. Not modified.
     * @return a new array of one new row of {@link #outputSize()} outputs per example
     * @throws IllegalArgumentException if a row is missing, has the wrong length or a value
     *                                  that is not finite
     */
    public double[][] predict(double[][] examples) {
        return rows(predict(flatten(examples), examples.length));
    }

    /**
     * Computes the outputs of a batch given row-major.
     *
     * @param features {@code rows · inputSize()} finite values, one example after another.
     *                 Not modified.
     * @param rows     the number of examples, zero or more
     * @return a new array of {@code rows · outputSize()} outputs, row-major
     * @throws IllegalArgumentException if the array does not hold {@code rows} examples or
     *                                  holds a value that is not finite
     */
    public double[] predict(double[] features, int rows) {
        checkBatch(features, rows);
        double[] out = new double[rows * outputSize];
        run(features, rows, (la, output, from) -> la.copyToRowMajor(output, out,
                from * outputSize));
        return out;
    }

    /**
     * Computes the class probabilities of one example: the softmax of its outputs.
     *
     * @param example {@link #inputSize()} finite values. Not modified.
     * @return a new array of {@link #outputSize()} probabilities that sum to 1
     * @throws IllegalStateException    if the model is not a softmax cross-entropy classifier
     *                                  ({@link #hasProbabilities()})
     * @throws IllegalArgumentException if the example has the wrong length or a value that is
     *                                  not finite
     */
    public double[] predictProbabilities(double[] example) {
        return predictProbabilities(checkExample(example), 1);
    }

    /**
     * Computes the class probabilities of a batch given as rows.
     *
     * @param examples one row of {@link #inputSize()} finite values per example. Not modified.
     * @return a new row of {@link #outputSize()} probabilities per example
     * @throws IllegalStateException    if the model is not a softmax cross-entropy classifier
     * @throws IllegalArgumentException as {@link #predict(double[][])}
     */
    public double[][] predictProbabilities(double[][] examples) {
        return rows(predictProbabilities(flatten(examples), examples.length));
    }

    /**
     * Computes the class probabilities of a batch given row-major.
     *
     * @param features {@code rows · inputSize()} finite values. Not modified.
     * @param rows     the number of examples, zero or more
     * @return a new array of {@code rows · outputSize()} probabilities, row-major
     * @throws IllegalStateException    if the model is not a softmax cross-entropy classifier
     * @throws IllegalArgumentException as {@link #predict(double[], int)}
     */
    public double[] predictProbabilities(double[] features, int rows) {
        if (!softmaxOutputs) {
            throw new IllegalStateException("predictProbabilities: this model's loss is "
                    + loss.name() + ", so its outputs are not class logits; probabilities"
                    + " apply to " + ModelSpec.SOFTMAX_CROSS_ENTROPY + " models only: use"
                    + " predict for its outputs, or predictClasses for the largest output");
        }
        double[] out = predict(features, rows);
        for (int r = 0; r < rows; r++) {
            softmax(out, r * outputSize, outputSize);
        }
        return out;
    }

    /**
     * Returns the class of one example: the index of its largest output.
     *
     * @param example {@link #inputSize()} finite values. Not modified.
     * @return the class, from 0
     * @throws IllegalArgumentException if the example has the wrong length or a value that is
     *                                  not finite
     */
    public int predictClass(double[] example) {
        return predictClasses(checkExample(example), 1)[0];
    }

    /**
     * Returns the class of each example of a batch given as rows.
     *
     * @param examples one row of {@link #inputSize()} finite values per example. Not modified.
     * @return a new array of one class per example
     * @throws IllegalArgumentException as {@link #predict(double[][])}
     */
    public int[] predictClasses(double[][] examples) {
        return predictClasses(flatten(examples), examples.length);
    }

    /**
     * Returns the class of each example of a batch given row-major.
     *
     * @param features {@code rows · inputSize()} finite values. Not modified.
     * @param rows     the number of examples, zero or more
     * @return a new array of {@code rows} classes
     * @throws IllegalArgumentException as {@link #predict(double[], int)}
     */
    public int[] predictClasses(double[] features, int rows) {
        checkBatch(features, rows);
        int[] out = new int[rows];
        run(features, rows, (la, output, from) -> {
            int[] c = la.argmaxRows(output);
            System.arraycopy(c, 0, out, from, c.length);
        });
        return out;
    }

    /** What a pass does with its outputs: {@code output} holds rows {@code from...}. */
    private interface PassConsumer {
        void accept(LinearAlgebra la, Matrix output, int from);
    }

    /** Runs the batch in passes on a borrowed copy of the network. */
    private void run(double[] features, int rows, PassConsumer consumer) {
        if (rows == 0) {
            return;
        }
        Copy copy = borrow();
        try {
            for (int from = 0; from < rows; from += MAX_ROWS_PER_PASS) {
                int n = Math.min(MAX_ROWS_PER_PASS, rows - from);
                Matrix output = copy.model.forward(copy.input(features, from, n));
                consumer.accept(copy.la, output, from);
            }
        } finally {
            giveBack(copy);
        }
    }

    private Copy borrow() {
        Copy copy = idle.poll();
        if (copy == null) {
            return new Copy();
        }
        idleCount.decrementAndGet();
        return copy;
    }

    private void giveBack(Copy copy) {
        if (idleCount.incrementAndGet() <= MAX_IDLE_COPIES) {
            idle.offer(copy);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** One private copy of the network: used by one call at a time. */
    private final class Copy {
        final LinearAlgebra la = backend.linearAlgebra();
        final Sequential model;
        Matrix input;

        Copy() {
            // The copy draws initial weights from the model's seed; they are overwritten at once.
            model = spec.build(backend, new Rng(seed), loss);
            List<Parameter> ps = model.parameters();
            for (int k = 0; k < ps.size(); k++) {
                la.copyFromRowMajor(parameters.get(k), 0, ps.get(k).value());
            }
            for (int k = 0; k < state.size(); k++) {
                la.copyFromRowMajor(state.get(k), 0, model.state().get(k).value());
            }
            // A predictor infers: dropout passes values, batch norm uses running statistics.
            model.setTraining(false);
        }

        Matrix input(double[] features, int from, int rows) {
            if (input == null || input.rows() != rows) {
                input = la.zeros(rows, inputSize);
            }
            la.copyFromRowMajor(features, from * inputSize, input);
            return input;
        }
    }

    private double[] checkExample(double[] example) {
        Objects.requireNonNull(example, "example");
        if (example.length != inputSize) {
            throw new IllegalArgumentException("the example has " + example.length
                    + " features but the model takes " + inputSize);
        }
        checkFinite(example);
        return example;
    }

    private void checkBatch(double[] features, int rows) {
        Objects.requireNonNull(features, "features");
        if (rows < 0 || features.length != (long) rows * inputSize) {
            throw new IllegalArgumentException(rows + " examples of " + inputSize
                    + " features need " + (long) rows * inputSize + " values, got "
                    + features.length);
        }
        checkFinite(features);
    }

    private void checkFinite(double[] features) {
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i % inputSize + " of example "
                        + i / inputSize + " is " + features[i] + "; cannot predict from it");
            }
        }
    }

    private double[] flatten(double[][] examples) {
        Objects.requireNonNull(examples, "examples");
        double[] flat = new double[Math.multiplyExact(examples.length, inputSize)];
        for (int r = 0; r < examples.length; r++) {
            double[] row = examples[r];
            if (row == null) {
                throw new IllegalArgumentException("example " + r + " is null");
            }
            if (row.length != inputSize) {
                throw new IllegalArgumentException("example " + r + " has " + row.length
                        + " features but the model takes " + inputSize);
            }
            System.arraycopy(row, 0, flat, r * inputSize, inputSize);
        }
        return flat;
    }

    private double[][] rows(double[] flat) {
        double[][] rows = new double[flat.length / outputSize][];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = java.util.Arrays.copyOfRange(flat, r * outputSize, (r + 1) * outputSize);
        }
        return rows;
    }

    /**
     * The softmax of {@code count} values in place: {@code exp(v - max) / Σ exp(v - max)}, in
     * {@link StrictMath}, so the answer does not depend on how the JIT compiled it.
     */
    static void softmax(double[] values, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < count; j++) {
            max = Math.max(max, values[offset + j]);
        }
        double sum = 0.0;
        for (int j = 0; j < count; j++) {
            double e = StrictMath.exp(values[offset + j] - max);
            values[offset + j] = e;
            sum += e;
        }
        for (int j = 0; j < count; j++) {
            values[offset + j] /= sum;
        }
    }
}
