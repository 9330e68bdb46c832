package org.nn4j.benchmarks;

import org.nn4j.trainer.Rng;
import org.nn4j.trainer.data.DataSet;
import org.nn4j.trainer.regression.LinearRegressionProblem;

/**
 * The data of one benchmarked training step, the same numbers for every implementation (nn4j
 * on each backend, each library by hand, and numpy, which regenerates nothing: it is given
 * the shapes and makes its own data of the same kind).
 *
 * <p>A step is: forward {@code y = x·W + b}, mean squared error value and gradient
 * {@code dy = (y − t)/N}, backward ({@code dW = xᵀ·dy}, {@code db = Σ_rows dy},
 * {@code dz = dy·Wᵀ}), and the SGD update of {@code W} and {@code b}.
 *
 * @param inputs       columns of {@code x}, rows of {@code W}
 * @param outputs      columns of {@code W}
 * @param batch        rows of {@code x}
 * @param learningRate the SGD step
 * @param weights      initial {@code W}, row-major
 * @param features     the rows batches are copied from, row-major
 * @param targets      their targets, row-major
 * @param starts       the first row of each successive batch, cycled through
 */
record Workload(int inputs, int outputs, int batch, double learningRate, double[] weights,
                double[] features, double[] targets, int[] starts) {

    /** How many batch starts the seed step cycles through. */
    static final int SEED_STARTS = 4096;

    /**
     * The numpy tutorial's step: 2 inputs, 3 outputs, batches of 2 consecutive rows from a
     * random start in the tutorial's 500-row data set, learning rate 0.01.
     */
    static Workload seedStep() {
        Rng root = new Rng(0);
        DataSet data = LinearRegressionProblem.generate(root.split());
        double[] w = root.split().gaussians(LinearRegressionProblem.FEATURES
                * LinearRegressionProblem.OUTPUTS);
        Rng starts = root.split();
        int[] s = new int[SEED_STARTS];
        for (int i = 0; i < s.length; i++) {
            s[i] = starts.nextInt(data.size() - 1); // full batches of 2
        }
        return new Workload(data.featureCount(), data.targetCount(), 2, 0.01, w,
                data.copyOfFeatures(), data.copyOfTargets(), s);
    }

    /**
     * A dense layer on one fixed batch of standard-normal data (no copy per step).
     *
     * <p>The learning rate is 1e-4: with 0.01 the residual of the over-determined 784→256,
     * batch-64 fit shrinks by about 6 % a step and reaches subnormal numbers within a few
     * thousand steps, which would time the processor's subnormal path, not the step.
     */
    static Workload dense(int inputs, int outputs, int batch) {
        Rng root = new Rng(1);
        double scale = 1.0 / Math.sqrt(inputs);
        double[] w = root.split().gaussians(inputs * outputs);
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        double[] x = root.split().gaussians(batch * inputs);
        double[] t = root.split().gaussians(batch * outputs);
        return new Workload(inputs, outputs, batch, 1e-4, w, x, t, new int[] {0});
    }

    /** Floating-point operations of one step's three products, {@code 3 · 2·N·in·out}. */
    double productFlops() {
        return 6.0 * batch * inputs * outputs;
    }
}
