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
 * @param validationLoss     the mean loss on the validation set after the epoch; NaN without one
 * @param validationAccuracy the accuracy on the validation set after the epoch; NaN without one
 */
public record EpochSummary(int epoch, double learningRate, double trainLoss, double testLoss,
                           double testAccuracy, double seconds, double evaluationSeconds,
                           double cpuSeconds, double validationLoss, double validationAccuracy) {

    /**
     * An epoch without a validation set: its validation loss and accuracy are NaN.
     *
     * @param epoch             the epoch, from 0
     * @param learningRate      its learning rate
     * @param trainLoss         the mean of its mini-batch losses
     * @param testLoss          the test loss after it, or NaN
     * @param testAccuracy      the test accuracy after it, or NaN
     * @param seconds           wall time of its training
     * @param evaluationSeconds wall time of its evaluation
     * @param cpuSeconds        CPU time of its training, or NaN
     */
    public EpochSummary(int epoch, double learningRate, double trainLoss, double testLoss,
                        double testAccuracy, double seconds, double evaluationSeconds,
                        double cpuSeconds) {
        this(epoch, learningRate, trainLoss, testLoss, testAccuracy, seconds, evaluationSeconds,
                cpuSeconds, Double.NaN, Double.NaN);
    }

    /**
     * Returns this summary with the validation figures.
     *
     * @param validation the evaluation on the validation set after the epoch
     * @return a copy with {@code validationLoss} and {@code validationAccuracy} set
     */
    public EpochSummary withValidation(Evaluation validation) {
        return new EpochSummary(epoch, learningRate, trainLoss, testLoss, testAccuracy, seconds,
                evaluationSeconds, cpuSeconds, validation.loss(), validation.accuracy());
    }
}
