package org.nn4j.trainer.model;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.nn4j.trainer.data.DataSet;

/**
 * Times one epoch as {@link EpochSummary} reports it: the wall time and the calling thread's
 * CPU time of the training part, from construction to {@link #trainingDone()}, then the wall
 * time of the evaluation that {@link #summarize} runs. One per epoch, used by {@link Training}
 * and by trainers elsewhere (Spark's) that report the same history. Not thread-safe: the
 * thread that trains uses it.
 */
public final class EpochClock {

    private final long started = System.nanoTime();
    private final long cpuStarted = cpuNanos();
    private double seconds = Double.NaN;
    private double cpuSeconds = Double.NaN;

    /** Starts the clock: the epoch's training part begins now. */
    public EpochClock() {
    }

    /** Marks the end of the epoch's training part (batches and updates). */
    public void trainingDone() {
        seconds = (System.nanoTime() - started) / 1e9;
        long cpuEnded = cpuNanos();
        cpuSeconds = cpuStarted < 0 || cpuEnded < 0 ? Double.NaN : (cpuEnded - cpuStarted) / 1e9;
    }

    /**
     * Evaluates the model on the test set, if there is one ({@link Training#EVALUATION_BATCH_SIZE}
     * rows at a time), timing it, and returns the epoch's summary.
     *
     * @param epoch     the epoch, from 0
     * @param rate      the epoch's learning rate
     * @param trainLoss the mean of its mini-batch losses
     * @param model     the model, after the epoch
     * @param test      the evaluation set, or {@code null}
     * @return the summary; without a test set its test loss and accuracy are NaN
     */
    public EpochSummary summarize(int epoch, double rate, double trainLoss, Sequential model,
                                  DataSet test) {
        long evaluationStarted = System.nanoTime();
        Evaluation evaluation = test == null ? null
                : model.evaluate(test, Training.EVALUATION_BATCH_SIZE);
        double evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
        return new EpochSummary(epoch, rate, trainLoss,
                evaluation == null ? Double.NaN : evaluation.loss(),
                evaluation == null ? Double.NaN : evaluation.accuracy(), seconds,
                evaluationSeconds, cpuSeconds);
    }

    /** The current thread's CPU time in nanoseconds, or -1 where it cannot be measured. */
    private static long cpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
        } catch (UnsupportedOperationException e) {
            return -1;
        }
    }
}
