package org.nn4j.trainer.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An optimizer's state copied off its backend, for a checkpoint: what
 * {@link Optimizer#restoreState} needs so that the next step is exactly the step the
 * optimizer it was saved from would have taken.
 *
 * <p>{@code slots} holds, for each kind of per-parameter state (Adam's {@code m} and
 * {@code v}, a momentum's velocity, ...), one row-major array per parameter, in the order of
 * the parameter list; it is empty when the optimizer has no state yet (it has not stepped
 * since its creation or {@link Optimizer#reset()}, or it never needs any, as plain SGD).
 * {@code counters} holds its whole-number state by name, such as Adam's {@code steps}.
 *
 * @param optimizer the optimizer's {@link Optimizer#name()}
 * @param counters  whole-number state by name, in a stable order
 * @param slots     per kind of state, one array per parameter; empty when unbound
 */
public record SavedOptimizerState(String optimizer, Map<String, Long> counters,
                                  List<List<double[]>> slots) {

    /**
     * Copies the lists (not the arrays) and checks each slot has the same number of arrays.
     *
     * @param optimizer the optimizer's name
     * @param counters  whole-number state by name; copied
     * @param slots     per kind of state, one array per parameter; copied
     * @throws IllegalArgumentException if the slots disagree on the number of parameters
     */
    public SavedOptimizerState {
        Objects.requireNonNull(optimizer, "optimizer");
        counters = Collections.unmodifiableMap(new LinkedHashMap<>(counters));
        List<List<double[]>> copy = new ArrayList<>();
        for (List<double[]> slot : slots) {
            if (!copy.isEmpty() && slot.size() != copy.get(0).size()) {
                throw new IllegalArgumentException(optimizer + "'s state has " + copy.get(0).size()
                        + " arrays in its first slot and " + slot.size() + " in another");
            }
            copy.add(List.copyOf(slot));
        }
        slots = List.copyOf(copy);
    }

    /**
     * Returns whether there is per-parameter state (the optimizer had stepped).
     *
     * @return whether {@code slots} is not empty
     */
    public boolean bound() {
        return !slots.isEmpty();
    }
}
