package tech.flashback.creditpacks.tools.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.diff.ContractDiff;
import tech.flashback.creditpacks.tools.report.Reports;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;

@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description =
                "What changed for consumers between two versions of the contracts, the baseline and the candidate:"
                        + " every change BREAKING, REVIEW or ADDITIVE, judged by replaying the baseline's requests against the candidate's stubs.")
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StubsOptions stubs;

    @Mixin
    ReportOptions reports;

    @Option(
            names = "--baseline",
            paramLabel = "VERSION|COORDINATES|JAR|FOLDER",
            defaultValue = "${sys:" + ToolProperties.BASELINE_VERSION + "}",
            description = "The version consumers built against (or -D" + ToolProperties.BASELINE_VERSION
                    + "); a bare version needs --artifact.")
    String baseline;

    @Option(
            names = "--candidate",
            paramLabel = "VERSION|COORDINATES|JAR|FOLDER",
            defaultValue = "${sys:" + ToolProperties.CANDIDATE_VERSION + ":-${sys:" + ToolProperties.STUBS_PUBLISHED
                    + ":-stubs}}",
            description = "The version to compare with the baseline (default: ${DEFAULT-VALUE}).")
    String candidate;

    @Override
    public Integer call() {
        if (baseline == null || baseline.isBlank()) {
            throw new IllegalArgumentException("Name the published version to compare with: --baseline 1.0.0 (or -D"
                    + ToolProperties.BASELINE_VERSION + "=1.0.0)");
        }
        try (PublishedSource baselineSource = PublishedSource.open(stubs.spec(baseline), stubs.repository());
                PublishedSource candidateSource = PublishedSource.open(stubs.spec(candidate), stubs.repository())) {
            ContractDiff.Report report = ContractDiff.compare(
                    baselineSource.label(), baselineSource.stubs(), candidateSource.label(), candidateSource.stubs());
            spec.commandLine().getOut().print(report.render());
            spec.commandLine().getOut().flush();
            reports.write(() -> Reports.json(report), () -> Reports.junit(report));
            return report.failing() ? ContractTools.Exit.FAILED.code : ContractTools.Exit.PASSED.code;
        }
    }
}
