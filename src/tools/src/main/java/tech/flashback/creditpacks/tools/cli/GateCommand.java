package tech.flashback.creditpacks.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.backcompat.BackcompatGate;
import tech.flashback.creditpacks.tools.report.Reports;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;
import tech.flashback.creditpacks.tools.verify.ContractVerification.Report;

@Command(
        name = "gate",
        mixinStandardHelpOptions = true,
        description =
                "The backcompat gate: the contracts of a published version (the last release) against a producer, held"
                        + " to that version's own rules, so a release cannot break what its consumers were promised.")
final class GateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProducerOptions producer;

    @Mixin
    StubsOptions stubs;

    @Mixin
    ReportOptions reports;

    @Option(
            names = "--baseline",
            paramLabel = "VERSION|COORDINATES|JAR|FOLDER",
            defaultValue = "${sys:" + ToolProperties.BASELINE_VERSION + "}",
            description = "The published version to hold the producer to (or -D" + ToolProperties.BASELINE_VERSION
                    + "); a bare version needs --artifact.")
    String baseline;

    @Override
    public Integer call() {
        if (baseline == null || baseline.isBlank()) {
            throw new IllegalArgumentException("Name the published version to check against: --baseline 1.0.0 (or -D"
                    + ToolProperties.BASELINE_VERSION + "=1.0.0)");
        }
        var target = producer.target();
        try (PublishedSource source = PublishedSource.open(stubs.spec(baseline), stubs.repository())) {
            Report report = BackcompatGate.check(source.label(), source.stubs(), target);
            spec.commandLine().getOut().print(report.render());
            spec.commandLine().getOut().flush();
            reports.write(() -> Reports.json("gate", report), () -> Reports.junit("gate", report));
            return report.passed() ? ContractTools.Exit.PASSED.code : ContractTools.Exit.FAILED.code;
        }
    }
}
