package org.nn4j.trainer.spark.ml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.nn4j.trainer.io.ModelFile;
import org.nn4j.trainer.io.SavedModel;
import scala.Option;

/**
 * Saves and loads the fitted models: a directory with Spark ML's {@code metadata/} (the
 * stage's class, uid and column parameters, as every Spark ML stage writes them) and
 * {@value #MODEL_FILE}, an nn4j model file ({@link ModelFile}: the architecture, the
 * parameters and the training's provenance) that {@code nn4j evaluate --model} and
 * {@code ModelFile.load} read as they read any other.
 */
final class NetworkModelIo {

    /** The nn4j model file inside a saved model's directory. */
    static final String MODEL_FILE = "data/model.npz";

    private NetworkModelIo() {
    }

    /** Writes a model's metadata and its nn4j file. */
    static final class Writer extends MLWriter {
        private final Params instance;
        private final SavedModel saved;

        Writer(Params instance, SavedModel saved) {
            this.instance = instance;
            this.saved = saved;
        }

        @Override
        public void saveImpl(String path) {
            if (saved == null) {
                throw new IllegalStateException(instance.uid() + ": this copy of the model was"
                        + " deserialised without its parameters; save the driver's model");
            }
            DefaultParamsWriter.saveMetadata(instance, path, sc(), Option.empty(), Option.empty());
            try {
                java.nio.file.Path dir = Files.createTempDirectory("nn4j-spark-ml");
                java.nio.file.Path local = dir.resolve("model.npz");
                try {
                    ModelFile.save(saved, local);
                    Path target = new Path(path, MODEL_FILE);
                    FileSystem fs = target.getFileSystem(sc().hadoopConfiguration());
                    fs.copyFromLocalFile(false, true, new Path(local.toUri()), target);
                } finally {
                    Files.deleteIfExists(local);
                    Files.deleteIfExists(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save " + instance.uid() + " to " + path
                        + ": " + e.getMessage(), e);
            }
        }
    }

    /** Reads a model's metadata and its nn4j file, and sets the saved parameters on it. */
    static final class Reader<M extends Params> extends MLReader<M> {
        private final Class<M> type;
        private final BiFunction<String, SavedModel, M> make;

        Reader(Class<M> type, BiFunction<String, SavedModel, M> make) {
            this.type = type;
            this.make = make;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata metadata = DefaultParamsReader.loadMetadata(path, sc(),
                    type.getName());
            Path file = new Path(path, MODEL_FILE);
            SavedModel saved;
            try {
                FileSystem fs = file.getFileSystem(sc().hadoopConfiguration());
                try (InputStream in = fs.open(file)) {
                    saved = ModelFile.read(in, file.toString(), ModelFile.DEFAULT_MAX_PARAMETERS);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load " + type.getSimpleName() + " from "
                        + path + ": " + e.getMessage(), e);
            }
            M model = make.apply(metadata.uid(), saved);
            metadata.getAndSetParams(model, Option.empty());
            return model;
        }
    }
}
