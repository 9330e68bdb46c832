package org.nn4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The documentation's Java is the examples' code: every {@code ```java} block of README.md and
 * docs/*.md must appear, line for line (each line's indentation and trailing spaces ignored,
 * blank lines ignored), in one source file that the build compiles and whose test runs it:
 * this module's sources, or trainer-spark's test sources for the Spark page (Spark needs
 * that module's set-up: {@code SparkDocExampleTest}, the Spark ML pipeline's test). A block edited in the docs alone, or code changed
 * without its block, fails here.
 */
class DocSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("(?ms)^```java\\n(.*?)^```");
    private static final Path ROOT = Path.of("..");
    /** Where the Spark page's blocks live and run. */
    private static final Path SPARK_EXAMPLES = Path.of("../trainer-spark/src/test/java");

    /** @return README.md and every page of docs/, relative to the repository root */
    static List<Path> checked() {
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyJavaBlockOfTheDocsIsExampleCode() throws IOException {
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(normalise(Files.readString(f)));
            }
        }
        try (Stream<Path> files = Files.walk(SPARK_EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                sources.add(normalise(Files.readString(f)));
            }
        }
        List<String> missing = new ArrayList<>();
        int blocks = 0;
        for (Path doc : checked()) {
            for (String block : javaBlocks(Files.readString(doc))) {
                blocks++;
                String wanted = normalise(block);
                if (sources.stream().noneMatch(s -> s.contains(wanted))) {
                    missing.add(doc + ":\n" + block);
                }
            }
        }
        // README's example, the embedding guide's five, model files', Spark's, the backend guide's six.
        assertTrue(blocks >= 15, blocks + " Java blocks found in " + checked());
        assertEquals(List.of(), missing, "Java blocks of the docs that are no example's code");
    }

    @Test
    void aChangedLineIsNoticedAndIndentationIsNot() {
        String source = normalise("class A {\n    int f() {\n        return 1;   // one\n    }\n}\n");
        assertFalse(source.contains(normalise("return 2;   // one\n")));
        assertTrue(source.contains(normalise("int f() {\n  return 1;   // one\n")));
        assertEquals(List.of("return 1;\n"), javaBlocks("text\n```java\nreturn 1;\n```\n```\nx\n```\n"));
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
