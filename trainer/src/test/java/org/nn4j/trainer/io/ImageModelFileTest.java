package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.ImageShape;
import org.nn4j.api.Layer;
import org.nn4j.api.Window;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.optim.Adam;

/**
 * A model file holds a CNN: its input shape, every image layer, the convolution kernels as
 * numpy's {@code (filters, kh, kw, channels)}, and batch normalisation's running statistics,
 * which a loaded model uses.
 */
class ImageModelFileTest {

    static Sequential cnn(Backend backend, long seed) {
        return Sequential.builder(backend).input(new ImageShape(6, 6, 2))
                .conv2d(3, 3, Window.Padding.SAME).batchNorm().activation(Activation.relu())
                .maxPool(2).conv2d(4, 2, 1, Window.Padding.VALID).averagePool(2).flatten()
                .dropout(0.2).dense(3).softmaxCrossEntropy().seed(seed).build();
    }

    static DataSet images(int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n * 72];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(3);
            for (int j = 0; j < 72; j++) {
                x[i * 72 + j] = rng.nextGaussian() + (j % 3 == labels[i] ? 1.0 : 0.0);
            }
        }
        return DataSet.oneHot(n, 72, x, labels, 3);
    }

    private static Sequential trained(Backend backend) {
        Sequential model = cnn(backend, 5);
        new Training(model, Adam.builder().learningRate(0.01).build()).epochs(2).batchSize(8)
                .fit(images(40, 1), null);
        return model;
    }

    @Test
    void aSavedCnnLoadsWithItsRunningStatisticsAndPredictsTheSame(@TempDir Path dir)
            throws Exception {
        Backend ejml = Backends.get("ejml");
        Sequential model = trained(ejml);
        double[] mean = model.state().get(0).value().toRowMajor();
        assertTrue(mean[0] != 0.0, "training moved the running mean");
        Path file = dir.resolve("cnn.npz");
        ModelFile.save(model, file);

        SavedModel saved = ModelFile.load(file);
        assertEquals(model.spec(), saved.spec());
        Sequential loaded = saved.toSequential(ejml);
        assertEquals(2, loaded.state().size());
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(model.state().get(k).value().toRowMajor(),
                    loaded.state().get(k).value().toRowMajor(), "state " + k);
        }
        DataSet test = images(30, 9);
        double[] x = new double[30 * 72];
        test.copyRows(identity(30), 0, 30, x, new double[30 * 3]);
        assertArrayEquals(model.predict(x, 30), loaded.predict(x, 30));
        assertArrayEquals(model.predict(x, 30), saved.predictor(ejml).predictClasses(x, 30));
    }

    @Test
    void theDescriptionHoldsTheImageShapeAndNumpyReadsConvKernels(@TempDir Path dir)
            throws Exception {
        Sequential model = cnn(Backends.get("ejml"), 3);
        Path file = dir.resolve("cnn.npz");
        ModelFile.save(model, file);
        String json = description(file);
        assertTrue(json.contains("\"input\": [6, 6, 2]"), json);
        assertTrue(json.contains("{\"type\": \"conv2d\", \"filters\": 3, \"kernel\": 3,"
                + " \"stride\": 1, \"padding\": \"same\"}"), json);
        assertTrue(json.contains("\"conv2d0.kernels.npy\": [3, 3, 3, 2]"), json);
        assertTrue(json.contains("\"batch-norm0.running_variance.npy\": [3]"), json);
        String out = NumpyReadsModelTest.run(file);
        assertTrue(out.contains("conv2d0.kernels <f8 (3, 3, 3, 2) True"), out);
        assertTrue(out.contains("conv2d1.kernels <f8 (4, 2, 2, 3) True"), out);
        // numpy's values are the layer's filters x patch matrix, row-major, bit for bit.
        StringBuilder line = new StringBuilder("conv2d0.kernels <f8 (3, 3, 3, 2) True");
        for (double v : model.parameters().get(0).value().toRowMajor()) {
            line.append(' ').append(NumpyReadsModelTest.pythonHex(v));
        }
        assertTrue(out.contains(line + "\n"), out);
        assertEquals(ModelSpec.SOFTMAX_CROSS_ENTROPY, ModelFile.architecture(file).loss());
    }

    @Test
    void aPredictorInfersDropoutPassesAndBatchNormUsesRunningStatistics() {
        Sequential model = trained(Backends.get("ejml"));
        DataSet test = images(12, 4);
        double[] x = new double[12 * 72];
        test.copyRows(identity(12), 0, 12, x, new double[12 * 3]);
        int[] first = model.predict(x, 12);
        // Inference is deterministic: no dropout draws, no batch statistics.
        assertArrayEquals(first, model.predict(x, 12));
        assertArrayEquals(first, model.predictor().predictClasses(x, 12));
        for (Layer layer : model.layers()) {
            layer.setTraining(true);
        }
        model.setTraining(true);
        double[] training = model.forward(model.backend().linearAlgebra()
                .fromRowMajor(12, 72, x)).toRowMajor();
        model.setTraining(false);
        double[] inference = model.forward(model.backend().linearAlgebra()
                .fromRowMajor(12, 72, x)).toRowMajor();
        boolean differ = false;
        for (int i = 0; i < training.length; i++) {
            differ |= training[i] != inference[i];
        }
        assertTrue(differ, "training mode (dropout, batch statistics) changes the outputs");
    }

    private static String description(Path file) throws Exception {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry e = zip.getNextEntry();
            assertEquals(ModelFile.DESCRIPTION_ENTRY, e.getName());
            return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
