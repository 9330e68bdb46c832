package org.nn4j.trainer.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.optim.SavedOptimizerState;

/**
 * Everything {@link Training} needs to continue a run after a whole number of epochs exactly
 * as the run itself would have continued: the parameters, the optimizer's state, the
 * generator's state and the shuffle order (each epoch shuffles the previous epoch's order),
 * the history so far and, with a validation set, the best epoch so far. Made by
 * {@link Training#checkpoints(int, CheckpointSink)}, resumed by {@link Training#resume}; the
 * file form is {@code org.nn4j.trainer.io.CheckpointFile}.
 *
 * @param epochsCompleted how many epochs ran, at least one
 * @param settings        every setting of the run, names to values as text, compared with
 *                        the resuming training's to refuse a different run
 * @param parameters      the model's parameters, row-major, in {@link Sequential#parameters()}
 *                        order; the arrays are the record's own
 * @param optimizer       the optimizer's state
 * @param rng             the shuffling generator's state; dropout's draws come from it too
 *                        (the model's noise generator is split from it at each epoch), so
 *                        it is all a resumed run needs to drop what the uninterrupted run
 *                        drops
 * @param shuffleOrder    the order of the training examples after the last shuffle
 * @param history         one summary per completed epoch
 * @param best            the best epoch so far, or {@code null} without a validation set
 * @param state           the model's state arrays (batch normalisation's running
 *                        statistics), row-major, in {@link Sequential#state()} order; empty
 *                        for most models
 */
public record TrainingCheckpoint(int epochsCompleted, Map<String, String> settings,
                                 List<double[]> parameters, SavedOptimizerState optimizer,
                                 Rng.State rng, int[] shuffleOrder, List<EpochSummary> history,
                                 Best best, List<double[]> state) {

    /**
     * A checkpoint of a model without state arrays.
     *
     * @param epochsCompleted as the record
     * @param settings        as the record
     * @param parameters      as the record
     * @param optimizer       as the record
     * @param rng             as the record
     * @param shuffleOrder    as the record
     * @param history         as the record
     * @param best            as the record
     */
    public TrainingCheckpoint(int epochsCompleted, Map<String, String> settings,
                              List<double[]> parameters, SavedOptimizerState optimizer,
                              Rng.State rng, int[] shuffleOrder, List<EpochSummary> history,
                              Best best) {
        this(epochsCompleted, settings, parameters, optimizer, rng, shuffleOrder, history, best,
                List.of());
    }

    /**
     * Checks the counts agree and copies the lists (not the arrays).
     *
     * @param epochsCompleted how many epochs ran, positive
     * @param settings        every setting; copied
     * @param parameters      the parameters; the list is copied
     * @param optimizer       the optimizer's state
     * @param rng             the generator's state
     * @param shuffleOrder    a permutation of the training set's indices
     * @param history         {@code epochsCompleted} summaries; copied
     * @param best            the best epoch, or {@code null}
     * @param state           the state arrays; the list is copied
     * @throws IllegalArgumentException if the history's length is not {@code epochsCompleted},
     *                                  or the order is not a permutation
     */
    public TrainingCheckpoint {
        if (epochsCompleted <= 0) {
            throw new IllegalArgumentException("a checkpoint follows at least one epoch, got "
                    + epochsCompleted);
        }
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        parameters = List.copyOf(parameters);
        state = List.copyOf(state);
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(rng, "rng");
        history = List.copyOf(history);
        if (history.size() != epochsCompleted) {
            throw new IllegalArgumentException("a checkpoint after " + epochsCompleted
                    + " epochs has " + history.size() + " epoch summaries");
        }
        boolean[] seen = new boolean[shuffleOrder.length];
        for (int index : shuffleOrder) {
            if (index < 0 || index >= seen.length || seen[index]) {
                throw new IllegalArgumentException("the shuffle order is not a permutation of 0.."
                        + (seen.length - 1) + ": it has " + index + (index >= 0
                        && index < seen.length ? " twice" : ""));
            }
            seen[index] = true;
        }
        if (best != null && best.epoch() >= epochsCompleted) {
            throw new IllegalArgumentException("the best epoch " + best.epoch() + " (from 0) is"
                    + " not among the " + epochsCompleted + " completed");
        }
    }

    /**
     * The best epoch so far by the monitored validation metric.
     *
     * @param epoch                    the best epoch, from 0; -1 if none had a finite value
     * @param value                    its value of the monitored metric; NaN if none
     * @param epochsWithoutImprovement epochs since it, for the patience
     * @param parameters               its parameters, kept to be restored (with early
     *                                 stopping), else empty
     * @param state                    its state arrays (batch normalisation's running
     *                                 statistics), in {@link Sequential#state()} order, kept
     *                                 and restored with its parameters; empty without early
     *                                 stopping and for a model without state
     */
    public record Best(int epoch, double value, int epochsWithoutImprovement,
                       List<double[]> parameters, List<double[]> state) {

        /**
         * The best epoch of a model without state arrays.
         *
         * @param epoch                    as the record
         * @param value                    as the record
         * @param epochsWithoutImprovement as the record
         * @param parameters               as the record
         */
        public Best(int epoch, double value, int epochsWithoutImprovement,
                    List<double[]> parameters) {
            this(epoch, value, epochsWithoutImprovement, parameters, List.of());
        }

        /**
         * Copies the lists (not the arrays).
         *
         * @param epoch                    the best epoch, from 0, or -1
         * @param value                    its value
         * @param epochsWithoutImprovement epochs since it, non-negative
         * @param parameters               its parameters, or empty; the list is copied
         * @param state                    its state arrays, or empty; the list is copied
         * @throws IllegalArgumentException if a count is out of range, or there are state
         *                                  arrays without parameters
         */
        public Best {
            if (epoch < -1 || epochsWithoutImprovement < 0) {
                throw new IllegalArgumentException("best epoch " + epoch + ", epochs without"
                        + " improvement " + epochsWithoutImprovement);
            }
            parameters = List.copyOf(parameters);
            state = List.copyOf(state);
            if (parameters.isEmpty() && !state.isEmpty()) {
                throw new IllegalArgumentException("the best epoch keeps " + state.size()
                        + " state arrays but no parameters; they are kept together");
            }
        }
    }

    /** Receives each checkpoint as training makes it. */
    @FunctionalInterface
    public interface CheckpointSink {
        /**
         * Keeps a checkpoint (writes it to a file, typically).
         *
         * @param checkpoint the checkpoint
         * @throws java.io.IOException if it cannot be kept; training stops with it
         */
        void accept(TrainingCheckpoint checkpoint) throws java.io.IOException;
    }
}
