package org.nn4j.trainer.io;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.math.BigDecimal;
import org.nn4j.api.Precision;
import org.nn4j.trainer.model.LayerSettings;
import org.nn4j.trainer.model.LayerSpec;
import org.nn4j.trainer.model.ModelSpec;

/**
 * The model file's description entry, {@value ModelFile#DESCRIPTION_ENTRY}: format and
 * version, architecture, the arrays' names and shapes, the precision and the provenance.
 * Written with a fixed key order; read strictly: every key required (but {@code "precision"},
 * which a float64 model's file leaves out, as every file before float32 did), no unknown key,
 * every value of its type and range, and the format's name and version checked before
 * anything else.
 */
final class ModelJson {

    private static final Set<String> TOP = Set.of("format", "version", "architecture", "arrays",
            "provenance");
    /** The key of the arrays' precision; absent means float64. */
    static final String PRECISION = "precision";
    private static final Set<String> ARCHITECTURE = Set.of("input", "layers", "loss");
    private static final Set<String> PROVENANCE = Set.of("backend", "seed", "data_set",
            "hyperparameters", "nn4j_version", "created");

    private ModelJson() {
    }

    /** What a description says: the architecture, the arrays' precision and the provenance. */
    record Description(ModelSpec spec, Provenance provenance, Precision precision) {
    }

    static String write(ModelSpec architecture, Precision precision, Provenance provenance) {
        StringBuilder sb = new StringBuilder("{\n  \"format\": ");
        StrictJson.quote(sb, ModelFile.FORMAT_NAME);
        sb.append(",\n  \"version\": ").append(ModelFile.FORMAT_VERSION);
        if (precision != Precision.F64) {
            // Only a float32 file says so: a float64 file stays as every nn4j before wrote it.
            sb.append(",\n  \"").append(PRECISION).append("\": ");
            StrictJson.quote(sb, precision.label());
        }
        writeArchitecture(sb, architecture);
        writeProvenance(sb, provenance);
        return sb.append("\n  }\n}\n").toString();
    }

    private static void writeArchitecture(StringBuilder sb, ModelSpec architecture) {
        org.nn4j.api.ImageShape input = architecture.input();
        sb.append(",\n  \"architecture\": {\n    \"input\": ");
        // A vector input is its width, as every file before images said; an image is
        // [height, width, channels].
        sb.append(input.isFlat() ? String.valueOf(input.size()) : "[" + input.height() + ", "
                + input.width() + ", " + input.channels() + "]");
        sb.append(",\n    \"layers\": [");
        List<LayerSpec> layers = architecture.layers();
        for (int k = 0; k < layers.size(); k++) {
            sb.append(k == 0 ? "\n      " : ",\n      ");
            sb.append("{\"type\": ");
            StrictJson.quote(sb, layers.get(k).type());
            for (Map.Entry<String, Object> e : layers.get(k).settings().entrySet()) {
                sb.append(", ");
                StrictJson.quote(sb, e.getKey());
                sb.append(": ");
                if (e.getValue() instanceof Number n) {
                    sb.append(n);
                } else {
                    StrictJson.quote(sb, String.valueOf(e.getValue()));
                }
            }
            sb.append('}');
        }
        sb.append("\n    ],\n    \"loss\": ");
        StrictJson.quote(sb, architecture.loss());
        sb.append("\n  },\n  \"arrays\": {");
        List<ModelSpec.ArrayShape> shapes = architecture.parameterShapes();
        for (int k = 0; k < shapes.size(); k++) {
            sb.append(k == 0 ? "\n    " : ",\n    ");
            StrictJson.quote(sb, shapes.get(k).name() + ".npy");
            sb.append(": ").append(java.util.Arrays.toString(shapes.get(k).dimensions()));
        }
    }

