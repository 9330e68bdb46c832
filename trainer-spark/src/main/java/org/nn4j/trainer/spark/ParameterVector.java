package org.nn4j.trainer.spark;

import org.nn4j.trainer.model.ModelSpec;
import java.util.List;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * A model's parameters (or their gradients) as one row-major {@code double[]}: every
 * parameter in {@link org.nn4j.trainer.model.Sequential#parameters()} order, each row-major.
 * This is what crosses the network: broadcast to the executors, summed back by
 * {@code treeAggregate}.
 */
public final class ParameterVector {

    private ParameterVector() {
    }

    /**
     * Returns the total number of values of some parameters.
     *
     * @param parameters the parameters
     * @return the sum of their sizes
     */
    public static int length(List<Parameter> parameters) {
        long n = 0;
        for (Parameter p : parameters) {
            n += (long) p.value().rows() * p.value().cols();
        }
        return Math.toIntExact(n);
    }

    /**
     * Copies the parameters' values into an array.
     *
     * @param la         the parameters' backend
     * @param parameters the parameters. Not modified.
     * @param dest       at least {@link #length} values from {@code offset}. Modified.
     * @param offset     where the first value goes
     */
    public static void copyValues(LinearAlgebra la, List<Parameter> parameters, double[] dest,
                                  int offset) {
        for (Parameter p : parameters) {
            la.copyToRowMajor(p.value(), dest, offset);
            offset += size(p.value());
        }
    }

    /**
     * Returns the parameters' values as a new array.
     *
     * @param la         the parameters' backend
     * @param parameters the parameters. Not modified.
     * @return {@link #length} values
     */
    public static double[] values(LinearAlgebra la, List<Parameter> parameters) {
        double[] v = new double[length(parameters)];
        copyValues(la, parameters, v, 0);
        return v;
    }

    /**
     * Adds {@code alpha} times the parameters' gradients to an array.
     *
     * @param la         the parameters' backend
     * @param parameters the parameters. Not modified.
     * @param alpha      the factor, for example the rows a mean gradient was taken over
     * @param dest       at least {@link #length} values. Modified.
     * @param scratch    a buffer of at least the largest parameter's size. Modified.
     */
    public static void addGradients(LinearAlgebra la, List<Parameter> parameters, double alpha,
                                    double[] dest, double[] scratch) {
        int offset = 0;
        for (Parameter p : parameters) {
            int n = size(p.gradient());
            la.copyToRowMajor(p.gradient(), scratch, 0);
            for (int i = 0; i < n; i++) {
                dest[offset + i] += alpha * scratch[i];
            }
            offset += n;
        }
    }

    /**
     * Sets the parameters' values from an array.
     *
     * @param la         the parameters' backend
     * @param src        {@link #length} values from {@code offset}. Not modified.
     * @param offset     where the first value is
     * @param parameters the parameters. Modified.
     * @throws IllegalArgumentException if the array is too short, naming both lengths
     */
    public static void setValues(LinearAlgebra la, double[] src, int offset,
                                 List<Parameter> parameters) {
        check(src, offset, parameters);
        for (Parameter p : parameters) {
            la.copyFromRowMajor(src, offset, p.value());
            offset += size(p.value());
        }
    }

    /**
     * Sets the parameters' gradients from an array.
     *
     * @param la         the parameters' backend
     * @param src        {@link #length} values from {@code offset}. Not modified.
     * @param offset     where the first value is
     * @param parameters the parameters whose gradients are set. Modified.
     * @throws IllegalArgumentException if the array is too short, naming both lengths
     */
    public static void setGradients(LinearAlgebra la, double[] src, int offset,
                                    List<Parameter> parameters) {
        check(src, offset, parameters);
        for (Parameter p : parameters) {
            la.copyFromRowMajor(src, offset, p.gradient());
            offset += size(p.gradient());
        }
    }

    /** Returns the size of the largest parameter, for {@link #addGradients}' scratch buffer. */
    /**
     * Returns the length of a model's vector: its number of weights and biases.
     *
     * @param spec the model's specification
     * @return the length
     * @throws IllegalStateException if it does not fit one Java array
     */
    public static int length(ModelSpec spec) {
        long n = spec.parameterCount();
        if (n > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("a model of " + n + " parameters does not fit one"
                    + " Java array: " + spec.describe());
        }
        return (int) n;
    }

    static int largest(List<Parameter> parameters) {
        int max = 0;
        for (Parameter p : parameters) {
            max = Math.max(max, size(p.value()));
        }
        return max;
    }

    private static void check(double[] src, int offset, List<Parameter> parameters) {
        int n = length(parameters);
        if (offset < 0 || src.length - offset < n) {
            throw new IllegalArgumentException("the model has " + n + " parameter values but the"
                    + " vector holds " + (src.length - offset) + " from offset " + offset);
        }
    }

    private static int size(Matrix m) {
        return m.rows() * m.cols();
    }
}
