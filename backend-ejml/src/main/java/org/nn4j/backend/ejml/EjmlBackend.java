package org.nn4j.backend.ejml;

import java.util.EnumSet;
import java.util.Set;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.api.Precision;
import org.nn4j.api.spi.AbstractBackend;

/**
 * {@inheritDoc} EJML: pure Java, fastest on small matrices. Computes in float64
 * ({@code DMatrixRMaj}) and, through {@code inPrecision(Precision.F32)}, in float32
 * ({@link EjmlFloatBackend}, on {@code FMatrixRMaj}).
 */
final class EjmlBackend extends AbstractBackend<EjmlMatrix> {

    private final EjmlLinearAlgebra linearAlgebra;

    EjmlBackend() {
        this(new EjmlLinearAlgebra());
    }

    private EjmlBackend(EjmlLinearAlgebra linearAlgebra) {
        super(linearAlgebra, new EjmlMeanSquaredError(linearAlgebra),
                new EjmlSoftmaxCrossEntropy(linearAlgebra));
        this.linearAlgebra = linearAlgebra;
    }

    @Override
    public Layer dense(Matrix weights, Matrix bias) {
        return new EjmlDenseLayer(linearAlgebra, weights, bias);
    }

    @Override
    public Layer activation(Activation activation, int size) {
        return new EjmlActivationLayer(linearAlgebra, activation, size);
    }

    @Override
    public Set<Precision> precisions() {
        return EnumSet.of(Precision.F32, Precision.F64);
    }

    @Override
    protected Backend createInPrecision(Precision precision) {
        return new EjmlFloatBackend(this);
    }
}
