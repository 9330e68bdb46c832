package org.nn4j.peers.dl4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * DL4J peer of {@code nn4j fashion-mnist --model cnn}: the CNN of an architecture string
 * (benchmarks/peers/cnn/cnn_common.py: {@code c16k3s} a convolution of 16 3x3 filters, SAME
 * padding ({@code v}: VALID), then ReLU; {@code p2} 2x2 max pooling, stride 2; {@code d128} a
 * dense ReLU layer; {@code r0.25} dropout at rate 0.25; then a softmax layer of 10) built from
 * DL4J's {@code ConvolutionLayer}, {@code SubsamplingLayer}, {@code DenseLayer} and
 * {@code OutputLayer} on {@code InputType.convolutionalFlat(28, 28, 1)} (DL4J's own NCHW layout;
 * with one input channel the rows of Fashion-MNIST are the same either way). Trained as the
 * other peers are: He-normal weights with zero biases (drawn here, see {@link #heNormal}),
 * softmax with multi-class cross-entropy (mean over the batch), Adam (1e-3, 0.9, 0.999, 1e-8)
 * with an {@code ExponentialSchedule} of 0.9 by epoch, batches of 128 from a fresh shuffle each
 * epoch (the last batch short), the test set evaluated after every epoch in batches of 1000.
 *
 * <p>Arguments: {@code --arch SPEC --epochs N --dtype f32|f64 --seed N --limit N --batch-size N
 * --data DIR}. Prints one JSON object with the keys of {@code nn4j fashion-mnist --json} that
 * apply. The seconds of an epoch cover making its batches and training on them, not the
 * evaluation.
 */
public final class FashionMnistCnnDl4j {
    private static final String OPTIONS =
            "--arch SPEC --epochs N --dtype f32|f64 --seed N --limit N --batch-size N --data DIR";
    private static final int EVALUATION_BATCH = 1000;

    private FashionMnistCnnDl4j() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = 5;
        int batchSize = 128;
        int limit = 0;
        long seed = 0;
        String arch = "c16k3s-p2-c32k3s-p2-d128-r0.25";
        String dtypeName = "f64";
        Path data = Path.of("/usr/share/datasets/fashion-mnist");
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--arch" -> arch = need(args[i], value);
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
        MultiLayerConfiguration configuration = configuration(arch, dtype, seed); // bad --arch: before loading

        INDArray[] train = FashionMnistDl4j.load(data, "train", limit, dtype);
        INDArray[] test = FashionMnistDl4j.load(data, "t10k", 0, dtype);
        int n = (int) train[0].rows();

        MultiLayerNetwork net = new MultiLayerNetwork(configuration);
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
                net.fit(new DataSet(train[0].getRows(idx), train[1].getRows(idx)));
                lossSum += net.score() * rows;
            }
            net.incrementEpochCount();
            double seconds = (System.nanoTime() - started) / 1e9;
            long evaluationStarted = System.nanoTime();
            long correct = 0;
            int testRows = (int) test[0].rows();
            for (int start = 0; start < testRows; start += EVALUATION_BATCH) {
                int end = Math.min(testRows, start + EVALUATION_BATCH);
                INDArray output = net.output(test[0].get(
                        NDArrayIndex.interval(start, end),
                        NDArrayIndex.all()), false);
                INDArray labels = test[1].get(NDArrayIndex.interval(start, end),
                        NDArrayIndex.all());
                correct += output.argMax(1).eq(labels.argMax(1)).castTo(DataType.INT).sumNumber().longValue();
            }
            double accuracy = (double) correct / testRows;
            double evaluationSeconds = (System.nanoTime() - evaluationStarted) / 1e9;
            if (net.params().dataType() != dtype) {
                throw new IllegalStateException("the parameters left " + dtypeName + ": a bug in this program");
            }
            history.add(new double[] {lossSum / n, accuracy, seconds, evaluationSeconds});
            System.err.printf(Locale.ROOT,
                    "epoch %2d/%d  lr %.6g  train loss %.4f  test accuracy %.4f  %.2f s  eval %.2f s%n",
                    epoch + 1, epochs, lr, lossSum / n, accuracy, seconds, evaluationSeconds);
        }

        StringBuilder json = new StringBuilder("{");
        json.append("\"backend\": \"DL4J 1.0.0-M2.1 (MultiLayerNetwork, ConvolutionLayer + SubsamplingLayer)\"");
        json.append(", \"model\": \"cnn\", \"architecture\": \"").append(arch).append('"');
        json.append(", \"parameters\": ").append(net.numParams());
        json.append(", \"precision\": \"").append(dtypeName).append('"');
        json.append(", \"blas\": \"").append(GemmPeak.describeOpenBlas()).append('"');
        json.append(", \"omp_threads\": ").append(Nd4j.getEnvironment().maxMasterThreads());
        json.append(", \"seed\": ").append(seed).append(", \"epochs\": ").append(epochs);
        json.append(", \"batch_size\": ").append(batchSize).append(", \"train_examples\": ").append(n);
        json.append(", \"test_accuracy\": ").append(history.get(history.size() - 1)[1]);
        json.append(", \"train_loss\": ").append(FashionMnistDl4j.column(history, 0));
        json.append(", \"test_accuracy_per_epoch\": ").append(FashionMnistDl4j.column(history, 1));
        json.append(", \"seconds_per_epoch\": ").append(FashionMnistDl4j.column(history, 2));
        json.append(", \"evaluation_seconds_per_epoch\": ").append(FashionMnistDl4j.column(history, 3));
        System.out.println(json.append('}'));
    }

    /**
     * He-normal weights (variance 2/fan_in; fan_in = in_channels·kh·kw for a kernel of shape
     * [out, in, kh, kw], nIn for a dense [nIn, nOut]) and zero biases, drawn in float64 from a
     * seeded java.util.Random and rounded to the network's type, as the MLP peer does (DL4J's
     * WeightInit.RELU drew different weights in two runs with the same seed there).
     */
    private static void heNormal(MultiLayerNetwork net, long seed, DataType dtype) {
        Random random = new Random(seed);
        for (int layer = 0; layer < net.getnLayers(); layer++) {
            if (!net.getLayer(layer).paramTable().containsKey("W")) {
                continue; // pooling
            }
            long[] shape = net.getParam(layer + "_W").shape();
            long size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            long fanIn = shape.length == 4 ? shape[1] * shape[2] * shape[3] : shape[0];
            double[] w = new double[Math.toIntExact(size)];
            double sd = Math.sqrt(2.0 / fanIn);
            for (int i = 0; i < w.length; i++) {
                w[i] = random.nextGaussian() * sd;
            }
            net.setParam(layer + "_W", Nd4j.create(w, shape, DataType.DOUBLE).castTo(dtype));
            net.setParam(layer + "_b", net.getParam(layer + "_b").assign(0));
        }
    }

    /** The network of an architecture string (the grammar of cnn_common.py). */
    static MultiLayerConfiguration configuration(String arch, DataType dtype, long seed) {
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dtype)
                .weightInit(WeightInit.RELU) // replaced by heNormal after init()
                .updater(new Adam(new ExponentialSchedule(ScheduleType.EPOCH, 1e-3, 0.9)))
                .list();
        double pendingDropout = 0;
        boolean dense = false;
        for (String token : arch.split("-")) {
            if (pendingDropout > 0 && !token.startsWith("d")) {
                usage("--arch " + arch + ": dropout must come just before a dense layer here");
            }
            if (token.matches("c\\d+k\\d+[sv]")) {
                if (dense) {
                    usage("--arch " + arch + ": a convolution after a dense layer");
                }
                int filters = Integer.parseInt(token.substring(1, token.indexOf('k')));
                int kernel = Integer.parseInt(token.substring(token.indexOf('k') + 1, token.length() - 1));
                list.layer(new ConvolutionLayer.Builder(kernel, kernel).stride(1, 1).nOut(filters)
                        .convolutionMode(token.endsWith("s") ? ConvolutionMode.Same : ConvolutionMode.Truncate)
                        .activation(Activation.RELU).build());
            } else if (token.matches("p\\d+")) {
                int size = Integer.parseInt(token.substring(1));
                list.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(size, size).stride(size, size)
                        .convolutionMode(ConvolutionMode.Truncate).build());
            } else if (token.matches("d\\d+")) {
                list.layer(withDropout(new DenseLayer.Builder().nOut(Integer.parseInt(token.substring(1)))
                        .activation(Activation.RELU), pendingDropout).build());
                pendingDropout = 0;
                dense = true;
            } else if (token.matches("r0?\\.\\d+")) {
                pendingDropout = Double.parseDouble(token.substring(1));
            } else {
                usage("--arch " + arch + ": cannot read layer '" + token
                        + "' (expected c<filters>k<kernel><s|v>, p<size>, d<units> or r<rate>)");
            }
        }
        list.layer(withDropout(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                .activation(Activation.SOFTMAX), pendingDropout).build());
        return list.setInputType(InputType.convolutionalFlat(28, 28, 1)).build();
    }

    /** DL4J applies a layer's dropOut to its INPUT, and takes the probability to RETAIN. */
    private static <B extends org.deeplearning4j.nn.conf.layers.BaseLayer.Builder<B>> B withDropout(B builder,
            double rate) {
        return rate > 0 ? builder.dropOut(1 - rate) : builder;
    }

    private static String need(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static <T> T usage(String problem) {
        return Usage.fail("FashionMnistCnnDl4j", problem, OPTIONS);
    }
}
