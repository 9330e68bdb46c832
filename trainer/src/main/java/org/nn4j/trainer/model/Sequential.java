package org.nn4j.trainer.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;

/**
 * A stack of layers and a loss, on one backend: the output of each layer is the input of
 * the next. Built in a few lines:
 *
 * <pre>{@code
 * Sequential model = Sequential.builder(backend)
 *         .input(784)
 *         .dense(256).activation(Activation.relu())
 *         .dense(128).activation(Activation.relu())
 *         .dense(10)
 *         .softmaxCrossEntropy()
 *         .seed(42)
 *         .build();
 * }</pre>
 *
 * <p><b>One seed.</b> Dense weights are drawn from the {@link Builder#seed(long) seed}'s
 * generator (its first {@link Rng#split()}), layer after layer, with the builder's
 * {@link Initialization} (He normal unless told otherwise); biases start at zero. The same
 * seed therefore gives the same initial network on every backend. The model keeps its seed,
 * and {@link Training#fit(DataSet, DataSet)} draws its shuffles from it (the seed's second
 * split), so the seed is given once: that pair of calls is exactly the run of
 * {@code nn4j fashion-mnist --seed S}. {@link Builder#build(Rng)} takes a generator instead,
 * for callers that manage their own.
 *
 * <p><b>Precision.</b> A model computes in its backend's precision, {@link #precision()}:
 * float64 from {@link org.nn4j.api.Backends}, float32 when built on
 * {@code backend.inPrecision(Precision.F32)} (where the backend supports it). Every matrix its
 * training makes (optimizer state, batches, the copies of early stopping, divergence recovery
 * and {@link #predictor()}) is in that precision, and a matrix of another precision is
 * refused with a message naming both. The initial weights are drawn in double from the seed
 * and rounded once, so a float32 and a float64 model of one seed start from the same draws.
 *
 * <p><b>Images.</b> {@code input(new ImageShape(28, 28, 1))} states the input's shape once;
 * every layer's shape follows from it ({@link ModelSpec}):
 *
 * <pre>{@code
 * Sequential cnn = Sequential.builder(backend)
 *         .input(new ImageShape(28, 28, 1))
 *         .conv2d(16, 3, Window.Padding.SAME).activation(Activation.relu()).maxPool(2)
 *         .flatten().dense(128).activation(Activation.relu()).dropout(0.25)
 *         .dense(10)
 *         .softmaxCrossEntropy()
 *         .build();
 * }</pre>
 *
 * <p><b>Training and inference.</b> Dropout and batch normalisation behave differently in
 * training; {@link #computeGradients} (so {@link Training#fit}) switches every layer to
 * training, {@link #predict} and {@link #evaluate} to inference, and a {@link #predictor()}
 * always infers; {@link #forward} computes in the mode the last of those calls (or
 * {@link #setTraining}) left. Dropout draws from the model's noise generator, seeded from the
 * model's seed and reseeded by {@link Training} at each epoch from the run's generator, so a
 * run resumed from a checkpoint drops exactly the values the uninterrupted run drops.
 *
 * <p><b>Buffers.</b> Like its layers, a model owns the matrices it returns and reuses them:
 * the output of {@link #forward(Matrix)} is valid until the next call.
 *
 * <p><b>Threads.</b> Not thread-safe: its layers keep per-batch-size buffers
 * ({@link org.nn4j.api.spi.BatchSizeCache}), so even {@link #forward(Matrix)} and
 * {@link #predict(Matrix)} write; use a model from one thread at a time. To predict from
 * several threads, share its {@link #predictor()}: a thread-safe snapshot. Two threads inside
 * one model at once are caught rather than left to corrupt each other's numbers:
 * {@code forward}, {@code computeGradients}, {@code predict}, {@code evaluate},
 * {@code predictor} and {@link Training#fit} throw a
 * {@link java.util.ConcurrentModificationException} in the thread that came second, before
 * it writes anything, and the first goes on unharmed. Not caught: layers, parameters or
 * optimizers driven directly, and the output of {@link #forward} read after another
 * thread's call has begun. Separate models may be built and trained on separate threads at
 * once from one shared {@link Backend}: its {@code LinearAlgebra} and losses hold no mutable
 * state (see {@link Training}).
 */
public final class Sequential {

    private final ModelSpec spec;
    private final Backend backend;
    private final LinearAlgebra la;
    private final List<Layer> layers;
    private final Loss loss;
    private final List<Parameter> parameters;
    private final int inputSize;
    private final int outputSize;
    private final long seed;
    // Loss gradients for the last two batch sizes seen (a full and a short batch).
    private final Matrix[] gradients = new Matrix[2];
    private final InUseGuard guard = new InUseGuard("this Sequential");
    private final Noise noise;
    private final List<Layer.State> state;
    private TrainingRecord lastTraining;
    private Boolean training;

