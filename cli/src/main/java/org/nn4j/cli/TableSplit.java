package org.nn4j.cli;

import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;

/** {@code nn4j train}'s test split: a seeded shuffle of the rows, the test rows first. */
final class TableSplit {

    private TableSplit() {
    }

    /**
     * Splits a data set: {@code round(size · fraction)} rows (at least one, and at least one
     * left to train on) chosen by a Fisher–Yates shuffle drawn from the generator.
     *
     * @return the training set and the test set, in their shuffled order
     * @throws IllegalArgumentException if the data set has fewer than two rows
     */
    static DataSet[] split(DataSet all, double fraction, Rng rng) {
        int n = all.size();
        if (n < 2) {
            throw new IllegalArgumentException(all.name() + " has " + n + " row" + (n == 1 ? "" : "s")
                    + " of data; a training and a test set need at least two");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int test = (int) Math.min(n - 1, Math.max(1, Math.round(n * fraction)));
        return new DataSet[] {all.rows(order, test, n - test).named(all.name()),
                all.rows(order, 0, test).named(all.name() + " (test)")};
    }
}
