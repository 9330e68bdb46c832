package org.nn4j.trainer.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipOutputStream;
import org.nn4j.api.Precision;
import org.nn4j.trainer.Rng;
import org.nn4j.trainer.model.EpochSummary;
import org.nn4j.trainer.model.ModelSpec;
import org.nn4j.trainer.model.Sequential;
import org.nn4j.trainer.model.TrainingCheckpoint;
import org.nn4j.trainer.optim.SavedOptimizerState;

/**
 * Saves and loads {@link TrainingCheckpoint}s, in numpy's {@code .npz} layout like
 * {@link ModelFile}, so {@code numpy.load("epoch-0002.nn4j.npz")} reads every array:
 *
 * <ol>
 *   <li>{@value #STATE_ENTRY}: format {@value #FORMAT_NAME} version {@value #FORMAT_VERSION},
 *       the epochs completed, every setting of the run, the generator's state, the optimizer's
 *       name, counters and number of slots, and the best epoch;</li>
 *   <li>{@value ModelFile#DESCRIPTION_ENTRY} and the parameters ({@code dense0.weights.npy},
 *       ...), exactly as a model file holds them (fixed arrays, such as a standardization's
 *       mean and scale, included);</li>
 *   <li>the training state is of the trainable parameters ({@code Sequential.parameters()})
 *       only:</li>
 *   <li>{@code optimizer.slot<s>.<parameter>.npy}: the optimizer's state per parameter (for
 *       Adam slot 0 is {@code m}, slot 1 {@code v});</li>
 *   <li>{@code shuffle_order.npy}: the training examples' order after the last shuffle;</li>
 *   <li>{@code history.npy}: one row per epoch, the columns of {@link #HISTORY_COLUMNS};</li>
 *   <li>{@code best.<parameter>.npy}: with early stopping, the best epoch's parameters;</li>
 *   <li>{@code best.<state>.npy} ({@code best.batch-norm1.running_mean.npy}, ...): with early
 *       stopping, the best epoch's state arrays (batch normalisation's running statistics),
 *       which the state entry's {@code "best"} announces with {@code "state": true}. A file
 *       without them (from an nn4j that did not write them) loads, and resuming it with early
 *       stopping is refused for a model with state arrays.</li>
 * </ol>
 *
 * <p>The model's arrays, the optimizer's and the best epoch's are in the model's precision,
 * little-endian float64 ({@code '<f8'}) or float32 ({@code '<f4'}), as the description's
 * {@code "precision"} says; the shuffle order and the history are always float64 (the shuffle
 * order's integers are exact in it).
 * Saving is atomic, as a model file's: a temporary, forced to disk, moved over the target;
 * and it never replaces an existing file. Loading trusts nothing: the state entry is at most
 * {@value #MAX_STATE_BYTES} bytes of strict JSON, every array must be one the state and the
 * architecture name, once, of the shape they give, read as its bytes arrive; counts are capped
 * (the model's parameters as {@link ModelFile#DEFAULT_MAX_PARAMETERS}, at most
 * {@value #MAX_SLOTS} optimizer slots, {@value #MAX_EXAMPLES} examples,
 * {@value #MAX_EPOCHS} epochs); the archive must end with its zip directory. Any fault is a
 * {@link ModelFormatException} naming the file, entry, field and value.
 */
public final class CheckpointFile {

    /** The format's name, in the state entry's {@code "format"}. */
    public static final String FORMAT_NAME = "nn4j-checkpoint";
    /** The format version this nn4j writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The state entry's name, first in the archive. */
    public static final String STATE_ENTRY = "checkpoint.json";
    /** The largest state entry read. */
    public static final int MAX_STATE_BYTES = 256 * 1024;
    /** The most optimizer slots (matrices per parameter) a checkpoint may declare. */
    public static final int MAX_SLOTS = 8;
    /** The most training examples a checkpoint's shuffle order may have. */
    public static final int MAX_EXAMPLES = 1 << 26;
    /** The most epochs a checkpoint may have completed. */
    public static final int MAX_EPOCHS = 1 << 20;
    /** The columns of {@code history.npy}, one row per epoch, as {@link EpochSummary} has them. */
    public static final List<String> HISTORY_COLUMNS = List.of("epoch", "learning_rate",
            "train_loss", "test_loss", "test_accuracy", "seconds", "evaluation_seconds",
            "cpu_seconds", "validation_loss", "validation_accuracy");

