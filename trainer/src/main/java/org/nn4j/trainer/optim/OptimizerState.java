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

    /** Copies every slot off the backend: per slot, one row-major array per parameter. */
    List<List<double[]>> save() {
        List<List<double[]>> saved = new java.util.ArrayList<>();
        if (bound == null) {
            return saved;
        }
        for (Matrix[] slot : state) {
            List<double[]> arrays = new java.util.ArrayList<>();
            for (Matrix m : slot) {
                arrays.add(m.toRowMajor());
            }
            saved.add(arrays);
        }
        return saved;
    }

    /**
     * Binds afresh to the parameters and copies the saved slots in; none leaves it unbound.
     *
     * @throws IllegalArgumentException if the arrays do not fit the slots or the parameters
     */
    void restore(LinearAlgebra la, List<Parameter> parameters, List<List<double[]>> saved) {
        if (saved.isEmpty()) {
            reset();
            return;
        }
        if (saved.size() != slots) {
            throw new IllegalArgumentException(optimizer + " keeps " + slots + " matrices per"
                    + " parameter; the saved state has " + saved.size());
        }
        int n = parameters.size();
        for (int s = 0; s < slots; s++) {
            if (saved.get(s).size() != n) {
                throw new IllegalArgumentException(optimizer + "'s saved state is for "
                        + saved.get(s).size() + " parameters; the model has " + n);
            }
            for (int i = 0; i < n; i++) {
                Matrix value = parameters.get(i).value();
                if (saved.get(s).get(i).length != (long) value.rows() * value.cols()) {
                    throw new IllegalArgumentException(optimizer + "'s saved state for parameter "
                            + i + " (" + parameters.get(i).name() + ", " + value.rows() + "x"
                            + value.cols() + ") has " + saved.get(s).get(i).length + " values");
                }
            }
        }
        reset();
        bind(la, parameters);
        for (int s = 0; s < slots; s++) {
            for (int i = 0; i < n; i++) {
                la.copyFromRowMajor(saved.get(s).get(i), 0, state[s][i]);
            }
        }
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
