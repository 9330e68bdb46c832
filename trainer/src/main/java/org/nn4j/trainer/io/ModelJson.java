package org.nn4j.trainer.io;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nn4j.api.Activation;

/**
 * The model file's description entry, {@value ModelFile#DESCRIPTION_ENTRY}: format and
 * version, architecture, the arrays' names and shapes, and the provenance. Written with a
 * fixed key order; read strictly: every key required, no unknown key, every value of its type
 * and range, and the format's name and version checked before anything else.
 */
final class ModelJson {

    private static final Set<String> TOP = Set.of("format", "version", "architecture", "arrays",
            "provenance");
    private static final Set<String> ARCHITECTURE = Set.of("input", "layers", "loss");
    private static final Set<String> PROVENANCE = Set.of("backend", "seed", "data_set",
            "hyperparameters", "nn4j_version", "created");

    private ModelJson() {
    }

    /** The two halves of a description. */
    record Description(ModelArchitecture architecture, Provenance provenance) {
    }

    static String write(ModelArchitecture architecture, Provenance provenance) {
        StringBuilder sb = new StringBuilder("{\n  \"format\": ");
        StrictJson.quote(sb, ModelFile.FORMAT_NAME);
        sb.append(",\n  \"version\": ").append(ModelFile.FORMAT_VERSION);
        sb.append(",\n  \"architecture\": {\n    \"input\": ").append(architecture.inputSize());
        sb.append(",\n    \"layers\": [");
        List<LayerSpec> layers = architecture.layers();
        for (int k = 0; k < layers.size(); k++) {
            sb.append(k == 0 ? "\n      " : ",\n      ");
            if (layers.get(k) instanceof LayerSpec.Dense dense) {
                sb.append("{\"type\": \"dense\", \"units\": ").append(dense.units()).append('}');
            } else {
                Activation f = ((LayerSpec.Elementwise) layers.get(k)).function();
                sb.append("{\"type\": \"activation\", \"function\": ");
                StrictJson.quote(sb, functionName(f.kind()));
                if (f.kind() == Activation.Kind.LEAKY_RELU) {
                    sb.append(", \"negative_slope\": ").append(f.negativeSlope());
                }
                sb.append('}');
            }
        }
        sb.append("\n    ],\n    \"loss\": ");
        StrictJson.quote(sb, architecture.loss());
        sb.append("\n  },\n  \"arrays\": {");
        List<ModelArchitecture.ArrayShape> shapes = architecture.parameterShapes();
        for (int k = 0; k < shapes.size(); k++) {
            sb.append(k == 0 ? "\n    " : ",\n    ");
            StrictJson.quote(sb, shapes.get(k).name() + ".npy");
            sb.append(": ").append(java.util.Arrays.toString(shapes.get(k).dimensions()));
        }
        sb.append("\n  },\n  \"provenance\": {\n    \"backend\": ");
        StrictJson.quote(sb, provenance.backend());
        sb.append(",\n    \"seed\": ").append(provenance.seed());
        sb.append(",\n    \"data_set\": ");
        StrictJson.quote(sb, provenance.dataSet());
        sb.append(",\n    \"hyperparameters\": {");
        boolean first = true;
        for (Map.Entry<String, String> e : provenance.hyperparameters().entrySet()) {
            sb.append(first ? "\n      " : ",\n      ");
            StrictJson.quote(sb, e.getKey());
            sb.append(": ");
            StrictJson.quote(sb, e.getValue());
            first = false;
        }
        sb.append(first ? "}" : "\n    }");
        sb.append(",\n    \"nn4j_version\": ");
        StrictJson.quote(sb, provenance.nn4jVersion());
        sb.append(",\n    \"created\": ");
        StrictJson.quote(sb, provenance.created().toString());
        return sb.append("\n  }\n}\n").toString();
    }

