package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendRegistry;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.spi.Availability;
import org.nn4j.api.spi.BackendProvider;
import org.nn4j.trainer.regression.LinearRegressionTraining;

/** The distribution carries three interchangeable backends. */
class ThreeBackendsTest {

    @Test
    void listsAllThreeAvailableWithEjmlTheDefault() throws Exception {
        JsonNode root = Json.MAPPER.readTree(run(0, "backends", "--json"));
        assertEquals("ejml", root.get("default").asText());
        List<String> names = new ArrayList<>();
        for (JsonNode b : root.get("backends")) {
            names.add(b.get("name").asText());
            assertTrue(b.get("available").asBoolean(), b.toString());
        }
        assertEquals(List.of("ejml", "commons", "nd4j"), names); // by priority
    }

    /**
     * The tutorial's run takes the same steps on every backend and ends at the same weights:
     * Commons Math adds in EJML's order, ND4J's native kernels round differently by ulps.
     */
    @Test
    void trainTheSameStepsToTheSameWeights() throws Exception {
        JsonNode ejml = Json.MAPPER.readTree(run(0, "linear-regression", "--json", "--seed", "3",
                "--backend", "ejml"));
        for (String other : List.of("commons", "nd4j")) {
            JsonNode r = Json.MAPPER.readTree(run(0, "linear-regression", "--json", "--seed", "3",
                    "--backend", other));
            assertEquals(other, r.get("backend").asText());
            assertEquals(ejml.get("steps").asLong(), r.get("steps").asLong(), other);
            assertTrue(r.get("allclose").get("W").asBoolean() && r.get("allclose").get("b").asBoolean());
            assertTrue(maxAbsDifference(ejml, r) <= 1e-12, other + " differs from ejml by "
                    + maxAbsDifference(ejml, r));
        }
    }

    @Test
    void aFailedNativeLoadLeavesTheOtherTwoTraining() {
        BackendProvider failing = new BackendProvider() {
            @Override
            public String name() {
                return "nd4j";
            }

            @Override
            public int priority() {
                return 1000; // even first in line, it must not stand in the way
            }

            @Override
            public int apiVersion() {
                return API_VERSION;
            }

            @Override
            public Availability availability() {
                return Availability.ok();
            }

            @Override
            public Backend create() {
                throw new UnsatisfiedLinkError("no jnind4jcpu in java.library.path");
            }
        };
        BackendRegistry registry = BackendRegistry.builder().register(failing)
                .classLoader(getClass().getClassLoader())
                .systemProperties(Map.of()).environment(Map.of()).build();
        List<BackendStatus> statuses = registry.statuses(true);
        BackendStatus nd4j = statuses.stream().filter(s -> s.name().equals("nd4j")).findFirst()
                .orElseThrow();
        assertFalse(nd4j.available());
        assertTrue(nd4j.reason().contains("no jnind4jcpu"), nd4j.reason());
        assertEquals("ejml", registry.select().name());
        for (String name : List.of("ejml", "commons")) {
            LinearRegressionTraining.Result r = new LinearRegressionTraining(registry.select(name),
                    LinearRegressionTraining.Config.tutorial()).run();
            assertTrue(r.converged() && r.weightsAllClose() && r.biasAllClose(), name);
        }
    }

    private static double maxAbsDifference(JsonNode a, JsonNode b) {
        double max = 0.0;
        for (int i = 0; i < a.get("W").size(); i++) {
            for (int j = 0; j < a.get("W").get(i).size(); j++) {
                max = Math.max(max, Math.abs(a.get("W").get(i).get(j).asDouble()
                        - b.get("W").get(i).get(j).asDouble()));
            }
        }
        for (int j = 0; j < a.get("b").size(); j++) {
            max = Math.max(max, Math.abs(a.get("b").get(j).asDouble() - b.get("b").get(j).asDouble()));
        }
        return max;
    }

    private static String run(int expectedStatus, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Nn4jCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
        assertEquals(expectedStatus, status, err.toString());
        return out.toString();
    }
}
