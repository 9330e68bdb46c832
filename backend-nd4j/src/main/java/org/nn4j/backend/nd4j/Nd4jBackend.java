package org.nn4j.backend.nd4j;

import java.util.EnumSet;
import java.util.Set;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractBackend;

/**
 * {@inheritDoc} ND4J's native CPU backend (libnd4j with OpenBLAS), in float64
 * ({@code DataType.DOUBLE}, products by {@code dgemm}) or float32 ({@code DataType.FLOAT},
 * products by {@code sgemm}); for large matrices. Created by
 * {@link Nd4jBackendProvider#create()} after the natives loaded, in float64.
 */
final class Nd4jBackend extends AbstractBackend<Nd4jMatrix> {

    private final Nd4jLinearAlgebra linearAlgebra;
    /** The instance this one was made from by {@link #createInPrecision}, or null. */
    private final Backend origin;

    Nd4jBackend() {
        this(Precision.F64, null);
    }

    private Nd4jBackend(Precision precision, Backend origin) {
        this(new Nd4jLinearAlgebra(precision), origin);
    }

    private Nd4jBackend(Nd4jLinearAlgebra linearAlgebra, Backend origin) {
        super(linearAlgebra, new Nd4jMeanSquaredError(linearAlgebra),
                new Nd4jSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
        this.origin = origin;
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.of(Precision.F32, Precision.F64);
    }

    @Override
    protected Backend createInPrecision(Precision precision) {
        // Back to the instance this one came from, so each precision has one instance.
        return origin != null && origin.precision() == precision ? origin
                : new Nd4jBackend(precision, this);
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new Nd4jDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new Nd4jActivationLayer(linearAlgebra, activation, size);
    }
}
