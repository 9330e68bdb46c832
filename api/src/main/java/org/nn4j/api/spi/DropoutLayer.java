package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;

/**
 * Inverted dropout, the default of {@link org.nn4j.api.Backend#dropout}, on
 * {@link LinearAlgebra} operations. In training, {@code forward} draws one {@code u} in
 * {@code [0, 1)} per value, row-major, from the caller's generator, and writes
 * {@code y = x · mask} with {@code mask = 1 / (1 − rate)} where {@code u >= rate} and 0
 * elsewhere, so the expected output is the input; {@code backward} returns
 * {@code dy · mask}, the same mask. In inference ({@link #setTraining(boolean) setTraining(false)})
 * both copy their argument and nothing is drawn. {@code backward} follows the mode of the
 * last {@code forward}. No parameters.
 *
 * <p>Because the draws come from the caller's generator, every backend drops the same values
 * for the same seed. A draw outside {@code [0, 1)} (NaN included) is an
 * {@link IllegalStateException} naming it.
 */
public class DropoutLayer implements Layer {

    private final LinearAlgebra la;
    private final int size;
    private final double rate;
    private final DoubleSupplier uniform;
    private final BatchSizeCache<Buffers> buffers;
    private boolean training = true;
    private Buffers current;
    private boolean currentTraining;

    /**
     * Creates the layer.
     *
     * @param la      the backend's linear algebra
     * @param size    the features per example, positive
     * @param rate    the probability of dropping a value, in {@code [0, 1)}
     * @param uniform draws in {@code [0, 1)}, used only from the training thread
     * @throws NullPointerException     if {@code la} or {@code uniform} is null
     * @throws IllegalArgumentException if {@code size} or {@code rate} is out of range
     */
    public DropoutLayer(LinearAlgebra la, int size, double rate, DoubleSupplier uniform) {
        this.la = Objects.requireNonNull(la, "dropout: linear algebra is null");
        this.uniform = Objects.requireNonNull(uniform, "dropout: uniform is null");
        if (size <= 0) {
            throw new IllegalArgumentException("dropout: a layer cannot have " + size
                    + " features; the size must be positive");
        }
        Checks.hyperParameter("dropout", "rate", rate, 0.0, true, 1.0);
        this.size = size;
        this.rate = rate;
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY, Buffers::new);
    }

    /**
     * Turns one batch's draws into its mask, in place: each draw {@code u} becomes
     * {@code 1 / (1 − rate)} if {@code u >= rate}, else 0. The draws have been checked to lie
     * in {@code [0, 1)}.
     *
     * @param values the draws, row-major; the mask on return. Modified.
     * @param rate   the probability of dropping
     */
    protected void maskFromDraws(double[] values, double rate) {
        double kept = 1.0 / (1.0 - rate);
        for (int i = 0; i < values.length; i++) {
            values[i] = values[i] >= rate ? kept : 0.0;
        }
    }

    /**
     * Returns the probability of dropping a value.
     *
     * @return the rate
     */
    public final double rate() {
        return rate;
    }

    @Override
    public final int inputSize() {
        return size;
    }

    @Override
    public final int outputSize() {
        return size;
    }

    @Override
    public final void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public final Matrix forward(Matrix x) {
        GeneralLayers.own(la, "dropout.forward", "input", x);
        Checks.shape("dropout.forward", "input", Shape.ANY, size, x);
        Buffers b = buffers.get(x.rows());
        if (training) {
            draw(b.maskValues);
            maskFromDraws(b.maskValues, rate);
            la.copyFromRowMajor(b.maskValues, 0, b.mask);
            la.multiplyElements(x, b.mask, b.output);
        } else {
            la.copy(x, b.output);
        }
        current = b;
        currentTraining = training;
        return b.output;
    }

    /** Fills {@code values} with draws, checking each. */
    private void draw(double[] values) {
        for (int i = 0; i < values.length; i++) {
            double u = uniform.getAsDouble();
            if (!(u >= 0.0 && u < 1.0)) {
                throw new IllegalStateException("dropout: the uniform generator returned " + u
                        + "; its draws must lie in [0, 1)");
            }
            values[i] = u;
        }
    }

    @Override
    public final Matrix backward(Matrix dy) {
        if (current == null) {
            throw GeneralLayers.backwardBeforeForward("dropout");
        }
        GeneralLayers.own(la, "dropout.backward", "outputGradient", dy);
        Checks.sameShape("dropout.backward", current.output, "outputGradient", dy);
        if (currentTraining) {
            la.multiplyElements(dy, current.mask, current.inputGradient);
        } else {
            la.copy(dy, current.inputGradient);
        }
        return current.inputGradient;
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return "dropout " + rate + " x" + size + " (" + la.backendName() + ")";
    }

    /** One batch size's matrices. */
    private final class Buffers {
        final double[] maskValues;
        final Matrix mask;
        final Matrix output;
        final Matrix inputGradient;

        Buffers(int rows) {
            GeneralLayers.rows("dropout", "a batch of " + rows, rows, size);
            this.maskValues = new double[rows * size];
            this.mask = la.zeros(rows, size);
            this.output = la.zeros(rows, size);
            this.inputGradient = la.zeros(rows, size);
        }
    }
}
