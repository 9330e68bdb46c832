package org.nn4j.trainer.optim;

import java.util.List;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * The per-parameter state of an optimizer: {@code slots} matrices of each parameter's shape,
 * allocated (zero) on the first {@link #bind} and checked, without allocating, on later ones;
 * the backend of the first bind is checked the same way.
 */
final class OptimizerState {

    private final String optimizer;
    private final int slots;
    private LinearAlgebra linearAlgebra;
    private Matrix[] bound;
    private Matrix[][] state;

    OptimizerState(String optimizer, int slots) {
        this.optimizer = optimizer;
        this.slots = slots;
    }

    /**
     * Binds to the backend and the parameters on the first call, else checks they are the
     * bound ones.
     *
     * @return whether the state was allocated by this call
     */
    boolean bind(LinearAlgebra la, List<Parameter> parameters) {
        java.util.Objects.requireNonNull(la, "linearAlgebra");
        int n = parameters.size();
        if (bound == null) {
            linearAlgebra = la;
            bound = new Matrix[n];
            state = new Matrix[slots][n];
            for (int i = 0; i < n; i++) {
                Matrix value = parameters.get(i).value();
                bound[i] = value;
                for (int s = 0; s < slots; s++) {
                    state[s][i] = la.zeros(value.rows(), value.cols());
                }
            }
            return true;
        }
        if (la != linearAlgebra) {
            throw new IllegalStateException(optimizer + " was bound to another backend's linear"
                    + " algebra by its first step; call reset() before stepping on another");
        }
        if (n != bound.length) {
            throw new IllegalStateException(optimizer + " was bound to " + bound.length
                    + " parameters by its first step and is now given " + n
                    + "; call reset() before stepping other parameters");
        }
        for (int i = 0; i < n; i++) {
            if (parameters.get(i).value() != bound[i]) {
                throw new IllegalStateException(optimizer + ": parameter " + i + " ("
                        + parameters.get(i).name() + ") is not the matrix its first step was"
                        + " given; call reset() before stepping other parameters");
            }
        }
        return false;
    }

    Matrix slot(int slot, int parameter) {
        return state[slot][parameter];
    }

    void reset() {
        linearAlgebra = null;
        bound = null;
        state = null;
    }
}
