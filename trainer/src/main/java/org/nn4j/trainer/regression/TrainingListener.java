package org.nn4j.trainer.regression;

/**
 * Hears how training goes. Called on the training thread; keep it quick.
 */
public interface TrainingListener {

    /**
     * Called every {@code progressEvery} steps (see {@link LinearRegressionTraining}).
     *
     * @param progress the state after the step
     */
    void onProgress(Progress progress);

    /**
     * The state of training after a step.
     *
     * @param step    the number of steps taken
     * @param loss    the loss of that step's mini-batch, before its update (nn4j's mean
     *                squared error, {@code 1/(2N) Σ (y − t)²})
     * @param weights the weights after the step, row-major; a copy
     * @param bias    the bias after the step; a copy
     */
    record Progress(long step, double loss, double[] weights, double[] bias) {

        /**
         * Returns the loss as the numpy tutorial prints it, {@code mean_n Σ_j (y − t)²}.
         *
         * @return the loss as the numpy tutorial prints it
         */
        public double tutorialLoss() {
            return 2.0 * loss;
        }
    }
}
