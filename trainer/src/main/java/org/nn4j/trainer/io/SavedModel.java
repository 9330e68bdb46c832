package org.nn4j.trainer.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingRecord;

/**
 * A model as a file holds it, on no backend: its specification, its provenance and its
 * parameters as row-major {@code double[]} in {@link ModelSpec#parameterShapes()}
 * order. {@link #of(Sequential, Provenance)} takes one from a trained model;
 * {@link #toSequential(Backend)} puts it on any backend.
 *
 * @param spec         the layers and loss
 * @param provenance   where it comes from
 * @param parameters   every array of {@link ModelSpec#parameterShapes()}, in order, row-major:
 *                     each dense layer's weights then bias, and a standardization's mean and
 *                     scale (which {@code spec} then holds too); the arrays are the record's
 *                     own (not copied), do not modify them
 */
public record SavedModel(ModelSpec spec, Provenance provenance,
                         List<double[]> parameters) {

    /**
     * Checks the parameters fit the architecture.
     *
     * @param spec       the layers and loss
     * @param provenance where it comes from
     * @param parameters each dense layer's weights then bias, row-major; the list is copied,
     *                   the arrays are not
     * @throws IllegalArgumentException naming the array whose length is wrong, or a fixed
     *                                  array (a standardization's) whose values are out of range
     */
    public SavedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(provenance, "provenance");
        parameters = List.copyOf(parameters);
        checkLengths(spec, parameters);
        // A fixed layer (a standardization) takes its values from the arrays.
        spec = spec.withFixedArrays(parameters);
    }

    private static void checkLengths(ModelSpec spec, List<double[]> parameters) {
        List<ModelSpec.ArrayShape> shapes = spec.parameterShapes();
        if (parameters.size() != shapes.size()) {
            throw new IllegalArgumentException("the architecture " + spec.describe()
                    + " has " + shapes.size() + " arrays, got " + parameters.size());
        }
        for (int k = 0; k < shapes.size(); k++) {
            if (parameters.get(k).length != shapes.get(k).elements()) {
                throw new IllegalArgumentException(shapes.get(k).name() + " has shape "
                        + shapes.get(k).numpyShape() + ", " + shapes.get(k).elements()
                        + " values, got " + parameters.get(k).length);
            }
        }
    }

    /**
     * Copies a model's parameters off its backend.
     *
     * @param model      the model
     * @param provenance where it comes from
     * @return the model as a file would hold it
     * @throws IllegalArgumentException if it has a layer or a loss a file cannot describe
     */
    public static SavedModel of(Sequential model, Provenance provenance) {
        List<double[]> values = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            values.add(p.value().toRowMajor());
        }
        return new SavedModel(model.spec(), provenance, model.spec().arrays(values));
    }

    /**
     * Builds the model on a backend, with these parameters.
     *
     * @param backend the backend
     * @return a new model whose forward pass uses exactly these weights and biases, and whose
     *         {@link Sequential#lastTraining()} is the provenance's data set and settings, so
     *         saving it again keeps them
     */
    public Sequential toSequential(Backend backend) {
        // The model draws initial weights; they are overwritten at once.
        Sequential model = spec.build(backend, new Rng(provenance.seed()));
        model.recordTraining(new TrainingRecord(provenance.dataSet(),
                provenance.hyperparameters()));
        LinearAlgebra la = backend.linearAlgebra();
        List<Parameter> targets = model.parameters();
        boolean[] fixed = spec.fixedArrays();
        int next = 0;
        for (int k = 0; k < fixed.length; k++) {
            if (!fixed[k]) {
                Matrix value = targets.get(next++).value();
                la.copyFromRowMajor(parameters.get(k), 0, value);
            }
        }
        return model;
    }

    /**
     * Returns one parameter array.
     *
     * @param name its name, such as {@code dense0.weights}
     * @return its values, row-major; the record's own array
     * @throws IllegalArgumentException if the architecture has no such array
     */
    public double[] parameter(String name) {
        List<ModelSpec.ArrayShape> shapes = spec.parameterShapes();
        for (int k = 0; k < shapes.size(); k++) {
            if (shapes.get(k).name().equals(name)) {
                return parameters.get(k);
            }
        }
        throw new IllegalArgumentException("no array '" + name + "' in " + shapes);
    }
}
