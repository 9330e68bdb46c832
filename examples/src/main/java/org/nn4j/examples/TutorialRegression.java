package org.nn4j.examples;

import java.util.function.Consumer;
import org.nn4j.api.Backends;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * The tutorial's linear regression through the API: the run {@code ./nn4j linear-regression}
 * makes, with a listener that reports every 1,000 steps.
 */
public final class TutorialRegression {

    private TutorialRegression() {
    }

    /**
     * Runs the tutorial's regression.
     *
     * @param seed  the seed of the data, the initial weights and the batch starts
     * @param print where the progress lines go
     * @return the result
     */
    public static LinearRegressionTraining.Result run(long seed, Consumer<String> print) {
        LinearRegressionTraining.Result result = new LinearRegressionTraining(
                Backends.get(), LinearRegressionTraining.Config.tutorial().withSeed(seed))
                .listener(p -> print.accept("step " + p.step() + ", loss " + p.tutorialLoss()), 1000)
                .run();
        boolean ok = result.converged() && result.weightsAllClose() && result.biasAllClose();
        print.accept(result.message() + (ok ? " W and b are allclose to the truth." : " FAILED."));
        return result;
    }

    /**
     * Runs it with seed 0 and prints the progress.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(0, System.out::println);
    }
}