    private static final Set<String> TOP = Set.of("format", "version", "epochs_completed",
            "examples", "settings", "rng", "optimizer", "best");
    private static final Set<String> RNG = Set.of("seed", "position", "gamma", "has_spare",
            "spare_gaussian");
    private static final Set<String> OPTIMIZER = Set.of("name", "counters", "slots");
    private static final Set<String> BEST = Set.of("epoch", "value", "epochs_without_improvement",
            "parameters");
    /** {@link #BEST} with the best epoch's state arrays; written only when there are some. */
    private static final Set<String> BEST_WITH_STATE = Set.of("epoch", "value",
            "epochs_without_improvement", "parameters", "state");

    private CheckpointFile() {
    }

    /**
     * The file name of the checkpoint after an epoch: {@code epoch-0002.nn4j.npz}.
     *
     * @param epochsCompleted the epochs completed, positive
     * @return the name, the epoch with at least four digits
     */
    public static String fileName(int epochsCompleted) {
        return String.format(java.util.Locale.ROOT, "epoch-%04d.nn4j.npz", epochsCompleted);
    }

    /**
     * Saves a checkpoint to a new file.
     *
     * @param checkpoint the checkpoint
     * @param model      the model it is of (its specification, backend and seed describe the
     *                   parameters)
     * @param file       the file to create
     * @throws IOException if it cannot be written, or the file exists already (a checkpoint
     *                     never replaces a file); nothing is left behind on failure
     */
    public static void save(TrainingCheckpoint checkpoint, Sequential model, Path file)
            throws IOException {
        save(checkpoint, model, file, UnaryOperator.identity());
    }

