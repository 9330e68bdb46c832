package org.nn4j.api.spi;

import java.util.List;
import java.util.Objects;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Window;

/**
 * The 2-D convolution of {@link org.nn4j.api.Backend#convolution}, written once for every
 * backend on {@link LinearAlgebra} operations alone. With {@code P = outputHeight ·
 * outputWidth} output pixels and {@code F} filters, on a batch of {@code N} images:
 * <pre>
 *   forward:  columns = im2col(x)                    (N·P) x patchSize
 *             product = columns · kernelsᵀ + bias    (N·P) x F
 *             y       = reshape(product)             N x (P·F), NHWC
 *   backward: dyRows   = reshape(dy)                 (N·P) x F
 *             dKernels = dyRowsᵀ · columns           F x patchSize
 *             dBias    = Σ_rows dyRows               1 x F
 *             dx       = col2im(dyRows · kernels)    N x (h·w·c)
 * </pre>
 * {@code backward(dy, false)} skips the last line (a network's first layer), and its
 * {@code (N·P) x patchSize} buffer is then never allocated. With one output pixel the reshapes
 * are skipped. Buffers are kept for the last {@value BatchSizeCache#DEFAULT_CAPACITY} batch
 * sizes ({@link BatchSizeCache}), so a steady training loop allocates nothing in the layer;
 * the im2col buffer alone holds {@code N · P · patchSize} values.
 *
 * <p>A backend gets it from {@code Backend.convolution}'s default. It may subclass it to
 * replace a step by a faster kernel of its own ({@link #kernelGradient},
 * {@link #columnGradient}); the kit's finite-difference checks hold it to the same answers.
 * Parameters: {@code kernels} and {@code bias}, the given matrices, trained in place.
 */
public class ConvolutionLayer implements Layer {

    private final LinearAlgebra la;
    private final Window window;
    private final Matrix kernels;
    private final Matrix bias;
    private final Matrix kernelsGradient;
    private final Matrix biasGradient;
    private final List<Parameter> parameters;
    private final ImageShape outputImage;
    private final int pixels;
    private final BatchSizeCache<Buffers> buffers;
    private Buffers current;
    private Matrix input;

    /**
     * Creates the layer on the given parameters, which it trains in place.
     *
     * @param la      the backend's linear algebra, which owns the matrices
     * @param window  the geometry; its input is the layer's input image
     * @param kernels {@code filters x window.patchSize()}, one filter a row in
     *                {@code (ky, kx, channel)} order, at least one filter
     * @param bias    {@code 1 x filters}
     * @throws NullPointerException                if an argument is null
     * @throws org.nn4j.api.ShapeMismatchException if a parameter has the wrong shape
     * @throws IllegalArgumentException            if a matrix belongs to another backend or
     *                                             precision, or there are no filters
     */
    public ConvolutionLayer(LinearAlgebra la, Window window, Matrix kernels, Matrix bias) {
        this.la = Objects.requireNonNull(la, "convolution: linear algebra is null");
        this.window = Objects.requireNonNull(window, "convolution: window is null");
        this.kernels = GeneralLayers.own(la, "convolution", "kernels", kernels);
        this.bias = GeneralLayers.own(la, "convolution", "bias", bias);
        if (kernels.rows() == 0) {
            throw new IllegalArgumentException("convolution: kernels is " + kernels.shape()
                    + "; a convolution needs at least one filter (a row of "
                    + window.patchSize() + " values)");
        }
        Checks.shape("convolution", "kernels", kernels.rows(), window.patchSize(), kernels);
        Checks.shape("convolution", "bias", 1, kernels.rows(), bias);
        Checks.distinct("convolution", "bias", bias, "kernels", kernels);
        this.kernelsGradient = la.zeros(kernels.rows(), kernels.cols());
        this.biasGradient = la.zeros(1, kernels.rows());
        this.parameters = List.of(new Parameter("kernels", kernels, kernelsGradient),
                new Parameter("bias", bias, biasGradient));
        this.outputImage = window.output(kernels.rows());
        this.pixels = outputImage.pixels();
        this.buffers = new BatchSizeCache<>(BatchSizeCache.DEFAULT_CAPACITY, Buffers::new);
    }