    Sequential(ModelSpec spec, Backend backend, List<Layer> layers, Loss loss, long seed,
               Noise noise) {
        this.spec = spec;
        this.backend = backend;
        this.la = backend.linearAlgebra();
        this.layers = List.copyOf(layers);
        this.loss = loss;
        List<Parameter> all = new ArrayList<>();
        for (Layer layer : layers) {
            all.addAll(layer.parameters());
        }
        this.parameters = Collections.unmodifiableList(all);
        List<Layer.State> states = new ArrayList<>();
        for (Layer layer : layers) {
            states.addAll(layer.state());
        }
        this.state = List.copyOf(states);
        this.noise = noise;
        this.inputSize = spec.inputSize();
        this.outputSize = layers.get(layers.size() - 1).outputSize();
        this.seed = seed;
    }

    /**
     * Starts a model on a backend, in the backend's precision: pass
     * {@code backend.inPrecision(Precision.F32)} for a float32 model.
     *
     * @param backend the backend every layer and the loss come from
     * @return a builder
     */
    public static Builder builder(Backend backend) {
        return new Builder(backend);
    }

    /**
     * Returns the backend.
     *
     * @return the backend
     */
    public Backend backend() {
        return backend;
    }

    /**
     * Returns the precision the model computes in and stores its parameters in: its
     * backend's.
     *
     * @return the precision
     */
    public Precision precision() {
        return backend.precision();
    }

    /**
     * Returns the number of input features.
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
     * Returns the layers, first to last; unmodifiable.
     *
     * @return the layers
     */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * Returns the specification the model was built from: with the parameters, what it takes
     * to rebuild this model on another backend (see {@code org.nn4j.trainer.io.ModelFile}).
     *
     * @return the specification
     */
    public ModelSpec spec() {
        return spec;
    }

    /**
     * Returns the seed of the generator its initial parameters were drawn from.
     *
     * @return the seed of the generator its initial parameters were drawn from
     */
    public long seed() {
        return seed;
    }

    /**
     * Returns the settings of its last training, if it had one: what a model file records as
     * its provenance.
     *
     * @return the record of the last {@link Training#fit} (or another trainer's), or empty
     */
    public Optional<TrainingRecord> lastTraining() {
        return Optional.ofNullable(lastTraining);
    }

    /**
     * Records how the model was just trained; trainers call it when they stop.
     *
     * @param record the settings
     */
    public void recordTraining(TrainingRecord record) {
        this.lastTraining = Objects.requireNonNull(record, "record");
    }

    /**
     * Returns the loss.
     *
     * @return the loss
     */
    public Loss loss() {
        return loss;
    }

