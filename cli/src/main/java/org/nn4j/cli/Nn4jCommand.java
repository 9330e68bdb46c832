package org.nn4j.cli;

import java.io.PrintWriter;
import org.nn4j.api.BackendException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nn4j} command. Exit statuses, a public interface (see docs/cli.md):
 * {@value #OK} success; {@value #NOT_CONVERGED} training ran but did not converge to the
 * truth, or a backend failed the conformance kit ({@value #NOT_CONFORMING}, the same
 * value); {@value #USAGE} bad command line, unreadable data, or an output target that cannot
 * be written (all found before any work); {@value #NO_BACKEND} the requested backend could
 * not be provided; {@value #UNREADABLE_MODEL} a model file could not be read or written
 * (missing, corrupt, hostile, of another format version); {@value #OUTPUT_FAILED} a result
 * could not be written (standard output failed, or the {@code --plot} file); {@value
 * #OUT_OF_MEMORY} not enough memory (the estimate made before the work, or the JVM ran out);
 * {@value #INTERNAL_ERROR} an unexpected error in nn4j (a bug). Status 4 is the launcher's.
 * No status comes with a Java stack trace unless {@code --verbose} is given.
 */
@Command(name = "nn4j", mixinStandardHelpOptions = true, versionProvider = Nn4jCommand.Version.class,
        description = "Neural networks for Java on a pluggable linear-algebra backend.",
        subcommands = {LinearRegressionCommand.class, FashionMnistCommand.class, EvaluateCommand.class,
                TrainCommand.class, PredictCommand.class,
                BackendsCommand.class, TckCommand.class, CommandLine.HelpCommand.class})
public final class Nn4jCommand implements Runnable {

    /** Success. */
    public static final int OK = 0;
    /** Training ran but did not converge, or its result is not close to the truth. */
    public static final int NOT_CONVERGED = 1;
    /** {@code nn4j tck}: a backend failed a test of the conformance kit. */
    public static final int NOT_CONFORMING = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** No backend could be provided. */
    public static final int NO_BACKEND = 3;
    /** A model file could not be read (missing, corrupt, hostile, unknown version) or written. */
    public static final int UNREADABLE_MODEL = 5;
    /** A result could not be written: standard output failed (full disk, closed), or --plot. */
    public static final int OUTPUT_FAILED = 6;
    /** Not enough memory: refused by the estimate before the work, or the JVM ran out. */
    public static final int OUT_OF_MEMORY = 7;
    /** An unexpected error in nn4j itself: a bug, reported in one sentence. */
    public static final int INTERNAL_ERROR = 8;

    private static volatile boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * {@code -v}/{@code --verbose}, accepted before or after the subcommand: show the
     * libraries' logs (INFO; DEBUG when given twice) on stderr instead of warnings only.
     *
     * @param verbose one element per occurrence
     */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "Show the libraries' log on stderr: INFO, or DEBUG when given twice"
                    + " (default: warnings only).")
    void setVerbose(boolean[] verbose) {
        Nn4jCommand.verbose = verbose.length > 0;
        Logging.verbosity(verbose.length);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command with given output streams, for tests and embedding.
     *
     * @param args the arguments
     * @param out  standard output
     * @param err  standard error
     * @return the exit status
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Nn4jCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> e instanceof BackendException ? NO_BACKEND : USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) ->
                failure(e, commandLine.getErr()));
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            status = failure(e, err);
        }
        out.flush();
        if (out.checkError()) {
            err.println("nn4j: cannot write the results to standard output (it is closed, or"
                    + " its disk is full); exit status " + OUTPUT_FAILED);
            status = status == OK || status == NOT_CONVERGED ? OUTPUT_FAILED : status;
        }
        err.flush();
        return status;
    }

    /** The exit status and one sentence on stderr for what a command threw. */
    static int failure(Throwable e, PrintWriter err) {
        if (e instanceof OutOfMemoryError) {
            err.println("nn4j: out of memory (" + Terminal.safe(e.getMessage()) + "): the Java heap"
                    + " of " + Memory.mebibytes(Runtime.getRuntime().maxMemory()) + " is too small"
                    + " for this run; use smaller sizes (--limit, --hidden, --batch-size) or a"
                    + " larger heap (NN4J_JAVA_OPTS=-Xmx4g ./nn4j ...)");
            return OUT_OF_MEMORY;
        }
        if (e instanceof Memory.NotEnoughMemoryException) {
            err.println("nn4j: " + Terminal.safe(e.getMessage()));
            return OUT_OF_MEMORY;
        }
        if (e instanceof BackendException) {
            err.println("nn4j: " + Terminal.safe(e.getMessage()));
            return NO_BACKEND;
        }
        if (e instanceof Outputs.TargetException t) {
            err.println("nn4j: " + Terminal.safe(e.getMessage()));
            return t.status();
        }
        if (e instanceof IllegalArgumentException) {
            err.println("nn4j: " + Terminal.safe(e.getMessage()));
            return USAGE;
        }
        err.println("nn4j: internal error, please report it: " + Terminal.safe(e.toString())
                + (verbose ? "" : " (--verbose shows where)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    /** Reports the version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Nn4jCommand.class.getPackage().getImplementationVersion();
            return new String[] {"nn4j " + (v == null ? "(development build)" : v)};
        }
    }
}
