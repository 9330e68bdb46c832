package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.nn4j.trainer.model.EpochSummary;

/** The progress bar draws the epoch, the batches done and the running loss. */
class EpochProgressBarTest {

    @Test
    void drawsTheEpochAndItsBatches() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        EpochProgressBar bar = new EpochProgressBar(stream);
        bar.onEpochStart(1, 15, 40, 0.001);
        for (int batch = 1; batch <= 40; batch++) {
            bar.onBatch(1, batch, 40, 0.5);
        }
        bar.onEpochEnd(new EpochSummary(1, 0.001, 0.5, 0.4, 0.8, 1.0, 0.1, 1.0));
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(drawn.contains("epoch 2/15"), drawn);
        assertTrue(drawn.contains("40/40"), drawn);
        assertTrue(drawn.contains("loss 0.5000"), drawn);
    }
}
