package org.nn4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nn4j.cli.Nn4jCommandTest.Run;

/**
 * {@code nn4j train --csv} then {@code nn4j predict} on real tables (trainer's test resources,
 * org/nn4j/trainer/data/tables, see the README there): every fifth row is held out in a file of
 * its own, the model is trained on the others, and {@code predict} measures it on the held-out
 * file. The floors sit below what was measured (docs/cli.md) and far above chance.
 */
class TableCommandsTest {

    @TempDir
    Path dir;

    /** Writes the table's rows 1, 6, 11, ... (after the header) to test, the others to train. */
    private Path[] split(String table) throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/org/nn4j/trainer/data/tables/"
                + table + ".csv")) {
            assertNotNull(in, table);
            lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        List<String> train = new ArrayList<>(List.of(lines.get(0)));
        List<String> test = new ArrayList<>(List.of(lines.get(0)));
        for (int i = 1; i < lines.size(); i++) {
            (i % 5 == 0 ? test : train).add(lines.get(i));
        }
        Path[] files = {dir.resolve(table + "-train.csv"), dir.resolve(table + "-test.csv")};
        Files.write(files[0], train);
        Files.write(files[1], test);
        return files;
    }

    private JsonNode trainAndPredict(String table, String label, String... options)
            throws Exception {
        Path[] files = split(table);
        Path model = dir.resolve(table + ".npz");
        List<String> args = new ArrayList<>(List.of("train", "--csv", files[0].toString(),
                "--label", label, "--save", model.toString(), "--json"));
        args.addAll(List.of(options));
        Run trained = Nn4jCommandTest.run(args.toArray(String[]::new));
        assertEquals(Nn4jCommand.OK, trained.status(), trained.err());
        JsonNode t = trained.json();
        assertEquals(List.of("csv", "label", "task", "features", "classes", "backend",
                "backend_basis", "backend_reason", "precision", "seed",
                "epochs", "epochs_completed", "batch_size", "learning_rate", "hidden", "dropout", "model",
                "parameters", "rows", "train_examples", "test_examples", "completed", "message",
                "train_loss", "test_accuracy", "test_mae", "test_rmse", "test_r2", "model_file",
                "seconds"), EvaluateCommandTest.keys(t));
        assertEquals(t.get("backend_basis").asText().equals("large-work") ? "nd4j" : "ejml",
                t.get("backend").asText(), t.get("backend_reason").asText());
        Path output = dir.resolve(table + "-predictions.csv");
        Run predicted = Nn4jCommandTest.run("predict", "--model", model.toString(), "--csv",
                files[1].toString(), "--output", output.toString(), "--json");
        assertEquals(Nn4jCommand.OK, predicted.status(), predicted.err());
        JsonNode p = predicted.json();
        assertEquals(List.of("model_file", "csv", "output", "backend", "precision", "task", "label", "classes",
                "rows", "labelled", "accuracy", "mae", "rmse", "r2"), EvaluateCommandTest.keys(p));
        return p;
    }

    @Test
    void irisIsLearned() throws Exception {
        JsonNode p = trainAndPredict("iris", "species");
        assertEquals(30, p.get("rows").asInt());
        assertEquals("[\"setosa\",\"versicolor\",\"virginica\"]", p.get("classes").toString());
        // Measured: 27 of 30 (0.9000).
        assertTrue(p.get("accuracy").asDouble() >= 0.85, p.toString());
        List<String> rows = Files.readAllLines(dir.resolve("iris-predictions.csv"));
        assertEquals("line,species,predicted,probability_setosa,probability_versicolor,"
                + "probability_virginica", rows.get(0));
        assertEquals(31, rows.size());
        String[] first = rows.get(1).split(",");
        assertEquals("2", first[0]);
        double sum = 0;
        for (int k = 3; k < 6; k++) {
            sum += Double.parseDouble(first[k]);
        }
        assertEquals(1.0, sum, 1e-12);
    }

    @Test
    void wineIsLearned() throws Exception {
        // Measured: 34 of 35 (0.9714).
        assertTrue(trainAndPredict("wine", "cultivar").get("accuracy").asDouble() >= 0.9);
    }

    @Test
    void diabetesIsARegression() throws Exception {
        JsonNode p = trainAndPredict("diabetes", "progression", "--task", "regression",
                "--hidden=");
        assertTrue(p.get("accuracy").isNull());
        // Measured: R² 0.4226, MAE 47.5 (scikit-learn's least squares on the same split: 0.4475).
        assertTrue(p.get("r2").asDouble() >= 0.3, p.toString());
        assertTrue(p.get("mae").asDouble() <= 55, p.toString());
    }

    @Test
    void predictsOnStandardOutputPassingOtherColumnsThrough() throws Exception {
        Path[] files = split("iris");
        Path model = dir.resolve("m.npz");
        assertEquals(0, Nn4jCommandTest.run("train", "--csv", files[0].toString(), "--label",
                "species", "--epochs", "5", "--save", model.toString()).status());
        // Columns reordered, the label gone, an id added: features are matched by name.
        Path unlabelled = dir.resolve("new.csv");
        Files.writeString(unlabelled, "petal width (cm),id,petal length (cm),sepal width (cm),"
                + "sepal length (cm)\n0.2,first,1.4,3.5,5.1\n1.8,\"last, really\",5.1,3.0,5.9\n");
        Run r = Nn4jCommandTest.run("predict", "--model", model.toString(), "--csv",
                unlabelled.toString());
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\r\n");
        assertEquals("line,id,predicted,probability_setosa,probability_versicolor,"
                + "probability_virginica", lines[0]);
        assertTrue(lines[1].startsWith("2,first,setosa,"), lines[1]);
        assertTrue(lines[2].startsWith("3,\"last, really\","), lines[2]);
        assertTrue(r.err().startsWith("Predicted 2 rows of "), r.err());
    }
}
