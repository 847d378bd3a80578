package tech.flashback.creditpacks.tools.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.deploy.CanIDeploy;
import tech.flashback.creditpacks.tools.publish.StubPublisher;
import tech.flashback.creditpacks.tools.published.PublishedStubs;
import tech.flashback.creditpacks.tools.report.Reports;
import tech.flashback.creditpacks.tools.resolve.ArtifactFolder;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;
import tech.flashback.creditpacks.tools.verify.ContractVerification;

@Command(
        name = "can-i-deploy",
        mixinStandardHelpOptions = true,
        description =
                "Verifies a producer against every consumer's contracts and the public ones, prints the consumer x state x"
                        + " contract matrix, and says DEPLOY, DO NOT DEPLOY (naming the consumers it would break) or CANNOT TELL.")
final class CanIDeployCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProducerOptions producer;

    @Mixin
    StubsOptions stubs;

    @Mixin
    ReportOptions reports;

    @Option(
            names = "--stubs",
            paramLabel = "FOLDER|JAR|COORDINATES",
            defaultValue = "${sys:" + ToolProperties.STUBS_PUBLISHED + ":-stubs}",
            description = "The published contracts, the consumers' among them (default: ${DEFAULT-VALUE}).")
    String published;

    @Option(
            names = "--consumer-contracts",
            paramLabel = "FOLDER|JAR|COORDINATES",
            description =
                    "More consumers' contracts, from where a consumer published them (a Maven repository: coordinates whose"
                            + " classifier is 'contracts' unless given); each holds consumers/<consumer>/. Repeatable.")
    List<String> consumerContracts = new ArrayList<>();

    @Option(
            names = "--contracts",
            paramLabel = "FOLDER",
            description =
                    "The producer's contracts the consumers' are published with (default: those the stubs carry, else contracts/).")
    Path contracts;

    @Override
    public Integer call() throws IOException {
        var target = producer.target();
        CanIDeploy.Decision decision;
        try (PublishedSource source = PublishedSource.open(stubs.spec(published), stubs.repository())) {
            if (consumerContracts.isEmpty()) {
                decision = CanIDeploy.decide(source.label(), source.stubs(), target);
            } else {
                decision = withConsumerArtifacts(source, target);
            }
        }
        spec.commandLine().getOut().print(decision.render());
        spec.commandLine().getOut().flush();
        reports.write(
                () -> Reports.json("can-i-deploy", decision.report()),
                () -> Reports.junit("can-i-deploy", decision.report()));
        return decision.answer() == CanIDeploy.Answer.DEPLOY
                ? ContractTools.Exit.PASSED.code
                : ContractTools.Exit.FAILED.code;
    }

    /** The producer's contracts and the consumers' from their artifacts, published together, then verified. */
    private CanIDeploy.Decision withConsumerArtifacts(PublishedSource source, ContractVerification.Target target)
            throws IOException {
        Path producerContracts = contracts != null
                ? contracts
                : Files.isDirectory(source.stubs().root().resolve("contracts"))
                        ? source.stubs().root().resolve("contracts")
                        : Path.of("contracts");
        Path work = Files.createTempDirectory("contract-tools-can-i-deploy-");
        List<ArtifactFolder> artifacts = new ArrayList<>();
        try {
            List<Path> folders = new ArrayList<>();
            for (String artifact : consumerContracts) {
                ArtifactFolder folder = ArtifactFolder.open(artifact, stubs.repository(), "contracts");
                artifacts.add(folder);
                folders.add(folder.folder());
            }
            Path merged = CanIDeploy.withConsumers(producerContracts, folders, work);
            StubPublisher.run(new StubPublisher.Settings(
                    merged,
                    work.resolve("published"),
                    null,
                    new StubPublisher.Publication("can-i-deploy", "1"),
                    false,
                    false));
            return CanIDeploy.decide(
                    source.label() + " with " + String.join(", ", consumerContracts),
                    PublishedStubs.read(work.resolve("published")),
                    target);
        } finally {
            artifacts.forEach(ArtifactFolder::close);
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Left to the system's cleaning of its temporary folder.
        }
    }
}
