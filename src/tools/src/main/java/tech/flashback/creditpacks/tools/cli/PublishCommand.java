package tech.flashback.creditpacks.tools.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.contract.verifier.config.TestFramework;
import org.springframework.cloud.contract.verifier.config.TestMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.publish.ContractTests;
import tech.flashback.creditpacks.tools.publish.StubPublisher;

@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description =
                "Publishes the contracts: WireMock stubs, their rules as JSON Schema, an OpenAPI document, into the folder"
                        + " a stubs jar is packed from; keeps a committed copy (stubs/) equal to it; and generates the producer's contract"
                        + " tests. Only files whose content changed are written.")
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--contracts",
            paramLabel = "FOLDER",
            defaultValue = "contracts",
            description = "The contracts (default: ${DEFAULT-VALUE}).")
    Path contracts;

    @Option(
            names = "--out",
            paramLabel = "FOLDER",
            required = true,
            description = "Where to publish: the folder a stubs jar is packed from (the build's own; replaced).")
    Path out;

    @Option(
            names = "--committed",
            paramLabel = "FOLDER",
            description =
                    "A committed copy of the published form (stubs/): the command fails when it differs, naming each file.")
    Path committed;

    @Option(
            names = "--check",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "true",
            converter = Flag.class,
            description =
                    "Compare the committed copy (default: ${DEFAULT-VALUE}; false while a contract change is under review).")
    boolean check;

    @Option(
            names = "--update",
            arity = "0..1",
            fallbackValue = "true",
            defaultValue = "${sys:" + ToolProperties.STUBS_UPDATE + ":-false}",
            converter = Flag.class,
            description = "Rewrite the committed copy instead of failing (or -D" + ToolProperties.STUBS_UPDATE + ").")
    boolean update;

    @Option(names = "--api-title", defaultValue = "API", description = "The OpenAPI document's title.")
    String apiTitle;

    @Option(names = "--api-version", defaultValue = "1", description = "The OpenAPI document's version (the API's).")
    String apiVersion;

    @Option(
            names = "--provider",
            defaultValue = "producer",
            description = "The producer's name in the Pact files (default: ${DEFAULT-VALUE}).")
    String provider;

    @Option(
            names = "--tests",
            paramLabel = "FOLDER",
            description =
                    "Also generate the producer's contract tests (Spring Cloud Contract's generator, a test class per contract"
                            + " folder) into this folder: the build's own, a test source root of its own.")
    Path tests;

    @Option(
            names = "--tests-package",
            paramLabel = "PACKAGE",
            description = "The generated tests' package (default: Spring Cloud" + " Contract's).")
    String testsPackage;

    @Option(names = "--tests-base-class", paramLabel = "CLASS", description = "The class every generated test extends.")
    String testsBaseClass;

    @Option(
            names = "--tests-framework",
            defaultValue = "JUNIT5",
            description = "The generated tests' framework: ${COMPLETION-CANDIDATES}" + " (default: ${DEFAULT-VALUE}).")
    TestFramework testsFramework;

    @Option(
            names = "--tests-mode",
            defaultValue = "MOCKMVC",
            description = "How the generated tests call the producer:"
                    + " ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    TestMode testsMode;

    @Option(
            names = "--record",
            paramLabel = "FILE",
            description =
                    "The build's record of its last successful run (in its own target folder): a run whose contracts, settings,"
                            + " tools and outputs are all as recorded does nothing. Without it, every run does all the work.")
    Path record;

    @Override
    public Integer call() {
        // Logging starts here, on this thread: when the first log call came from the side task that
        // generates the tests while another thread was starting SLF4J, SLF4J printed 'SLF4J(W): ...
        // replayed' warnings on a run that went well.
        LoggerFactory.getILoggerFactory();
        StubPublisher.Publication publication = new StubPublisher.Publication(apiTitle, apiVersion, provider);
        try {
            ContractTests generated = tests == null
                    ? null
                    : new ContractTests(tests, testsPackage, testsBaseClass, testsFramework, testsMode);
            StubPublisher.Outcome outcome = StubPublisher.run(new StubPublisher.Settings(
                    contracts, out, committed, publication, update, check, generated, record));
            outcome.ignored()
                    .forEach(file ->
                            spec.commandLine().getOut().println("Ignored (not published, its test not run): " + file));
            if (!outcome.updated().isEmpty()) {
                spec.commandLine()
                        .getOut()
                        .println("Updated " + committed + ":\n  " + String.join("\n  ", outcome.updated()));
            }
            return ContractTools.Exit.PASSED.code;
        } catch (StubPublisher.StaleCommittedCopy stale) {
            spec.commandLine().getErr().println(stale.getMessage());
            return ContractTools.Exit.FAILED.code;
        }
    }

    /** Maven's flag convention: {@code -Dx} and {@code -Dx=true} are on, {@code -Dx=false} is off. */
    static final class Flag implements ITypeConverter<Boolean> {

        @Override
        public Boolean convert(String value) {
            return value.isEmpty() || Boolean.parseBoolean(value);
        }
    }
}
