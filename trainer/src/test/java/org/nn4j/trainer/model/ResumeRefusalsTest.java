package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.Adam;
import org.nn4j.trainer.optim.SavedOptimizerState;

/**
 * A checkpoint that does not fit the training it is resumed into (made by hand, as a damaged
 * or edited checkpoint would be) is refused before anything changes: the refusal names the
 * problem, and the model keeps its parameters. A resumed run's own checkpoints resume too.
 */
class ResumeRefusalsTest {

    private final Backend backend = Backends.get("ejml");
    private final DataSet train = ResumeTest.blobs(40, 2);
    private final DataSet validation = ResumeTest.blobs(20, 5);

    private Training training(Sequential model, int epochs) {
        return new Training(model, Adam.builder().learningRate(0.05).build()).epochs(epochs)
                .batchSize(10).validation(validation)
                .earlyStopping(EarlyStopping.onValidationLoss(50));
    }

    private List<TrainingCheckpoint> checkpoints() {
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        training(ResumeTest.model(backend), 4).checkpoints(1, checkpoints::add)
                .fit(train, null, new Rng(4));
        return checkpoints;
    }

    private static TrainingCheckpoint with(TrainingCheckpoint c, List<double[]> parameters,
                                           SavedOptimizerState optimizer,
                                           TrainingCheckpoint.Best best) {
        return new TrainingCheckpoint(c.epochsCompleted(), c.settings(), parameters, optimizer,
                c.rng(), c.shuffleOrder(), c.history(), best);
    }

    /** Asserts the resume is refused with a message starting so, and the model unchanged. */
    private void refused(String start, TrainingCheckpoint checkpoint, DataSet test) {
        Sequential model = ResumeTest.model(backend);
        List<double[]> before = ResumeTest.parameters(model);
        String message = assertThrows(IllegalArgumentException.class,
                () -> training(model, 4).resume(checkpoint, train, test)).getMessage();
        assertTrue(message.startsWith(start), message);
        ResumeTest.assertSame(before, ResumeTest.parameters(model), "untouched");
    }

    @Test
    void aCheckpointWhoseArraysDoNotFitTheModelIsRefused() {
        TrainingCheckpoint c = checkpoints().get(1);
        List<double[]> oneArray = c.parameters().subList(0, 1);
        refused("the checkpoint has 1 arrays in its parameters; the model has 4 parameters",
                with(c, oneArray, c.optimizer(), c.best()), null);
        List<double[]> shortFirst = new ArrayList<>(c.parameters());
        shortFirst.set(0, new double[3]);
        refused("the checkpoint has 3 values in its parameters for parameter 0 (W, 5x8)",
                with(c, shortFirst, c.optimizer(), c.best()), null);
        TrainingCheckpoint.Best b = c.best();
        refused("the checkpoint has 1 arrays in its best epoch's parameters",
                with(c, c.parameters(), c.optimizer(), new TrainingCheckpoint.Best(b.epoch(),
                        b.value(), b.epochsWithoutImprovement(), b.parameters().subList(0, 1))),
                null);
    }

    /**
     * The model has no state arrays; a checkpoint that brings one (as one of a model with
     * batch normalisation would) is of another model, and is refused rather than the array
     * silently dropped.
     */
    @Test
    void aCheckpointWithStateArraysForAModelWithoutIsRefused() {
        TrainingCheckpoint c = checkpoints().get(1);
        refused("the checkpoint has 1 arrays in its state (running statistics); the model has 0"
                + " state arrays", new TrainingCheckpoint(c.epochsCompleted(), c.settings(),
                c.parameters(), c.optimizer(), c.rng(), c.shuffleOrder(), c.history(), c.best(),
                List.of(new double[] {0, 0, 0, 0, 0})), null);
    }

    @Test
    void aCheckpointWithoutItsBestEpochIsRefusedByATrainingWithAValidationSet() {
        TrainingCheckpoint c = checkpoints().get(0);
        refused("the checkpoint was made without a validation set, this training has one",
                with(c, c.parameters(), c.optimizer(), null), null);
    }

    /**
     * Adam keeps two moments per parameter: a state with one is refused by the optimizer's
     * checks before the model's parameters are replaced.
     */
    @Test
    void anOptimizerStateThatDoesNotFitIsRefusedBeforeTheModelChanges() {
        TrainingCheckpoint c = checkpoints().get(0);
        SavedOptimizerState s = c.optimizer();
        refused("adam keeps 2 matrices per parameter; the saved state has 1",
                with(c, c.parameters(), new SavedOptimizerState(s.optimizer(), s.counters(),
                        s.slots().subList(0, 1)), c.best()), null);
    }

    @Test
    void aTestSetThatDoesNotFitAndAnotherValidationSetAreRefused() {
        TrainingCheckpoint c = checkpoints().get(0);
        refused("the test set has 2 features per example but the model takes 5 inputs", c,
                new DataSet(1, 2, 3, new double[2], new double[3]));
        DataSet otherValidation = ResumeTest.blobs(20, 6);
        Sequential model = ResumeTest.model(backend);
        String message = assertThrows(IllegalArgumentException.class,
                () -> new Training(model, Adam.builder().learningRate(0.05).build()).epochs(4)
                        .batchSize(10).validation(otherValidation)
                        .earlyStopping(EarlyStopping.onValidationLoss(50))
                        .resume(c, train, null)).getMessage();
        assertTrue(message.startsWith("the checkpoint is of another run: validation_fingerprint is "),
                message);
    }

    /**
     * A resumed run hands over checkpoints of its own, which resume in turn: resumed after
     * epoch 1, checkpointing after epoch 3, resumed again from that, the run ends bit for bit
     * as the one that was never stopped.
     */
    @Test
    void aResumedRunsCheckpointsResumeToTheSameEnd() {
        Sequential whole = ResumeTest.model(backend);
        training(whole, 4).fit(train, null, new Rng(4));
        List<TrainingCheckpoint> first = checkpoints();
        List<TrainingCheckpoint> second = new ArrayList<>();
        training(ResumeTest.model(backend), 4).checkpoints(3, second::add)
                .resume(first.get(0), train, null);
        assertEquals(1, second.size(), "after epoch 3");
        assertEquals(3, second.get(0).epochsCompleted());
        Sequential last = ResumeTest.model(backend);
        training(last, 4).resume(second.get(0), train, null);
        ResumeTest.assertSame(ResumeTest.parameters(whole), ResumeTest.parameters(last),
                "resumed twice");
    }
}
