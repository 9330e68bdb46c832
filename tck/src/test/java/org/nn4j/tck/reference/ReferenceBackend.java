package org.nn4j.tck.reference;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.Window;

/**
 * A small pure-Java backend for the kit's own tests, optionally carrying one deliberate
 * {@link Breakage}, in float64 and float32. It cannot be backend-ejml: that module runs the
 * kit, so using it here would close a cycle in the reactor.
 */
public final class ReferenceBackend implements Backend {

    private final ReferenceLinearAlgebra la;
    private final LinearAlgebra publicLinearAlgebra;
    private final ReferenceMeanSquaredError mse;
    private final ReferenceSoftmaxCrossEntropy softmaxCrossEntropy;
    private final Breakage breakage;
    /** The backend in each precision, this one included; shared by all of them. */
    private final Map<Precision, ReferenceBackend> family;

    /**
     * Creates the backend in float64.
     *
     * @param breakage the bug to carry, or {@link Breakage#NONE}
     */
    public ReferenceBackend(Breakage breakage) {
        this(breakage, Precision.F64, new EnumMap<>(Precision.class));
    }

    private ReferenceBackend(Breakage breakage, Precision precision,
                             Map<Precision, ReferenceBackend> family) {
        this.breakage = breakage;
        this.family = family;
        family.put(precision, this);
        this.la = new ReferenceLinearAlgebra(breakage, precision);
        this.publicLinearAlgebra = breakage.withoutTheBaseClass()
                ? new HandCheckedLinearAlgebra(la, breakage) : la;
        this.mse = new ReferenceMeanSquaredError(la, breakage);
        this.softmaxCrossEntropy = new ReferenceSoftmaxCrossEntropy(la, breakage);
    }

    @Override
    public String name() {
        return ReferenceBackendProvider.NAME;
    }

    @Override
    public LinearAlgebra linearAlgebra() {
        return publicLinearAlgebra;
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.allOf(Precision.class);
    }

    @Override
    public Backend inPrecision(Precision precision) {
        Objects.requireNonNull(precision, "precision");
        synchronized (family) {
            return family.computeIfAbsent(precision,
                    p -> new ReferenceBackend(breakage, p, family));
        }
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new ReferenceDenseLayer(la, breakage, weights, bias);
    }

    @Override
    public Loss meanSquaredError() {
        return mse;
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new ReferenceActivationLayer(la, breakage, activation, size);
    }

    @Override
    public Loss softmaxCrossEntropy() {
        return softmaxCrossEntropy;
    }

    @Override
    public Layer convolution(Window window, Matrix kernels, Matrix bias) {
        Layer broken = BrokenImageLayers.convolution(breakage, linearAlgebra(), window, kernels,
                bias);
        return broken != null ? broken : Backend.super.convolution(window, kernels, bias);
    }

    @Override
    public Layer maxPool(Window window) {
        Layer broken = BrokenImageLayers.maxPool(breakage, linearAlgebra(), window);
        return broken != null ? broken : Backend.super.maxPool(window);
    }

    @Override
    public Layer dropout(int size, double rate, DoubleSupplier uniform) {
        Layer broken = BrokenImageLayers.dropout(breakage, linearAlgebra(), size, rate, uniform);
        return broken != null ? broken : Backend.super.dropout(size, rate, uniform);
    }

    @Override
    public Layer batchNormalization(ImageShape shape, Matrix scale, Matrix shift,
                                    Matrix runningMean, Matrix runningVariance, double momentum,
                                    double epsilon) {
        Layer broken = BrokenImageLayers.batchNormalization(breakage, linearAlgebra(), shape,
                scale, shift, runningMean, runningVariance, momentum, epsilon);
        return broken != null ? broken : Backend.super.batchNormalization(shape, scale, shift,
                runningMean, runningVariance, momentum, epsilon);
    }
}
