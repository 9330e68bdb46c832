package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Shape;
import org.nn4j.api.Window;

/**
 * A pooling layer written once for every backend on {@link LinearAlgebra}'s pooling
 * operations: {@link MaxPoolLayer} and {@link AveragePoolLayer}. Input
 * {@code N x window.input().size()}, output {@code N x window.pooled().size()}, both NHWC;
 * no parameters. It checks the arguments, keeps the lifecycle (no backward before forward;
 * the input kept for backward) and the buffers of the last
 * {@value BatchSizeCache#DEFAULT_CAPACITY} batch sizes ({@link BatchSizeCache}).
 */
public abstract class PoolingLayer implements Layer {

    private final LinearAlgebra la;
    private final Window window;
    private final String name;
    private final BatchSizeCache<Matrix[]> buffers;
    private Matrix[] current;
    private Matrix input;

    /**
     * Creates the layer.
     *
     * @param la     the backend's linear algebra
     * @param window the geometry
     * @param name   the layer's name in messages, such as {@code maxPool}
     * @throws NullPointerException if an argument is null
     */
    protected PoolingLayer(LinearAlgebra la, Window window, String name) {
        this.la = Objects.requireNonNull(la, name + ": linear algebra is null");
        this.window = Objects.requireNonNull(window, name + ": window is null");
        this.name = name;
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY,
                rows -> new Matrix[] {la.zeros(rows, outputSize()), null});
    }

    /**
     * Pools {@code x} into {@code y}.
     *
     * @param la     the linear algebra
     * @param x      {@code N x window.input().size()}. Not modified.
     * @param window the geometry
     * @param y      {@code N x window.pooled().size()}. Modified.
     */
    protected abstract void pool(LinearAlgebra la, Matrix x, Window window, Matrix y);

    /**
     * The gradient of {@link #pool}, overwriting {@code dx}.
     *
     * @param la     the linear algebra
     * @param x      the last forward's input. Not modified.
     * @param window the geometry
     * @param dy     the gradient with respect to the output. Not modified.
     * @param dx     the gradient with respect to the input. Modified.
     */
    protected abstract void poolBackward(LinearAlgebra la, Matrix x, Window window, Matrix dy,
                                         Matrix dx);

    /**
     * Returns the geometry.
     *
     * @return the window
     */
    public final Window window() {
        return window;
    }

    @Override
    public final int inputSize() {
        return window.input().size();
    }

    @Override
    public final int outputSize() {
        return window.pooled().size();
    }

    @Override
    public final Matrix forward(Matrix x) {
        GeneralLayers.own(la, name + ".forward", "input", x);
        Checks.shape(name + ".forward", "input", Shape.ANY, inputSize(), x);
        Matrix[] b = buffers.get(x.rows());
        pool(la, x, window, b[0]);
        current = b;
        input = x;
        return b[0];
    }

    @Override
    public final Matrix backward(Matrix dy) {
        if (input == null) {
            throw GeneralLayers.backwardBeforeForward(name);
        }
        GeneralLayers.own(la, name + ".backward", "outputGradient", dy);
        Checks.sameShape(name + ".backward", current[0], "outputGradient", dy);
        if (current[1] == null) {
            current[1] = la.zeros(input.rows(), inputSize());
        }
        poolBackward(la, input, window, dy, current[1]);
        return current[1];
    }

    @Override
    public final List<Parameter> parameters() {
        return List.of();
    }

    @Override
    public String toString() {
        return name + " " + window + " (" + la.backendName() + ")";
    }
}