    private static void writeProvenance(StringBuilder sb, Provenance provenance) {
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
        Precision precision = Precision.F64;
        if (top.containsKey(PRECISION)) {
            Object value = top.remove(PRECISION);
            if (!Precision.F32.label().equals(value) && !Precision.F64.label().equals(value)) {
                throw r.fail(PRECISION, r.show(value), "expected \"float32\" or \"float64\"");
            }
            precision = Precision.parse((String) value);
        }
        r.keys(top, TOP, "the document");
        ModelSpec architecture = architecture(r, top.get("architecture"), maxLayers);
        checkArrays(r, top.get("arrays"), architecture);
        return new Description(architecture, provenance(r, top.get("provenance")), precision);
    }

    private static ModelSpec architecture(Reader r, Object value, int maxLayers)
            throws ModelFormatException {
        Map<String, Object> arch = r.object(value, "architecture");
        r.keys(arch, ARCHITECTURE, "architecture");
        org.nn4j.api.ImageShape input = inputShape(r, arch.get("input"));
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
        if (!loss.equals(ModelSpec.MEAN_SQUARED_ERROR)
                && !loss.equals(ModelSpec.SOFTMAX_CROSS_ENTROPY)) {
            throw r.fail("architecture.loss", r.show(loss), "the loss must be \""
                    + ModelSpec.MEAN_SQUARED_ERROR + "\" or \""
                    + ModelSpec.SOFTMAX_CROSS_ENTROPY + "\"");
        }
        try {
            return new ModelSpec(input, layers, loss);
        } catch (IllegalArgumentException e) {
            // A layer of fixed width (a standardization) after an input of another width.
            throw new ModelFormatException(r.where + ": architecture: " + e.getMessage(), e);
        }
    }

    /** A width (a vector, 1x1xd) or {@code [height, width, channels]}. */
    private static org.nn4j.api.ImageShape inputShape(Reader r, Object value)
            throws ModelFormatException {
        String field = "architecture.input";
        if (!(value instanceof List)) {
            return org.nn4j.api.ImageShape.flat(r.positiveInt(value, field));
        }
        List<Object> dims = r.list(value, field);
        if (dims.size() != 3) {
            throw r.fail(field, "an array of " + dims.size() + " values",
                    "expected a width or [height, width, channels]");
        }
        int h = r.positiveInt(dims.get(0), field + "[0] (height)");
        int w = r.positiveInt(dims.get(1), field + "[1] (width)");
        int c = r.positiveInt(dims.get(2), field + "[2] (channels)");
        if ((long) h * w * c > Integer.MAX_VALUE) {
            throw r.fail(field, "[" + h + ", " + w + ", " + c + "]", "an image has at most "
                    + Integer.MAX_VALUE + " values");
        }
        return new org.nn4j.api.ImageShape(h, w, c);
    }

    private static void checkArrays(Reader r, Object value, ModelSpec architecture)
            throws ModelFormatException {
        Map<String, Object> arrays = r.object(value, "arrays");
        Map<String, Object> expected = new LinkedHashMap<>();
        for (ModelSpec.ArrayShape shape : architecture.parameterShapes()) {
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
    }

    private static Provenance provenance(Reader r, Object value) throws ModelFormatException {
        Map<String, Object> prov = r.object(value, "provenance");
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
        return new Provenance(r.string(prov.get("backend"), "provenance.backend"),
                r.integer(prov.get("seed"), "provenance.seed"),
                r.string(prov.get("data_set"), "provenance.data_set"), hyperparameters,
                r.string(prov.get("nn4j_version"), "provenance.nn4j_version"), instant);
    }

    private static LayerSpec layer(Reader r, Object value, String field) throws ModelFormatException {
        Map<String, Object> layer = r.object(value, field);
        String type = r.string(layer.get("type"), field + ".type");
        Map<String, Object> settings = new LinkedHashMap<>();
        try {
            layer.forEach((k, v) -> {
                if (!k.equals("type")) {
                    settings.put(k, v instanceof StrictJson.Number n ? new BigDecimal(n.text()) : v);
                }
            });
            return LayerSpec.read(type, new LayerSettings(settings));
        } catch (LayerSettings.InvalidSettingException e) {
            throw r.fail(field + "." + e.setting(), e.found(), e.expected());
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(r.where + ": " + field + ": " + e.getMessage(), e);
        }
    }

    /** Typed access to parsed values, each failure naming the field and the value found. */
    static final class Reader {
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
