package org.nn4j.architecture;

/**
 * Where the modules of a code base live, below one root package. The architecture rules are
 * written against a layout, so the same rule object checks the production code ({@link
 * #PRODUCTION}, root {@code org.nn4j}) and the small violating fixtures below {@code
 * org.nn4j.architecture.fixtures.<case>}, which copy the same package structure.
 *
 * @param root the root package, for example {@code org.nn4j}
 */
public record Layout(String root) {

    /** The layout of nn4j itself. */
    public static final Layout PRODUCTION = new Layout("org.nn4j");

    /** @return the api package ({@code org.nn4j.api}, with its {@code spi} sub-package) */
    public String api() {
        return root + ".api";
    }

    /** @return the api's service-provider package, part of the api module */
    public String apiSpi() {
        return api() + ".spi";
    }

    /** @return the trainer package */
    public String trainer() {
        return root + ".trainer";
    }

    /** @return the conformance kit's package */
    public String tck() {
        return root + ".tck";
    }

    /** @return the parent of every backend package, one sub-package per backend */
    public String backends() {
        return root + ".backend";
    }

    /** @return the command line's package: an application, allowed to name backends and print */
    public String cli() {
        return root + ".cli";
    }

    /** @return the benchmarks' package: an application, allowed to name backends and print */
    public String benchmarks() {
        return root + ".benchmarks";
    }

    /** @return the examples' package: programs to copy, not on cli's class path, allowed to print */
    public String examples() {
        return root + ".examples";
    }

    /**
     * @param pkg a package name
     * @return the ArchUnit pattern for that package and all its sub-packages
     */
    public static String tree(String pkg) {
        return pkg + "..";
    }
}
