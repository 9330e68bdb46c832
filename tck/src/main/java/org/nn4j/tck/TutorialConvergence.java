package org.nn4j.tck;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;

/**
 * The tutorial's linear regression, identical for every backend: the truth
 * {@code W = [[3,7,4],[5,2,6]]}, {@code b = [2,9,3]}; 500 rows of integer features 0..9;
 * initial weights standard normal, bias zero; batches of two consecutive rows from a
 * uniform start in [0, 500), one row at the end; learning rate 0.01. Training stops when
 * the loss as the tutorial prints it ({@code 2 ·} nn4j's mean squared error) is below 1e-15
 * on the batch <em>and</em> on the whole training set (a one-row batch can be fitted while
 * the parameters are still off), within {@value #STEP_CAP} steps; then W and b must be
 * {@code allclose} to the truth. The numbers come from {@link java.util.SplittableRandom}
 * seeded with {@value #SEED}, split into the same three streams as nn4j's trainer, so the
 * run is the one {@code nn4j linear-regression --seed 0} makes: 10,569 steps, the last 177
 * mini-batch stops unconfirmed by the training set.
 */
interface TutorialConvergence extends ConformanceChecks {

    static final long SEED = 0;
    /** About ten times the steps the tutorial needs on any seed. */
    static final int STEP_CAP = 100_000;


    @Test
    default void linearRegressionConvergesToTheTruthWithinTheStepCap() {
        float64Only("the tutorial's target loss of 1e-15 is below float32's resolution"
                + " (u = 2^-24, about 6e-8)");
        TutorialProblem.Draws draws = new TutorialProblem.Draws(SEED);
        TutorialTraining training = new TutorialTraining(backendUnderTest(), draws.features,
                draws.initialWeights);
        int step = 0;
        boolean converged = false;
        while (step < STEP_CAP && !converged) {
            double loss = training.step(draws.nextBatchStart());
            step++;
            if (!Double.isFinite(loss)) {
                fail("training diverged at step " + step + ": the batch loss is " + loss);
            }
            converged = 2 * loss < TutorialProblem.TARGET_PRINTED_LOSS
                    && 2 * training.trainingSetLoss() < TutorialProblem.TARGET_PRINTED_LOSS;
        }
        if (!converged) {
            fail("no convergence within " + STEP_CAP + " steps: the training-set loss as the"
                    + " tutorial prints it is " + 2 * training.trainingSetLoss());
        }
        Expect.allClose("W after " + step + " steps", TutorialProblem.trueWeights(),
                training.weights());
        Expect.allClose("b after " + step + " steps", TutorialProblem.trueBias(),
                training.bias());
    }
}
