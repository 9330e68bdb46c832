package org.nn4j.trainer.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Parameter;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.StopReason;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.optim.StochasticGradientDescent;
import org.nn4j.trainer.regression.LinearRegressionProblem;
import org.nn4j.trainer.regression.LinearRegressionTraining.Config;
import org.nn4j.trainer.regression.LinearRegressionTraining.Result;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/**
 * Training that diverges stops, names the step, and keeps the last good weights: those from
 * before the step whose loss, or whose update, was not finite. On every backend.
 */
class DivergenceTest {

    static Stream<String> backends() {
        return Backends.registry().statuses(true).stream().filter(BackendStatus::available)
                .map(BackendStatus::name);
    }

    private static void assertFinite(double[] values, String what) {
        for (double v : values) {
            assertTrue(Double.isFinite(v), what + " holds " + v);
        }
    }

    private static List<double[]> snapshot(Sequential model) {
        List<double[]> all = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            all.add(p.value().toRowMajor());
        }
        return all;
    }

    private static void assertSame(List<double[]> expected, Sequential model, String why) {
        List<double[]> actual = snapshot(model);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), why + ": parameter " + i);
        }
    }

    /** The seed with lr 1.0: the loss overflows at step 100; the weights are step 99's. */
    @ParameterizedTest
    @MethodSource("backends")
    void theSeedAtLearningRateOneStopsAtStep100WithStep99sWeights(String name) {
        Backend backend = Backends.get(name);
        Config config = Config.tutorial().withLearningRate(1.0);
        Result r = new LinearRegressionTraining(backend, config).run();
        assertEquals(StopReason.DIVERGED, r.stopReason());
        assertEquals(100, r.steps());
        assertEquals("training diverged at step 100: the loss is Infinity (learning rate 1.0);"
                + " the parameters are those of step 99", r.message());
        Result step99 = new LinearRegressionTraining(backend, config.withMaxSteps(99)).run();
        assertEquals(StopReason.STEP_CAP, step99.stopReason());
        assertArrayEquals(step99.weights(), r.weights(), "W is step 99's, bit for bit");
        assertArrayEquals(step99.bias(), r.bias(), "b is step 99's, bit for bit");
        assertFinite(r.weights(), "W");
        assertFinite(r.bias(), "b");
        assertEquals(step99.loss(), r.loss(), "the loss reported is step 99's, the last kept");
    }

    /**
     * An update that overflows a weight while its batch's loss was finite: without the check
     * of the parameters the next loss would be NaN and the kept weights infinite.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void anUpdateThatMakesAWeightInfiniteIsUndone(String name) {
        Backend backend = Backends.get(name);
        DataSet data = LinearRegressionProblem.generate(new Rng(0));
        double[] w0 = {0.5, -0.25, 1, 2, 0, -1};
        double[] b0 = {0.125, 0, -3};
        Result r = new LinearRegressionTraining(backend, Config.tutorial()
                .withLearningRate(1e308)).run(data, w0, b0, () -> 0);
        assertEquals(StopReason.DIVERGED, r.stopReason());
        assertEquals(1, r.steps());
        assertTrue(r.message().startsWith("training diverged at step 1: after its update"
                + " parameter "), r.message());
        assertTrue(r.message().endsWith("Infinity (learning rate 1.0E308); the update was"
                + " undone, the parameters are those of step 0"), r.message());
        assertArrayEquals(w0, r.weights(), "the initial weights, bit for bit");
        assertArrayEquals(b0, r.bias(), "the initial bias, bit for bit");
    }

    /** The same for a model: SGD at 1e308 overflows every weight on the first batch. */
    @ParameterizedTest
    @MethodSource("backends")
    void aModelsOverflowingUpdateIsUndone(String name) {
        Backend backend = Backends.get(name);
        Sequential model = Sequential.builder(backend).input(2).dense(3).meanSquaredError()
                .build(new Rng(4));
        List<double[]> initial = snapshot(model);
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(1e308)).epochs(2).batchSize(50)
                .fit(LinearRegressionProblem.generate(new Rng(5)), null, new Rng(6));
        assertEquals(StopReason.DIVERGED, history.stopReason());
        assertFalse(history.completed());
        assertTrue(history.message().startsWith("training diverged at epoch 1 of 2, batch 1 of"
                + " 10: after its update parameter "), history.message());
        assertTrue(history.message().endsWith("(learning rate 1.0E308); that update was undone"),
                history.message());
        assertSame(initial, model, "the initial parameters");
    }

    /**
     * The seed's regression as a model at lr 1.0: it diverges after some batches; the model
     * keeps the parameters of the last batch the listener heard, all finite.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void aModelThatDivergesKeepsTheParametersOfItsLastGoodBatch(String name) {
        Backend backend = Backends.get(name);
        Sequential model = Sequential.builder(backend).input(2).dense(3).meanSquaredError()
                .build(new Rng(4));
        List<List<double[]>> heard = new ArrayList<>();
        heard.add(snapshot(model));
        TrainingHistory history = new Training(model, StochasticGradientDescent.withLearningRate(1.0)).epochs(5).batchSize(2)
                .listener(new EpochListener() {
                    @Override
                    public void onBatch(int epoch, int batch, int batches, double loss) {
                        heard.add(snapshot(model));
                    }
                })
                .fit(LinearRegressionProblem.generate(new Rng(5)), null, new Rng(6));
        assertEquals(StopReason.DIVERGED, history.stopReason(), history.message());
        int batchesDone = heard.size() - 1;
        assertTrue(batchesDone > 5 && batchesDone < 250, batchesDone + " batches");
        assertTrue(history.message().startsWith("training diverged at epoch 1 of 5, batch "
                + (batchesDone + 1) + " of 250: "), history.message());
        List<double[]> last = heard.get(batchesDone);
        assertSame(last, model, "the parameters after batch " + batchesDone);
        for (double[] p : last) {
            assertFinite(p, "a kept parameter");
        }
    }
}
