package org.nn4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nn4j.api.Backend;
import org.nn4j.api.BackendException;
import org.nn4j.api.BackendStatus;
import org.nn4j.api.Backends;
import org.nn4j.api.Precision;
import org.nn4j.trainer.io.SavedModel;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --precision f32|f64} of the commands that build a model (default f64), and the one
 * place that puts a backend in a precision or says, naming the option, the backend and the
 * backends that would do, why it cannot.
 */
final class PrecisionOption {

    /** The option's help, shared by the commands that build a model. */
    static final String HELP = "Compute and store the model in f32 (float32) or f64 (float64)"
            + " (default: f64). 'nn4j backends' lists each backend's precisions.";

    @Option(names = "--precision", paramLabel = "f32|f64", defaultValue = "f64",
            converter = Converter.class, description = HELP)
    Precision precision;

    /**
     * Returns the backend in the chosen precision.
     *
     * @param backend the backend, in any precision
     * @return it in {@link #precision}
     * @throws BackendException naming the option, the backend and the backends that do
     */
    Backend on(Backend backend) {
        return on(backend, precision, "--precision " + shortName(precision));
    }

    /**
     * Returns a backend in a precision, or refuses naming what asked for it.
     *
     * @param backend   the backend
     * @param precision the precision wanted
     * @param asker     what asked, such as {@code --precision f32} or a model file
     * @return the backend in that precision
     * @throws BackendException (exit status 3) naming the asker, the backend, its precisions
     *                          and the available backends that compute in {@code precision}
     */
    static Backend on(Backend backend, Precision precision, String asker) {
        return on(backend, precision, asker, "");
    }

    private static Backend on(Backend backend, Precision precision, String asker, String hint) {
        if (backend.precisions().contains(precision)) {
            return backend.inPrecision(precision);
        }
        List<String> able = supporting(precision);
        throw new BackendException(asker + ": backend '" + backend.name() + "' does not compute"
                + " in " + precision + "; it supports " + Precision.labels(backend.precisions())
                + (able.isEmpty() ? "; no available backend computes in " + precision
                : "; " + String.join(", ", able) + (able.size() == 1 ? " does" : " do")
                + " (--backend " + able.get(0) + ")") + hint);
    }

    /**
     * {@code --precision f32|f64} of the commands that run a model file (predict, evaluate):
     * no default, the file's own precision unless given.
     */
    static final class OfModelFile {

        @Option(names = "--precision", paramLabel = "f32|f64", converter = Converter.class,
                description = "Run the model in f32 (float32) or f64 (float64) (default: the"
                        + " precision the model file records); f64 widens a float32 model's"
                        + " weights exactly.")
        Precision chosen;
    }

    /** A loaded model in the precision it runs in, and the backend in that precision. */
    record Placed(SavedModel model, Backend backend) {
    }

    /**
     * Puts a loaded model on a backend: in the {@code --precision} given, else in the file's
     * own precision. A float32 model given {@code --precision f64} is widened exactly.
     *
     * @param saved   the model as loaded
     * @param file    its file, for the message
     * @param backend the backend, in any precision
     * @param chosen  the {@code --precision} given, or {@code null} for the file's
     * @return the model and the backend, both in that precision
     * @throws BackendException (exit status 3) naming the file or the option, the backend,
     *                          the backends that would do, and for a float32 file the way out
     */
    static Placed place(SavedModel saved, Path file, Backend backend, Precision chosen) {
        Precision p = chosen != null ? chosen : saved.precision();
        String asker = chosen != null ? "--precision " + shortName(chosen)
                : file + " (a " + p + " model)";
        String hint = chosen == null && p == Precision.F32
                ? "; or --precision f64 runs it in float64, its weights widened exactly" : "";
        Backend b = on(backend, p, asker, hint);
        return new Placed(saved.inPrecision(p), b);
    }

    /** The available backends that compute in a precision, by name. */
    static List<String> supporting(Precision precision) {
        List<String> names = new ArrayList<>();
        for (BackendStatus s : Backends.registry().statuses(true)) {
            if (s.available() && precisions(s.name()).contains(precision)) {
                names.add(s.name());
            }
        }
        return names;
    }

    /** An available backend's precisions; empty when it cannot be provided. */
    static java.util.Set<Precision> precisions(String backend) {
        try {
            return Backends.get(backend).precisions();
        } catch (BackendException e) {
            return java.util.Set.of();
        }
    }

    /**
     * What follows a backend's name in a report: {@code " in float32"} for float32, nothing for
     * float64 (so float64 reports read as they always did).
     */
    static String suffix(Precision precision) {
        return precision == Precision.F64 ? "" : " in " + precision;
    }

    /** {@code f32} or {@code f64}: how the option spells a precision. */
    static String shortName(Precision precision) {
        return precision == Precision.F32 ? "f32" : "f64";
    }

    /** Parses {@code --precision}; picocli's message names the option and the value. */
    static final class Converter implements ITypeConverter<Precision> {
        @Override
        public Precision convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                return Precision.parse(v);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is not a precision; use f32"
                        + " (float32) or f64 (float64)");
            }
        }
    }
}
