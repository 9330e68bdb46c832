package org.nn4j.benchmarks;

import java.io.IOException;
import org.nn4j.api.Activation;
import org.nn4j.api.Backend;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.trainer.data.FashionMnist;
import org.nn4j.trainer.model.EpochListener;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.Training;
import org.nn4j.trainer.optim.Adam;

/**
 * The full Fashion-MNIST MLP (784-256-128-10, ReLU, Adam, batch 128, seed 42) through
 * {@link Sequential} and {@link Training} on a backend in a precision, one line per epoch.
 * Arguments: backend, precision ({@code f32}|{@code f64}), epochs.
 */
public final class Float32Epochs {

    private Float32Epochs() {
    }

    public static void main(String[] args) throws IOException {
        Backend backend = Backends.get(args[0]).inPrecision(Precision.parse(args[1]));
        int epochs = Integer.parseInt(args[2]);
        FashionMnist data = FashionMnist.load(FashionMnist.DEFAULT_DIRECTORY);
        Sequential model = Sequential.builder(backend).input(784).dense(256)
                .activation(Activation.relu()).dense(128).activation(Activation.relu())
                .dense(10).softmaxCrossEntropy().seed(42).build();
        String label = backend.name() + " " + backend.precision().label();
        new Training(model, Adam.builder().build()).epochs(epochs).batchSize(128)
                .listener(new EpochListener() {
                    @Override
                    public void onEpochEnd(EpochSummary s) {
                        System.out.printf("%s epoch %d: %.2f s, train loss %.4f,"
                                + " test accuracy %.4f%n", label, s.epoch(), s.seconds(),
                                s.trainLoss(), s.testAccuracy());
                    }
                }).fit(data.train(), data.test());
    }
}
