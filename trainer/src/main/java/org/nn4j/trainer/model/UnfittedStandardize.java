package org.nn4j.trainer.model;

import java.util.List;
import java.util.Map;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.trainer.Rng;

/**
 * A model file's standardization layer as its description gives it, before its arrays are
 * read: the width only. {@link #withFixedArrays} turns it into a {@link LayerSpec.Standardize};
 * a {@code SavedModel} always does. It cannot create a layer.
 *
 * @param features the width, positive
 */
record UnfittedStandardize(int features) implements LayerSpec {

    private static final long serialVersionUID = 1L;

    @Override
    public String type() {
        return "standardize";
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("features", features);
    }

    @Override
    public int outputWidth(int inputWidth) {
        if (inputWidth != features) {
            throw new IllegalArgumentException("a standardization of " + features
                    + " features follows an input of width " + inputWidth);
        }
        return inputWidth;
    }

    @Override
    public org.nn4j.api.ImageShape outputShape(org.nn4j.api.ImageShape input) {
        outputWidth(input.size());
        return input;
    }

    @Override
    public List<ModelSpec.ArrayShape> parameterShapes(int inputWidth) {
        return List.of(new ModelSpec.ArrayShape("mean", new long[] {features}),
                new ModelSpec.ArrayShape("scale", new long[] {features}));
    }

    @Override
    public boolean fixed() {
        return true;
    }

    @Override
    public List<double[]> fixedArrays() {
        throw new IllegalStateException("this standardization's mean and scale are not read yet");
    }

    @Override
    public LayerSpec withFixedArrays(List<double[]> arrays) {
        if (arrays.size() != 2) {
            throw new IllegalArgumentException("a standardization has 2 arrays, got "
                    + arrays.size());
        }
        return new LayerSpec.Standardize(arrays.get(0), arrays.get(1));
    }

    @Override
    public Layer create(Backend backend, int inputWidth, Rng rng) {
        throw new IllegalStateException("this standardization's mean and scale are not read yet;"
                + " load the model file whole (ModelFile.load)");
    }

    @Override
    public String describe() {
        return "standardize";
    }
}
