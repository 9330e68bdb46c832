package org.nn4j.trainer.model;

/**
 * Hears how {@link Training} goes: each batch and each epoch. Called on the training thread;
 * keep it quick. Every method does nothing by default.
 */
public interface EpochListener {

    /**
     * An epoch begins.
     *
     * @param epoch        the epoch, from 0
     * @param epochs       the number of epochs of the run
     * @param batches      the mini-batches this epoch has
     * @param learningRate the learning rate of this epoch
     */
    default void onEpochStart(int epoch, int epochs, int batches, double learningRate) {
    }

    /**
     * A mini-batch has been trained on.
     *
     * @param epoch   the epoch, from 0
     * @param batch   the batches done in this epoch, from 1
     * @param batches the batches of this epoch
     * @param loss    this batch's loss, before its update
     */
    default void onBatch(int epoch, int batch, int batches, double loss) {
    }

    /**
     * An epoch has ended and been evaluated.
     *
     * @param summary its figures
     */
    default void onEpochEnd(EpochSummary summary) {
    }
}
