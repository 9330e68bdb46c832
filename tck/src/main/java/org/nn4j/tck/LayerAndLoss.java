package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Layer;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.api.Parameter;

/**
 * The dense layer and the mean squared error against answers computed by hand, for
 * z = [[1,2],[3,4]], W = [[1,0,−1],[2,1,0]], b = [0.5,−1,2] and targets
 * t = [[5,2,1],[11,4,−2]]:
 * <pre>
 * y = z·W + b        = [[5.5, 1, 1], [11.5, 3, −1]]
 * y − t              = [[0.5, −1, 0], [0.5, −1, 1]]          Σ (y − t)² = 3.5
 * L = Σ (y − t)²/2N  = 3.5 / 4 = 0.875
 * dy = (y − t)/N     = [[0.25, −0.5, 0], [0.25, −0.5, 0.5]]
 * dW = zᵀ·dy         = [[1, −2, 1.5], [1.5, −3, 2]]
 * db = Σ_rows dy     = [0.5, −1, 0.5]
 * dz = dy·Wᵀ         = [[0.25, 0], [−0.25, 0]]
 * </pre>
 */
interface LayerAndLoss extends ConformanceChecks {

    static final double[] Z = {1, 2, 3, 4};
    static final double[] W = {1, 0, -1, 2, 1, 0};
    static final double[] B = {0.5, -1, 2};
    static final double[] T = {5, 2, 1, 11, 4, -2};
    static final double[] Y = {5.5, 1, 1, 11.5, 3, -1};
    static final double LOSS = 0.875;
    static final double[] DY = {0.25, -0.5, 0, 0.25, -0.5, 0.5};
    static final double[] DW = {1, -2, 1.5, 1.5, -3, 2};
    static final double[] DB = {0.5, -1, 0.5};
    static final double[] DZ = {0.25, 0, -0.25, 0};


    private Layer layer() {
        return backendUnderTest().dense(matrix(2, 3, W), matrix(1, 3, B));
    }

    @Test
    default void denseForwardComputesInputTimesWeightsPlusBias() {
        Layer layer = layer();
        assertEquals(2, layer.inputSize(), "inputSize");
        assertEquals(3, layer.outputSize(), "outputSize");
        Expect.matrix("forward", 2, 3, Y, layer.forward(matrix(2, 2, Z)));
    }

    @Test
    default void meanSquaredErrorValueIsHalfTheMeanOverRowsOfSummedSquaredErrors() {
        Loss mse = backendUnderTest().meanSquaredError();
        assertEquals(LOSS, mse.value(matrix(2, 3, Y), matrix(2, 3, T)), Tolerances.knownAnswer());
    }

    @Test
    default void meanSquaredErrorGradientIsTheErrorDividedByTheBatchSize() {
        Loss mse = backendUnderTest().meanSquaredError();
        Matrix prediction = matrix(2, 3, Y);
        Matrix target = matrix(2, 3, T);
        Matrix gradient = matrix(2, 3, ConformanceChecks.filled(6, Double.NaN));
        assertEquals(LOSS, mse.valueAndGradient(prediction, target, gradient), Tolerances.knownAnswer(),
                "valueAndGradient's value");
        Expect.matrix("gradient", 2, 3, DY, gradient);
        Expect.matrix("prediction afterwards", 2, 3, Y, prediction);
        Expect.matrix("target afterwards", 2, 3, T, target);
    }

    @Test
    default void denseBackwardWeightGradientIsInputTransposedTimesOutputGradient() {
        Layer layer = layer();
        layer.forward(matrix(2, 2, Z));
        layer.backward(matrix(2, 3, DY));
        Expect.matrix("dW", 2, 3, DW, layer.parameters().get(0).gradient());
    }

    @Test
    default void denseBackwardBiasGradientIsTheColumnSumOfTheOutputGradient() {
        Layer layer = layer();
        layer.forward(matrix(2, 2, Z));
        layer.backward(matrix(2, 3, DY));
        Expect.matrix("db", 1, 3, DB, layer.parameters().get(1).gradient());
    }

