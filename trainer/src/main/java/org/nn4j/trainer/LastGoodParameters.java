package org.nn4j.trainer;

import java.util.List;
import java.util.Objects;
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
 * <p>Cost: one copy of the parameters out of the backend and one scan per step, no
 * allocation; memory: two {@code double[]} copies of the parameters.
 *
 * <p>Not thread-safe; it belongs to one training run.
 */
public final class LastGoodParameters {

    private final LinearAlgebra linearAlgebra;
    private final List<Parameter> parameters;
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
        this.linearAlgebra = Objects.requireNonNull(linearAlgebra, "linearAlgebra");
        this.parameters = List.copyOf(parameters);
        int n = this.parameters.size();
        good = new double[n][];
        spare = new double[n][];
        for (int i = 0; i < n; i++) {
            Matrix value = this.parameters.get(i).value();
            good[i] = new double[value.rows() * value.cols()];
            spare[i] = new double[good[i].length];
        }
        String problem = copyAndFind(good);
        if (problem != null) {
            throw new IllegalArgumentException("cannot train from non-finite parameters: "
                    + problem);
        }
    }

    /**
     * Checks the parameters after an update: finite ones become the last good copy;
     * otherwise every parameter is restored from the last good copy.
     *
     * @return {@code null} if every parameter is finite, else a description of the first
     *         non-finite element, such as {@code "parameter 0 (W, 2x3) element (1, 2) is NaN"}
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

    /** Writes the last good copy back into every parameter. */
    public void restore() {
        for (int i = 0; i < good.length; i++) {
            linearAlgebra.copyFromRowMajor(good[i], 0, parameters.get(i).value());
        }
    }

    /**
     * Returns the last good values of a parameter, row-major; a copy.
     *
     * @param index the parameter's position in the list given to the constructor
     * @return its values after the last accepted update
     */
    public double[] values(int index) {
        return good[index].clone();
    }

    private String copyAndFind(double[][] into) {
        for (int i = 0; i < into.length; i++) {
            Matrix value = parameters.get(i).value();
            double[] copy = into[i];
            linearAlgebra.copyToRowMajor(value, copy, 0);
            for (int k = 0; k < copy.length; k++) {
                if (!Double.isFinite(copy[k])) {
                    return "parameter " + i + " (" + parameters.get(i).name() + ", "
                            + value.rows() + "x" + value.cols() + ") element ("
                            + k / value.cols() + ", " + k % value.cols() + ") is " + copy[k];
                }
            }
        }
        return null;
    }
}
