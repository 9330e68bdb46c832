package org.nn4j.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nn4j.trainer.DataSet;

/**
 * Fashion-MNIST (or MNIST, which has the same layout): 60,000 training and 10,000 test
 * images of 28×28 grey levels in ten classes.
 *
 * <p>Features are the pixels scaled to {@code [0, 1]}, 784 per example; targets are one-hot,
 * 10 per example. The files are {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each raw or with
 * {@code .gz}. Debian's package {@code dataset-fashion-mnist} installs them in
 * {@link #DEFAULT_DIRECTORY}.
 *
 * @param train the training set
 * @param test  the test set
 */
public record FashionMnist(DataSet train, DataSet test) {

    /** Where Debian's {@code dataset-fashion-mnist} puts the files. */
    public static final Path DEFAULT_DIRECTORY = Path.of("/usr/share/datasets/fashion-mnist");

    /** Classes. */
    public static final int CLASSES = 10;

    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;

    /**
     * Loads both sets from a directory.
     *
     * @param directory the directory holding the four files
     * @return the data
     * @throws IOException with a message saying which file is missing and how to install it,
     *                     or which file is corrupt and how
     */
    public static FashionMnist load(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return new FashionMnist(load(directory, "train"), load(directory, "t10k"));
    }

    /**
     * Loads the test set only (10,000 examples), as evaluating a saved model needs.
     *
     * @param directory the directory holding the {@code t10k} files
     * @return the test set
     * @throws IOException as {@link #load(Path)}
     */
    public static DataSet loadTest(Path directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return load(directory, "t10k");
    }

    private static DataSet load(Path directory, String prefix) throws IOException {
        Path imagesFile = find(directory, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(directory, prefix + "-labels-idx1-ubyte");
        IdxArray images = Idx.read(imagesFile);
        IdxArray labels = Idx.read(labelsFile);
        if (images.rank() != 3 || images.dimension(1) != 28 || images.dimension(2) != 28) {
            throw new IdxFormatException(imagesFile + ": expected images of 28x28, got dimensions "
                    + java.util.Arrays.toString(images.dimensions()));
        }
        if (labels.rank() != 1) {
            throw new IdxFormatException(labelsFile + ": expected one dimension, got "
                    + java.util.Arrays.toString(labels.dimensions()));
        }
        int n = images.dimension(0);
        if (labels.dimension(0) != n) {
            throw new IdxFormatException(labelsFile + " holds " + labels.dimension(0)
                    + " labels but " + imagesFile + " holds " + n + " images");
        }
        double[] x = new double[n * PIXELS];
        for (int i = 0; i < x.length; i++) {
            x[i] = images.unsigned(i) / 255.0;
        }
        double[] y = new double[n * CLASSES];
        for (int i = 0; i < n; i++) {
            int label = labels.unsigned(i);
            if (label >= CLASSES) {
                throw new IdxFormatException(labelsFile + ": label " + label + " of example " + i
                        + " is out of range 0.." + (CLASSES - 1));
            }
            y[i * CLASSES + label] = 1.0;
        }
        return new DataSet(n, PIXELS, CLASSES, x, y).named("fashion-mnist");
    }

    private static Path find(Path directory, String name) throws IOException {
        List<Path> tried = new ArrayList<>();
        for (String candidate : new String[] {name + ".gz", name}) {
            Path p = directory.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
            tried.add(p);
        }
        throw new java.nio.file.NoSuchFileException(tried.get(0).toString(), null,
                "Fashion-MNIST file " + name + "[.gz] not found in " + directory
                        + "; install Debian's package with 'apt-get install dataset-fashion-mnist'"
                        + " (files in " + DEFAULT_DIRECTORY + "), or point to a directory holding"
                        + " the four IDX files");
    }
}
