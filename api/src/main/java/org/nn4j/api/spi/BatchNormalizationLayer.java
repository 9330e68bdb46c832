package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;

/**
 * Batch normalisation over the channels of an image, the default of
 * {@link org.nn4j.api.Backend#batchNormalization}, on {@link LinearAlgebra} operations. A batch
 * of {@code N} images {@code h x w x c} (NHWC) read row-major is a matrix of
 * {@code M = N·h·w} rows of {@code c} channels, so each channel's statistics are column
 * statistics of that {@code M x c} matrix (one {@code reshape}; none for a vector,
 * {@code h = w = 1}). With {@code γ} = scale and {@code β} = shift:
 * <pre>
 *   training:  μ = Σ x / M,  σ² = Σ (x − μ)² / M            (per channel, biased)
 *              running mean     ← (1 − momentum)·running mean + momentum·μ
 *              running variance ← (1 − momentum)·running variance + momentum·σ²·M/(M − 1)
 *   inference: μ, σ² = the running mean and variance
 *   both:      x̂ = (x − μ) / √(σ² + ε),   y = γ·x̂ + β
 *   backward:  dγ = Σ dy·x̂,  dβ = Σ dy,
 *              dx = γ/(M·√(σ² + ε)) · (M·dy − dβ − x̂·dγ)   (training)
 *              dx = γ/√(σ² + ε) · dy                        (inference: μ, σ² are constants)
 * </pre>
 * as PyTorch's {@code BatchNorm2d} (the running variance takes the unbiased batch variance).
 * Training needs {@code M > 1}. {@code backward} follows the mode of the last {@code forward}.
 * Parameters {@code scale} and {@code shift}; state ({@link #state()}) {@code runningMean}
 * and {@code runningVariance}: the given matrices, updated in place.
 *
 * <p>A backend may subclass it to replace the batch statistics ({@link #batchStatistics}) or
 * the running update ({@link #updateRunningStatistics}) by faster kernels of its own.
 */
public class BatchNormalizationLayer implements Layer {

    private static final String NAME = "batchNormalization";

    private final LinearAlgebra la;
    private final ImageShape shape;
    private final Matrix scale;
    private final Matrix shift;
    private final Matrix runningMean;
    private final Matrix runningVariance;
    private final double momentum;
    private final double epsilon;
    private final Matrix scaleGradient;
    private final Matrix shiftGradient;
    private final List<Parameter> parameters;
    private final List<State> state;
    /** 1 x c: the statistics used by the last forward, 1/√(σ² + ε), and scratch. */
    private final Matrix mean;
    private final Matrix variance;
    private final Matrix inverseDeviation;
    private final Matrix row;
    private final Matrix ones;
    private final BatchSizeCache<Buffers> buffers;
    private boolean training = true;
    private Buffers current;
    private boolean currentTraining;

