package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Locale;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;

/**
 * Central finite differences of one layer, for the image layers' gradient checks: the loss is
 * the fixed linear read-out {@code L = Σ_j r_j·y_j} of the layer's output {@code y}, so
 * {@code ∂L/∂y = r} exactly and {@code backward(r)} must give {@code ∂L/∂x} and each
 * parameter's {@code ∂L/∂θ}. The numeric derivative along an element is
 * {@code Σ_j r_j·(y⁺_j − y⁻_j) / (x⁺ − x⁻)}, summed in double from the two outputs, with
 * {@code x± = x ± ε} rounded to the precision under test; outputs that the element does not
 * reach are computed identically both times and cancel exactly. The step ε is
 * {@link Tolerances#finiteDifferenceStep()}, or {@value #LINEAR_STEP} for a layer that is
 * linear in the variable (a convolution in its input, kernels and bias; average pooling;
 * dropout): its quotient has no truncation error at any step, and the rounding error of the
 * outputs, about {@code γ(terms)·Σ|terms|/ε}, is then 32 times smaller in float32 than at the
 * kit's {@code 2⁻⁸} (at {@code 2⁻⁸}, EJML's float32 convolution of 18-term patches missed the
 * kit's bound by 2%). A gradient passes when
 * {@code |analytic − numeric| <= r·max(|analytic|, |numeric|) + a}, {@code r} and {@code a}
 * from {@link Tolerances} as for the dense layer's {@link Gradients}.
 */
final class FiniteDifferences {

    /** The step for a layer linear in the variable. */
    static final double LINEAR_STEP = 0x1p-3;

    private final LinearAlgebra la;
    private final Layer layer;
    private final Matrix input;
    private final double[] readout;
    private final double[] inputGradient;
    private final double[][] parameterGradients;
    private final double step;

    /**
     * Runs the analytic pass: forward, then backward with the read-out as output gradient.
     *
     * @param la      the linear algebra of the layer's backend
     * @param layer   the layer
     * @param input   its input, perturbed in place (and restored) by {@link #numeric}
     * @param readout {@code r}, one value per output element, row-major
     * @param linear  whether the layer is linear in each variable checked
     */
    FiniteDifferences(LinearAlgebra la, Layer layer, Matrix input, double[] readout,
                      boolean linear) {
        this.la = la;
        this.step = linear ? LINEAR_STEP : Tolerances.finiteDifferenceStep();
        this.layer = layer;
        this.input = input;
        this.readout = readout.clone();
        Matrix y = layer.forward(input);
        assertEquals(readout.length, y.rows() * y.cols(), "read-out length");
        Matrix dy = la.fromRowMajor(y.rows(), y.cols(), readout);
        inputGradient = layer.backward(dy).toRowMajor();
        parameterGradients = layer.parameters().stream()
                .map(p -> p.gradient().toRowMajor()).toArray(double[][]::new);
    }

    /** The analytic input gradient. */
    double[] inputGradient() {
        return inputGradient;
    }

    /** The analytic gradient of parameter {@code i}. */
    double[] parameterGradient(int i) {
        return parameterGradients[i];
    }

    /** The central differences along each element of {@code variable}: the input or a parameter. */
    double[] numeric(Matrix variable) {
        double[] x = variable.toRowMajor();
        double[] numeric = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double original = x[i];
            double up = Tolerances.round(original + step);
            x[i] = up;
            la.copyFromRowMajor(x, 0, variable);
            double[] plus = layer.forward(input).toRowMajor();
            double down = Tolerances.round(original - step);
            x[i] = down;
            la.copyFromRowMajor(x, 0, variable);
            double[] minus = layer.forward(input).toRowMajor();
            x[i] = original;
            la.copyFromRowMajor(x, 0, variable);
            double difference = 0;
            for (int j = 0; j < plus.length; j++) {
                difference += readout[j] * (plus[j] - minus[j]);
            }
            numeric[i] = difference / (up - down);
        }
        return numeric;
    }

    /** Checks the input gradient against central differences. */
    void checkInput(String what) {
        compare(what + ": dL/dx", inputGradient, numeric(input));
    }

    /** Checks parameter {@code i}'s gradient against central differences. */
    void checkParameter(String what, int i) {
        compare(what + ": dL/d" + layer.parameters().get(i).name(), parameterGradients[i],
                numeric(layer.parameters().get(i).value()));
    }

    static void compare(String what, double[] analytic, double[] numeric) {
        assertEquals(analytic.length, numeric.length, what + ": number of elements");
        double relative = Tolerances.finiteDifferenceRelative();
        for (int i = 0; i < analytic.length; i++) {
            double a = analytic[i];
            double n = numeric[i];
            double allowed = relative * Math.max(Math.abs(a), Math.abs(n))
                    + Tolerances.finiteDifferenceAbsolute();
            if (!(Math.abs(a - n) <= allowed)) {
                fail(String.format(Locale.ROOT, "%s element %d: backward gives %s, central"
                        + " differences give %s (error %.3g, allowed %.3g in %s)", what, i, a, n,
                        Math.abs(a - n), allowed, Tolerances.precision()));
            }
        }
    }
}
