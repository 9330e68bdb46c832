package org.nn4j.backend.ejml;

import java.util.Set;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractBackend;

/**
 * The EJML backend in float32, on {@code FMatrixRMaj}: what
 * {@code Backends.get("ejml").inPrecision(Precision.F32)} returns.
 */
final class EjmlFloatBackend extends AbstractBackend<EjmlFloatMatrix> {

    private final EjmlFloatLinearAlgebra linearAlgebra;
    private final Backend inFloat64;

    EjmlFloatBackend(Backend inFloat64) {
        this(new EjmlFloatLinearAlgebra(), inFloat64);
    }

    private EjmlFloatBackend(EjmlFloatLinearAlgebra linearAlgebra, Backend inFloat64) {
        super(linearAlgebra, new EjmlFloatMeanSquaredError(linearAlgebra),
                new EjmlFloatSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
        this.inFloat64 = inFloat64;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new EjmlFloatDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new EjmlFloatActivationLayer(linearAlgebra, activation, size);
    }

    @Override
    public Set<Precision> precisions() {
        return inFloat64.precisions();
    }

    @Override
    protected Backend createInPrecision(Precision precision) {
        return inFloat64; // the only other precision: the float64 instance this came from
    }
}