    /**
     * Returns every layer's parameters, in layer order; unmodifiable, the layers' own.
     *
     * @return every layer's parameters
     */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Returns every layer's state arrays (batch normalisation's running statistics), in layer
     * order: saved with the model, updated by training, touched by no optimizer.
     *
     * @return an unmodifiable list of the layers' own arrays; empty for most models
     */
    public List<Layer.State> state() {
        return state;
    }

    /**
     * Switches every layer to training (dropout drops, batch normalisation uses and updates
     * batch statistics) or to inference. {@link #computeGradients} switches to training,
     * {@link #predict} and {@link #evaluate} to inference, by themselves.
     *
     * @param training true for training, false for inference
     */
    public void setTraining(boolean training) {
        if (this.training == null || this.training != training) {
            for (Layer layer : layers) {
                layer.setTraining(training);
            }
            this.training = training;
        }
    }

    /**
     * Reseeds the generator the dropout layers draw from; {@link Training} does it at each
     * epoch from the run's generator, so a run resumed from a checkpoint draws as the
     * uninterrupted one did. Nothing happens for a model without dropout.
     *
     * @param generator the new generator; kept
     */
    public void reseedNoise(Rng generator) {
        noise.rng = Objects.requireNonNull(generator, "generator");
    }

    /**
     * Returns the number of trainable weights and biases.
     *
     * @return the number of trainable weights and biases
     */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) {
            n += (long) p.value().rows() * p.value().cols();
        }
        return n;
    }

    /**
     * Returns a one-line description, for example {@code "784 -> dense 256 -> relu -> ... "}.
     *
     * @return a one-line description
     */
    public String describe() {
        return spec.describe();
    }

    /**
     * Computes the output for a batch.
     *
     * @param input {@code N x inputSize()}, one example a row. Not modified.
     * @return {@code N x outputSize()}, owned by the model (valid until the next call)
     * @throws IllegalArgumentException if the input does not have {@code inputSize()} columns
     */
    public Matrix forward(Matrix input) {
        if (input.cols() != inputSize) {
            throw new IllegalArgumentException("the input has " + input.cols()
                    + " features per example but the model takes " + inputSize);
        }
        boolean entered = guard.enter("forward");
        try {
            Matrix x = input;
            for (int i = 0, n = layers.size(); i < n; i++) {
                x = layers.get(i).forward(x);
            }
            return x;
        } finally {
            guard.exit(entered);
        }
    }

    /**
     * Returns a snapshot of this model for prediction, which any number of threads may share:
     * its parameters are copied now, so training the model further does not change it.
     *
     * @return a new predictor
     * @throws IllegalArgumentException if a parameter is NaN or infinite
     * @throws java.util.ConcurrentModificationException if another thread is using the model
     */
    public Predictor predictor() {
        boolean entered = guard.enter("predictor");
        try {
            return new Predictor(this);
        } finally {
            guard.exit(entered);
        }
    }

    /** Enters the model's in-use guard, for trainers in this package; see {@link InUseGuard}. */
    boolean enter(String call) {
        return guard.enter(call);
    }

    /** Leaves the guard entered by {@link #enter}. */
    void exit(boolean entered) {
        guard.exit(entered);
    }

    /**
     * Computes the loss of a batch and, when it is finite, every parameter's gradient (a
     * forward and a backward pass). A non-finite loss leaves the gradients as they were.
     *
     * @param input  {@code N x inputSize()}. Not modified.
     * @param target {@code N x outputSize()}. Not modified.
     * @return the loss (a mean over the batch)
     */
    public double computeGradients(Matrix input, Matrix target) {
        boolean entered = guard.enter("computeGradients");
        try {
            setTraining(true);
            Matrix output = forward(input);
            Matrix gradient = gradientBuffer(output.rows());
            double value = loss.valueAndGradient(output, target, gradient);
            if (Double.isFinite(value)) {
                Matrix g = gradient;
                for (int i = layers.size() - 1; i > 0; i--) {
                    g = layers.get(i).backward(g);
                }
                layers.get(0).backward(g, false); // the data's gradient has no use
            }
            return value;
        } finally {
            guard.exit(entered);
        }
    }

    /**
     * Returns the class of each row: the index of its largest output.
     *
     * @param input {@code N x inputSize()}. Not modified.
     * @return {@code N} class indices
     */
    public int[] predict(Matrix input) {
        boolean entered = guard.enter("predict");
        try {
            setTraining(false);
            return la.argmaxRows(forward(input));
        } finally {
            guard.exit(entered);
        }
    }

    /**
     * Returns the classes of examples given as row-major features.
     *
     * @param features {@code count · inputSize()} values, finite. Not modified.
     * @param count    number of examples, positive
     * @return {@code count} class indices
     * @throws IllegalArgumentException if the array does not hold {@code count} examples, or
     *                                  holds a NaN or an infinity (naming its example and
     *                                  feature: the class of such an example would be
     *                                  meaningless)
     */
    public int[] predict(double[] features, int count) {
        if (count <= 0 || features.length != (long) count * inputSize) {
            throw new IllegalArgumentException(count + " examples of " + inputSize
                    + " features need " + (long) count * inputSize + " values, got "
                    + features.length);
        }
        for (int i = 0; i < features.length; i++) {
            if (!Double.isFinite(features[i])) {
                throw new IllegalArgumentException("feature " + i % inputSize + " of example "
                        + i / inputSize + " is " + features[i] + "; cannot predict from it");
            }
        }
        return predict(la.fromRowMajor(count, inputSize, features));
    }

    /**
     * Measures the loss and the accuracy on a data set whose targets are one-hot (or any
     * scores: the true class is the index of the largest target).
     *
     * @param data      the examples; {@code inputSize()} features and {@code outputSize()}
     *                  targets each, at least one
     * @param batchSize rows per forward pass, positive (only memory and speed depend on it)
     * @return the mean loss and the fraction classified right
     * @throws IllegalArgumentException if the data set is empty or does not fit the model
     */
    public Evaluation evaluate(DataSet data, int batchSize) {
        checkFits(data, "evaluation set");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        boolean entered = guard.enter("evaluate");
        try {
            setTraining(false);
            BatchBuffers buffers = new BatchBuffers(la, data, batchSize);
            double lossSum = 0.0;
            long correct = 0;
            for (int batch = 0; batch < buffers.batches(); batch++) {
                int rows = buffers.load(batch);
                Matrix output = forward(buffers.x());
                lossSum += loss.value(output, buffers.t()) * rows;
                int[] predicted = la.argmaxRows(output);
                for (int r = 0; r < rows; r++) {
                    if (predicted[r] == argmax(buffers.targets(), r * outputSize, outputSize)) {
                        correct++;
                    }
                }
            }
            int n = data.size();
            return new Evaluation(n, lossSum / n, (double) correct / n);
        } finally {
            guard.exit(entered);
        }
    }

    /**
     * Checks that a data set can feed this model.
     *
     * @param data the data
     * @param role what it is, for the message, such as {@code "training set"}
     * @throws IllegalArgumentException naming both numbers if it does not fit, or if it is empty
     */
    void checkFits(DataSet data, String role) {
        Objects.requireNonNull(data, role);
        if (data.featureCount() != inputSize) {
            throw new IllegalArgumentException("the " + role + " has " + data.featureCount()
                    + " features per example but the model takes " + inputSize + " inputs");
        }
        if (data.targetCount() != outputSize) {
            throw new IllegalArgumentException("the " + role + " has " + data.targetCount()
                    + " targets per example but the model has " + outputSize + " outputs");
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("the " + role + " is empty");
        }
    }

    static int argmax(double[] values, int offset, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[offset + j] > values[offset + best]) {
                best = j;
            }
        }
        return best;
    }

    private Matrix gradientBuffer(int rows) {
        for (Matrix g : gradients) {
            if (g != null && g.rows() == rows) {
                return g;
            }
        }
        Matrix g = la.zeros(rows, outputSize);
        gradients[1] = gradients[0];
        gradients[0] = g;
        return g;
    }

    /** The generator dropout layers draw from: one per model, replaced by {@link #reseedNoise}. */
    static final class Noise implements DoubleSupplier {
        private Rng rng;

        Noise(Rng rng) {
            this.rng = rng;
        }

        @Override
        public double getAsDouble() {
            return rng.nextDouble();
        }
    }

    /** The seed of {@link Builder#build()} when none is given. */
    public static final long DEFAULT_SEED = 0L;

    /**
     * Builds a {@link Sequential}: {@code input}, then layers, then a loss, then {@code build};
     * or {@link #spec()} for its {@link ModelSpec} alone.
     */
    public static final class Builder {

        private final Backend backend;
        private final List<LayerSpec> layers = new ArrayList<>();
        private long seed = DEFAULT_SEED;
        private ImageShape input;
        private Initialization initialization = Initialization.HE_NORMAL;
        private Loss loss;

        private Builder(Backend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /**
         * Sets the number of input features, a vector {@code 1 x 1 x size}; call it (or
         * {@link #input(ImageShape)}) first.
         *
         * @param size positive
         * @return this
         */
        public Builder input(int size) {
            if (size <= 0) {
                throw new IllegalArgumentException("input size must be positive, got " + size);
            }
            return input(ImageShape.flat(size));
        }

        /**
         * Sets the shape of one example, an image (NHWC: see {@link ImageShape}); call it first.
         * Every layer's size follows from it.
         *
         * @param shape the shape
         * @return this
         */
        public Builder input(ImageShape shape) {
            Objects.requireNonNull(shape, "shape");
            if (input != null) {
                throw new IllegalStateException("input(" + shape + "): the input is already "
                        + (input.isFlat() ? String.valueOf(input.size()) : input.toString()));
            }
            input = shape;
            return this;
        }

        /**
         * Adds a 2-D convolution of stride 1 (see {@link LayerSpec#conv2d}).
         *
         * @param filters its output channels, positive
         * @param kernel  the square kernel's side, positive
         * @param padding valid or same
         * @return this
         */
        public Builder conv2d(int filters, int kernel, Window.Padding padding) {
            return layer(LayerSpec.conv2d(filters, kernel, 1, padding));
        }

        /**
         * Adds a 2-D convolution (see {@link LayerSpec#conv2d}).
         *
         * @param filters its output channels, positive
         * @param kernel  the square kernel's side, positive
         * @param stride  its stride, positive
         * @param padding valid or same
         * @return this
         */
        public Builder conv2d(int filters, int kernel, int stride, Window.Padding padding) {
            return layer(LayerSpec.conv2d(filters, kernel, stride, padding));
        }

        /**
         * Adds a max pooling of {@code size x size} windows, stride {@code size}, no padding.
         *
         * @param size the window's side, positive
         * @return this
         */
        public Builder maxPool(int size) {
            return layer(LayerSpec.maxPool(size, size, Window.Padding.VALID));
        }

        /**
         * Adds an average pooling of {@code size x size} windows, stride {@code size}, no
         * padding.
         *
         * @param size the window's side, positive
         * @return this
         */
        public Builder averagePool(int size) {
            return layer(LayerSpec.averagePool(size, size, Window.Padding.VALID));
        }

        /**
         * Adds a flatten layer: later layers see a vector.
         *
         * @return this
         */
        public Builder flatten() {
            return layer(LayerSpec.flatten());
        }

        /**
         * Adds an inverted dropout layer, active in training only.
         *
         * @param rate the probability of dropping a value, in {@code [0, 1)}
         * @return this
         */
        public Builder dropout(double rate) {
            return layer(LayerSpec.dropout(rate));
        }

        /**
         * Adds a batch normalisation over the channels (momentum 0.1, epsilon 1e-5).
         *
         * @return this
         */
        public Builder batchNorm() {
            return layer(LayerSpec.batchNorm());
        }

        /**
         * Sets how the following dense layers' weights are drawn (default He normal).
         *
         * @param initialization the scheme
         * @return this
         */
        public Builder initialization(Initialization initialization) {
            this.initialization = Objects.requireNonNull(initialization, "initialization");
            return this;
        }

        /**
         * Adds a fully connected layer {@code y = x·W + b}.
         *
         * @param outputs its number of outputs, positive
         * @return this
         */
        public Builder dense(int outputs) {
            if (outputs <= 0) {
                throw new IllegalArgumentException("a dense layer needs a positive number of"
                        + " outputs, got " + outputs);
            }
            return layer(new LayerSpec.Dense(outputs, initialization));
        }

        /**
         * Adds an element-wise activation layer, as wide as the layer before it.
         *
         * @param activation the function
         * @return this
         */
        public Builder activation(Activation activation) {
            return layer(LayerSpec.activation(Objects.requireNonNull(activation, "activation")));
        }

        /**
         * Adds a layer of any type.
         *
         * @param layer the layer's specification
         * @return this
         */
        public Builder layer(LayerSpec layer) {
            layers.add(Objects.requireNonNull(layer, "layer"));
            return this;
        }

        /**
         * Ends with the softmax cross-entropy loss: the last layer's outputs are logits.
         *
         * @return this
         */
        public Builder softmaxCrossEntropy() {
            return loss(backend.softmaxCrossEntropy());
        }

        /**
         * Ends with the mean-squared-error loss.
         *
         * @return this
         */
        public Builder meanSquaredError() {
            return loss(backend.meanSquaredError());
        }

        /**
         * Ends with a given loss of this backend.
         *
         * @param loss the loss
         * @return this
         */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Returns the specification collected so far.
         *
         * @return the specification
         * @throws IllegalStateException if the input size, a layer or the loss is missing
         */
        public ModelSpec spec() {
            if (input == null) {
                throw new IllegalStateException("call input(size) or input(shape) before build()");
            }
            if (layers.isEmpty()) {
                throw new IllegalStateException("a model needs at least one layer");
            }
            if (loss == null) {
                throw new IllegalStateException("choose a loss (softmaxCrossEntropy(),"
                        + " meanSquaredError() or loss(...)) before build()");
            }
            return new ModelSpec(input, layers, loss.name());
        }

        /**
         * Sets the seed of every random number of the model's life: its initial weights now,
         * and the shuffles of {@link Training#fit(DataSet, DataSet)} later (default
         * {@link #DEFAULT_SEED}).
         *
         * @param seed the seed
         * @return this
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Creates the layers, drawing the initial weights from the {@linkplain #seed(long)
         * seed}'s generator (its first split) layer after layer: {@code seed(s).build()} is
         * {@code build(new Rng(s).split())}.
         *
         * @return the model, whose {@link Sequential#seed()} is the seed
         * @throws IllegalStateException if the input size, a layer or the loss is missing
         */
        public Sequential build() {
            return build(SeedStreams.weights(seed));
        }

        /**
         * Creates the layers, drawing the initial weights from the generator layer after layer.
         *
         * @param rng the generator
         * @return the model
         * @throws IllegalStateException if the input size, a layer or the loss is missing
         */
        public Sequential build(Rng rng) {
            Objects.requireNonNull(rng, "rng");
            return spec().build(backend, rng, loss);
        }
    }
}
