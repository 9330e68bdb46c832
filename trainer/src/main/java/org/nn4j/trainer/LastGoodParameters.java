package org.nn4j.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * Keeps a copy of a model's parameters as they were after the last update that left every
 * one of them finite, so that a diverging update can be undone exactly.
 *
 * <p>A trainer calls {@link #accept()} after each optimizer step. It copies every parameter
 * out ({@link LinearAlgebra#copyToRowMajor}) into a spare buffer and looks for NaN or
 * ±infinity; if there is none the spare becomes the last good copy (the two buffers swap,
 * nothing is allocated), else every parameter is written back from the last good copy and
 * the first non-finite element is described. A loss that is still finite does not prove the
 * update was: with a large learning rate one update can make a weight infinite while the
 * loss of its batch was finite, and only the next batch's loss is NaN. Checking the
 * parameters themselves catches that at the update which did it.
 *
 * <p>A model's {@linkplain Layer#state() state arrays} (batch normalisation's running
 * statistics) change in the forward pass of the step, not in the update; given to
 * {@link #LastGoodParameters(LinearAlgebra, List, List)} they are kept, checked and restored
 * with the parameters, so that an undone step leaves no trace in them either. A trainer whose
 * step it refuses before the update (a loss that is not finite) calls {@link #restore()}.
 *
 * <p>Cost: one copy of the parameters (and state arrays) out of the backend and one scan per
 * step, no allocation; memory: two {@code double[]} copies of them.
 *
 * <p>Not thread-safe; it belongs to one training run.
 */
public final class LastGoodParameters {

    private final LinearAlgebra linearAlgebra;
    /** The parameters' and then the state arrays' matrices, and how a problem names each. */
    private final List<Matrix> arrays = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private double[][] good;
    private double[][] spare;

    /**
     * Takes the parameters' current values as the first good copy.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the parameters
     * @param parameters    the parameters, as {@link org.nn4j.api.Layer#parameters()} gives them
     * @throws IllegalArgumentException if a parameter already holds a NaN or an infinity,
     *                                  naming the parameter and the element
     */
    public LastGoodParameters(LinearAlgebra linearAlgebra, List<Parameter> parameters) {
        this(linearAlgebra, parameters, List.of());
    }

    /**
     * Takes the parameters' and the state arrays' current values as the first good copy; both
     * are checked after each update and restored together.
     *
     * @param linearAlgebra the backend's linear algebra, which owns the arrays
     * @param parameters    the parameters, as {@link org.nn4j.api.Layer#parameters()} gives them
     * @param state         the state arrays, as {@link Layer#state()} gives them; empty for
     *                      none
     * @throws IllegalArgumentException if a parameter or a state array already holds a NaN or
     *                                  an infinity, naming it and the element
     */
    public LastGoodParameters(LinearAlgebra linearAlgebra, List<Parameter> parameters,
                              List<Layer.State> state) {
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        for (Parameter p : parameters) {
            add(p.value(), "parameter " + labels.size() + " (" + p.name());
        }
        for (Layer.State a : state) {
            add(a.value(), "state array " + (labels.size() - parameters.size()) + " ("
                    + a.name());
        }
        int n = arrays.size();
        good = new double[n][];
        spare = new double[n][];
        for (int i = 0; i < n; i++) {
            Matrix value = arrays.get(i);
            good[i] = new double[value.rows() * value.cols()];
            spare[i] = new double[good[i].length];
        }
        String problem = copyAndFind(good);
        if (problem != null) {
            throw new IllegalArgumentException("cannot train from non-finite "
                    + (problem.startsWith("parameter") ? "parameters: " : "state: ") + problem);
        }
    }

    private void add(Matrix value, String label) {
        arrays.add(value);
        labels.add(label + ", " + value.rows() + "x" + value.cols() + ")");
    }

    /**
     * Checks the parameters (and state arrays) after an update: finite ones become the last
     * good copy; otherwise every one is restored from the last good copy.
     *
     * @return {@code null} if every value is finite, else a description of the first
     *         non-finite element, such as {@code "parameter 0 (W, 2x3) element (1, 2) is NaN"}
     *         or {@code "state array 1 (runningVariance, 1x4) element (0, 2) is Infinity"}
     */
    public String accept() {
        String problem = copyAndFind(spare);
        if (problem != null) {
            restore();
            return problem;
        }
        double[][] swap = good;
        good = spare;
        spare = swap;
        return null;
    }

    /** Writes the last good copy back into every parameter and state array. */
    public void restore() {
        for (int i = 0; i < good.length; i++) {
            linearAlgebra.copyFromRowMajor(good[i], 0, arrays.get(i));
        }
    }

    /**
     * Returns the last good values of a parameter or state array, row-major; a copy.
     *
     * @param index the parameter's position in the list given to the constructor; a state
     *              array's is the number of parameters plus its position in its list
     * @return its values after the last accepted update
     */
    public double[] values(int index) {
        return good[index].clone();
    }

    private String copyAndFind(double[][] into) {
        for (int i = 0; i < into.length; i++) {
            Matrix value = arrays.get(i);
            double[] copy = into[i];
            linearAlgebra.copyToRowMajor(value, copy, 0);
            for (int k = 0; k < copy.length; k++) {
                if (!Double.isFinite(copy[k])) {
                    return labels.get(i) + " element (" + k / value.cols() + ", "
                            + k % value.cols() + ") is " + copy[k];
                }
            }
        }
        return null;
    }
}
