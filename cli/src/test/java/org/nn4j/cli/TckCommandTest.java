package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nn4j.api.Backends;

class TckCommandTest {

    private static final List<String> GROUPS = List.of("Discovery", "LinearAlgebraOperations",
            "LayerAndLoss", "Gradients", "EdgeCases", "Errors", "NonFiniteValues",
            "TutorialConvergence", "NumpyReplay", "ElementWiseOperations", "Activations",
            "SoftmaxCrossEntropy", "OptimizerSteps", "AdamWAndClipping", "Accumulation",
            "Precisions", "Operands", "Concurrency", "Sizes", "DocumentedContracts", "Images",
            "EveryPublicMethod", "ImageLayerGradients", "ImageLayerKnownAnswers",
            "ImageLayerModes");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        return Nn4jCommand.execute(args, new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void tckOnEjmlPrintsEveryGroupAndExitsZero() {
        assertEquals(Nn4jCommand.OK, execute("tck", "--backend", "ejml"), err.toString());
        String table = out.toString();
        for (String group : GROUPS) {
            assertTrue(table.matches("(?s).*\\nejml +" + group + " +\\d+ +0 +\\d+\\n.*"),
                    "no row for group " + group + " in\n" + table);
        }
        assertTrue(table.matches("(?s).*\\nejml +TOTAL +\\d{3,4} +0 +\\d .*"), table);
        assertTrue(table.matches("(?s).*\\nejml +in float64 +\\d{3} +0 +1\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nejml +in float32 +(\\d{3} +0 +7|not applicable: .*)\\n.*"),
                table);
        assertTrue(table.contains("PASS: every backend run conforms."), table);
    }

    @Test
    void tckJsonReportsEveryBackendWithItsGroups() throws Exception {
        assertEquals(Nn4jCommand.OK, execute("tck", "--json"), err.toString());
        JsonNode root = Json.MAPPER.readTree(out.toString());
        assertEquals(List.of("conforming", "passed", "failed", "skipped", "backends"),
                fieldNames(root));
        assertTrue(root.get("conforming").asBoolean());
        JsonNode ejml = null;
        for (JsonNode b : root.get("backends")) {
            if (b.get("backend").asText().equals("ejml")) {
                ejml = b;
            }
        }
        assertTrue(ejml != null, "no ejml in " + root);
        assertEquals(List.of("backend", "available", "reason", "conforming", "passed", "failed",
                "skipped", "seconds", "groups", "failures", "precisions"), fieldNames(ejml));
        assertEquals(0, ejml.get("failed").asInt());
        int declared = Backends.get("ejml").precisions().size();
        // The module-path check in each precision ejml declares, and in float32 the six
        // float64-only checks (the tutorial's convergence, three numpy and two PyTorch replays).
        assertEquals(declared + (declared == 2 ? 6 : 0), ejml.get("skipped").asInt(),
                "the skipped checks");
        List<String> precisions = new ArrayList<>();
        ejml.get("precisions").forEach(p -> precisions.add(p.get("precision").asText() + " "
                + p.get("applicable").asBoolean()));
        assertEquals(List.of("float64 true", "float32 " + (declared == 2)), precisions);
        assertTrue(ejml.get("passed").asInt() > 100, "passed: " + ejml.get("passed"));
        List<String> groups = new ArrayList<>();
        ejml.get("groups").forEach(g -> groups.add(g.get("group").asText()));
        assertEquals(GROUPS.stream().sorted().toList(), groups.stream().sorted().toList());
    }

    @Test
    void tckWithAnUnknownBackendExitsThree() {
        assertEquals(Nn4jCommand.NO_BACKEND, execute("tck", "--backend", "no-such-backend"));
        assertTrue(err.toString().contains("no-such-backend"), err.toString());
    }

    @Test
    void tallyCountsPassedFailedAndSkippedPerGroup() {
        TckCommand.BackendRun run = TckCommand.run(SampleKit.class, "ejml");
        Map<String, ConformanceTally.Counts> groups = run.tally().groups();
        assertEquals(3, groups.get("Good").passed, "Good passed");
        assertEquals(1, groups.get("Good").skipped, "Good skipped");
        assertEquals(1, groups.get("Bad").failed, "Bad failed");
        assertEquals(1, groups.get("Bad").skipped, "Bad skipped (disabled)");
        assertEquals(1, run.tally().failures().size());
        ConformanceTally.Failure f = run.tally().failures().get(0);
        assertEquals("Bad > fails()", f.test());
        assertTrue(f.message().contains("one is not two"), f.message());
        assertEquals(Nn4jCommand.NOT_CONFORMING, TckCommand.exitStatus(List.of(run)));
        assertEquals(Nn4jCommand.NO_BACKEND, TckCommand.exitStatus(
                List.of(new TckCommand.BackendRun("x", "unavailable", null, 0))));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}
