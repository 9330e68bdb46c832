package org.nn4j.trainer.data;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the tests find Fashion-MNIST. The full data set (Debian's {@code dataset-fashion-mnist},
 * {@link FashionMnist#DEFAULT_DIRECTORY}) is optional: a real subset, the first 2,000 training
 * and 1,000 test examples, is checked in as test resources ({@code fashion-mnist-subset/}, with
 * its licence) and read through the same {@link FashionMnist#load}, so {@code mvn verify} passes
 * on a machine with only a JDK and Maven.
 *
 * <p>Tests of the full data call {@link #requireFull()}: they are skipped when it is absent,
 * unless the system property {@value #REQUIRE_PROPERTY} is {@code true} or the environment
 * variable {@value #REQUIRE_ENVIRONMENT} is {@code 1} or {@code true} (as {@code .ci/run} sets
 * it): then they fail, so CI can never skip them silently.
 */
public final class FashionMnistTestData {

    /** System property that turns "full data absent" into a failure. */
    public static final String REQUIRE_PROPERTY = "nn4j.test.requireFullFashionMnist";
    /** Environment variable that turns "full data absent" into a failure. */
    public static final String REQUIRE_ENVIRONMENT = "NN4J_REQUIRE_FULL_FASHION_MNIST";
    /** Training examples in the subset. */
    public static final int SUBSET_TRAIN = 2000;
    /** Test examples in the subset. */
    public static final int SUBSET_TEST = 1000;

    private static final List<String> FILES = List.of("train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

    private static Path subset;

    private FashionMnistTestData() {
    }

    /** @return whether the four files of the full data set are in {@link FashionMnist#DEFAULT_DIRECTORY} */
    public static boolean fullPresent() {
        for (String file : FILES) {
            Path gz = FashionMnist.DEFAULT_DIRECTORY.resolve(file);
            Path raw = FashionMnist.DEFAULT_DIRECTORY.resolve(file.substring(0, file.length() - 3));
            if (!Files.isRegularFile(gz) && !Files.isRegularFile(raw)) {
                return false;
            }
        }
        return true;
    }

    /** @return whether {@value #REQUIRE_PROPERTY} or {@value #REQUIRE_ENVIRONMENT} asks for the full data */
    public static boolean fullRequired() {
        String env = System.getenv(REQUIRE_ENVIRONMENT);
        return Boolean.getBoolean(REQUIRE_PROPERTY) || "1".equals(env) || "true".equalsIgnoreCase(env);
    }

    /**
     * For a test of the full data: returns its directory; when it is absent, skips the test
     * (a JUnit assumption), or fails it if {@link #fullRequired()}.
     *
     * @return {@link FashionMnist#DEFAULT_DIRECTORY}
     */
    public static Path requireFull() {
        if (!fullPresent()) {
            String why = "the full Fashion-MNIST is not in " + FashionMnist.DEFAULT_DIRECTORY
                    + " (apt-get install dataset-fashion-mnist)";
            if (fullRequired()) {
                fail(why + ", and " + REQUIRE_PROPERTY + " / " + REQUIRE_ENVIRONMENT
                        + " require it");
            }
            Assumptions.abort(why + "; this test of the full data is skipped (the subset tests"
                    + " run instead)");
        }
        return FashionMnist.DEFAULT_DIRECTORY;
    }

    /**
     * The checked-in subset, as a directory of the four IDX files (copied out of the class path
     * once per JVM, so it works from a jar too).
     *
     * @return the directory
     */
    public static synchronized Path subset() {
        if (subset == null) {
            try {
                Path dir = Files.createTempDirectory("fashion-mnist-subset");
                dir.toFile().deleteOnExit();
                for (String file : FILES) {
                    String resource = "fashion-mnist-subset/" + file;
                    try (InputStream in = FashionMnistTestData.class.getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new IllegalStateException("test resource " + resource
                                    + " of package org.nn4j.trainer.data is missing");
                        }
                        Path target = dir.resolve(file);
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        target.toFile().deleteOnExit();
                    }
                }
                subset = dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return subset;
    }

    /**
     * For tests that need some real images, not all of them: the full data when present, else
     * the subset (so they run everywhere; the first 2,000 and 1,000 examples are the same in
     * both).
     *
     * @return a directory holding the four IDX files
     */
    public static Path fullOrSubset() {
        return fullPresent() ? FashionMnist.DEFAULT_DIRECTORY : subset();
    }
}
