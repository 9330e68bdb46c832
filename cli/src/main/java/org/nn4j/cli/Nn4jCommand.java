package org.nn4j.cli;

import java.io.PrintWriter;
import org.nn4j.api.BackendException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code nn4j} command. Exit statuses, a public interface (see README):
 * {@value #OK} success; {@value #NOT_CONVERGED} training ran but did not converge to the
 * truth, or a backend failed the conformance kit ({@value #NOT_CONFORMING}, the same
 * value); {@value #USAGE} bad command line; {@value #NO_BACKEND} the requested backend could
 * not be provided; {@value #UNREADABLE_MODEL} a model file could not be read or written
 * (missing, corrupt, hostile, of another format version). Status 4 is the launcher's.
 */
@Command(name = "nn4j", mixinStandardHelpOptions = true, versionProvider = Nn4jCommand.Version.class,
        description = "Neural networks for Java on a pluggable linear-algebra backend.",
        subcommands = {LinearRegressionCommand.class, FashionMnistCommand.class, EvaluateCommand.class,
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
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof BackendException) {
                commandLine.getErr().println("nn4j: " + e.getMessage());
                return NO_BACKEND;
            }
            if (e instanceof IllegalArgumentException) {
                commandLine.getErr().println("nn4j: " + e.getMessage());
                return USAGE;
            }
            throw e;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
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
