package org.nn4j.trainer.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.api.Backend;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Predictor;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingRecord;

/**
 * A model as a file holds it, on no backend: its specification, its provenance, its
 * parameters as row-major {@code double[]} in {@link ModelSpec#parameterShapes()}
 * order, and the {@link Precision} they are stored in. {@link #of(Sequential, Provenance)}
 * takes one from a trained model; {@link #toSequential(Backend)} puts it on any backend that
 * computes in its precision, and {@link #inPrecision(Precision)} converts it explicitly.
 *
 * @param spec         the layers and loss
 * @param provenance   where it comes from
 * @param parameters   every array of {@link ModelSpec#parameterShapes()}, in order, row-major:
 *                     each dense layer's weights then bias, and a standardization's mean and
 *                     scale (which {@code spec} then holds too); the arrays are the record's
 *                     own (not copied), do not modify them
 * @param precision    the precision the parameters are stored in, and the model computes in:
 *                     in {@link Precision#F32} every value is a {@code float}, and a file
 *                     holds {@code '<f4'} arrays
 */
public record SavedModel(ModelSpec spec, Provenance provenance,
                         List<double[]> parameters, Precision precision) {

    /**
     * Checks the parameters fit the architecture and the precision.
     *
     * @param spec       the layers and loss
     * @param provenance where it comes from
     * @param parameters each dense layer's weights then bias, row-major; the list is copied,
     *                   the arrays are not
     * @param precision  the parameters' precision
     * @throws IllegalArgumentException naming the array whose length is wrong, a value of a
     *                                  float32 model that is not a {@code float}, or a fixed
     *                                  array (a standardization's) whose values are out of range
     */
    public SavedModel {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(precision, "precision");
        parameters = List.copyOf(parameters);
        checkLengths(spec, parameters);
        checkPrecision(spec, parameters, precision);
        // A fixed layer (a standardization) takes its values from the arrays.
        spec = spec.withFixedArrays(parameters);
    }

    /**
     * A float64 model, as every file before float32 held.
     *
     * @param spec       the layers and loss
     * @param provenance where it comes from
     * @param parameters each dense layer's weights then bias, row-major
     * @throws IllegalArgumentException as the canonical constructor
     */
    public SavedModel(ModelSpec spec, Provenance provenance, List<double[]> parameters) {
        this(spec, provenance, parameters, Precision.F64);
    }

    /** Refuses a value a float32 file could not hold exactly (it would be rounded unseen). */
    private static void checkPrecision(ModelSpec spec, List<double[]> parameters,
                                       Precision precision) {
        List<ModelSpec.ArrayShape> shapes = spec.parameterShapes();
        for (int k = 0; k < parameters.size(); k++) {
            double[] values = parameters.get(k);
            for (int i = 0; i < values.length; i++) {
                double v = values[i];
                if (precision.round(v) != v && !Double.isNaN(v)) {
                    throw new IllegalArgumentException(shapes.get(k).name() + "[" + i + "] = "
                            + v + " is not a " + precision + " value; round the parameters"
                            + " (Precision.round) or keep the model in " + Precision.F64);
                }
            }
        }
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
        List<double[]> state = new ArrayList<>();
        for (org.nn4j.api.Layer.State a : model.state()) {
            state.add(a.value().toRowMajor());
        }
        return new SavedModel(model.spec(), provenance, model.spec().arrays(values, state),
                model.precision());
    }

    /**
     * Returns this model in another precision: to {@link Precision#F64} every value widens
     * exactly (a float32 model then runs on a float64-only backend, with the same weights);
     * to {@link Precision#F32} each rounds to the nearest {@code float}.
     *
     * @param target the precision wanted
     * @return this record if it is already in {@code target}, else a new one with new arrays
     */
    public SavedModel inPrecision(Precision target) {
        Objects.requireNonNull(target, "target");
        if (target == precision) {
            return this;
        }
        List<double[]> converted = new ArrayList<>();
        for (double[] values : parameters) {
            double[] c = new double[values.length];
            for (int i = 0; i < c.length; i++) {
                c[i] = target.round(values[i]);
            }
            converted.add(c);
        }
        return new SavedModel(spec, provenance, converted, target);
    }

    /**
     * Builds the model with these parameters on a backend, in the model's {@link #precision()}:
     * on {@code backend.inPrecision(precision())}.
     *
     * @param backend the backend
     * @return a new model whose forward pass uses exactly these weights and biases, and whose
     *         {@link Sequential#lastTraining()} is the provenance's data set and settings, so
     *         saving it again keeps them
     * @throws UnsupportedOperationException if the backend does not compute in the model's
     *                                       precision, naming both and the way out
     *                                       ({@link #inPrecision(Precision)})
     */
    public Sequential toSequential(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        if (!backend.precisions().contains(precision)) {
            throw new UnsupportedOperationException("the model is stored in " + precision
                    + " but backend '" + backend.name() + "' does not compute in " + precision
                    + "; it supports " + Precision.labels(backend.precisions())
                    + ". Use a backend that computes in " + precision + ", or convert the"
                    + " model explicitly with inPrecision(Precision."
                    + (precision == Precision.F32 ? "F64), which widens every value exactly"
                    : "F32), which rounds every value to float32"));
        }
        backend = backend.inPrecision(precision);
        // The model draws initial weights; they are overwritten at once.
        Sequential model = spec.build(backend, new Rng(provenance.seed()));
        model.recordTraining(new TrainingRecord(provenance.dataSet(),
                provenance.hyperparameters()));
        LinearAlgebra la = backend.linearAlgebra();
        List<Parameter> targets = model.parameters();
        List<ModelSpec.ArrayKind> kinds = spec.arrayKinds();
        int next = 0;
        int nextState = 0;
        for (int k = 0; k < kinds.size(); k++) {
            if (kinds.get(k) == ModelSpec.ArrayKind.TRAINED) {
                Matrix value = targets.get(next++).value();
                la.copyFromRowMajor(parameters.get(k), 0, value);
            } else if (kinds.get(k) == ModelSpec.ArrayKind.STATE) {
                la.copyFromRowMajor(parameters.get(k), 0,
                        model.state().get(nextState++).value());
            }
        }
        return model;
    }

    /**
     * Puts the model on a backend for prediction, in the model's precision (see
     * {@link #toSequential(Backend)}): a thread-safe snapshot that any number of threads may
     * share ({@link Predictor}).
     *
     * @param backend the backend the forward passes run on
     * @return a new predictor with exactly these weights and biases
     * @throws UnsupportedOperationException if the backend does not compute in the model's
     *                                       precision
     */
    public Predictor predictor(Backend backend) {
        return toSequential(backend).predictor();
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
