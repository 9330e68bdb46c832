package org.nn4j.trainer.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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

    /**
     * The names of the classes, label 0 first, as Zalando's Fashion-MNIST README gives them:
     * T-shirt/top, Trouser, Pullover, Dress, Coat, Sandal, Shirt, Sneaker, Bag, Ankle boot.
     * (MNIST's classes are the digits 0 to 9.)
     */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Pixels per image. */
    public static final int PIXELS = 28 * 28;

    /**
     * Heap bytes an example takes once loaded: its 784 features and its one-hot target of 10,
     * as double.
     */
    public static final long BYTES_PER_EXAMPLE = 8L * (PIXELS + CLASSES);

    /** Heap bytes an example's pixels and label take while read, before they are converted. */
    public static final long BYTES_PER_EXAMPLE_READ = PIXELS + 1;


    /**
     * Loads both sets from a directory.
     *
     * @param directory the directory holding the four files
     * @return the data
     * @throws IOException with a message saying which file is missing and how to install it,
     *                     which cannot be read (permission denied), or which is corrupt and how
     */
    public static FashionMnist load(Path directory) throws IOException {
        return load(directory, Integer.MAX_VALUE);
    }

    /**
     * Loads the first {@code trainLimit} training examples and the whole test set: only those
     * training images are read and stored, so memory is bounded by the limit, not by what the
     * file declares.
     *
     * @param directory  the directory holding the four files
     * @param trainLimit the most training examples read, positive
     * @return the data
     * @throws IOException as {@link #load(Path)}
     */
    public static FashionMnist load(Path directory, int trainLimit) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return new FashionMnist(load(directory, "train", trainLimit),
                load(directory, "t10k", Integer.MAX_VALUE));
    }

    /**
     * Loads the test set only (10,000 examples), as evaluating a saved model needs.
     *
     * @param directory the directory holding the {@code t10k} files
     * @return the test set
     * @throws IOException as {@link #load(Path)}
     */
    public static DataSet loadTest(Path directory) throws IOException {
        return loadTest(directory, Integer.MAX_VALUE);
    }

    /**
     * Loads the first {@code limit} examples of the test set; only those are read.
     *
     * @param directory the directory holding the {@code t10k} files
     * @param limit     the most examples read, positive
     * @return the test set, or its first {@code limit} examples
     * @throws IOException as {@link #load(Path)}
     */
    public static DataSet loadTest(Path directory, int limit) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return load(directory, "t10k", limit);
    }

    /**
     * Returns the most heap that loading {@code train} training and {@code test} test
     * examples holds at once: the training set is read (its bytes) and converted (its doubles),
     * then the test set is read and converted while the training set's doubles stay.
     *
     * @param train training examples loaded
     * @param test  test examples loaded
     * @return bytes
     */
    public static long loadingBytes(long train, long test) {
        return Math.max(train * (BYTES_PER_EXAMPLE + BYTES_PER_EXAMPLE_READ),
                (train + test) * BYTES_PER_EXAMPLE + test * BYTES_PER_EXAMPLE_READ);
    }

    /**
     * Returns how many examples a set's image file declares, reading its header only: what
     * loading it would store ({@link #loadingBytes}), known before it is stored.
     *
     * @param directory the directory
     * @param training  the training set ({@code train-}), else the test set ({@code t10k-})
     * @return the declared number of images
     * @throws IOException as {@link #load(Path)}
     */
    public static int declaredExamples(Path directory, boolean training) throws IOException {
        Path imagesFile = find(directory, (training ? "train" : "t10k") + "-images-idx3-ubyte");
        return Idx.dimensions(imagesFile)[0];
    }

    private static DataSet load(Path directory, String prefix, int limit) throws IOException {
        Path imagesFile = find(directory, prefix + "-images-idx3-ubyte");
        Path labelsFile = find(directory, prefix + "-labels-idx1-ubyte");
        int[] imageDims = Idx.dimensions(imagesFile);
        int[] labelDims = Idx.dimensions(labelsFile);
        if (imageDims.length != 3 || imageDims[1] != 28 || imageDims[2] != 28) {
            throw new IdxFormatException(imagesFile + ": expected images of 28x28, got dimensions "
                    + java.util.Arrays.toString(imageDims));
        }
        if (labelDims.length != 1) {
            throw new IdxFormatException(labelsFile + ": expected one dimension, got "
                    + java.util.Arrays.toString(labelDims));
        }
        if (labelDims[0] != imageDims[0]) {
            throw new IdxFormatException(labelsFile + " holds " + labelDims[0]
                    + " labels but " + imagesFile + " holds " + imageDims[0] + " images");
        }
        IdxArray images = Idx.read(imagesFile, limit);
        IdxArray labels = Idx.read(labelsFile, limit);
        int n = images.dimension(0);
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
                if (!Files.isReadable(p)) {
                    throw new AccessDeniedException(p.toString(), null,
                            "cannot read it: permission denied");
                }
                return p;
            }
            if (Files.exists(p)) {
                throw new IdxFormatException(p + ": not a regular file (a directory, device or"
                        + " FIFO); an IDX file is read from a regular file only");
            }
            tried.add(p);
        }
        if (Files.isDirectory(directory) && !(Files.isReadable(directory)
                && Files.isExecutable(directory))) {
            throw new AccessDeniedException(directory.toString(), null,
                    "cannot read this directory: permission denied");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new java.nio.file.NotDirectoryException(directory + " is not a directory;"
                    + " give the directory holding the four Fashion-MNIST IDX files");
        }
        throw new java.nio.file.NoSuchFileException(tried.get(0).toString(), null,
                "Fashion-MNIST file " + name + "[.gz] not found in " + directory
                        + "; install Debian's package with 'apt-get install dataset-fashion-mnist'"
                        + " (files in " + DEFAULT_DIRECTORY + "), or point to a directory holding"
                        + " the four IDX files");
    }
}