    /**
     * Creates the layer on the given matrices, which it updates in place.
     *
     * @param la              the backend's linear algebra
     * @param shape           the input image (a vector of {@code d} features is {@code 1 x 1 x d})
     * @param scale           {@code γ}, {@code 1 x channels}, trained
     * @param shift           {@code β}, {@code 1 x channels}, trained
     * @param runningMean     {@code 1 x channels}, state
     * @param runningVariance {@code 1 x channels}, state
     * @param momentum        in {@code (0, 1]}
     * @param epsilon         positive and finite
     * @throws NullPointerException                if an argument is null
     * @throws org.nn4j.api.ShapeMismatchException if a matrix is not {@code 1 x channels}
     * @throws IllegalArgumentException            if a matrix belongs to another backend or
     *                                             precision, two are the same matrix, or
     *                                             {@code momentum} or {@code epsilon} is out
     *                                             of range
     */
    public BatchNormalizationLayer(LinearAlgebra la, ImageShape shape, Matrix scale, Matrix shift,
                                   Matrix runningMean, Matrix runningVariance, double momentum,
                                   double epsilon) {
        this.la = Objects.requireNonNull(la, NAME + ": linear algebra is null");
        this.shape = Objects.requireNonNull(shape, NAME + ": shape is null");
        int c = shape.channels();
        Matrix[] given = {scale, shift, runningMean, runningVariance};
        String[] names = {"scale", "shift", "runningMean", "runningVariance"};
        for (int i = 0; i < given.length; i++) {
            GeneralLayers.own(la, NAME, names[i], given[i]);
            Checks.shape(NAME, names[i], 1, c, given[i]);
            for (int j = 0; j < i; j++) {
                Checks.distinct(NAME, names[i], given[i], names[j], given[j]);
            }
        }
        if (!(momentum > 0.0 && momentum <= 1.0)) {
            throw new IllegalArgumentException(NAME + ": momentum must be in (0, 1], got "
                    + momentum);
        }
        if (!(epsilon > 0.0 && epsilon < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(NAME + ": epsilon must be positive and finite,"
                    + " got " + epsilon);
        }
        this.scale = scale;
        this.shift = shift;
        this.runningMean = runningMean;
        this.runningVariance = runningVariance;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.scaleGradient = la.zeros(1, c);
        this.shiftGradient = la.zeros(1, c);
        this.parameters = List.of(new Parameter("scale", scale, scaleGradient),
                new Parameter("shift", shift, shiftGradient));
        this.state = List.of(new State("runningMean", runningMean),
                new State("runningVariance", runningVariance));
        this.mean = la.zeros(1, c);
        this.variance = la.zeros(1, c);
        this.inverseDeviation = la.zeros(1, c);
        this.row = la.zeros(1, c);
        this.ones = la.zeros(1, c);
        la.fill(1.0, ones);
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY, Buffers::new);
    }

    /**
     * The batch's per-channel mean and biased variance, {@code μ = Σ x / M} and
     * {@code σ² = Σ (x − μ)² / M}, overwriting {@code mean} and {@code variance}.
     *
     * @param x        {@code M x c}, one pixel of one image a row. Not modified.
     * @param mean     {@code 1 x c}. Modified.
     * @param variance {@code 1 x c}. Modified.
     * @param scratch  {@code M x c}, free to overwrite. Modified.
     */
    protected void batchStatistics(Matrix x, Matrix mean, Matrix variance, Matrix scratch) {
        double perRow = 1.0 / x.rows();
        la.columnSums(x, mean);
        la.scale(perRow, mean, mean);
        la.scale(-1.0, mean, variance);
        la.addRowVector(x, variance, scratch);
        la.multiplyElements(scratch, scratch, scratch);
        la.columnSums(scratch, variance);
        la.scale(perRow, variance, variance);
    }

    /**
     * Moves the running statistics toward the batch's:
     * {@code running ← (1 − momentum)·running + momentum·batch}, the variance's batch value
     * made unbiased, {@code σ²·M/(M − 1)}.
     *
     * @param batchMean       {@code μ}. Not modified.
     * @param batchVariance   {@code σ²}, biased. Not modified.
     * @param rows            {@code M}, more than 1
     * @param momentum        the momentum
     * @param runningMean     Modified.
     * @param runningVariance Modified.
     */
    protected void updateRunningStatistics(Matrix batchMean, Matrix batchVariance, int rows,
                                           double momentum, Matrix runningMean,
                                           Matrix runningVariance) {
        la.scale(1.0 - momentum, runningMean, runningMean);
        la.axpy(momentum, batchMean, runningMean);
        la.scale(1.0 - momentum, runningVariance, runningVariance);
        la.axpy(momentum * rows / (rows - 1.0), batchVariance, runningVariance);
    }

    /**
     * Returns the input image's shape.
     *
     * @return the shape
     */
    public final ImageShape shape() {
        return shape;
    }

    @Override
    public final int inputSize() {
        return shape.size();
    }

    @Override
    public final int outputSize() {
        return shape.size();
    }

    @Override
    public final void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public final List<State> state() {
        return state;
    }

