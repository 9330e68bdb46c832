package org.nn4j.peers.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * DL4J peer of {@code nn4j fashion-mnist}: the same network trained the same way with DL4J's
 * {@code MultiLayerNetwork}: 784-256-128-10, ReLU, He-normal weights with zero biases, softmax with multi-class cross-entropy (mean over the batch), Adam (1e-3, 0.9, 0.999,
 * 1e-8) with an {@code ExponentialSchedule} of 0.9 by epoch, batches of 128 rows from a fresh
 * shuffle each epoch (the last batch short). The initial weights are drawn here, in float64, and
 * rounded to float32 for {@code --dtype f32} (see {@link #heNormal}).
 *
 * <p>Arguments: {@code --epochs N --dtype f32|f64 --seed N --limit N --batch-size N --data DIR}.
 * Prints one JSON object with the keys of {@code nn4j fashion-mnist --json} that apply. The
 * seconds of an epoch cover making its batches and training on them, not the evaluation.
 */
public final class FashionMnistDl4j {
    private FashionMnistDl4j() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = 15;
        int batchSize = 128;
        int limit = 0;
        long seed = 0;
        String dtypeName = "f64";
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--epochs" -> epochs = Integer.parseInt(need(args[i], value));
                case "--batch-size" -> batchSize = Integer.parseInt(need(args[i], value));
                case "--limit" -> limit = Integer.parseInt(need(args[i], value));
                case "--seed" -> seed = Long.parseLong(need(args[i], value));
                case "--dtype" -> dtypeName = need(args[i], value);
                case "--data" -> data = Path.of(need(args[i], value));
                default -> usage("unknown option " + args[i]);
            }
            i++;
        }
        DataType dtype = switch (dtypeName) {
            case "f32" -> DataType.FLOAT;
            case "f64" -> DataType.DOUBLE;
            default -> usage("--dtype " + dtypeName + ": expected f32 or f64");
        };
        Nd4j.setDefaultDataTypes(dtype, dtype);

        INDArray[] train = load(data, "train", limit, dtype);
        INDArray[] test = load(data, "t10k", 0, dtype);
        int n = (int) train[0].rows();

        MultiLayerNetwork net = new MultiLayerNetwork(configuration(dtype, seed));
        net.init();
        heNormal(net, seed, dtype);

        Random random = new Random(seed + 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        List<double[]> history = new ArrayList<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double lr = net.getLearningRate(0);
            long started = System.nanoTime();
            double lossSum = 0;
            for (int start = 0; start < n; start += batchSize) {
                int rows = Math.min(batchSize, n - start);
                int[] idx = Arrays.copyOfRange(order, start, start + rows);
                DataSet batch = new DataSet(train[0].getRows(idx), train[1].getRows(idx));
                net.fit(batch);
                lossSum += net.score() * rows;
            }
            net.incrementEpochCount();
            double seconds = (System.nanoTime() - started) / 1e9;
            long evaluationStarted = System.nanoTime();
            INDArray output = net.output(test[0]);
            double accuracy = output.argMax(1).eq(test[1].argMax(1)).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            double evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
            if (net.params().dataType() != dtype) {
                throw new IllegalStateException("the parameters left " + dtypeName + ": a bug in this program");
            }
            history.add(new double[] {lossSum / n, accuracy, seconds, evaluationSeconds});
            System.err.printf(Locale.ROOT, "epoch %2d/%d  lr %.6g  train loss %.4f  test accuracy %.4f  %.2f s%n",
                    epoch + 1, epochs, lr, lossSum / n, accuracy, seconds);
        }

        String blas = GemmPeak.describeOpenBlas();
        StringBuilder json = new StringBuilder("{");
        json.append("\"backend\": \"DL4J 1.0.0-M2.1 (MultiLayerNetwork)\"");
        json.append(", \"precision\": \"").append(dtypeName).append('"');
        json.append(", \"blas\": \"").append(blas).append('"');
        json.append(", \"omp_threads\": ").append(Nd4j.getEnvironment().maxMasterThreads());
        json.append(", \"seed\": ").append(seed).append(", \"epochs\": ").append(epochs);
        json.append(", \"batch_size\": ").append(batchSize).append(", \"train_examples\": ").append(n);
        json.append(", \"test_accuracy\": ").append(history.get(history.size() - 1)[1]);
        json.append(", \"train_loss\": ").append(column(history, 0));
        json.append(", \"test_accuracy_per_epoch\": ").append(column(history, 1));
        json.append(", \"seconds_per_epoch\": ").append(column(history, 2));
        json.append(", \"evaluation_seconds_per_epoch\": ").append(column(history, 3));
        System.out.println(json.append('}'));
    }

    /**
     * He-normal weights (variance 2/fan_in) and zero biases, drawn in float64 from a seeded
     * java.util.Random and rounded to the network's type: DL4J's own WeightInit.RELU drew
     * different weights in two runs with the same seed here (1.0.0-M2.1), and would draw
     * different ones in each precision.
     */
    private static void heNormal(MultiLayerNetwork net, long seed, DataType dtype) {
        Random random = new Random(seed);
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            long[] shape = net.getParam(layer + "_W").shape();
            double[] w = new double[Math.toIntExact(shape[0] * shape[1])];
            double sd = Math.sqrt(2.0 / shape[0]);
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() * sd;
            }
            net.setParam(layer + "_W", Nd4j.create(w, shape, DataType.DOUBLE).castTo(dtype));
            net.setParam(layer + "_b", net.getParam(layer + "_b").assign(0));
        }
    }

    private static MultiLayerConfiguration configuration(DataType dtype, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dtype)
                .weightInit(WeightInit.RELU) // replaced by heNormal after init()
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 1e-3, 0.9)))
                .list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(256).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(256).nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128).nOut(10).activation(Activation.SOFTMAX).build())
                .build();
    }

    static String column(List<double[]> history, int k) {
        return history.stream().map(h -> Double.toString(h[k])).collect(Collectors.joining(", ", "[", "]"));
    }

    /** Features scaled to [0, 1] and one-hot labels, in {@code dtype}. */
    static INDArray[] load(Path data, String prefix, int limit, DataType dtype) throws Exception {
        int[][] dims = new int[1][];
        int[] pixels = Idx.read(data, prefix + "-images-idx3-ubyte", dims);
        int n = dims[0][0];
        int width = pixels.length / n;
        int[] labels = Idx.read(data, prefix + "-labels-idx1-ubyte", new int[1][]);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        double[] x = new double[n * width];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] / 255.0;
        }
        double[] y = new double[n * 10];
        for (int i = 0; i < n; i++) {
            y[i * 10 + labels[i]] = 1;
        }
        return new INDArray[] {
            Nd4j.create(x, new long[] {n, width}, DataType.DOUBLE).castTo(dtype),
            Nd4j.create(y, new long[] {n, 10}, DataType.DOUBLE).castTo(dtype)
        };
    }

    private static String need(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static <T> T usage(String problem) {
        return Usage.fail("FashionMnistDl4j", problem,
                "--epochs N --dtype f32|f64 --seed N --limit N --batch-size N --data DIR");
    }
}
