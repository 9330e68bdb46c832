package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;

/**
 * The activations and the softmax cross-entropy give the same numbers on the three backends,
 * so a classifier trains alike on each: a few steps of a small network (dense, activation,
 * dense, softmax cross-entropy, SGD) end at weights that agree to rounding. The element-wise
 * kernels compute in the same order on every backend; the products may round differently
 * (ND4J's BLAS), which is what the tolerance allows for.
 */
class LayersAgreeAcrossBackendsTest {

    private static final List<String> BACKENDS = List.of("ejml", "commons", "nd4j");

    @ParameterizedTest
    @ValueSource(strings = {"relu", "leaky", "sigmoid", "tanh", "identity"})
    void aSmallClassifierTrainsToTheSameWeightsOnEveryBackend(String kind) {
        Activation activation = switch (kind) {
            case "relu" -> Activation.relu();
            case "leaky" -> Activation.leakyRelu(0.1);
            case "sigmoid" -> Activation.sigmoid();
            case "tanh" -> Activation.tanh();
            default -> Activation.identity();
        };
        List<double[]> results = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        for (String name : BACKENDS) {
            Backend backend = Backends.get(name);
            LinearAlgebra la = backend.linearAlgebra();
            SplittableRandom random = new SplittableRandom(11); // the same numbers everywhere
            Matrix x = la.fromRowMajor(12, 6, random.doubles(72, -3, 3).toArray());
            double[] labels = new double[12 * 4];
            for (int i = 0; i < 12; i++) {
                labels[i * 4 + random.nextInt(4)] = 1;
            }
            Matrix t = la.fromRowMajor(12, 4, labels);
            Layer first = backend.dense(la.fromRowMajor(6, 8, random.doubles(48, -1, 1)
                    .toArray()), la.zeros(1, 8));
            Layer act = backend.activation(activation, 8);
            Layer second = backend.dense(la.fromRowMajor(8, 4, random.doubles(32, -1, 1)
                    .toArray()), la.zeros(1, 4));
            Loss loss = backend.softmaxCrossEntropy();
            Matrix dy = la.zeros(12, 4);
            double value = 0;
            for (int step = 0; step < 50; step++) {
                value = loss.valueAndGradient(second.forward(act.forward(first.forward(x))), t, dy);
                first.backward(act.backward(second.backward(dy)));
                for (Layer layer : List.of(first, second)) {
                    layer.parameters().forEach(p -> la.axpy(-0.5, p.gradient(), p.value()));
                }
            }
            losses.add(value);
            double[] w = first.parameters().get(0).value().toRowMajor();
            double[] v = second.parameters().get(0).value().toRowMajor();
            double[] both = new double[w.length + v.length];
            System.arraycopy(w, 0, both, 0, w.length);
            System.arraycopy(v, 0, both, w.length, v.length);
            results.add(both);
        }
        for (int b = 1; b < BACKENDS.size(); b++) {
            assertEquals(losses.get(0), losses.get(b), 1e-10,
                    activation + ": last loss on " + BACKENDS.get(b) + " against ejml");
            assertArrayEquals(results.get(0), results.get(b), 1e-10,
                    activation + ": weights on " + BACKENDS.get(b) + " against ejml");
        }
    }
}
