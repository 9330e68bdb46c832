package org.nn4j.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Versions are managed once, in the parent pom: no module pom states one. */
class PomVersionsTest {

    @Test
    void noModulePomStatesAVersion() {
        Reactor reactor = Reactor.ofThisBuild();

        assertTrue(reactor.modules().size() >= 4, "modules found: " + reactor.modules());
        assertEquals(List.of(), PomVersions.statedInModules(reactor));
    }

    @Test
    void versionsStatedInAModulePomAreReported() throws URISyntaxException {
        Path root = Path.of(getClass().getResource("/pom-fixtures/pom.xml").toURI()).getParent();

        List<String> found = PomVersions.statedInModules(Reactor.at(root));

        assertEquals(List.of(
                "versioned/pom.xml: dependency org.example:pinned states <version>1.0</version>;"
                        + " manage it in the parent pom instead",
                "versioned/pom.xml: dependency org.example:managed-here states <version>2.0</version>;"
                        + " manage it in the parent pom instead",
                "versioned/pom.xml: plugin (default group):maven-jar-plugin states <version>3.4.2</version>;"
                        + " manage it in the parent pom instead",
                "versioned/nested/pom.xml: plugin org.example:nested-plugin states <version>0.1</version>;"
                        + " manage it in the parent pom instead"),
                found);
    }
}
