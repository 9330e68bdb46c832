package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation's Java is the examples' code: every {@code ```java} block of the checked
 * Markdown files must appear, line for line (each line's indentation and trailing spaces
 * ignored, blank lines ignored), in one source file of this module, which the build compiles
 * and whose test runs it. A block edited in the docs alone, or code changed without its block,
 * fails here.
 */
class DocSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");

    /** The Markdown files whose Java blocks are checked, relative to the repository root. */
    static final List<String> CHECKED = List.of("README.md");

    @Test
    void everyJavaBlockOfTheDocsIsExampleCode() throws IOException {
        Path root = Path.of("..");
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(normalise(Files.readString(f)));
            }
        }
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        for (String doc : CHECKED) {
            for (String block : javaBlocks(Files.readString(root.resolve(doc)))) {
                blocks++;
                String wanted = normalise(block);
                if (sources.stream().noneMatch(s -> s.contains(wanted))) {
                    missing.add(doc + ":\n" + block);
                }
            }
        }
        assertFalse(blocks == 0, "no Java block found in " + CHECKED);
        assertEquals(List.of(), missing, "Java blocks of the docs that are no example's code");
    }

    @Test
    void aChangedBlockIsNoticed() {
        String source = normalise("class A {\n    int f() {\n        return 1;   // one\n    }\n}\n");
        assertFalse(source.contains(normalise("return 2;   // one\n")));
        assertFalse(javaBlocks("text\n```java\nreturn 1;\n```\n").isEmpty());
    }

    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static String normalise(String code) {
        return code.lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n", "\n", "\n"));
    }
}
