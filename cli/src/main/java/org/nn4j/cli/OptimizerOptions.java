package org.nn4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nn4j.trainer.optim.Optimizer;

/**
 * The optimizer's options of a training command ({@code --optimizer}, {@code --lr},
 * {@code --momentum}, {@code --weight-decay}, {@code --clip-norm}): checked together, each
 * refusal a sentence naming the option, and turned into the settings
 * {@link org.nn4j.trainer.optim.Optimizers#named} takes.
 */
final class OptimizerOptions {

    /** {@code --weight-decay}'s help. */
    static final String WEIGHT_DECAY_HELP = "Weight decay: L2 for sgd and momentum (default 0),"
            + " decoupled for adamw (default 0.01); not taken by adam, adagrad or rmsprop.";
    /** {@code --clip-norm}'s help. */
    static final String CLIP_NORM_HELP = "Clip the gradients by their global norm before each"
            + " step, with any optimizer (PyTorch's clip_grad_norm_); default: no clipping.";

    private OptimizerOptions() {
    }

    /**
     * Checks the options that depend on the optimizer.
     *
     * @param optimizer   the name of {@code --optimizer}, lower case
     * @param weightDecay {@code --weight-decay}, or null when not given
     * @param clipNorm    {@code --clip-norm}, or null when not given
     * @throws IllegalArgumentException naming the option, when one is out of range or does not
     *                                  apply to the optimizer
     */
    static void check(String optimizer, Double weightDecay, Double clipNorm) {
        if (weightDecay != null) {
            if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
                throw new IllegalArgumentException("--weight-decay must be zero or positive and"
                        + " finite, got " + weightDecay);
            }
            if (!takesWeightDecay(optimizer) && weightDecay != 0.0) {
                throw new IllegalArgumentException("--weight-decay applies to --optimizer sgd and"
                        + " momentum (L2) and adamw (decoupled) only, not " + optimizer
                        + (optimizer.equals("adam") ? "; for Adam with weight decay use"
                        + " --optimizer adamw" : ""));
            }
        }
        if (clipNorm != null) {
            Checks.positiveFinite("--clip-norm", clipNorm);
        }
    }

    /**
     * Returns the settings the options give the optimizer; the others keep its defaults.
     *
     * @param optimizer    the name of {@code --optimizer}, lower case
     * @param learningRate {@code --lr}, or null for the optimizer's default
     * @param momentum     {@code --momentum}, used by {@code momentum} only
     * @param weightDecay  {@code --weight-decay}, or null for the optimizer's default
     * @param clipNorm     {@code --clip-norm}, or null for no clipping
     * @return the settings by name
     */
    static Map<String, Double> settings(String optimizer, Double learningRate, double momentum,
                                        Double weightDecay, Double clipNorm) {
        Map<String, Double> settings = new LinkedHashMap<>();
        if (learningRate != null) {
            settings.put(Optimizer.LEARNING_RATE, learningRate);
        }
        if (optimizer.equals("momentum")) {
            settings.put("momentum", momentum);
        }
        if (weightDecay != null && takesWeightDecay(optimizer)) {
            settings.put("weight_decay", weightDecay);
        }
        if (clipNorm != null) {
            settings.put(Optimizer.CLIP_GLOBAL_NORM, clipNorm);
        }
        return settings;
    }

    private static boolean takesWeightDecay(String optimizer) {
        return optimizer.equals("sgd") || optimizer.equals("momentum") || optimizer.equals("adamw");
    }
}