    static void save(TrainingCheckpoint checkpoint, Sequential model, Path file,
                     UnaryOperator<OutputStream> hook) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(file + " exists already; a checkpoint never replaces a file"
                    + " (move it away or choose another directory)");
        }
        ModelSpec spec = model.spec();
        Provenance provenance = Provenance.now(model.backend().name(), model.seed(),
                checkpoint.settings().getOrDefault("data_set", Provenance.UNTRAINED),
                checkpoint.settings());
        Precision precision = model.precision();
        ModelFile.writeAtomically(file, zip -> write(zip, checkpoint, spec, precision,
                provenance), hook);
    }

    private static void write(ZipOutputStream zip, TrainingCheckpoint c, ModelSpec spec,
                              Precision precision, Provenance provenance) throws IOException {
        long time = provenance.created().toEpochMilli();
        ModelFile.putStored(zip, STATE_ENTRY, stateJson(c).getBytes(StandardCharsets.UTF_8), time);
        ModelFile.putStored(zip, ModelFile.DESCRIPTION_ENTRY, ModelJson.write(spec, precision,
                provenance).getBytes(StandardCharsets.UTF_8), time);
        // Every array of the model, as a model file has them (a standardization's fixed mean
        // and scale too); the training state is of the trainable ones only.
        // In the model's precision (its matrices hold these values), so a float32 resume is
        // exact; the shuffle order and the history are float64 whatever the model's precision.
        putArrays(zip, "", spec.parameterShapes(), spec.arrays(c.parameters(), c.state()),
                precision, time);
        List<ModelSpec.ArrayShape> shapes = trainable(spec);
        List<List<double[]>> slots = c.optimizer().slots();
        for (int s = 0; s < slots.size(); s++) {
            putArrays(zip, "optimizer.slot" + s + ".", shapes, slots.get(s), precision, time);
        }
        int[] order = c.shuffleOrder();
        double[] orderValues = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            orderValues[i] = order[i];
        }
        ModelFile.putStored(zip, "shuffle_order.npy",
                Npy.encode(new long[] {order.length}, orderValues), time);
        List<EpochSummary> history = c.history();
        double[] rows = new double[history.size() * HISTORY_COLUMNS.size()];
        for (int e = 0; e < history.size(); e++) {
            System.arraycopy(row(history.get(e)), 0, rows, e * HISTORY_COLUMNS.size(),
                    HISTORY_COLUMNS.size());
        }
        ModelFile.putStored(zip, "history.npy", Npy.encode(new long[] {history.size(),
                HISTORY_COLUMNS.size()}, rows), time);
        if (c.best() != null && !c.best().parameters().isEmpty()) {
            putArrays(zip, "best.", shapes, c.best().parameters(), precision, time);
            if (!c.best().state().isEmpty()) {
                putArrays(zip, "best.", ofKind(spec, ModelSpec.ArrayKind.STATE),
                        c.best().state(), precision, time);
            }
        }
    }

    /** The shapes of the trainable arrays, in {@code Sequential.parameters()} order. */
    private static List<ModelSpec.ArrayShape> trainable(ModelSpec spec) {
        return ofKind(spec, ModelSpec.ArrayKind.TRAINED);
    }

    /** The shapes of one kind of the model's arrays, in the model's order. */
    private static List<ModelSpec.ArrayShape> ofKind(ModelSpec spec, ModelSpec.ArrayKind kind) {
        List<ModelSpec.ArrayShape> all = spec.parameterShapes();
        List<ModelSpec.ArrayKind> kinds = spec.arrayKinds();
        List<ModelSpec.ArrayShape> shapes = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (kinds.get(k) == kind) {
                shapes.add(all.get(k));
            }
        }
        return shapes;
    }

    private static void putArrays(ZipOutputStream zip, String prefix,
                                  List<ModelSpec.ArrayShape> shapes, List<double[]> values,
                                  Precision precision, long time) throws IOException {
        for (int k = 0; k < shapes.size(); k++) {
            ModelFile.putStored(zip, prefix + shapes.get(k).name() + ".npy",
                    Npy.encode(shapes.get(k).dimensions(), values.get(k), precision), time);
        }
    }

    private static double[] row(EpochSummary s) {
        return new double[] {s.epoch(), s.learningRate(), s.trainLoss(), s.testLoss(),
            s.testAccuracy(), s.seconds(), s.evaluationSeconds(), s.cpuSeconds(),
            s.validationLoss(), s.validationAccuracy()};
    }

    private static String stateJson(TrainingCheckpoint c) {
        StringBuilder sb = new StringBuilder("{\n  \"format\": ");
        StrictJson.quote(sb, FORMAT_NAME);
        sb.append(",\n  \"version\": ").append(FORMAT_VERSION);
        sb.append(",\n  \"epochs_completed\": ").append(c.epochsCompleted());
        sb.append(",\n  \"examples\": ").append(c.shuffleOrder().length);
        sb.append(",\n  \"settings\": {");
        String separator = "\n    ";
        for (Map.Entry<String, String> e : c.settings().entrySet()) {
            sb.append(separator);
            StrictJson.quote(sb, e.getKey());
            sb.append(": ");
            StrictJson.quote(sb, e.getValue());
            separator = ",\n    ";
        }
        Rng.State rng = c.rng();
        sb.append("\n  },\n  \"rng\": {\"seed\": ").append(rng.seed())
                .append(", \"position\": ").append(rng.position())
                .append(", \"gamma\": ").append(rng.gamma())
                .append(", \"has_spare\": ").append(rng.hasSpare())
                .append(", \"spare_gaussian\": ").append(rng.spareGaussian()).append('}');
        SavedOptimizerState o = c.optimizer();
        sb.append(",\n  \"optimizer\": {\"name\": ");
        StrictJson.quote(sb, o.optimizer());
        sb.append(", \"counters\": {");
        separator = "";
        for (Map.Entry<String, Long> e : o.counters().entrySet()) {
            sb.append(separator);
            StrictJson.quote(sb, e.getKey());
            sb.append(": ").append(e.getValue());
            separator = ", ";
        }
        sb.append("}, \"slots\": ").append(o.slots().size()).append('}');
        sb.append(",\n  \"best\": ");
        TrainingCheckpoint.Best best = c.best();
        if (best == null) {
            sb.append("null");
        } else {
            sb.append("{\"epoch\": ").append(best.epoch()).append(", \"value\": ")
                    .append(Double.isFinite(best.value()) ? String.valueOf(best.value()) : "null")
                    .append(", \"epochs_without_improvement\": ")
                    .append(best.epochsWithoutImprovement()).append(", \"parameters\": ")
                    .append(!best.parameters().isEmpty());
            if (!best.state().isEmpty()) {
                sb.append(", \"state\": true");
            }
            sb.append('}');
        }
        return sb.append("\n}\n").toString();
    }

    /**
     * Loads a checkpoint.
     *
     * @param file the file
     * @return the checkpoint, and the model it is of (its architecture and parameters)
     * @throws ModelFormatException if the file is corrupt, hostile, or not a checkpoint of this
     *                              format and version
     * @throws IOException          if it cannot be read
     */
    public static Loaded load(Path file) throws IOException {
        try (InputStream in = ModelFile.open(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * A checkpoint as loaded.
     *
     * @param model      its model: architecture, provenance and parameters
     * @param checkpoint the training state
     */
    public record Loaded(SavedModel model, TrainingCheckpoint checkpoint) {
    }

    static Loaded read(InputStream in, String source) throws IOException {
        ModelFile.CountingInputStream counted = new ModelFile.CountingInputStream(in);
        try (ModelFile.TailZipInputStream zip = new ModelFile.TailZipInputStream(
                new BufferedInputStream(counted))) {
            Reading r = new Reading(zip, source);
            Loaded loaded = r.read();
            ModelFile.checkEnd(zip, counted, source, r.entries);
            return loaded;
        } catch (ZipException e) {
            throw new ModelFormatException(source + ": corrupt zip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            throw new ModelFormatException(source + ": truncated zip data", e);
        } catch (IllegalArgumentException e) {
            // The records' own checks: a shuffle order that is not a permutation, and so on.
            throw new ModelFormatException(source + ": " + e.getMessage(), e);
        }
    }

    /** One reading of a file: its entries in order, each checked before the next. */
    private static final class Reading {
        private final ModelFile.TailZipInputStream zip;
        private final String source;
        private int entries;
        /** The model's, once its description is read: of its arrays and the optimizer's. */
        private Precision precision = Precision.F64;

        Reading(ModelFile.TailZipInputStream zip, String source) {
            this.zip = zip;
            this.source = source;
        }

        Loaded read() throws IOException {
            String where = source + ": " + STATE_ENTRY;
            String stateText = text(STATE_ENTRY, MAX_STATE_BYTES,
                    "this is not an nn4j checkpoint (an nn4j model file starts with "
                            + ModelFile.DESCRIPTION_ENTRY + "; resume from an epoch-NNNN.nn4j.npz"
                            + " file of --checkpoint-dir)");
            ModelJson.Reader r = new ModelJson.Reader(where);
            Map<String, Object> top = r.object(StrictJson.parse(stateText, where), "the document");
            Object format = top.get("format");
            if (!FORMAT_NAME.equals(format)) {
                throw r.fail("format", format == null ? "missing" : r.show(format),
                        "this is not an nn4j checkpoint; the format must be \"" + FORMAT_NAME + "\"");
            }
            long version = r.integer(top.get("version"), "version");
            if (version != FORMAT_VERSION) {
                throw new ModelFormatException(where + ": " + FORMAT_NAME + " version " + version
                        + " is not supported; this nn4j reads version " + FORMAT_VERSION);
            }
            r.keys(top, TOP, "the document");
            int epochs = bounded(r, top.get("epochs_completed"), "epochs_completed", MAX_EPOCHS);
            int examples = bounded(r, top.get("examples"), "examples", MAX_EXAMPLES);
            Map<String, String> settings = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : r.object(top.get("settings"), "settings").entrySet()) {
                settings.put(e.getKey(), r.string(e.getValue(), "settings." + e.getKey()));
            }
            Rng.State rng = rng(r, r.object(top.get("rng"), "rng"));
            Map<String, Object> o = r.object(top.get("optimizer"), "optimizer");
            r.keys(o, OPTIMIZER, "optimizer");
            String optimizer = r.string(o.get("name"), "optimizer.name");
            Map<String, Long> counters = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : r.object(o.get("counters"), "optimizer.counters")
                    .entrySet()) {
                counters.put(e.getKey(), r.integer(e.getValue(), "optimizer.counters." + e.getKey()));
            }
            long slots = r.integer(o.get("slots"), "optimizer.slots");
            if (slots < 0 || slots > MAX_SLOTS) {
                throw r.fail("optimizer.slots", String.valueOf(slots), "expected 0 to " + MAX_SLOTS);
            }
            Map<String, Object> best = top.get("best") == null ? null
                    : r.object(top.get("best"), "best");
            if (best != null) {
                r.keys(best, best.containsKey("state") ? BEST_WITH_STATE : BEST, "best");
            }
            boolean bestParameters = best != null && bool(r, best.get("parameters"),
                    "best.parameters");
            boolean bestState = best != null && best.containsKey("state")
                    && bool(r, best.get("state"), "best.state");
            if (bestState && !bestParameters) {
                throw r.fail("best.state", "true", "a best epoch's state arrays are kept with its"
                        + " parameters, and best.parameters is false");
            }

            String descriptionText = text(ModelFile.DESCRIPTION_ENTRY, ModelFile.MAX_DESCRIPTION_BYTES,
                    "a checkpoint's second entry is " + ModelFile.DESCRIPTION_ENTRY);
            ModelJson.Description d = ModelJson.read(descriptionText, source + ": "
                    + ModelFile.DESCRIPTION_ENTRY, ModelFile.MAX_LAYERS);
            ModelSpec spec = d.spec();
            long count = spec.parameterCount();
            if (count > ModelFile.DEFAULT_MAX_PARAMETERS) {
                throw new ModelTooLargeException(source + ": " + ModelFile.DESCRIPTION_ENTRY
                        + ": the architecture " + spec.describe() + " has " + count
                        + " parameters, more than the limit of " + ModelFile.DEFAULT_MAX_PARAMETERS,
                        count, ModelFile.DEFAULT_MAX_PARAMETERS);
            }
            precision = d.precision();
            List<double[]> all = arrays("", spec.parameterShapes());
            SavedModel model = new SavedModel(spec, d.provenance(), all, precision);
            List<ModelSpec.ArrayKind> kinds = spec.arrayKinds();
            List<double[]> parameters = new ArrayList<>();
            List<double[]> state = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                if (kinds.get(k) == ModelSpec.ArrayKind.TRAINED) {
                    parameters.add(all.get(k));
                } else if (kinds.get(k) == ModelSpec.ArrayKind.STATE) {
                    state.add(all.get(k));
                }
            }
            List<ModelSpec.ArrayShape> shapes = trainable(spec);
            List<List<double[]>> slotValues = new ArrayList<>();
            for (int s = 0; s < slots; s++) {
                slotValues.add(arrays("optimizer.slot" + s + ".", shapes));
            }
            int[] order = order(array("shuffle_order.npy", new long[] {examples}), examples);
            List<EpochSummary> history = history(array("history.npy",
                    new long[] {epochs, HISTORY_COLUMNS.size()}), epochs);
            TrainingCheckpoint.Best bestEpoch = null;
            if (best != null) {
                long epoch = r.integer(best.get("epoch"), "best.epoch");
                long without = r.integer(best.get("epochs_without_improvement"),
                        "best.epochs_without_improvement");
                if (epoch < -1 || epoch >= epochs || without < 0 || without > epochs) {
                    throw r.fail("best", "epoch " + epoch + ", " + without + " without"
                            + " improvement", "out of range for " + epochs + " epochs");
                }
                double value = best.get("value") == null ? Double.NaN
                        : r.real(best.get("value"), "best.value");
                List<double[]> bestArrays = bestParameters ? arrays("best.", shapes) : List.of();
                List<ModelSpec.ArrayShape> stateShapes = ofKind(spec, ModelSpec.ArrayKind.STATE);
                if (bestState && stateShapes.isEmpty()) {
                    throw r.fail("best.state", "true", "the architecture "
                            + spec.describe() + " has no state arrays");
                }
                bestEpoch = new TrainingCheckpoint.Best((int) epoch, value, (int) without,
                        bestArrays, bestState ? arrays("best.", stateShapes) : List.of());
            }
            return new Loaded(model, new TrainingCheckpoint(epochs, settings, parameters,
                    new SavedOptimizerState(optimizer, counters, slotValues), rng, order,
                    history, bestEpoch, state));
        }

        private Rng.State rng(ModelJson.Reader r, Map<String, Object> rng)
                throws ModelFormatException {
            r.keys(rng, RNG, "rng");
            long gamma = r.integer(rng.get("gamma"), "rng.gamma");
            if ((gamma & 1) == 0) {
                throw r.fail("rng.gamma", String.valueOf(gamma), "a generator's gamma is odd");
            }
            boolean hasSpare = bool(r, rng.get("has_spare"), "rng.has_spare");
            double spare = r.real(rng.get("spare_gaussian"), "rng.spare_gaussian");
            if (!Double.isFinite(spare) || (!hasSpare && spare != 0.0)) {
                throw r.fail("rng.spare_gaussian", String.valueOf(spare), "finite, and 0 when"
                        + " has_spare is false");
            }
            return new Rng.State(r.integer(rng.get("seed"), "rng.seed"),
                    r.integer(rng.get("position"), "rng.position"), gamma, hasSpare, spare);
        }

        private static boolean bool(ModelJson.Reader r, Object value, String field)
                throws ModelFormatException {
            if (!(value instanceof Boolean b)) {
                throw r.fail(field, r.show(value), "expected true or false");
            }
            return b;
        }

        private static int bounded(ModelJson.Reader r, Object value, String field, int max)
                throws ModelFormatException {
            long v = r.integer(value, field);
            if (v < 1 || v > max) {
                throw r.fail(field, String.valueOf(v), "expected 1 to " + max);
            }
            return (int) v;
        }

        private int[] order(double[] values, int examples) throws ModelFormatException {
            int[] order = new int[examples];
            for (int i = 0; i < examples; i++) {
                double v = values[i];
                if (!(v >= 0 && v < examples) || v != Math.rint(v)) {
                    throw new ModelFormatException(source + ": shuffle_order.npy: element " + i
                            + " is " + v + ", not an example index from 0 to " + (examples - 1));
                }
                order[i] = (int) v;
            }
            return order;
        }

        private List<EpochSummary> history(double[] v, int epochs) throws ModelFormatException {
            int n = HISTORY_COLUMNS.size();
            List<EpochSummary> history = new ArrayList<>();
            for (int e = 0; e < epochs; e++) {
                int o = e * n;
                if (v[o] != e) {
                    throw new ModelFormatException(source + ": history.npy: row " + e
                            + " is of epoch " + v[o] + ", not " + e);
                }
                history.add(new EpochSummary(e, v[o + 1], v[o + 2], v[o + 3], v[o + 4], v[o + 5],
                        v[o + 6], v[o + 7], v[o + 8], v[o + 9]));
            }
            return history;
        }

        private List<double[]> arrays(String prefix, List<ModelSpec.ArrayShape> shapes)
                throws IOException {
            List<double[]> values = new ArrayList<>();
            for (ModelSpec.ArrayShape shape : shapes) {
                values.add(array(prefix + shape.name() + ".npy", shape.dimensions(), precision));
            }
            return values;
        }

        /** Reads the next entry, which must be this array, of this shape. */
        private double[] array(String name, long[] shape) throws IOException {
            return array(name, shape, Precision.F64);
        }

        /** Reads the next entry, which must be this array, of this shape and dtype. */
        private double[] array(String name, long[] shape, Precision dtype) throws IOException {
            next(name, "");
            return Npy.read(zip, source + ": " + name, shape, dtype);
        }

        /** Reads the next entry, which must be this text entry, within a size. */
        private String text(String name, int max, String otherwise) throws IOException {
            ZipEntry entry = next(name, "; " + otherwise);
            String where = source + ": " + name;
            byte[] bytes = zip.readNBytes(max + 1);
            if (entry.getSize() > max || bytes.length > max) {
                throw new ModelFormatException(where + ": longer than the limit of " + max
                        + " bytes");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new ModelFormatException(where + ": not valid UTF-8", e);
            }
        }

        private ZipEntry next(String expected, String hint) throws IOException {
            ZipEntry entry = ModelFile.nextEntry(zip, source);
            if (entry == null) {
                throw new ModelFormatException(source + ": truncated: the file ends before "
                        + expected + (entries == 0 ? hint : ""));
            }
            if (!entry.getName().equals(expected)) {
                throw new ModelFormatException(source + ": entry " + (entries + 1) + " is '"
                        + ModelFile.shorten(entry.getName()) + "' where the checkpoint format has "
                        + expected + (entries == 0 ? hint : ""));
            }
            entries++;
            return entry;
        }
    }
}
