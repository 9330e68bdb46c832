package org.nn4j.peers.dl4j;

/** A bad command line: one sentence on stderr naming the problem and the options, exit 2. */
final class Usage {
    private Usage() {
    }

    static <T> T fail(String program, String problem, String options) {
        System.err.println(program + ": " + problem + " (options: " + options + ")");
        System.exit(2);
        return null;
    }
}