    static Description read(String text, String where, int maxLayers) throws ModelFormatException {
        Reader r = new Reader(where);
        Map<String, Object> top = r.object(StrictJson.parse(text, where), "the document");
        Object format = top.get("format");
        if (!ModelFile.FORMAT_NAME.equals(format)) {
            throw r.fail("format", format == null ? "missing" : r.show(format),
                    "this is not an nn4j model; the format must be \"" + ModelFile.FORMAT_NAME + "\"");
        }
        long version = r.integer(top.get("version"), "version");
        if (version != ModelFile.FORMAT_VERSION) {
            throw new ModelFormatException(where + ": " + ModelFile.FORMAT_NAME + " version "
                    + version + " is not supported; this nn4j reads version "
                    + ModelFile.FORMAT_VERSION);
        }
        r.keys(top, TOP, "the document");

        Map<String, Object> arch = r.object(top.get("architecture"), "architecture");
        r.keys(arch, ARCHITECTURE, "architecture");
        int input = r.positiveInt(arch.get("input"), "architecture.input");
        List<Object> layerList = r.list(arch.get("layers"), "architecture.layers");
        if (layerList.isEmpty() || layerList.size() > maxLayers) {
            throw r.fail("architecture.layers", layerList.size() + " layers",
                    "a model has 1 to " + maxLayers + " layers");
        }
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < layerList.size(); k++) {
            layers.add(layer(r, layerList.get(k), "architecture.layers[" + k + "]"));
        }
        String loss = r.string(arch.get("loss"), "architecture.loss");
        if (!loss.equals(ModelArchitecture.MEAN_SQUARED_ERROR)
                && !loss.equals(ModelArchitecture.SOFTMAX_CROSS_ENTROPY)) {
            throw r.fail("architecture.loss", r.show(loss), "the loss must be \""
                    + ModelArchitecture.MEAN_SQUARED_ERROR + "\" or \""
                    + ModelArchitecture.SOFTMAX_CROSS_ENTROPY + "\"");
        }
        ModelArchitecture architecture = new ModelArchitecture(input, layers, loss);

        Map<String, Object> arrays = r.object(top.get("arrays"), "arrays");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (ModelArchitecture.ArrayShape shape : architecture.parameterShapes()) {
            List<Object> dims = new ArrayList<>();
            for (long d : shape.dimensions()) {
                dims.add(new StrictJson.Number(Long.toString(d)));
            }
            expected.put(shape.name() + ".npy", dims);
        }
        if (!arrays.equals(expected)) {
            throw r.fail("arrays", "not the architecture's", "the architecture "
                    + architecture.describe() + " has the arrays "
                    + architecture.parameterShapes());
        }

