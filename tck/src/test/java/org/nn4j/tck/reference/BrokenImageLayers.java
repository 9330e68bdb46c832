package org.nn4j.tck.reference;

import java.util.function.DoubleSupplier;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;
import org.nn4j.api.spi.BatchNormalizationLayer;
import org.nn4j.api.spi.ConvolutionLayer;
import org.nn4j.api.spi.DropoutLayer;
import org.nn4j.api.spi.MaxPoolLayer;

/**
 * The image layers of the reference backend carrying a {@link Breakage}: the api's general
 * layers with one step replaced by a plausible mistake, through the steps a backend may
 * override. Each factory returns null when the breakage is not its layer's, and the backend
 * then uses {@code Backend}'s default.
 */
final class BrokenImageLayers {

    private BrokenImageLayers() {
    }

    static Layer convolution(Breakage breakage, LinearAlgebra la, Window window, Matrix kernels,
                             Matrix bias) {
        return switch (breakage) {
            case CONVOLUTION_KERNEL_GRADIENT_TRANSPOSED -> new ConvolutionLayer(la, window,
                    kernels, bias) {
                @Override
                protected void kernelGradient(Matrix dy, Matrix columns, Matrix dKernels) {
                    // columnsᵀ·dy is patchSize x filters: its values read into filters x patchSize
                    Matrix transposed = la.zeros(columns.cols(), dy.cols());
                    la.gemm(1.0, columns, true, dy, false, 0.0, transposed);
                    la.reshape(transposed, dKernels);
                }
            };
            case CONVOLUTION_INPUT_GRADIENT_WITH_FLIPPED_KERNELS -> new ConvolutionLayer(la,
                    window, kernels, bias) {
                @Override
                protected void columnGradient(Matrix dy, Matrix k, Matrix dColumns) {
                    // each filter rotated by 180 degrees, as a true convolution would read it
                    double[] v = k.toRowMajor();
                    double[] flipped = new double[v.length];
                    int c = window.input().channels();
                    int taps = window.kernelHeight() * window.kernelWidth();
                    for (int f = 0; f < k.rows(); f++) {
                        for (int t = 0; t < taps; t++) {
                            System.arraycopy(v, (f * taps + t) * c, flipped,
                                    (f * taps + taps - 1 - t) * c, c);
                        }
                    }
                    la.gemm(1.0, dy, false, la.fromRowMajor(k.rows(), k.cols(), flipped), false,
                            0.0, dColumns);
                }
            };
            default -> null;
        };
    }

    static Layer maxPool(Breakage breakage, LinearAlgebra la, Window window) {
        if (breakage != Breakage.MAX_POOL_GRADIENT_SHARED_EVENLY) {
            return null;
        }
        return new MaxPoolLayer(la, window) {
            @Override
            protected void poolBackward(LinearAlgebra l, Matrix x, Window w, Matrix dy,
                                        Matrix dx) {
                l.averagePoolBackward(w, dy, dx);
            }
        };
    }

    static Layer dropout(Breakage breakage, LinearAlgebra la, int size, double rate,
                         DoubleSupplier uniform) {
        return switch (breakage) {
            case DROPOUT_NOT_SCALED -> new DropoutLayer(la, size, rate, uniform) {
                @Override
                protected void maskFromDraws(double[] values, double r) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = values[i] >= r ? 1.0 : 0.0;
                    }
                }
            };
            case DROPOUT_KEEPS_WITH_PROBABILITY_RATE -> new DropoutLayer(la, size, rate, uniform) {
                @Override
                protected void maskFromDraws(double[] values, double r) {
                    for (int i = 0; i < values.length; i++) {
                        values[i] = values[i] < r ? 1.0 / (1.0 - r) : 0.0;
                    }
                }
            };
            default -> null;
        };
    }

    static Layer batchNormalization(Breakage breakage, LinearAlgebra la, ImageShape shape,
                                    Matrix scale, Matrix shift, Matrix runningMean,
                                    Matrix runningVariance, double momentum, double epsilon) {
        return switch (breakage) {
            case BATCH_NORM_VARIANCE_WITHOUT_THE_MEAN_SUBTRACTED -> new BatchNormalizationLayer(
                    la, shape, scale, shift, runningMean, runningVariance, momentum, epsilon) {
                @Override
                protected void batchStatistics(Matrix x, Matrix mean, Matrix variance,
                                               Matrix scratch) {
                    la.columnSums(x, mean);
                    la.scale(1.0 / x.rows(), mean, mean);
                    la.multiplyElements(x, x, scratch);
                    la.columnSums(scratch, variance);
                    la.scale(1.0 / x.rows(), variance, variance);
                }
            };
            case BATCH_NORM_RUNNING_VARIANCE_BIASED -> new BatchNormalizationLayer(la, shape,
                    scale, shift, runningMean, runningVariance, momentum, epsilon) {
                @Override
                protected void updateRunningStatistics(Matrix mean, Matrix variance, int rows,
                                                       double m, Matrix runMean, Matrix runVar) {
                    super.updateRunningStatistics(mean, variance, rows, m, runMean, runVar);
                    // take back the M/(M − 1): the biased batch variance
                    la.axpy(-m / (rows - 1.0), variance, runVar);
                }
            };
            default -> null;
        };
    }
}
