package org.nn4j.it.consumer;

import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * An outside project's program: trains the tutorial's linear regression on the backend
 * named by the first argument and exits 0 only if it converged to the true weights.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the backend's name
     */
    public static void main(String[] args) {
        Backend backend = Backends.get(args[0]);
        LinearRegressionTraining.Result result = new LinearRegressionTraining(
                backend, LinearRegressionTraining.Config.tutorial().withSeed(0)).run();
        boolean ok = result.backend().equals(args[0]) && result.converged()
                && result.weightsAllClose() && result.biasAllClose();
        System.out.printf("consumer on %s: %s after %d steps, loss %.3g, weights %s;"
                        + " consumer in %s, backend in %s%n",
                result.backend(), result.stopReason(), result.steps(), result.tutorialLoss(),
                ok ? "match the truth" : "do NOT match the truth",
                describe(Main.class.getModule()), describe(backend.getClass().getModule()));
        System.exit(ok ? 0 : 1);
    }

    private static String describe(Module module) {
        return module.isNamed() ? "module " + module.getName() : "the class path";
    }
}
