package org.nn4j.trainer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A model file's description, written here by hand (input 2, one dense layer of 3, softmax
 * cross-entropy: arrays 2x3 and 3, 9 parameters): it reads as written, and each key that is
 * not the format's, each key missing, arrays that are not the architecture's, too many layers
 * and an image of more values than an int counts are refused naming the field.
 */
class ModelDescriptionTest {

    private static final String ARCHITECTURE = "{\"input\": 2, \"layers\": [{\"type\": \"dense\","
            + " \"units\": 3}], \"loss\": \"softmax-cross-entropy\"}";
    private static final String ARRAYS = "{\"dense0.weights.npy\": [2, 3], \"dense0.bias.npy\": [3]}";
    private static final String PROVENANCE = "{\"backend\": \"ejml\", \"seed\": 1, \"data_set\":"
            + " \"d\", \"hyperparameters\": {}, \"nn4j_version\": \"v\", \"created\":"
            + " \"2026-12-02T06:49:18Z\"}";

    private static String description(String architecture, String arrays, String extra) {
        return "{\"format\": \"nn4j-model\", \"version\": 1, \"architecture\": " + architecture
                + ", \"arrays\": " + arrays + ", \"provenance\": " + PROVENANCE + extra + "}";
    }

    private static String failure(String text, int maxLayers) {
        return assertThrows(ModelFormatException.class,
                () -> ModelJson.read(text, "m.json", maxLayers)).getMessage();
    }

    @Test
    void theDescriptionAsWrittenByHandReads() throws ModelFormatException {
        ModelJson.Description d = ModelJson.read(description(ARCHITECTURE, ARRAYS, ""), "m.json",
                1);
        assertEquals(9, d.spec().parameterCount());
        assertEquals("ejml", d.provenance().backend());
    }

    @Test
    void keysThatAreNotTheFormatsAreRefused() {
        assertEquals("m.json: the document is with the unknown key \"extra\": it has exactly the"
                + " keys [architecture, arrays, format, provenance, version]",
                failure(description(ARCHITECTURE, ARRAYS, ", \"extra\": 1"), 1000));
        assertEquals("m.json: architecture is with the unknown key \"bias\": it has exactly the"
                + " keys [input, layers, loss]", failure(description(ARCHITECTURE.replace("}],",
                "}], \"bias\": true,"), ARRAYS, ""), 1000));
        assertEquals("m.json: architecture is without \"loss\": it needs the keys [input, layers,"
                + " loss]", failure(description(ARCHITECTURE.replace(
                ", \"loss\": \"softmax-cross-entropy\"", ""), ARRAYS, ""), 1000));
    }

    @Test
    void arraysThatAreNotTheArchitecturesAreRefused() {
        String m = failure(description(ARCHITECTURE, ARRAYS.replace("[2, 3]", "[3, 2]"), ""),
                1000);
        assertTrue(m.startsWith("m.json: arrays is not the architecture's: the architecture 2 ->"
                + " dense 3 -> softmax-cross-entropy has the arrays [dense0.weights"), m);
    }

    /** maxLayers is the most layers allowed: one layer reads at a limit of 1, two do not. */
    @Test
    void theLayerLimitIsTheMostAllowed() {
        String two = ARCHITECTURE.replace("}],", "}, {\"type\": \"dense\", \"units\": 3}],");
        assertEquals("m.json: architecture.layers is 2 layers: a model has 1 to 1 layers",
                failure(description(two, ARRAYS, ""), 1));
    }

    /** 1 · 2^30 · 2 = 2^31 values, one more than an int counts. */
    @Test
    void anImageOfMoreValuesThanAnIntCountsIsRefused() {
        assertEquals("m.json: architecture.input is [1, 1073741824, 2]: an image has at most"
                + " 2147483647 values", failure(description(ARCHITECTURE.replace("\"input\": 2",
                "\"input\": [1, 1073741824, 2]"), ARRAYS, ""), 1000));
    }

    /** A width is 1 to 2^31 - 1. */
    @Test
    void aWidthIsAPositiveInt() throws ModelFormatException {
        assertEquals("m.json: architecture.input is 0: expected an integer from 1 to 2147483647",
                failure(description(ARCHITECTURE.replace("\"input\": 2", "\"input\": 0"), ARRAYS,
                        ""), 1000));
        assertEquals("m.json: architecture.input is 2147483648: expected an integer from 1 to"
                + " 2147483647", failure(description(ARCHITECTURE.replace("\"input\": 2",
                "\"input\": 2147483648"), ARRAYS, ""), 1000));
        ModelJson.Description widest = ModelJson.read(description(ARCHITECTURE.replace(
                "\"input\": 2", "\"input\": 2147483647"), ARRAYS.replace("[2, 3]",
                "[2147483647, 3]"), ""), "m.json", 1000);
        assertEquals(2147483647L * 3 + 3, widest.spec().parameterCount());
    }
}
