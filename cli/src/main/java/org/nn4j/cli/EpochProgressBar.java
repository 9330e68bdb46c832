package org.nn4j.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;

/**
 * A progress bar (me.tongfei:progressbar) over the batches of the running epoch, with the
 * running mean loss; cleared when the epoch ends, so the per-epoch lines stay clean.
 */
final class EpochProgressBar implements EpochListener {

    private final PrintStream stream;
    private ProgressBar bar;
    private double lossSum;

    EpochProgressBar(PrintStream stream) {
        this.stream = stream;
    }

    @Override
    public void onEpochStart(int epoch, int epochs, int batches, double learningRate) {
        lossSum = 0.0;
        bar = new ProgressBarBuilder()
                .setTaskName("epoch " + (epoch + 1) + "/" + epochs)
                .setInitialMax(batches)
                .setUnit(" batches", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(stream))
                .clearDisplayOnFinish()
                .build();
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss) {
        lossSum += loss;
        bar.stepTo(batch);
        if (batch % 20 == 0 || batch == batches) {
            bar.setExtraMessage(String.format(java.util.Locale.ROOT, "loss %.4f", lossSum / batch));
        }
    }

    @Override
    public void onEpochEnd(EpochSummary summary) {
        close();
    }

    /** Closes the bar of an epoch that did not end (training diverged). */
    void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
