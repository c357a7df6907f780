package dev.robust.cli;

import dev.robust.cli.run.BenchCommand;
import dev.robust.cli.run.ExportCommand;
import dev.robust.cli.run.RunCommand;
import dev.robust.cli.run.StudyCommand;
import dev.robust.cli.run.SubmitCommand;
import dev.robust.cli.run.UpCommand;
import dev.robust.common.BadInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code robust} command. Exit codes: 0 success, 1 bad input (one message naming the file and the problem),
 * 2 bad usage, 130 stopped by Ctrl-C. {@code --verbose} adds stack traces.
 */
@Command(name = "robust",
        mixinStandardHelpOptions = true,
        versionProvider = RobustCommand.Version.class,
        description = "Consistency training and corruption-robustness evaluation over Kafka.",
        subcommands = {
                RunCommand.class,
                UpCommand.class,
                StudyCommand.class,
                DatasetCommand.class,
                CorruptCommand.class,
                SheetCommand.class,
                KafkaCommand.class,
                BenchCommand.class,
                SubmitCommand.class,
                ExportCommand.class,
        })
public final class RobustCommand {
    public static final int EXIT_BAD_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    /** The shell's code for a command ended by Ctrl-C (128 + SIGINT). */
    public static final int EXIT_INTERRUPTED = 130;

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces on errors.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The configured command line; tests execute it in-process. */
    public static CommandLine newCommandLine() {
        CommandLine cli = new CommandLine(new RobustCommand());
        cli.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_BAD_INPUT);
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            // After Ctrl-C the shutdown hooks stop the broker and services under the running command, which then
            // fails on a closed connection: that is the stop itself, not an error to report.
            if (shuttingDown()) return EXIT_INTERRUPTED;
            boolean verbose = parseResult.hasMatchedOption("--verbose")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"));
            cmd.getErr().println("error: " + describe(e));
            if (verbose) e.printStackTrace(cmd.getErr());
            return EXIT_BAD_INPUT;
        });
        return cli;
    }

    /** True once the JVM runs its shutdown hooks: only then does registering a hook fail. */
    private static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof BadInputException) return e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException nsf) return nsf.getFile() + ": no such file or directory";
        if (e instanceof java.io.IOException) return e.getMessage() == null ? e.toString() : e.getMessage();
        return e.toString() + " (run with --verbose for the stack trace)";
    }

    /** This build's version from the jar's manifest; {@code development build} when run from classes. */
    public static String version() {
        String v = RobustCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"robust " + version()};
        }
    }
}
