package org.nn4j.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The Maven reactor as files: the parent pom, its modules (nested ones included), and the
 * Java sources of each. Lets the tests compare what the build should contain with what
 * ArchUnit imported, and read every module pom.
 */
public final class Reactor {

    private final Path root;

    private Reactor(Path root) {
        this.root = root;
    }

    /**
     * @param root a directory holding the parent pom.xml
     * @return the reactor rooted there
     */
    public static Reactor at(Path root) {
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalArgumentException("no pom.xml in " + root.toAbsolutePath());
        }
        return new Reactor(root);
    }

    /**
     * Finds the nn4j reactor from the working directory (surefire runs in the module's
     * directory): the nearest directory upwards whose pom.xml is {@code nn4j-parent}.
     *
     * @return the nn4j reactor
     */
    public static Reactor ofThisBuild() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && "nn4j-parent".equals(
                    childText(parse(pom).getDocumentElement(), "artifactId"))) {
                return new Reactor(dir);
            }
        }
        throw new IllegalStateException("no nn4j-parent pom.xml in " + start + " or above");
    }

    /** @return the reactor's root directory */
    public Path root() {
        return root;
    }

    /** @return the directories of every module, nested modules included, in pom order */
    public List<Path> modules() {
        List<Path> modules = new ArrayList<>();
        collectModules(root, modules);
        return modules;
    }

    /**
     * Counts the top-level types declared in each package of the modules' main sources: one
     * per {@code .java} file, {@code package-info} and {@code module-info} aside.
     *
     * @return package name to number of top-level types, over every module
     */
    public Map<String, Integer> mainTypesPerPackage() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Path module : modules()) {
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> !f.getFileName().toString().equals("package-info.java"))
                        .filter(f -> !f.getFileName().toString().equals("module-info.java"))
                        .forEach(f -> counts.merge(
                                sources.relativize(f.getParent()).toString()
                                        .replace(f.getFileSystem().getSeparator(), "."),
                                1, Integer::sum));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sources, e);
            }
        }
        return counts;
    }

    private static void collectModules(Path dir, List<Path> into) {
        Document pom = parse(dir.resolve("pom.xml"));
        for (Element modules : elements(pom.getDocumentElement(), "modules")) {
            for (Element module : children(modules, "module")) {
                Path moduleDir = dir.resolve(module.getTextContent().strip()).normalize();
                into.add(moduleDir);
                collectModules(moduleDir, into);
            }
        }
    }

    /**
     * @param pom a pom file
     * @return the parsed document
     */
    static Document parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(pom.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    /** Every element of the given name below {@code parent}, at any depth. */
    static List<Element> elements(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        var nodes = parent.getElementsByTagName(name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The direct child elements of the given name. */
    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    /** The text of the first direct child of that name, or null. */
    static String childText(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0).getTextContent().strip();
    }
}
