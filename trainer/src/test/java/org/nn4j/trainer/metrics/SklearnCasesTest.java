package org.nn4j.trainer.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The metrics against scikit-learn 1.2.1's answers for random cases, written by
 * {@code make_sklearn_cases.py} beside {@code sklearn-cases.txt} in the test resources.
 */
class SklearnCasesTest {

    /** Summation orders differ (numpy sums pairwise): a few units in the last place. */
    private static final double TOLERANCE = 1e-13;

    /** One block of the file: its kind, name and named rows of numbers. */
    record Case(String kind, String name, Map<String, double[]> values) {
        double[] get(String key) {
            double[] v = values.get(key);
            if (v == null) {
                throw new IllegalStateException("case " + name + " has no '" + key + "'");
            }
            return v;
        }

        int[] ints(String key) {
            return Arrays.stream(get(key)).mapToInt(d -> (int) d).toArray();
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = SklearnCasesTest.class.getResourceAsStream("sklearn-cases.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String kind = null;
            String name = null;
            Map<String, double[]> values = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] words = line.split(" ");
                if (words[0].equals("classification") || words[0].equals("regression")) {
                    kind = words[0];
                    name = words[1];
                    values = new LinkedHashMap<>();
                } else if (words[0].equals("end")) {
                    cases.add(new Case(kind, name, values));
                } else {
                    values.put(words[0], Stream.of(words).skip(1)
                            .mapToDouble(w -> w.equals("nan") ? Double.NaN : Double.parseDouble(w))
                            .toArray());
                }
            }
        }
        return cases;
    }

    static Stream<Case> classificationCases() throws IOException {
        return cases().stream().filter(c -> c.kind().equals("classification"));
    }

    static Stream<Case> regressionCases() throws IOException {
        return cases().stream().filter(c -> c.kind().equals("regression"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classificationCases")
    void classificationAgreesWithScikitLearn(Case c) {
        int classes = (int) c.get("classes")[0];
        ClassificationMetrics fromScores = ClassificationMetrics.fromScores(c.ints("true"),
                c.get("scores"), classes);
        ClassificationMetrics fromLabels = ClassificationMetrics.of(c.ints("true"),
                c.ints("predicted"), classes);
        for (ClassificationMetrics m : List.of(fromScores, fromLabels)) {
            long[] confusion = Arrays.stream(m.confusionMatrix().toArray()).flatMapToLong(Arrays::stream)
                    .toArray();
            assertArrayEquals(Arrays.stream(c.get("confusion")).mapToLong(d -> (long) d).toArray(),
                    confusion, "confusion matrix");
            assertArrayEquals(c.get("precision"), m.perClass().stream()
                    .mapToDouble(ClassMetrics::precision).toArray(), TOLERANCE, "precision");
            assertArrayEquals(c.get("recall"), m.perClass().stream()
                    .mapToDouble(ClassMetrics::recall).toArray(), TOLERANCE, "recall");
            assertArrayEquals(c.get("f1"), m.perClass().stream()
                    .mapToDouble(ClassMetrics::f1).toArray(), TOLERANCE, "f1");
            assertArrayEquals(c.get("support"), m.perClass().stream()
                    .mapToDouble(ClassMetrics::support).toArray(), 0.0, "support");
            assertAverage(c.get("macro"), m.macroAverage(), "macro");
            assertAverage(c.get("weighted"), m.weightedAverage(), "weighted");
            assertEquals(c.get("accuracy")[0], m.accuracy(), TOLERANCE, "accuracy");
        }
        double[] topK = new double[classes];
        for (int k = 1; k <= classes; k++) {
            topK[k - 1] = fromScores.topKAccuracy(k);
        }
        assertArrayEquals(c.get("topk"), topK, TOLERANCE, "top-k accuracy, k = 1 .. classes");
    }

    private static void assertAverage(double[] expected, AveragedMetrics actual, String which) {
        assertArrayEquals(expected, new double[] {actual.precision(), actual.recall(), actual.f1()},
                TOLERANCE, which + " average (precision, recall, F1)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("regressionCases")
    void regressionAgreesWithScikitLearn(Case c) {
        RegressionMetrics m = RegressionMetrics.of(c.get("true"), c.get("predicted"),
                (int) c.get("outputs")[0]);
        assertEquals(c.get("mae")[0], m.meanAbsoluteError(), TOLERANCE, "MAE");
        assertEquals(c.get("rmse")[0], m.rootMeanSquaredError(), TOLERANCE, "RMSE");
        assertEquals(c.get("r2")[0], m.r2(), TOLERANCE, "R²");
        assertArrayEquals(c.get("mae_per_output"), m.meanAbsoluteErrorPerOutput(), TOLERANCE);
        assertArrayEquals(c.get("rmse_per_output"), m.rootMeanSquaredErrorPerOutput(), TOLERANCE);
        assertArrayEquals(c.get("r2_per_output"), m.r2PerOutput(), TOLERANCE);
    }

    @org.junit.jupiter.api.Test
    void theFileHoldsEveryCase() throws IOException {
        List<String> names = cases().stream().map(Case::toString).toList();
        assertEquals(10, names.size(), names.toString());
        assertTrue(names.contains("classification class-1-never-predicted"), names.toString());
        assertTrue(names.contains("regression one-example"), names.toString());
    }
}
