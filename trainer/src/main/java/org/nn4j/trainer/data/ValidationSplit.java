package org.nn4j.trainer.data;

import java.util.Arrays;
import java.util.Objects;
import org.nn4j.trainer.Rng;

/**
 * A training set cut in two: the examples trained on and a validation set held out from them,
 * both separate from any test set. Which examples are held out depends only on the data set's
 * size, the fraction and the generator, so a seed gives the same split on every backend and
 * every run; each part keeps the examples in their original order.
 *
 * @param train      the examples to train on
 * @param validation the examples held out
 */
public record ValidationSplit(DataSet train, DataSet validation) {

    /**
     * Holds out {@code round(fraction · size)} examples, chosen uniformly at random (a partial
     * Fisher–Yates shuffle drawing from the generator).
     *
     * @param data     the training set
     * @param fraction the fraction held out, in (0, 1)
     * @param rng      the generator; it is advanced
     * @return the two parts, named after the data set ({@code "... (training part)"} and
     *         {@code "... (validation part)"})
     * @throws IllegalArgumentException if the fraction is not in (0, 1), or leaves either part
     *                                  empty, naming the counts
     */
    public static ValidationSplit of(DataSet data, double fraction, Rng rng) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(rng, "rng");
        if (!(fraction > 0.0 && fraction < 1.0)) {
            throw new IllegalArgumentException("the validation fraction must be in (0, 1), got "
                    + fraction);
        }
        int n = data.size();
        long held = Math.round(fraction * n);
        if (held < 1 || held >= n) {
            throw new IllegalArgumentException("a validation fraction of " + fraction + " of "
                    + n + " examples holds out " + held + ", leaving " + (n - held) + " to train"
                    + " on; both parts need at least one example");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int h = (int) held;
        for (int i = 0; i < h; i++) {
            int j = i + rng.nextInt(n - i);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        int[] validation = Arrays.copyOfRange(order, 0, h);
        int[] train = Arrays.copyOfRange(order, h, n);
        Arrays.sort(validation);
        Arrays.sort(train);
        return new ValidationSplit(
                data.rows(train, 0, train.length).named(data.name() + " (training part)"),
                data.rows(validation, 0, validation.length)
                        .named(data.name() + " (validation part)"));
    }
}
