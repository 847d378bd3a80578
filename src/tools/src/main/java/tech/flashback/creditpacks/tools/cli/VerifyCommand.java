package tech.flashback.creditpacks.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.report.Reports;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;
import tech.flashback.creditpacks.tools.verify.ContractVerification;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;
import tech.flashback.creditpacks.tools.verify.HttpProbe;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = "Runs published contracts against a running producer, in any language, state by state through its"
                + " state hook, and holds every answer to the contracts' rules.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProducerOptions producer;

    @Mixin
    StubsOptions stubs;

    @Mixin
    ReportOptions reports;

    @Option(
            names = "--consumer",
            paramLabel = "NAME",
            description =
                    "Only this consumer's contracts (repeatable; \"public\" for the public contracts); all without it.")
    java.util.List<String> consumers;

    @Option(
            names = "--stubs",
            paramLabel = "FOLDER|JAR|COORDINATES",
            defaultValue = "${sys:" + ToolProperties.STUBS_PUBLISHED + ":-stubs}",
            description =
                    "The published contracts: a folder (default: ${DEFAULT-VALUE}), a stubs jar, or its Maven coordinates"
                            + " group:artifact:version[:classifier].")
    String published;

    @Override
    public Integer call() {
        ContractVerification.Target target = producer.target();
        try (PublishedSource source = PublishedSource.open(stubs.spec(published), stubs.repository())) {
            Report report = new ContractVerification(new HttpProbe(HttpProbe.Limits.DEFAULT))
                    .run(source.label(), ConsumerSelection.of(consumers).of(source.stubs()), target);
            spec.commandLine().getOut().print(report.render());
            spec.commandLine().getOut().flush();
            reports.write(() -> Reports.json("verify", report), () -> Reports.junit("verify", report));
            return report.passed() ? ContractTools.Exit.PASSED.code : ContractTools.Exit.FAILED.code;
        }
    }
}
