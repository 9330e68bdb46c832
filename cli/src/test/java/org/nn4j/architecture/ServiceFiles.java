package org.nn4j.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code META-INF/services} files of a service interface that a class loader sees, read
 * the way {@link java.util.ServiceLoader} reads them (one class name a line, {@code #}
 * comments, blank lines ignored).
 */
public final class ServiceFiles {

    private final ClassLoader loader;
    private final Predicate<URL> accepted;
    private final String description;

    private ServiceFiles(ClassLoader loader, Predicate<URL> accepted, String description) {
        this.loader = loader;
        this.accepted = accepted;
        this.description = description;
    }

    /**
     * The service files of production code: those outside test output directories (the same
     * test locations that {@link ImportOption.DoNotIncludeTests} leaves out of the import).
     *
     * @param loader the class loader to search
     * @return the production service files it sees
     */
    public static ServiceFiles productionFilesOf(ClassLoader loader) {
        ImportOption notTests = new ImportOption.DoNotIncludeTests();
        return new ServiceFiles(loader, url -> notTests.includes(Location.of(url)),
                "production service files");
    }

    /**
     * Every service file, test output included: for the fixtures, which live in test output.
     *
     * @param loader the class loader to search
     * @return all service files it sees
     */
    public static ServiceFiles allFilesOf(ClassLoader loader) {
        return new ServiceFiles(loader, url -> true, "service files");
    }

    /** One line of a service file: a class name and the file that lists it. */
    public record Entry(String className, URL file) {

        @Override
        public String toString() {
            return className + " (listed in " + file + ")";
        }
    }

    /**
     * @param serviceInterface the service interface's binary name
     * @return the service file resource name
     */
    public static String resourceName(String serviceInterface) {
        return "META-INF/services/" + serviceInterface;
    }

    /**
     * @param serviceInterface the service interface's binary name
     * @return the files found, in class-path order
     */
    public List<URL> files(String serviceInterface) {
        try {
            List<URL> files = new ArrayList<>();
            for (URL url : Collections.list(loader.getResources(resourceName(serviceInterface)))) {
                if (accepted.test(url)) {
                    files.add(url);
                }
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + resourceName(serviceInterface), e);
        }
    }

    /**
     * @param serviceInterface the service interface's binary name
     * @return every entry of every file found
     */
    public List<Entry> entries(String serviceInterface) {
        List<Entry> entries = new ArrayList<>();
        for (URL file : files(serviceInterface)) {
            for (String name : read(file)) {
                entries.add(new Entry(name, file));
            }
        }
        return entries;
    }

    private static List<String> read(URL file) {
        List<String> names = new ArrayList<>();
        try {
            URLConnection connection = file.openConnection();
            connection.setUseCaches(false); // a cached jar would keep the file open
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    int comment = line.indexOf('#');
                    String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return names;
    }

    @Override
    public String toString() {
        return description;
    }
}
