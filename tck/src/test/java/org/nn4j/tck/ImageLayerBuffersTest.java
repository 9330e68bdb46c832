package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.LinearAlgebra;
import org.nn4j.api.Matrix;
import org.nn4j.api.Window;
import org.nn4j.api.spi.AveragePoolLayer;
import org.nn4j.api.spi.BatchNormalizationLayer;
import org.nn4j.api.spi.ConvolutionLayer;
import org.nn4j.api.spi.DropoutLayer;
import org.nn4j.api.spi.MaxPoolLayer;
import org.nn4j.tck.reference.Breakage;
import org.nn4j.tck.reference.ReferenceBackend;

/**
 * The api's general image layers keep their buffers per batch size: once each batch size of
 * a loop has been seen, a training step (forward, backward) asks the linear algebra for no
 * new matrix, and {@code backward(dy, false)} never makes the convolution's input-gradient
 * buffers. Counted through a linear algebra that records every call returning a matrix.
 */
class ImageLayerBuffersTest {

    /** The reference backend's linear algebra, recording the calls that make a matrix. */
    private static final class Recording {
        final List<String> made = new ArrayList<>();
        final LinearAlgebra la;

        Recording() {
            LinearAlgebra real = new ReferenceBackend(Breakage.NONE).linearAlgebra();
            la = (LinearAlgebra) Proxy.newProxyInstance(LinearAlgebra.class.getClassLoader(),
                    new Class<?>[] {LinearAlgebra.class}, (proxy, method, args) -> {
                        if (Matrix.class.isAssignableFrom(method.getReturnType())) {
                            made.add(method.getName());
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }

    private static double[] random(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextDouble(-1, 1);
        }
        return a;
    }

    private static void step(Recording rec, Layer layer, int batch, boolean inputGradient) {
        LinearAlgebra la = rec.la;
        Matrix x = la.fromRowMajor(batch, layer.inputSize(), random(batch, batch
                * layer.inputSize()));
        Matrix dy = la.fromRowMajor(batch, layer.outputSize(), random(batch + 1, batch
                * layer.outputSize()));
        rec.made.clear();
        layer.forward(x);
        Matrix dx = layer.backward(dy, inputGradient);
        assertEquals(inputGradient, dx != null, "backward(dy, " + inputGradient + ")");
    }

    private static List<Layer> layers(LinearAlgebra la) {
        ImageShape image = new ImageShape(6, 5, 2);
        Window window = Window.square(image, 3, 2, Window.Padding.SAME);
        SplittableRandom draws = new SplittableRandom(1);
        return List.of(
                new ConvolutionLayer(la, window, la.fromRowMajor(4, window.patchSize(),
                        random(2, 4 * window.patchSize())), la.zeros(1, 4)),
                new MaxPoolLayer(la, window), new AveragePoolLayer(la, window),
                new DropoutLayer(la, image.size(), 0.5, draws::nextDouble),
                new BatchNormalizationLayer(la, image, la.fromRowMajor(1, 2, 1, 1),
                        la.zeros(1, 2), la.zeros(1, 2), la.fromRowMajor(1, 2, 1, 1), 0.1, 1e-5),
                new BatchNormalizationLayer(la, ImageShape.flat(image.size()),
                        la.fromRowMajor(1, image.size(), random(3, image.size())),
                        la.zeros(1, image.size()), la.zeros(1, image.size()),
                        la.fromRowMajor(1, image.size(), random(4, image.size())), 0.1, 1e-5));
    }

    @Test
    void aSteadyLoopOverBatchSizesMakesNoMatrix() {
        Recording rec = new Recording();
        for (Layer layer : layers(rec.la)) {
            int[] sizes = {8, 3, 8, 2, 3};
            for (int n : sizes) {
                step(rec, layer, n, true);
            }
            for (int n : sizes) {
                step(rec, layer, n, true);
                assertEquals(List.of(), rec.made, layer + ": matrices made by a step at batch "
                        + n + " after every batch size of the loop was seen");
            }
        }
    }

    @Test
    void aFirstLayerNeverMakesTheConvolutionsInputGradientBuffers() {
        Recording rec = new Recording();
        Layer conv = layers(rec.la).get(0);
        step(rec, conv, 5, false);
        List<String> withoutInputGradient = List.copyOf(rec.made);
        step(rec, conv, 5, false);
        assertEquals(List.of(), rec.made, "a second step without the input gradient");
        step(rec, conv, 5, true);
        assertEquals(List.of("zeros", "zeros"), rec.made,
                "the first step that needs the input gradient makes its two buffers");
        assertTrue(withoutInputGradient.size() >= 3, "forward made its buffers: "
                + withoutInputGradient);
        assertNull(conv.backward(rec.la.zeros(5, conv.outputSize()), false));
    }
}
