package org.nn4j.trainer.model;

/**
 * The figures of one epoch.
 *
 * @param epoch             the epoch, from 0
 * @param learningRate      the learning rate it ran at
 * @param trainLoss         the mean of its mini-batch losses, weighted by batch size (each
 *                          measured before its update, as Keras reports it)
 * @param testLoss          the mean loss on the evaluation set after the epoch; NaN without one
 * @param testAccuracy      the accuracy on the evaluation set after the epoch; NaN without one
 * @param seconds           wall time of the epoch's training (batches and updates), without
 *                          the evaluation
 * @param evaluationSeconds wall time of the evaluation
 * @param cpuSeconds        CPU time of the training thread during the epoch's training, which
 *                          a busy machine disturbs less than wall time (work a backend hands
 *                          to other threads is not counted); NaN where the JVM cannot measure it
 */
public record EpochSummary(int epoch, double learningRate, double trainLoss, double testLoss,
                           double testAccuracy, double seconds, double evaluationSeconds,
                           double cpuSeconds) {
}
