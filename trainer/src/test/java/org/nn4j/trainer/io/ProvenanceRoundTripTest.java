package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.optim.LearningRateSchedule;
import org.nn4j.trainer.optim.Optimizer;
import org.nn4j.trainer.optim.Optimizers;

/** A saved model records every hyper-parameter that produced it, with no hand-built provenance. */
class ProvenanceRoundTripTest {

    @TempDir
    Path dir;

    /** Settings unlike every default, so a value that is lost or swapped shows. */
    private static final Map<String, Map<String, Double>> SETTINGS = Map.of(
            "sgd", Map.of("learning_rate", 0.07, "weight_decay", 0.003),
            "momentum", Map.of("learning_rate", 0.02, "momentum", 0.85, "weight_decay", 0.0005),
            "adagrad", Map.of("learning_rate", 0.04, "epsilon", 3e-9),
            "rmsprop", Map.of("learning_rate", 0.003, "decay", 0.7, "epsilon", 2e-7),
            "adam", Map.of("learning_rate", 0.005, "beta1", 0.8, "beta2", 0.95, "epsilon", 4e-6),
            "adamw", Map.of("learning_rate", 0.006, "beta1", 0.85, "beta2", 0.98, "epsilon", 3e-6,
                    "weight_decay", 0.04, "clip_global_norm", 0.7));

    @Test
    void everyOptimizerSettingSurvivesASaveAndLoad() throws IOException {
        assertEquals(Optimizers.names().size(), SETTINGS.size());
        Backend backend = Backends.get("ejml");
        for (String name : Optimizers.names()) {
            Sequential model = Sequential.builder(backend).input(3).dense(4)
                    .activation(Activation.relu()).dense(2).softmaxCrossEntropy()
                    .build(new Rng(11));
            Optimizer optimizer = Optimizers.named(name, SETTINGS.get(name));
            new Training(model, optimizer).epochs(2).batchSize(5)
                    .schedule(LearningRateSchedule.stepDecay(0.5, 1))
                    .fit(data(20).named("twenty rows"), null, new Rng(12));
            Path file = dir.resolve(name + ".npz");
            ModelFile.save(model, file);
            Provenance p = ModelFile.load(file).provenance();
            Map<String, String> h = p.hyperparameters();
            assertEquals(name, h.get("optimizer"));
            for (Map.Entry<String, Double> e : SETTINGS.get(name).entrySet()) {
                assertEquals(e.getValue(), Double.parseDouble(h.get(e.getKey())),
                        name + " " + e.getKey() + " in " + h);
            }
            assertEquals("step-decay", h.get("lr_schedule"));
            assertEquals("0.5", h.get("lr_decay"));
            assertEquals("1", h.get("lr_step"));
            assertEquals("2", h.get("epochs"));
            assertEquals("2", h.get("epochs_completed"));
            assertEquals("5", h.get("batch_size"));
            assertEquals("20", h.get("train_examples"));
            assertEquals("3 -> dense 4 -> relu -> dense 2 -> softmax-cross-entropy", h.get("model"));
            assertEquals("he-normal", h.get("initialization"));
            assertEquals("twenty rows", p.dataSet());
            assertEquals(11, p.seed());
            assertEquals("ejml", p.backend());
            // What a loaded model was trained with is saved again with it.
            Sequential loaded = ModelFile.load(file, Backends.get("commons"));
            Path again = dir.resolve(name + "-again.npz");
            ModelFile.save(loaded, again);
            assertEquals(h, ModelFile.load(again).provenance().hyperparameters());
        }
    }

    @Test
    void anUntrainedModelRecordsItsSpecification() throws IOException {
        Sequential model = Sequential.builder(Backends.get("ejml")).input(3).dense(2)
                .meanSquaredError().build(new Rng(5).split());
        Path file = dir.resolve("untrained.npz");
        ModelFile.save(model, file);
        Provenance p = ModelFile.load(file).provenance();
        assertEquals(Provenance.UNTRAINED, p.dataSet());
        assertEquals(5, p.seed(), "the seed a split generator came from");
        assertEquals(Map.of("model", "3 -> dense 2 -> mean-squared-error",
                "initialization", "he-normal"), p.hyperparameters());
        assertTrue(List.copyOf(p.hyperparameters().keySet()).get(0).equals("model"));
    }

    private static DataSet data(int n) {
        Rng rng = new Rng(3);
        double[] x = new double[n * 3];
        double[] t = new double[n * 2];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = rng.nextGaussian();
            }
            t[i * 2 + (x[i * 3] > 0 ? 1 : 0)] = 1.0;
        }
        return new DataSet(n, 3, 2, x, t);
    }
}
