package org.nn4j.architecture;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * Finds versions stated in module poms. Every dependency, plugin and build extension version
 * is managed once, in the parent pom or the BOM it inherits from; a module pom that states one
 * creates a second place to update and, sooner or later, two versions of one thing.
 */
public final class PomVersions {

    private static final List<String> VERSIONED_ELEMENTS = List.of("dependency", "plugin", "extension");

    private PomVersions() {
    }

    /**
     * @param reactor the reactor whose module poms to read (the parent pom itself is skipped,
     *     and so is the module pom it inherits from, nn4j's BOM: that is where versions belong)
     * @return one line per version found, naming the pom, the element and the version
     */
    public static List<String> statedInModules(Reactor reactor) {
        List<String> found = new ArrayList<>();
        Path inheritedFrom = inheritedPom(reactor);
        for (Path module : reactor.modules()) {
            Path pom = module.resolve("pom.xml");
            if (pom.equals(inheritedFrom)) {
                continue;
            }
            Element project = Reactor.parse(pom).getDocumentElement();
            for (String kind : VERSIONED_ELEMENTS) {
                for (Element element : Reactor.elements(project, kind)) {
                    String version = Reactor.childText(element, "version");
                    if (version != null) {
                        String group = Reactor.childText(element, "groupId");
                        found.add(String.format("%s: %s %s:%s states <version>%s</version>;"
                                        + " manage it in the parent pom instead",
                                reactor.root().relativize(pom), kind,
                                group == null ? "(default group)" : group,
                                Reactor.childText(element, "artifactId"), version));
                    }
                }
            }
        }
        return found;
    }

    /** The pom the reactor's root pom names as its parent by relative path, or null. */
    private static Path inheritedPom(Reactor reactor) {
        Element root = Reactor.parse(reactor.root().resolve("pom.xml")).getDocumentElement();
        for (Element parent : Reactor.children(root, "parent")) {
            String relativePath = Reactor.childText(parent, "relativePath");
            if (relativePath != null && !relativePath.isEmpty()) {
                Path path = reactor.root().resolve(relativePath).normalize();
                return path.toString().endsWith(".xml") ? path : path.resolve("pom.xml");
            }
        }
        return null;
    }
}