    /**
     * {@code dKernels = dyRowsᵀ · columns}, overwriting {@code kernelsGradient}.
     *
     * @param outputGradient  {@code dyRows}, {@code (N·P) x filters}. Not modified.
     * @param columns         the last forward's im2col, {@code (N·P) x patchSize}. Not modified.
     * @param kernelsGradient {@code filters x patchSize}. Modified.
     */
    protected void kernelGradient(Matrix outputGradient, Matrix columns, Matrix kernelsGradient) {
        la.gemm(1.0, outputGradient, true, columns, false, 0.0, kernelsGradient);
    }

    /**
     * {@code dColumns = dyRows · kernels}, overwriting {@code columnsGradient}; the input
     * gradient is its col2im.
     *
     * @param outputGradient  {@code dyRows}, {@code (N·P) x filters}. Not modified.
     * @param kernels         {@code filters x patchSize}. Not modified.
     * @param columnsGradient {@code (N·P) x patchSize}. Modified.
     */
    protected void columnGradient(Matrix outputGradient, Matrix kernels, Matrix columnsGradient) {
        la.gemm(1.0, outputGradient, false, kernels, false, 0.0, columnsGradient);
    }

    /**
     * Returns the geometry.
     *
     * @return the window
     */
    public final Window window() {
        return window;
    }

    /**
     * Returns the output image's shape.
     *
     * @return {@code window().output(filters)}
     */
    public final ImageShape outputShape() {
        return outputImage;
    }

    @Override
    public final int inputSize() {
        return window.input().size();
    }

    @Override
    public final int outputSize() {
        return outputImage.size();
    }

    @Override
    public final Matrix forward(Matrix x) {
        GeneralLayers.own(la, "convolution.forward", "input", x);
        Checks.shape("convolution.forward", "input", org.nn4j.api.Shape.ANY, inputSize(), x);
        Buffers b = buffers.get(x.rows());
        la.im2col(x, window, b.columns);
        la.gemm(1.0, b.columns, false, kernels, true, 0.0, b.product);
        la.addRowVector(b.product, bias, b.product);
        if (b.output != b.product) {
            la.reshape(b.product, b.output);
        }
        current = b;
        input = x;
        return b.output;
    }

    @Override
    public final Matrix backward(Matrix outputGradient) {
        return backward(outputGradient, true);
    }

    @Override
    public final Matrix backward(Matrix dy, boolean inputGradientNeeded) {
        if (input == null) {
            throw GeneralLayers.backwardBeforeForward("convolution");
        }
        GeneralLayers.own(la, "convolution.backward", "outputGradient", dy);
        Checks.sameShape("convolution.backward", current.output, "outputGradient", dy);
        Buffers b = current;
        Matrix rows = dy;
        if (b.output != b.product) {
            la.reshape(dy, b.outputGradientRows());
            rows = b.outputGradientRows;
        }
        kernelGradient(rows, b.columns, kernelsGradient);
        la.columnSums(rows, biasGradient);
        if (!inputGradientNeeded) {
            return null;
        }
        columnGradient(rows, kernels, b.columnsGradient());
        la.col2im(b.columnsGradient, window, b.inputGradient());
        return b.inputGradient;
    }

    @Override
    public final List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "convolution " + kernels.rows() + " filters, " + window + " (" + la.backendName()
                + ")";
    }

    /** One batch size's matrices; those of the backward pass made when first needed. */
    private final class Buffers {
        final int images;
        final Matrix columns;
        final Matrix product;
        final Matrix output;
        Matrix outputGradientRows;
        Matrix columnsGradient;
        Matrix inputGradient;

        Buffers(int images) {
            this.images = images;
            int rows = GeneralLayers.rows("convolution", "the im2col buffer of a batch of "
                    + images, (long) images * pixels, window.patchSize());
            this.columns = la.zeros(rows, window.patchSize());
            this.product = la.zeros(rows, kernels.rows());
            this.output = pixels == 1 ? product : la.zeros(images, outputSize());
        }

        Matrix outputGradientRows() {
            if (outputGradientRows == null) {
                outputGradientRows = la.zeros(product.rows(), product.cols());
            }
            return outputGradientRows;
        }

        Matrix columnsGradient() {
            if (columnsGradient == null) {
                columnsGradient = la.zeros(columns.rows(), columns.cols());
            }
            return columnsGradient;
        }

        Matrix inputGradient() {
            if (inputGradient == null) {
                inputGradient = la.zeros(images, inputSize());
            }
            return inputGradient;
        }
    }
}