    @Override
    public final Matrix forward(Matrix x) {
        GeneralLayers.own(la, NAME + ".forward", "input", x);
        Checks.shape(NAME + ".forward", "input", Shape.ANY, inputSize(), x);
        Checks.nonEmptyBatch(NAME + ".forward", "input", x);
        Buffers b = buffers.get(x.rows());
        Matrix rows = b.rows(x);
        if (training) {
            if (b.count == 1) {
                throw new IllegalArgumentException(NAME + ".forward: training needs more than"
                        + " one value per channel, but a batch of 1 " + shape
                        + " image has 1; use a larger batch, or switch the layer to inference");
            }
            batchStatistics(rows, mean, variance, b.normalized);
            updateRunningStatistics(mean, variance, b.count, momentum, runningMean,
                    runningVariance);
        } else {
            la.copy(runningMean, mean);
            la.copy(runningVariance, variance);
        }
        la.addScalar(epsilon, variance, inverseDeviation);
        la.sqrt(inverseDeviation, inverseDeviation);
        la.divideElements(ones, inverseDeviation, inverseDeviation);
        la.scale(-1.0, mean, row);
        la.addRowVector(rows, row, b.normalized);
        la.multiplyRowVector(b.normalized, inverseDeviation, b.normalized);
        la.multiplyRowVector(b.normalized, scale, b.outputRows);
        la.addRowVector(b.outputRows, shift, b.outputRows);
        if (b.output != b.outputRows) {
            la.reshape(b.outputRows, b.output);
        }
        current = b;
        currentTraining = training;
        return b.output;
    }

    @Override
    public final Matrix backward(Matrix dy) {
        return backward(dy, true);
    }

    @Override
    public final Matrix backward(Matrix dy, boolean inputGradientNeeded) {
        if (current == null) {
            throw GeneralLayers.backwardBeforeForward(NAME);
        }
        GeneralLayers.own(la, NAME + ".backward", "outputGradient", dy);
        Checks.sameShape(NAME + ".backward", current.output, "outputGradient", dy);
        Buffers b = current;
        Matrix dyRows = dy;
        if (b.output != b.outputRows) {
            la.reshape(dy, b.scratch);
            dyRows = b.scratch;
        }
        la.multiplyElements(dyRows, b.normalized, b.inputGradientRows);
        la.columnSums(b.inputGradientRows, scaleGradient);
        la.columnSums(dyRows, shiftGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        la.multiplyElements(scale, inverseDeviation, row);
        if (currentTraining) {
            // dx = γ/(M·√(σ² + ε)) · (M·dy − dβ − x̂·dγ)
            la.multiplyRowVector(b.normalized, scaleGradient, b.inputGradientRows);
            la.axpy(-b.count, dyRows, b.inputGradientRows);
            la.addRowVector(b.inputGradientRows, shiftGradient, b.inputGradientRows);
            la.scale(-1.0 / b.count, row, row);
        }
        la.multiplyRowVector(currentTraining ? b.inputGradientRows : dyRows, row,
                b.inputGradientRows);
        if (b.inputGradient != b.inputGradientRows) {
            la.reshape(b.inputGradientRows, b.inputGradient);
        }
        return b.inputGradient;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return NAME + " over " + shape + ", momentum " + momentum + ", epsilon " + epsilon
                + " (" + la.backendName() + ")";
    }

    /**
     * One batch size's matrices. For a vector ({@code h = w = 1}) the rows are the batch
     * itself and no reshape is needed.
     */
    private final class Buffers {
        final int count;
        final Matrix inputRows;
        final Matrix normalized;
        final Matrix outputRows;
        final Matrix output;
        final Matrix scratch;
        final Matrix inputGradientRows;
        final Matrix inputGradient;

        Buffers(int images) {
            int c = shape.channels();
            count = GeneralLayers.rows(NAME, "a batch of " + images + " as pixels",
                    (long) images * shape.pixels(), c);
            boolean flat = shape.isFlat();
            inputRows = flat ? null : la.zeros(count, c);
            normalized = la.zeros(count, c);
            outputRows = la.zeros(count, c);
            output = flat ? outputRows : la.zeros(images, shape.size());
            scratch = flat ? null : la.zeros(count, c);
            inputGradientRows = la.zeros(count, c);
            inputGradient = flat ? inputGradientRows : la.zeros(images, shape.size());
        }

        /** The batch as {@code M x c}: a reshaped copy, or the batch itself for a vector. */
        Matrix rows(Matrix x) {
            if (inputRows == null) {
                return x;
            }
            la.reshape(x, inputRows);
            return inputRows;
        }
    }
}
