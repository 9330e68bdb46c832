package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Loss;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.StochasticGradientDescent;

/** docs/embedding.md's layer-by-hand example, verbatim between the markers, must compile, run and learn. */
class EmbeddingExampleTest {

    @Test
    void readmeExampleLearnsTheTruth() throws Exception {
        // --- README example start
        Backend backend = Backends.get();                 // EJML unless told otherwise
        LinearAlgebra la = backend.linearAlgebra();
        Layer layer = backend.dense(la.zeros(2, 3), la.zeros(1, 3));   // y = x·W + b, W 2x3, b 1x3
        Loss mse = backend.meanSquaredError();
        StochasticGradientDescent sgd = StochasticGradientDescent.withLearningRate(0.01);

        Matrix x = la.fromRowMajor(4, 2, 1, 2, 3, 4, 0, 1, 5, 0);      // four examples, one a row
        Matrix t = la.fromRowMajor(4, 3, 15, 20, 19, 31, 38, 39, 7, 11, 9, 17, 44, 23);
        Matrix gradient = la.zeros(4, 3);
        for (int step = 0; step < 20_000; step++) {
            mse.valueAndGradient(layer.forward(x), t, gradient);      // loss value, gradient written
            layer.backward(gradient);
            sgd.step(la, layer.parameters());
        }
        double[] weights = layer.parameters().get(0).value().toRowMajor();
        // --- README example end
        assertArrayEquals(new double[] {3, 7, 4, 5, 2, 6}, weights, 1e-6);
        assertArrayEquals(new double[] {2, 9, 3}, layer.parameters().get(1).value().toRowMajor(),
                1e-6);

        String source = Files.readString(Path.of("src/test/java/org/nn4j/cli/EmbeddingExampleTest.java"));
        String example = source.substring(source.indexOf("// --- README example start"),
                source.indexOf("        // --- README example end"));
        String body = example.substring(example.indexOf('\n') + 1).stripTrailing().stripIndent();
        String readme = Files.readString(Path.of("../docs/embedding.md"));
        if (!readme.contains(body)) {
            throw new AssertionError("docs/embedding.md's example differs from this test's:\n" + body);
        }
    }
}
