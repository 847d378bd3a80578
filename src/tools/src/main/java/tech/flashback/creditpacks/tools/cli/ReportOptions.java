package tech.flashback.creditpacks.tools.cli;

import java.nio.file.Path;
import java.util.function.Supplier;
import picocli.CommandLine.Option;
import tech.flashback.creditpacks.tools.ToolProperties;
import tech.flashback.creditpacks.tools.report.Reports;

/** Where a command writes its report for CI systems, beside the text it prints. */
final class ReportOptions {

    @Option(
            names = "--json",
            paramLabel = "FILE",
            defaultValue = "${sys:" + ToolProperties.REPORT_JSON + "}",
            description = "Also write the report as JSON (schema: report-v1.schema.json in the tools' jar; or -D"
                    + ToolProperties.REPORT_JSON + ").")
    Path json;

    @Option(
            names = "--junit",
            paramLabel = "FILE",
            defaultValue = "${sys:" + ToolProperties.REPORT_JUNIT + "}",
            description = "Also write the report as JUnit XML, for a CI server's test view (or -D"
                    + ToolProperties.REPORT_JUNIT + ").")
    Path junit;

    void write(Supplier<String> asJson, Supplier<String> asJUnit) {
        if (json != null) {
            Reports.write(json, asJson.get());
        }
        if (junit != null) {
            Reports.write(junit, asJUnit.get());
        }
    }
}
