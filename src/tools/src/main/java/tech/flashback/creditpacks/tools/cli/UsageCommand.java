package tech.flashback.creditpacks.tools.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.report.Reports;
import tech.flashback.creditpacks.tools.resolve.PublishedSource;
import tech.flashback.creditpacks.tools.usage.FieldUsage;

@Command(
        name = "usage",
        mixinStandardHelpOptions = true,
        description =
                "Who relies on what: per producer state and JSON path, the consumers whose contracts require it (and the"
                        + " public contract). What nobody requires, the producer may stop sending.")
final class UsageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StubsOptions stubs;

    @Option(
            names = "--stubs",
            paramLabel = "FOLDER|JAR|COORDINATES",
            defaultValue = "${sys:" + ToolProperties.STUBS_PUBLISHED + ":-stubs}",
            description = "The published contracts (default: ${DEFAULT-VALUE}).")
    String published;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write it as JSON.")
    Path json;

    @Override
    public Integer call() {
        try (PublishedSource source = PublishedSource.open(stubs.spec(published), stubs.repository())) {
            FieldUsage usage = FieldUsage.of(source.stubs());
            spec.commandLine().getOut().print(usage.render());
            spec.commandLine().getOut().flush();
            if (json != null) {
                Reports.write(json, usage.json());
            }
            return ContractTools.Exit.PASSED.code;
        }
    }
}
