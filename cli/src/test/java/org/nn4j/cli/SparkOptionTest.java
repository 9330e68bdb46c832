package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nn4j.cli.Nn4jCommandTest.Run;
import org.nn4j.trainer.data.FashionMnistTestData;

/**
 * {@code nn4j fashion-mnist --spark local[2]}: the single-machine run's output with the Spark
 * keys added, and, for full-batch gradient descent, the single-machine run's numbers.
 */
class SparkOptionTest {

    /**
     * 1,000 images in one batch, plain SGD: every epoch is one step on every image. The full
     * data when installed, else the checked-in subset.
     */
    private static final String[] FULL_BATCH = {"fashion-mnist", "--json", "--data",
        FashionMnistTestData.fullOrSubset().toString(), "--limit", "1000",
        "--batch-size", "1000", "--epochs", "2", "--hidden", "16", "--optimizer", "sgd",
        "--lr-decay", "1", "--seed", "5"};

    private static Run run(String[] base, String... more) {
        List<String> all = new ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return Nn4jCommandTest.run(all.toArray(String[]::new));
    }

    private static List<String> keys(JsonNode j) {
        List<String> keys = new ArrayList<>();
        j.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Test
    void fullBatchOnSparkMatchesOneMachineAndAddsOnlyKeys() throws Exception {
        Run single = run(FULL_BATCH);
        Run spark = run(FULL_BATCH, "--spark", "local[2]");
        assertEquals(Nn4jCommand.OK, single.status(), single.err());
        assertEquals(Nn4jCommand.OK, spark.status(), spark.err());
        JsonNode s = single.json();
        JsonNode d = spark.json();
        List<String> expected = new ArrayList<>(keys(s));
        expected.addAll(List.of("spark_master", "spark_mode"));
        assertEquals(expected, keys(d));
        assertEquals("local[2]", d.get("spark_master").asText());
        assertEquals("synchronous", d.get("spark_mode").asText());
        for (int e = 0; e < 2; e++) {
            assertEquals(s.get("train_loss").get(e).asDouble(), d.get("train_loss").get(e).asDouble(),
                    1e-10, "train loss of epoch " + e);
            assertEquals(s.get("test_loss_per_epoch").get(e).asDouble(),
                    d.get("test_loss_per_epoch").get(e).asDouble(), 1e-10, "test loss of epoch " + e);
        }
        assertEquals(s.get("test_accuracy").asDouble(), d.get("test_accuracy").asDouble(), 1e-12);
    }

    @Test
    void localStepsWithoutSparkIsAUsageError() {
        Run r = Nn4jCommandTest.run("fashion-mnist", "--local-steps", "5");
        assertEquals(Nn4jCommand.USAGE, r.status());
        assertTrue(r.err().contains("--local-steps") && r.err().contains("--spark"), r.err());
    }
}
