package tech.flashback.creditpacks.tools.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The contract tools' command line: one jar, one entry point, a subcommand per job. Exit codes
 * are the same for every command ({@link Exit}); the Maven profiles call the same commands
 * through {@link MavenEntryPoint}.
 */
@Command(name = "contract-tools", mixinStandardHelpOptions = true, versionProvider = ContractTools.Version.class,
        description = "Consumer-driven contract tools: publish stubs from contracts, verify a producer, gate a release,"
                + " diff two versions of the contracts, serve the stubs to consumers.",
        subcommands = {PublishCommand.class, VerifyCommand.class, CanIDeployCommand.class, GateCommand.class, DiffCommand.class,
                UsageCommand.class, ServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the check passed", "1:the check failed (a contract broken, a breaking change, stale stubs)",
                "2:the command could not run (bad usage or input: the message says what to change)"})
public final class ContractTools {

    /** What a command's exit code means, the same for every command. */
    public enum Exit {
        PASSED(0), FAILED(1), UNUSABLE(2);

        public final int code;

        Exit(int code) {
            this.code = code;
        }
    }

    /**
     * Picocli's default factory looks for Groovy's {@code Closure} (for closures in annotations,
     * which no command uses) and, finding it in the jar (Spring Cloud Contract's DSL needs Groovy),
     * initialises Groovy's runtime: about 0.4 s of every command's start. This picocli setting
     * leaves Groovy to the commands that read contracts.
     */
    private static final String PICOCLI_GROOVY_CLOSURES_OFF = "picocli.disable.closures";

    private ContractTools() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code, printing to the console. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        // The tools' logging, unless the user gives their own: libraries only warn, in one line.
        if (System.getProperty(ToolsLogging.CONFIGURATION_PROPERTY) == null) {
            System.setProperty(ToolsLogging.CONFIGURATION_PROPERTY, ToolsLogging.CONFIGURATION);
        }
        if (System.getProperty(PICOCLI_GROOVY_CLOSURES_OFF) == null) {
            System.setProperty(PICOCLI_GROOVY_CLOSURES_OFF, "true");
        }
        return new CommandLine(new ContractTools())
                .setOut(out)
                .setErr(err)
                .setExitCodeExceptionMapper(failure -> Exit.UNUSABLE.code)
                .setExecutionExceptionHandler((failure, commandLine, parsed) -> {
                    // Bad input is the user's to fix: say what, without a stack trace.
                    commandLine.getErr().println(commandLine.getCommandName() + ": " + message(failure));
                    return Exit.UNUSABLE.code;
                })
                .execute(args);
    }

    private static String message(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.toString() : message;
    }

    /** The jar's own version, from its manifest. */
    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = ContractTools.class.getPackage().getImplementationVersion();
            return new String[] {"contract-tools " + (version == null ? "(development build)" : version)};
        }
    }
}
