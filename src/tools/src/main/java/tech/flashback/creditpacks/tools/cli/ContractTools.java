package tech.flashback.creditpacks.tools.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The contract tools' command line: one jar, one entry point, a subcommand per job. Exit codes
 * are the same for every command ({@link Exit}); the Maven profiles call the same commands
 * through {@link MavenEntryPoint}.
 */
@Command(
        name = "contract-tools",
        mixinStandardHelpOptions = true,
        versionProvider = ContractTools.Version.class,
        description = "Consumer-driven contract tools: publish stubs from contracts, verify a producer, gate a release,"
                + " diff two versions of the contracts, serve the stubs to consumers.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the check passed",
            "1:the check failed (a contract broken, a breaking change, stale stubs)",
            "2:the command could not run (bad usage or input: the message says what to change)"
        })
public final class ContractTools {

    /** The commands, in the order the usage lists them. */
    private static final List<Class<?>> COMMANDS = List.of(
            PublishCommand.class,
            VerifyCommand.class,
            CanIDeployCommand.class,
            GateCommand.class,
            DiffCommand.class,
            UsageCommand.class,
            ServeCommand.class);

    /** What a command's exit code means, the same for every command. */
    public enum Exit {
        PASSED(0),
        FAILED(1),
        UNUSABLE(2);

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

    private ContractTools() {}

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
        return commandLine(args.length == 0 ? null : args[0])
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

    /**
     * The command line with the command {@code first} names, or every command when it names none
     * (the usage lists them all; a mistyped one gets suggestions). Picocli reads all options of
     * every command it is given, about 0.1 s for the seven; the command asked for parses, runs and
     * explains itself alike without the others.
     */
    private static CommandLine commandLine(String first) {
        CommandLine line = new CommandLine(new ContractTools());
        boolean named = COMMANDS.stream().anyMatch(command -> name(command).equals(first));
        COMMANDS.stream()
                .filter(command -> !named || name(command).equals(first))
                .forEach(line::addSubcommand);
        return line;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
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