        Map<String, Object> prov = r.object(top.get("provenance"), "provenance");
        r.keys(prov, PROVENANCE, "provenance");
        Map<String, Object> hyper = r.object(prov.get("hyperparameters"), "provenance.hyperparameters");
        Map<String, String> hyperparameters = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : hyper.entrySet()) {
            hyperparameters.put(e.getKey(), r.string(e.getValue(),
                    "provenance.hyperparameters." + e.getKey()));
        }
        String created = r.string(prov.get("created"), "provenance.created");
        Instant instant;
        try {
            instant = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw r.fail("provenance.created", r.show(created),
                    "expected an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
        Provenance provenance = new Provenance(r.string(prov.get("backend"), "provenance.backend"),
                r.integer(prov.get("seed"), "provenance.seed"),
                r.string(prov.get("data_set"), "provenance.data_set"), hyperparameters,
                r.string(prov.get("nn4j_version"), "provenance.nn4j_version"), instant);
        return new Description(architecture, provenance);
    }

    private static LayerSpec layer(Reader r, Object value, String field) throws ModelFormatException {
        Map<String, Object> layer = r.object(value, field);
        String type = r.string(layer.get("type"), field + ".type");
        if (type.equals("dense")) {
            r.keys(layer, Set.of("type", "units"), field);
            return LayerSpec.dense(r.positiveInt(layer.get("units"), field + ".units"));
        }
        if (!type.equals("activation")) {
            throw r.fail(field + ".type", r.show(type), "a layer is \"dense\" or \"activation\"");
        }
        String function = r.string(layer.get("function"), field + ".function");
        switch (function) {
            case "identity":
            case "relu":
            case "sigmoid":
            case "tanh":
                r.keys(layer, Set.of("type", "function"), field);
                break;
            case "leaky-relu":
                r.keys(layer, Set.of("type", "function", "negative_slope"), field);
                double slope = r.real(layer.get("negative_slope"), field + ".negative_slope");
                if (!(slope >= 0.0 && slope < 1.0)) {
                    throw r.fail(field + ".negative_slope", r.show(layer.get("negative_slope")),
                            "expected a number in [0, 1)");
                }
                return LayerSpec.activation(Activation.leakyRelu(slope));
            default:
                throw r.fail(field + ".function", r.show(function),
                        "expected identity, relu, leaky-relu, sigmoid or tanh");
        }
        switch (function) {
            case "identity":
                return LayerSpec.activation(Activation.identity());
            case "relu":
                return LayerSpec.activation(Activation.relu());
            case "sigmoid":
                return LayerSpec.activation(Activation.sigmoid());
            default:
                return LayerSpec.activation(Activation.tanh());
        }
    }

    static String functionName(Activation.Kind kind) {
        switch (kind) {
            case IDENTITY:
                return "identity";
            case RELU:
                return "relu";
            case LEAKY_RELU:
                return "leaky-relu";
            case SIGMOID:
                return "sigmoid";
            case TANH:
                return "tanh";
            default:
                throw new AssertionError(kind);
        }
    }

    /** Typed access to parsed values, each failure naming the field and the value found. */
    private static final class Reader {
        private final String where;

        Reader(String where) {
            this.where = where;
        }

        ModelFormatException fail(String field, String found, String expected) {
            return new ModelFormatException(where + ": " + field + " is " + found + ": " + expected);
        }

        String show(Object value) {
            if (value == null) {
                return "missing or null";
            }
            if (value instanceof String s) {
                String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
                StringBuilder sb = new StringBuilder();
                StrictJson.quote(sb, shown);
                return sb.toString();
            }
            if (value instanceof StrictJson.Number n) {
                return n.text().length() > 40 ? n.text().substring(0, 40) + "..." : n.text();
            }
            if (value instanceof Map) {
                return "an object";
            }
            if (value instanceof List) {
                return "an array";
            }
            return value.toString();
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object(Object value, String field) throws ModelFormatException {
            if (!(value instanceof Map)) {
                throw fail(field, show(value), "expected an object");
            }
            return (Map<String, Object>) value;
        }

        @SuppressWarnings("unchecked")
        List<Object> list(Object value, String field) throws ModelFormatException {
            if (!(value instanceof List)) {
                throw fail(field, show(value), "expected an array");
            }
            return (List<Object>) value;
        }

        String string(Object value, String field) throws ModelFormatException {
            if (!(value instanceof String s)) {
                throw fail(field, show(value), "expected a string");
            }
            return s;
        }

        long integer(Object value, String field) throws ModelFormatException {
            if (value instanceof StrictJson.Number n && n.text().matches("-?[0-9]{1,19}")) {
                try {
                    return Long.parseLong(n.text());
                } catch (NumberFormatException e) {
                    // out of range: reported below
                }
            }
            throw fail(field, show(value), "expected an integer in the range of a Java long");
        }

        int positiveInt(Object value, String field) throws ModelFormatException {
            if (value instanceof StrictJson.Number n && n.text().matches("[0-9]{1,10}")) {
                long v = Long.parseLong(n.text());
                if (v > 0 && v <= Integer.MAX_VALUE) {
                    return (int) v;
                }
            }
            throw fail(field, show(value), "expected an integer from 1 to " + Integer.MAX_VALUE);
        }

        double real(Object value, String field) throws ModelFormatException {
            if (!(value instanceof StrictJson.Number n)) {
                throw fail(field, show(value), "expected a number");
            }
            return Double.parseDouble(n.text());
        }

        void keys(Map<String, Object> map, Set<String> allowed, String field)
                throws ModelFormatException {
            for (String key : allowed) {
                if (!map.containsKey(key)) {
                    throw fail(field, "without \"" + key + "\"", "it needs the keys "
                            + new java.util.TreeSet<>(allowed));
                }
            }
            for (String key : map.keySet()) {
                if (!allowed.contains(key)) {
                    StringBuilder sb = new StringBuilder();
                    StrictJson.quote(sb, key.length() > 60 ? key.substring(0, 60) + "..." : key);
                    throw fail(field, "with the unknown key " + sb, "it has exactly the keys "
                            + new java.util.TreeSet<>(allowed));
                }
            }
        }
    }
}
