package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.api.Backends;
import org.nn4j.trainer.model.Sequential;

/** The caller adds to what the library records, and cannot overwrite it. */
class ProvenanceWithTest {

    @Test
    void theCallersFactsFollowTheLibrarysAndSurviveAFile(@TempDir Path dir) throws Exception {
        Sequential model = Sequential.builder(Backends.get("ejml")).input(2).dense(2)
                .meanSquaredError().seed(8).build();
        Provenance p = Provenance.of(model).withDataSet("sensor log 2026-11")
                .with(Map.of("owner", "fraud-team"));
        Path file = dir.resolve("m.npz");
        ModelFile.save(model, p, file);
        Provenance read = ModelFile.load(file).provenance();
        assertEquals("sensor log 2026-11", read.dataSet());
        assertEquals(8, read.seed());
        assertEquals("ejml", read.backend());
        assertEquals(List.of("model", "initialization", "owner"),
                List.copyOf(read.hyperparameters().keySet()));
        assertEquals("fraud-team", read.hyperparameters().get("owner"));
        assertEquals("the provenance already records 'model' (2 -> dense 2 -> "
                + model.loss().name() + "); choose another name",
                assertThrows(IllegalArgumentException.class,
                        () -> p.with(Map.of("model", "mine"))).getMessage());
    }
}
