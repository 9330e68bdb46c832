package org.nn4j.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * The golden file {@code replay/tutorial-replay.properties}, written by
 * {@code replay/tutorial_replay.py} beside it: the numpy tutorial run after
 * {@code np.random.seed(seed)}, with its data, initial weights, first batch starts and the
 * weights and bias after chosen steps.
 */
final class TutorialReplay {

    static final String RESOURCE = "replay/tutorial-replay.properties";

    final long seed;
    final double[] features;
    final double[] initialWeights;
    final int[] batchStartsHead;
    final int endStep;
    final int[] steps;
    private final Properties properties;

    private TutorialReplay(Properties p) {
        this.properties = p;
        seed = Long.parseLong(required(p, "seed"));
        String digits = required(p, "data");
        features = new double[digits.length()];
        for (int i = 0; i < features.length; i++) {
            features[i] = digits.charAt(i) - '0';
        }
        initialWeights = doubles(required(p, "initialWeights"));
        batchStartsHead = Arrays.stream(required(p, "batchStartsHead").split(","))
                .mapToInt(Integer::parseInt).toArray();
        endStep = Integer.parseInt(required(p, "endStep"));
        steps = Arrays.stream(required(p, "steps").split(",")).mapToInt(Integer::parseInt)
                .toArray();
    }

    static TutorialReplay load() {
        try (InputStream in = TutorialReplay.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the tck jar lacks its golden file " + RESOURCE);
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return new TutorialReplay(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    double[] weightsAt(int step) {
        return doubles(required(properties, "step." + step + ".W"));
    }

    double[] biasAt(int step) {
        return doubles(required(properties, "step." + step + ".b"));
    }

    double printedLossAt(int step) {
        return Double.parseDouble(required(properties, "step." + step + ".printedLoss"));
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return v.trim();
    }

    private static double[] doubles(String csv) {
        return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
    }
}