    @Test
    default void denseBackwardInputGradientIsOutputGradientTimesWeightsTransposed() {
        Layer layer = layer();
        layer.forward(matrix(2, 2, Z));
        Expect.matrix("dz", 2, 2, DZ, layer.backward(matrix(2, 3, DY)));
    }

    @Test
    default void denseBackwardWithoutTheInputGradientGivesTheSameParameterGradients() {
        Layer layer = layer();
        layer.forward(matrix(2, 2, Z));
        Matrix skipped = layer.backward(matrix(2, 3, DY), false);
        assertNull(skipped, "backward(dy, false) returns null");
        Expect.matrix("dW", 2, 3, DW, layer.parameters().get(0).gradient());
        Expect.matrix("db", 1, 3, DB, layer.parameters().get(1).gradient());
        layer.forward(matrix(2, 2, Z));
        Expect.matrix("dz from backward(dy, true)", 2, 2, DZ,
                layer.backward(matrix(2, 3, DY), true));
    }

    @Test
    default void denseLayerExposesWAndBAndTrainsTheGivenMatricesInPlace() {
        Matrix weights = matrix(2, 3, W);
        Matrix bias = matrix(1, 3, B);
        Layer layer = backendUnderTest().dense(weights, bias);
        List<Parameter> parameters = layer.parameters();
        assertEquals(2, parameters.size(), "number of parameters");
        assertEquals("W", parameters.get(0).name());
        assertEquals("b", parameters.get(1).name());
        la().axpy(1.0, matrix(2, 3, 1, 1, 1, 1, 1, 1), parameters.get(0).value());
        la().axpy(1.0, matrix(1, 3, 1, 1, 1), parameters.get(1).value());
        Expect.matrix("the weights given to dense(), after updating W", 2, 3,
                new double[] {2, 1, 0, 3, 2, 1}, weights);
        Expect.matrix("the bias given to dense(), after updating b", 1, 3,
                new double[] {1.5, 0, 3}, bias);
        Expect.matrix("forward after the update", 1, 3, new double[] {1 * 2 + 2 * 3 + 1.5,
                1 * 1 + 2 * 2, 1 * 0 + 2 * 1 + 3}, layer.forward(matrix(1, 2, 1, 2)));
    }

    @Test
    default void denseBackwardOverwritesTheGradientsOfTheLastStep() {
        Layer layer = layer();
        layer.forward(matrix(2, 2, Z));
        layer.backward(matrix(2, 3, ConformanceChecks.filled(6, 100)));
        layer.forward(matrix(2, 2, Z));
        layer.backward(matrix(2, 3, DY));
        Expect.matrix("dW after a second step", 2, 3, DW, layer.parameters().get(0).gradient());
        Expect.matrix("db after a second step", 1, 3, DB, layer.parameters().get(1).gradient());
    }

    @Test
    default void oneTrainingStepOnTheHandComputedBatch() {
        Layer layer = layer();
        Loss mse = backendUnderTest().meanSquaredError();
        Matrix gradient = la().zeros(2, 3);
        double value = mse.valueAndGradient(layer.forward(matrix(2, 2, Z)), matrix(2, 3, T),
                gradient);
        layer.backward(gradient);
        for (Parameter p : layer.parameters()) {
            la().axpy(-0.1, p.gradient(), p.value());
        }
        assertEquals(LOSS, value, Tolerances.knownAnswer(), "loss");
        double[] w = new double[6];
        for (int i = 0; i < 6; i++) {
            w[i] = W[i] - 0.1 * DW[i];
        }
        double[] b = {B[0] - 0.1 * DB[0], B[1] - 0.1 * DB[1], B[2] - 0.1 * DB[2]};
        Expect.matrix("W after one step of lr 0.1", 2, 3, w, layer.parameters().get(0).value());
        Expect.matrix("b after one step of lr 0.1", 1, 3, b, layer.parameters().get(1).value());
    }
}
