package org.nn4j.benchmarks;

import java.util.List;
import java.util.Locale;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Layer;
import org.nn4j.api.Matrix;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.Sequential;

/**
 * The in-use guard's cost on a loaded machine, where JMH's one-benchmark-after-another runs
 * drift with the load: {@code Sequential.forward} (guarded) and the same layers called by hand
 * (unguarded) alternate in rounds of {@code calls} calls each, and the fastest round of each
 * is kept (the load only ever adds time). Arguments: backend, tiny|mnist, rounds, calls.
 */
public final class GuardCost {

    private GuardCost() {
    }

    /**
     * Prints the best nanoseconds per call of each, and their ratio.
     *
     * @param args backend, size, rounds, calls per round
     */
    public static void main(String[] args) {
        Backend b = Backends.get(args[0]);
        boolean tiny = args[1].equals("tiny");
        int rounds = Integer.parseInt(args[2]);
        int calls = Integer.parseInt(args[3]);
        int inputs = tiny ? 2 : 784;
        Sequential.Builder builder = Sequential.builder(b).input(inputs);
        if (tiny) {
            builder.dense(16).activation(Activation.tanh()).dense(2);
        } else {
            builder.dense(256).activation(Activation.relu()).dense(128)
                    .activation(Activation.relu()).dense(10);
        }
        Sequential model = builder.softmaxCrossEntropy().seed(1).build();
        List<Layer> layers = model.layers();
        int rows = tiny ? 1 : 128;
        Matrix x = b.linearAlgebra().fromRowMajor(rows, inputs,
                new Rng(2).gaussians(rows * inputs));
        double bestGuarded = Double.MAX_VALUE;
        double bestByHand = Double.MAX_VALUE;
        double sink = 0;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += model.forward(x).rows();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                Matrix y = x;
                for (int k = 0, n = layers.size(); k < n; k++) {
                    y = layers.get(k).forward(y);
                }
                sink += y.rows();
            }
            long t2 = System.nanoTime();
            bestGuarded = Math.min(bestGuarded, (t1 - t0) / (double) calls);
            bestByHand = Math.min(bestByHand, (t2 - t1) / (double) calls);
        }
        System.out.printf(Locale.ROOT, "%s %s: guarded %.1f ns, by hand %.1f ns, ratio %.4f"
                + " (best of %d rounds of %d calls; %s)%n", args[0], args[1], bestGuarded,
                bestByHand, bestGuarded / bestByHand, rounds, calls, sink > 0 ? "ok" : "?");
    }
}
