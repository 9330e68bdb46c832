package org.nn4j.tck.reference;

import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * A small pure-Java backend for the kit's own tests, optionally carrying one deliberate
 * {@link Breakage}. It cannot be backend-ejml: that module runs the kit, so using it here
 * would close a cycle in the reactor.
 */
public final class ReferenceBackend implements Backend {

    private final ReferenceLinearAlgebra la;
    private final LinearAlgebra publicLinearAlgebra;
    private final ReferenceMeanSquaredError mse;
    private final ReferenceSoftmaxCrossEntropy softmaxCrossEntropy;
    private final Breakage breakage;

    /**
     * Creates the backend.
     *
     * @param breakage the bug to carry, or {@link Breakage#NONE}
     */
    public ReferenceBackend(Breakage breakage) {
        this.breakage = breakage;
        this.la = new ReferenceLinearAlgebra(breakage);
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
}
